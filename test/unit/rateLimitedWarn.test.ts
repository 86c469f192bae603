import { rateLimitedWarn } from '../../src/app';
import { RecordingLogger } from '../support/fakes';

describe('rateLimitedWarn', () => {
  it('logs at most 5 refusals a minute one line each, then one summary line per minute with the counts by reason', () => {
    let now = 0;
    const log = new RecordingLogger();
    const warn = rateLimitedWarn(log, 'token geweigerd', { max: 5, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 1000; i++) {
      warn({ reden: i % 2 ? 'verlopen' : 'handtekening' });
      now += 50; // 1000 refusals in 50 s
    }
    now = 61_000;
    warn({ reden: 'verlopen' });
    console.log(`1000 weigeringen in 50 s + 1 daarna → ${log.lines.length} logregels`);
    expect(log.lines).toHaveLength(7);
    expect(log.lines[5]).toEqual({
      level: 'warn',
      msg: 'token geweigerd (samengevat)',
      data: { aantal: 995, redenen: { handtekening: 497, verlopen: 498 } },
    });
    expect(log.lines[6]).toEqual({ level: 'warn', msg: 'token geweigerd', data: { reden: 'verlopen' } });
  });
});
