import type { OutboxMessage } from './outbox';

/** Sends activities to Teams (the Bot Framework connector). */
export interface Notifier {
  /** Returns the new activity id for `post`/`reply`; `signal` aborts the request (the dispatcher gave up on it). */
  deliver(message: OutboxMessage, signal?: AbortSignal): Promise<string | null>;
}

/** A failed delivery as the connector reported it; the dispatcher decides on retry. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** HTTP status from the Teams connector, or `null` for a network fault. */
    readonly status: number | null,
    /** Retry-After in milliseconds, when the connector sent one. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
