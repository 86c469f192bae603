/** At most `max` requests in any window of `windowMs` milliseconds. */
export interface WindowRule {
  readonly windowMs: number;
  readonly max: number;
}

/** A started request; pass it to {@link SlidingWindowLimiter.end} or {@link SlidingWindowLimiter.cancel}. */
export interface Ticket {
  readonly key: string;
  /** Internal slot; finishing it moves its time to the end of the request. */
  readonly slot: { at: number; open: boolean };
}

/** How long to wait when only requests still in flight fill a window (their end is unknown). */
const IN_FLIGHT_WAIT_MS = 20;

/**
 * A pure sliding-window limiter over injected times (epoch ms), one set of windows per key.
 *
 * A request counts from the moment it starts until it ends, and after that at its end time. So a new
 * request starting at `s` was allowed only when, per rule, fewer than `max` requests ended after
 * `s - windowMs` or are still running: whatever the network delay, the receiver sees at most `max`
 * arrivals in any window (arrival of an old request ≤ its end ≤ start of the new one − window).
 */
export class SlidingWindowLimiter {
  private readonly slots = new Map<string, { at: number; open: boolean }[]>();
  private readonly blocked = new Map<string, number>();
  private readonly longest: number;

  constructor(readonly rules: readonly WindowRule[]) {
    this.longest = Math.max(0, ...rules.map((r) => r.windowMs));
  }

  /** Milliseconds until one more request for `key` may start at `now`; 0: now. */
  waitMs(key: string, now: number): number {
    let wait = Math.max(0, (this.blocked.get(key) ?? 0) - now);
    const slots = this.prune(key, now);
    for (const rule of this.rules) {
      const open = slots.filter((s) => s.open).length;
      const closed = slots.filter((s) => !s.open && s.at > now - rule.windowMs).map((s) => s.at);
      const excess = open + closed.length - rule.max + 1;
      if (excess <= 0) continue;
      if (excess > closed.length) {
        wait = Math.max(wait, IN_FLIGHT_WAIT_MS);
        continue;
      }
      closed.sort((a, b) => a - b);
      wait = Math.max(wait, (closed[excess - 1] ?? now) + rule.windowMs - now);
    }
    return wait;
  }

  /** Records the start of a request (check {@link waitMs} first; this does not). */
  begin(key: string, now: number): Ticket {
    const slot = { at: now, open: true };
    const list = this.slots.get(key) ?? [];
    list.push(slot);
    this.slots.set(key, list);
    return { key, slot };
  }

  /** The request ended (answered or failed) at `at`. */
  end(ticket: Ticket, at: number): void {
    ticket.slot.at = Math.max(ticket.slot.at, at);
    ticket.slot.open = false;
  }

  /** The request never went out (e.g. its claim failed). */
  cancel(ticket: Ticket): void {
    const list = this.slots.get(ticket.key);
    if (!list) return;
    const i = list.indexOf(ticket.slot);
    if (i >= 0) list.splice(i, 1);
  }

  /** No request for `key` before `until` (e.g. Retry-After); never shortens an earlier block. */
  block(key: string, until: number): void {
    this.blocked.set(key, Math.max(until, this.blocked.get(key) ?? 0));
  }

  /** Number of keys with state (for tests and housekeeping). */
  size(): number {
    return this.slots.size;
  }

  private prune(key: string, now: number): { at: number; open: boolean }[] {
    const until = this.blocked.get(key);
    if (until !== undefined && until <= now) this.blocked.delete(key);
    const list = this.slots.get(key);
    if (!list) return [];
    const kept = list.filter((s) => s.open || s.at > now - this.longest);
    if (kept.length === 0) this.slots.delete(key);
    else if (kept.length !== list.length) this.slots.set(key, kept);
    return kept;
  }
}
