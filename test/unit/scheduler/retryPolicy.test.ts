import { DEFAULT_BACKOFF, backoffMs, decide } from '../../../src/scheduler';

describe('retry policy', () => {
  it('backs off exponentially with jitter between half and all of the capped delay', () => {
    const p = { baseMs: 1000, maxMs: 60_000 };
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => {
      const cap = Math.min(p.maxMs, 1000 * 2 ** (n - 1));
      const lo = backoffMs(n, p, () => 0);
      const hi = backoffMs(n, p, () => 0.999999);
      const samples = Array.from({ length: 200 }, () => backoffMs(n, p, Math.random));
      expect(lo).toBe(cap / 2);
      expect(hi).toBeLessThanOrEqual(cap);
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(cap / 2);
      expect(Math.max(...samples)).toBeLessThanOrEqual(cap);
      return `${n}:${lo}-${hi}`;
    });
    console.log('backoff bounds (attempt:min-max ms)', rows.join(' '));
  });

  it('honours Retry-After on 429 for the item and the whole conversation', () => {
    expect(decide({ status: 429, retryAfterMs: 7000, attempts: 1 }, 8, DEFAULT_BACKOFF, () => 0.5)).toEqual({
      kind: 'retry',
      delayMs: 7000,
      blockMs: 7000,
    });
  });

  it('retries 5xx, 412, 502, 504 and network faults with backoff, and gives up after the last attempt', () => {
    for (const status of [500, 502, 503, 504, 412, 429, null]) {
      const v = decide({ status, retryAfterMs: null, attempts: 3 }, 8, DEFAULT_BACKOFF, () => 0);
      expect(v).toEqual({ kind: 'retry', delayMs: 2000, blockMs: 0 });
      expect(decide({ status, retryAfterMs: null, attempts: 8 }, 8, DEFAULT_BACKOFF, () => 0)).toEqual({
        kind: 'dead',
        reason: 'attempts',
      });
    }
  });

  it('gives up one message on 403 (the conversation pauses) and at once on other client errors', () => {
    expect(decide({ status: 403, retryAfterMs: null, attempts: 1 }, 8, DEFAULT_BACKOFF, Math.random)).toEqual({ kind: 'forbidden' });
    for (const status of [400, 404, 413]) {
      expect(decide({ status, retryAfterMs: null, attempts: 1 }, 8, DEFAULT_BACKOFF, Math.random)).toEqual({
        kind: 'dead',
        reason: 'permanent',
      });
    }
  });
});
