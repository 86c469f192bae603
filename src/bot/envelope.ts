import { z } from 'zod';

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

const activityEnvelope = z
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

export type EnvelopeCheck = { readonly ok: true } | { readonly ok: false; readonly fields: readonly string[]; readonly canReply: boolean };

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

/**
 * Checks an activity's envelope. On a refusal, `fields` names the offending field paths (schema
 * keys and indices only, never a value, so they are safe to log).
 */
export const checkEnvelope = (activity: unknown): EnvelopeCheck => {
  const r = activityEnvelope.safeParse(activity);
  if (r.success) return { ok: true };
  const fields = [
    ...new Set(r.error.issues.map((i) => i.path.map((p) => (typeof p === 'number' ? '#' : p)).join('.') || '(activiteit)')),
  ].slice(0, 5);
  return { ok: false, fields, canReply: replyable(activity) };
};
