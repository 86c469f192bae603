import type { Refusal } from './refusal';

/**
 * The one outcome shape of the code base: expected failures are values, exceptions are for faults.
 * A use case's failure is a {@link Refusal} (nothing changed, a stable code and a Dutch message);
 * ports and helpers whose failure is not shown to anyone use a small code union as `E` instead.
 * Refusals become an invoke answer or an HTTP status only at the edge (`src/bot`, `src/http`).
 */
export type Result<T, E = Refusal> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
