import { DeliveryError } from '../app';

/** Exponential backoff: attempt n waits between half and all of min(maxMs, baseMs · 2^(n−1)). */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** After a 403 the conversation pauses this long before the next message probes it (grows with consecutive 403s). */
export const FORBIDDEN_PAUSE: BackoffPolicy = { baseMs: 15_000, maxMs: 10 * 60_000 };

/**
 * Delay before the next try after `attempts` failures (1-based), with "equal jitter":
 * uniformly in [cap/2, cap] where cap = min(maxMs, baseMs · 2^(attempts−1)). `random` ∈ [0, 1).
 */
export const backoffMs = (attempts: number, policy: BackoffPolicy, random: () => number): number => {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
};

/** What to do with an item after a failed delivery. */
export type Verdict =
  /** Try again after `delayMs`; `blockMs` > 0 also holds the whole conversation (Retry-After). */
  | { readonly kind: 'retry'; readonly delayMs: number; readonly blockMs: number }
  /** Give up on this item. */
  | { readonly kind: 'dead'; readonly reason: 'attempts' | 'permanent' }
  /** Teams refused this message (403): give it up, pause the conversation, then probe it with the next one. */
  | { readonly kind: 'forbidden' };

export interface FailureFacts {
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  /** Failed attempts including this one. */
  readonly attempts: number;
}

/**
 * Transient per Teams' guidance (429, 412, 502, 504) plus other 5xx, 408, 401 (token hiccups)
 * and network faults (`null`); other 4xx are permanent. A 403 stops only that message: whether the
 * bot was removed from a team is told by Teams' own event (conversationUpdate / installationUpdate).
 */
const isTransient = (status: number | null): boolean =>
  status === null || status === 401 || status === 408 || status === 412 || status === 429 || status >= 500;

export const decide = (f: FailureFacts, maxAttempts: number, backoff: BackoffPolicy, random: () => number): Verdict => {
  if (f.status === 403) return { kind: 'forbidden' };
  if (!isTransient(f.status)) return { kind: 'dead', reason: 'permanent' };
  if (f.attempts >= maxAttempts) return { kind: 'dead', reason: 'attempts' };
  const retryAfter = f.retryAfterMs !== null && f.retryAfterMs >= 0 ? f.retryAfterMs : null;
  if (retryAfter !== null) return { kind: 'retry', delayMs: retryAfter, blockMs: retryAfter };
  return { kind: 'retry', delayMs: backoffMs(f.attempts, backoff, random), blockMs: 0 };
};

/** Status and Retry-After of whatever the notifier threw (anything else counts as a network fault). */
export const failureOf = (e: unknown): { status: number | null; retryAfterMs: number | null; message: string } =>
  e instanceof DeliveryError
    ? { status: e.status, retryAfterMs: e.retryAfterMs, message: e.message }
    : { status: null, retryAfterMs: null, message: e instanceof Error ? e.message : String(e) };
