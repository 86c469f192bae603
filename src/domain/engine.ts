import { z } from 'zod';
import type { Case, CaseEvent, RouteId } from './case';
import { NEW_STATE } from './case';
import type { Actor } from './roles';
import { type Refusal, refuse } from './refusal';
import { type Result, err, ok } from './result';

/** An action on a case as the edge parsed it: a verb and untrusted input. */
export interface CaseAction {
  readonly verb: string;
  readonly input: unknown;
}

/** What the engine needs from outside: the moment and a hash for the audit trail. */
export interface ActionContext {
  readonly now: Date;
  /** SHA-256 (hex) of a string; injected so the domain stays free of I/O modules. */
  readonly hash: (text: string) => string;
}

export interface Applied {
  readonly case: Case;
  readonly events: readonly CaseEvent[];
}

const FIRST_STATE: Readonly<Record<RouteId, string>> = { zorgkantoor: 'cirkel1', bijstellen: 'stap1_signaal' };

const chooseRoute = z.object({
  route: z.enum(['zorgkantoor', 'bijstellen'], { errorMap: () => ({ message: 'Kies een route.' }) }),
  clientRef: z
    .string()
    .trim()
    .max(20, 'Maximaal 20 tekens: gebruik een pseudoniem, zoals het cliëntnummer uit het ECD.')
    .optional()
    .transform((v) => (v ? v : null)),
});

const fieldErrorsOf = (e: z.ZodError): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of e.issues) {
    const key = String(issue.path[0] ?? '_');
    out[key] ??= issue.message;
  }
  return out;
};

/** Applies one action to a case: the new case plus audit events, or a refusal (nothing changed). */
export const applyAction = (c: Case, action: CaseAction, actor: Actor, ctx: ActionContext): Result<Applied, Refusal> => {
  if (action.verb !== 'route.kiezen') return err(refuse('unknown_action', 'Deze actie bestaat niet.'));
  if (c.state !== NEW_STATE) return err(refuse('wrong_step', 'De route is al gekozen.'));
  const parsed = chooseRoute.safeParse(action.input);
  if (!parsed.success) return err(refuse('invalid_input', 'Controleer de invoer.', fieldErrorsOf(parsed.error)));
  const { route, clientRef } = parsed.data;
  const to = FIRST_STATE[route];
  const at = ctx.now.toISOString();
  const next: Case = {
    ...c,
    route,
    clientRef,
    state: to,
    version: c.version + 1,
    updatedAt: at,
    participants: c.participants.includes(actor.userId) ? c.participants : [...c.participants, actor.userId],
  };
  const event: CaseEvent = {
    caseId: c.id,
    version: next.version,
    at,
    actorId: actor.userId,
    actorRoles: actor.roles,
    action: action.verb,
    fromState: c.state,
    toState: to,
    dataHash: ctx.hash(JSON.stringify(parsed.data)),
  };
  return ok({ case: next, events: [event] });
};
