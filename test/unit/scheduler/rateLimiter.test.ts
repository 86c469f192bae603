import { SlidingWindowLimiter, TEAMS_LIMITS, TeamsRateLimiter, conversationKey } from '../../../src/scheduler';
import { FakeClock } from '../../support/fakes';
import { maxInWindow } from './windows';

/** Sends as fast as the limiter allows on a fake clock; every send takes `latencyMs`. */
const flood = (
  limiter: TeamsRateLimiter,
  clock: FakeClock,
  sends: number,
  pick: (i: number) => { tenant: string; conv: string },
  latencyMs = 0,
) => {
  const at: { t: number; tenant: string; conv: string }[] = [];
  for (let i = 0; i < sends; i++) {
    const { tenant, conv } = pick(i);
    for (let w = limiter.waitMs(tenant, conv, clock.now().getTime()); w > 0; w = limiter.waitMs(tenant, conv, clock.now().getTime()))
      clock.advance(w);
    const ticket = limiter.begin(tenant, conv, clock.now().getTime());
    at.push({ t: clock.now().getTime(), tenant, conv });
    clock.advance(latencyMs);
    limiter.end(ticket, clock.now().getTime());
  }
  return at;
};

describe('sliding-window rate limiter (fake clock)', () => {
  it('never lets more than 7 in 1 s, 8 in 2 s, 60 in 30 s or 1800 in an hour through to one conversation', () => {
    const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
    const limiter = new TeamsRateLimiter();
    const times = flood(limiter, clock, 4000, () => ({ tenant: 't', conv: 'c' })).map((s) => s.t);
    const figures = {
      sends: times.length,
      per1s: maxInWindow(times, 1000),
      per2s: maxInWindow(times, 2000),
      per30s: maxInWindow(times, 30_000),
      perHour: maxInWindow(times, 3_600_000),
    };
    console.log('rate limiter, one conversation, 4000 sends:', figures, 'span (h):', ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 3_600_000);
    expect(figures.per1s).toBe(7);
    expect(figures.per2s).toBe(8);
    expect(figures.per30s).toBe(60);
    expect(figures.perHour).toBe(1800);
  });

  it('keeps a tenant at 50 requests per second over many conversations', () => {
    const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
    const limiter = new TeamsRateLimiter();
    const sends = flood(limiter, clock, 2000, (i) => ({ tenant: 't', conv: `c${i % 40}` }), 3);
    const times = sends.map((s) => s.t);
    const perConv = Math.max(
      ...Array.from({ length: 40 }, (_, c) =>
        maxInWindow(
          sends.filter((s) => s.conv === `c${c}`).map((s) => s.t),
          1000,
        ),
      ),
    );
    console.log(
      'rate limiter, 40 conversations, 2000 sends: max per tenant/s',
      maxInWindow(times, 1000),
      'max per conversation/s',
      perConv,
    );
    expect(maxInWindow(times, 1000)).toBe(50);
    expect(perConv).toBeLessThanOrEqual(7);
  });

  it('counts a request still in flight as happening now, and a finished one at its end', () => {
    const l = new SlidingWindowLimiter([{ windowMs: 1000, max: 2 }]);
    const a = l.begin('k', 0);
    l.begin('k', 0);
    expect(l.waitMs('k', 5000)).toBeGreaterThan(0);
    l.end(a, 700);
    expect(l.waitMs('k', 1000)).toBe(700);
    expect(l.waitMs('k', 1699)).toBe(1);
    expect(l.waitMs('k', 1700)).toBe(0);
  });

  it('forgets a cancelled request and honours a block (Retry-After) per key only', () => {
    const l = new SlidingWindowLimiter([{ windowMs: 1000, max: 1 }]);
    l.cancel(l.begin('k', 0));
    expect(l.waitMs('k', 0)).toBe(0);
    l.block('k', 3000);
    l.block('k', 2000);
    expect(l.waitMs('k', 500)).toBe(2500);
    expect(l.waitMs('other', 500)).toBe(0);
    expect(l.waitMs('k', 3000)).toBe(0);
  });

  it('treats a thread of a channel as its channel and ships the published limits', () => {
    expect(conversationKey('19:abc@thread.tacv2;messageid=1700000000')).toBe('19:abc@thread.tacv2');
    expect(conversationKey('a:1xyz')).toBe('a:1xyz');
    expect(TEAMS_LIMITS.perConversation.map((r) => `${r.max}/${r.windowMs}`)).toEqual(['7/1000', '8/2000', '60/30000', '1800/3600000']);
    expect(TEAMS_LIMITS.perTenant).toEqual([{ windowMs: 1000, max: 50 }]);
  });
});
