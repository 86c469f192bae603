import type restify from 'restify';
import type { Refusal, RefusalCode } from '../domain';

/**
 * The HTTP status of each refusal code: the one place a refusal becomes a status. Total over
 * {@link RefusalCode}, so a new code does not compile until it has one (and a card title in
 * src/bot/refusals.ts). The body carries the stable code and the Dutch message.
 */
const STATUS: Readonly<Record<RefusalCode, number>> = {
  invalid_input: 400,
  privacy: 400,
  unknown_action: 400,
  not_signed_in: 401,
  invalid_token: 401,
  forbidden: 403,
  wrong_role: 403,
  wrong_card: 403,
  not_member: 403,
  other_tenant: 403,
  sign_in_required: 403,
  not_found: 404,
  stale_version: 409,
  wrong_step: 409,
  closed: 409,
  crisis: 409,
  conditions_not_met: 422,
  deadline_passed: 422,
  expired: 410,
  unavailable: 503,
};

export const httpStatusOf = (code: RefusalCode): number => STATUS[code];

/** The JSON body of a refused API request: code and message, nothing else. */
const refusalBody = (r: Refusal): { readonly code: RefusalCode; readonly message: string } => ({ code: r.code, message: r.message });

/** Sends a refusal as JSON with its status; never cached (the API's answers hold a team's cases or a dossier). */
export const sendRefusal = (res: restify.Response, r: Refusal): void => {
  res.header('cache-control', 'no-store');
  res.json(httpStatusOf(r.code), refusalBody(r));
};
