import { z } from 'zod';
import { type Result, err, ok } from '../domain';

/**
 * The fields of an inbound activity the bot relies on, in the shape Teams (and the Agents
 * Playground) send them. Anything else passes through untouched; a field in another shape (a
 * string `entities`, an object `tenantId`, a numeric `conversation.id`) makes the activity
 * refused at the edge, before any use case runs. `null` is accepted wherever a field is optional:
 * some clients send it for "absent".
 */
const text = (max: number) => z.string().max(max);
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.nullish();
const account = z.object({ id: text(1024).min(1), name: optional(z.unknown()), aadObjectId: optional(text(1024)) }).passthrough();
const idOnly = z.object({ id: optional(text(1024)) }).passthrough();

export const activityEnvelope = z
  .object({
    type: text(64),
    id: optional(text(1024)),
    serviceUrl: text(2048).min(1),
    from: account,
    recipient: account,
    conversation: z
      .object({
        id: text(2048).min(1),
        tenantId: optional(text(256)),
        conversationType: optional(text(64)),
      })
      .passthrough(),
    channelData: optional(
      z
        .object({
          tenant: optional(idOnly),
          team: optional(idOnly),
          channel: optional(idOnly),
        })
        .passthrough(),
    ),
    entities: optional(z.array(z.object({ type: text(128) }).passthrough()).max(100)),
    replyToId: optional(text(1024)),
    name: optional(text(256)),
    membersAdded: optional(z.array(z.object({ id: text(1024) }).passthrough()).max(1000)),
    membersRemoved: optional(z.array(z.object({ id: text(1024) }).passthrough()).max(1000)),
  })
  .passthrough();

/** What is wrong with a refused envelope: the field paths (never values) and whether a reply can still reach the sender. */
export interface EnvelopeFault {
  readonly fields: readonly string[];
  readonly canReply: boolean;
}

export type EnvelopeCheck = Result<null, EnvelopeFault>;

const PASSED: EnvelopeCheck = ok(null);

/** Whether the conversation and the sender are intact, so a reply reaches the sender. */
const replyable = (activity: unknown): boolean =>
  z
    .object({
      serviceUrl: text(2048).min(1),
      from: account,
      recipient: account,
      conversation: z.object({ id: text(2048).min(1) }).passthrough(),
    })
    .safeParse(activity).success;

// The same rules as `activityEnvelope`, checked in place: every activity passes through here, and
// zod's parse builds a copy of the whole envelope each time (the largest part of the bot's own
// work before the storage read in the bench profile). Stricter where that is simpler (plain
// objects only): whatever it does not pass goes to the schema, which alone decides a refusal and
// names the fields.
type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as Loose).then === 'function') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const isText = (v: unknown, max: number, min = 0): boolean => typeof v === 'string' && v.length <= max && v.length >= min;
const isOptionalText = (v: unknown, max: number): boolean => v === undefined || v === null || isText(v, max);
const isAccount = (v: unknown): boolean => isObject(v) && isText(v.id, 1024, 1) && isOptionalText(v.aadObjectId, 1024);
const isOptionalIdOnly = (v: unknown): boolean => v === undefined || v === null || (isObject(v) && isOptionalText(v.id, 1024));
const isOptionalList = (v: unknown, max: number, item: (x: Loose) => boolean): boolean => {
  if (v === undefined || v === null) return true;
  if (!Array.isArray(v) || v.length > max) return false;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (!isObject(x) || !item(x)) return false;
  }
  return true;
};
const isOptionalChannelData = (v: unknown): boolean =>
  v === undefined || v === null || (isObject(v) && isOptionalIdOnly(v.tenant) && isOptionalIdOnly(v.team) && isOptionalIdOnly(v.channel));
const isConversation = (v: unknown): boolean =>
  isObject(v) && isText(v.id, 2048, 1) && isOptionalText(v.tenantId, 256) && isOptionalText(v.conversationType, 64);

/** True only for an activity the schema accepts (exported for the test that holds the two together). */
export const plainlyValid = (a: unknown): boolean =>
  isObject(a) &&
  isText(a.type, 64) &&
  isOptionalText(a.id, 1024) &&
  isText(a.serviceUrl, 2048, 1) &&
  isAccount(a.from) &&
  isAccount(a.recipient) &&
  isConversation(a.conversation) &&
  isOptionalChannelData(a.channelData) &&
  isOptionalList(a.entities, 100, (e) => isText(e.type, 128)) &&
  isOptionalText(a.replyToId, 1024) &&
  isOptionalText(a.name, 256) &&
  isOptionalList(a.membersAdded, 1000, (m) => isText(m.id, 1024)) &&
  isOptionalList(a.membersRemoved, 1000, (m) => isText(m.id, 1024));

/**
 * Checks an activity's envelope. On a refusal, `fields` names the offending field paths (schema
 * keys and indices only, never a value, so they are safe to log).
 */
export const checkEnvelope = (activity: unknown): EnvelopeCheck => {
  if (plainlyValid(activity)) return PASSED;
  const r = activityEnvelope.safeParse(activity);
  if (r.success) return PASSED;
  const fields = [
    ...new Set(r.error.issues.map((i) => i.path.map((p) => (typeof p === 'number' ? '#' : p)).join('.') || '(activiteit)')),
  ].slice(0, 5);
  return err({ fields, canReply: replyable(activity) });
};
