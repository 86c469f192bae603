import { z } from 'zod';

/** A Universal Action as Teams sends it: `Action.Execute` with a verb and the card's data. */
export const invokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(64),
    data: z.record(z.unknown()).default({}),
  }),
});

/** The case a card action names and the version its card showed. */
export const caseRef = z.object({
  caseId: z.string().max(20),
  version: z.coerce.number().int().min(1).max(1_000_000),
});

type Parsed<T> = { readonly success: true; readonly data: T } | { readonly success: false };

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

// Every card action was parsed twice with zod (the invoke, then its case reference), each parse
// building copies: after the envelope the bot's largest zod cost before the storage read in the
// bench profile. The shape a card sends is read in place; anything else goes through the schema,
// which alone refuses.

/** The invoke's verb and data (`invokeSchema`): its result exactly, read in place for plain JSON. */
export const readInvoke = (value: unknown): Parsed<z.infer<typeof invokeSchema>> => {
  const action = isPlain(value) ? value.action : undefined;
  if (
    isPlain(action) &&
    action.type === 'Action.Execute' &&
    typeof action.verb === 'string' &&
    action.verb.length >= 1 &&
    action.verb.length <= 64
  ) {
    const data = action.data;
    // zod copies the data's keys (never `__proto__`): the same copy here.
    if (data === undefined) return { success: true, data: { action: { type: 'Action.Execute', verb: action.verb, data: {} } } };
    if (isPlain(data) && !Object.hasOwn(data, '__proto__'))
      return { success: true, data: { action: { type: 'Action.Execute', verb: action.verb, data: { ...data } } } };
  }
  return invokeSchema.safeParse(value);
};

/** The case reference in a card's data (`caseRef`): its result exactly, read in place for a string id and an integer version. */
export const readCaseRef = (data: Readonly<Record<string, unknown>>): Parsed<z.infer<typeof caseRef>> => {
  const { caseId, version } = data;
  if (
    typeof caseId === 'string' &&
    caseId.length <= 20 &&
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version >= 1 &&
    version <= 1_000_000
  )
    return { success: true, data: { caseId, version } };
  return caseRef.safeParse(data);
};
