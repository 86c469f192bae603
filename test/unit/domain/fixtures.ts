import {
  type Actor,
  type Case,
  DEFAULT_TABLES,
  type CaseEvent,
  type Refusal,
  type RegionalTable,
  type Role,
  ROLES,
  applyAction,
  formatCaseId,
  newCase,
} from '../../../src/domain';
import { ALL_CONDITIONS, SAMPLE_INPUT, WALK_NOW, type WalkStep, actionsAlong, pathTo } from '../../support/routeWalk';

/** Fixed clock: Friday 15 September 2023, 12:00 Amsterdam (CEST). */
export const NOW = WALK_NOW;

export const hash = (text: string): string => `h(${text})`;

export const actor = (...roles: Role[]): Actor => ({ userId: `u-${roles.join('-') || 'begeleider'}`, name: 'Test', roles });
export const BEGELEIDER = actor();
export const TEAMLEIDER = actor('teamleider');
export const SLEUTELFIGUUR = actor('sleutelfiguur');
export const COORDINATOR = actor('coordinator_verstevigingsteam');
export const EVERYONE = actor(...ROLES);

export const freshCase = (now: Date = NOW): Case =>
  newCase({
    id: formatCaseId(2023, 7),
    location: {
      tenantId: 't1',
      teamId: 'team',
      channelId: 'chan',
      conversationId: 'conv',
      serviceUrl: 'https://smba.example',
      rootActivityId: null,
    },
    ownerId: 'u-owner',
    now,
  });

export interface Ctx {
  readonly now?: Date;
  readonly tables?: readonly RegionalTable[];
}

export const apply = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE, ctx: Ctx = {}) =>
  applyAction(c, { verb, input }, who, { now: ctx.now ?? NOW, hash, tables: ctx.tables ?? DEFAULT_TABLES });

/** Applies an action that must succeed. */
export const step = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE, ctx: Ctx = {}): Case => {
  const r = apply(c, verb, input, who, ctx);
  if (!r.ok) throw new Error(`${verb} geweigerd: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`);
  return r.value.case;
};

/** Applies an action that must be refused, and returns the refusal. */
export const refusal = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE, ctx: Ctx = {}): Refusal => {
  const r = apply(c, verb, input, who, ctx);
  if (r.ok) throw new Error(`${verb} had geweigerd moeten worden maar leidde naar ${r.value.case.state}`);
  return r.error;
};

export const events = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE): readonly CaseEvent[] => {
  const r = apply(c, verb, input, who);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.events;
};

/** A valid input per verb, the shared route walk's (test/support/routeWalk.ts). */
export const INPUT = SAMPLE_INPUT;
export { ALL_CONDITIONS, type WalkStep };

/**
 * Runs a list of `[verb, overrides]` from a fresh case (or `from`) with an actor who holds every
 * role; a step's `notBefore` moves the clock forward from that step on.
 */
export const walk = (path: readonly WalkStep[], from: Case = freshCase(), ctx: Ctx = {}): Case =>
  actionsAlong(path).reduce((c, a) => {
    const now = ctx.now ?? NOW;
    return step(c, a.verb, a.input, EVERYONE, { ...ctx, now: a.notBefore && a.notBefore > now ? a.notBefore : now });
  }, from);

export const TO_VOORWAARDEN = pathTo('zorgkantoor', 'voorwaarden');
export const TO_AKKOORD = pathTo('zorgkantoor', 'akkoord_teamleider');
export const TO_FORMULIER = pathTo('zorgkantoor', 'formulier');
export const TO_AANGEMELD = pathTo('zorgkantoor', 'aangemeld');
export const TO_STAP3 = pathTo('bijstellen', 'stap3_teamleider');
export const TO_STAP5 = pathTo('bijstellen', 'stap5_afweging');
