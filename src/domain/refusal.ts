/**
 * Stable codes for expected refusals, in English like all structure (the message is the Dutch part).
 * Mapped to a card (src/bot/refusals.ts) or an HTTP status (src/http/refusals.ts) only at the edge;
 * both maps are total over this union, so a new code does not compile until both know it.
 */
export type RefusalCode =
  | 'wrong_role'
  | 'wrong_step'
  | 'stale_version'
  | 'invalid_input'
  | 'privacy'
  | 'conditions_not_met'
  | 'deadline_passed'
  | 'crisis'
  | 'closed'
  | 'unknown_action'
  | 'not_found'
  | 'wrong_card'
  | 'forbidden'
  /** No sign-in at all (the tab without a Teams SSO token). */
  | 'not_signed_in'
  /** A sign-in token that failed verification (signature, audience, scope, expiry). */
  | 'invalid_token'
  /** Signed in, but for another organisation than the one asked for. */
  | 'other_tenant'
  /** Signed in, but not a member of the team asked for. */
  | 'not_member'
  /** The request needs a signed-in user (development mode has none). */
  | 'sign_in_required'
  /** Existed once and is gone for good: a used or expired download link. */
  | 'expired'
  /** A dependency is down or not configured (storage, the token issuer's keys); try again later. */
  | 'unavailable';

/** A refusal: nothing changed. `message` is Dutch and shown to the user as is. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  /** Dutch error per form field name, for inline display next to the field. */
  readonly fieldErrors?: Readonly<Record<string, string>>;
}

export const refuse = (code: RefusalCode, message: string, fieldErrors?: Record<string, string>): Refusal =>
  fieldErrors ? { code, message, fieldErrors } : { code, message };
