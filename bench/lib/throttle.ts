import type { RecordedCall, Responder } from '../../test/support/connectorStandIn';

/** One sliding window: at most `max` accepted requests in any `windowMs`. */
interface Rule {
  readonly windowMs: number;
  readonly max: number;
}

/** Teams' published limits (Microsoft docs; see /work/shared/NOTES.md). */
const PER_CONVERSATION: readonly Rule[] = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
];
export const PER_TENANT: readonly Rule[] = [{ windowMs: 1_000, max: 50 }];

const fits = (times: readonly number[], rules: readonly Rule[], now: number): boolean =>
  rules.every((r) => times.filter((t) => t > now - r.windowMs).length < r.max);

/** The rate-limit key of a conversation: a channel thread counts as its channel. */
const channelOf = (conversationId: string): string => conversationId.split(';messageid=')[0] ?? conversationId;

/**
 * A connector responder that throttles like Teams: a request that would exceed a per-conversation
 * window or the per-tenant window (all conversations) is answered 429 with `Retry-After: 1`; else
 * 200. Windows slide over the arrival times of the requests **accepted** so far (a refused request
 * does not count). `ids` records the outbox id (the activity text) of every accepted request.
 */
export class TeamsThrottle {
  private readonly perConversation = new Map<string, number[]>();
  private readonly tenant: number[] = [];
  readonly accepted = new Map<string, number>();
  throttled = 0;
  /** Accepted requests per second since the first one (for the report). */
  readonly perSecond: number[] = [];
  private first = 0;

  readonly responder: Responder = (call: RecordedCall) => {
    const now = call.at;
    const key = channelOf(call.conversationId);
    const conv = this.perConversation.get(key) ?? [];
    if (!fits(conv, PER_CONVERSATION, now) || !fits(this.tenant, PER_TENANT, now)) {
      this.throttled++;
      return { status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests', message: 'throttled' } } };
    }
    conv.push(now);
    this.perConversation.set(
      key,
      conv.filter((t) => t > now - 30_000),
    );
    this.tenant.push(now);
    while ((this.tenant[0] ?? now) <= now - 1_000) this.tenant.shift();
    if (this.first === 0) this.first = now;
    const second = Math.floor((now - this.first) / 1000);
    this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
    const id = String(call.body['text'] ?? '');
    this.accepted.set(id, (this.accepted.get(id) ?? 0) + 1);
    return null;
  };
}
