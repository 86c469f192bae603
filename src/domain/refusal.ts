/** Stable codes for expected refusals; mapped to cards/HTTP only at the edge. */
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
  | 'forbidden';

/** A refusal: nothing changed. `message` is Dutch and shown to the user as is. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  /** Dutch error per form field name, for inline display next to the field. */
  readonly fieldErrors?: Readonly<Record<string, string>>;
}

export const refuse = (code: RefusalCode, message: string, fieldErrors?: Record<string, string>): Refusal =>
  fieldErrors ? { code, message, fieldErrors } : { code, message };
