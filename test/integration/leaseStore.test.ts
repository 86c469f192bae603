import { systemClock } from '../../src/app';
import { JobLeases, tickSlot } from '../../src/scheduler';
import { TableLeaseStore } from '../../src/storage';
import { FakeClock, RecordingLogger } from '../support/fakes';
import { freshTables } from '../support/storage';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job leases in the leases table (Azurite)', () => {
  it('lets exactly one of 8 instances run a tick, and none run it again once done', async () => {
    const store = new TableLeaseStore((await freshTables()).leases);
    const slot = tickSlot('reminders', new Date('2026-11-23T10:07:31Z'), 5 * 60_000);
    expect(slot).toBe('reminders:2026-11-23T10:05');
    let runs = 0;
    const instances = Array.from(
      { length: 8 },
      (_, i) => new JobLeases(store, systemClock, new RecordingLogger(), `inst-${i}`, { ttlMs: 5_000 }),
    );
    const results = await Promise.all(
      instances.map((l) =>
        l.runOnce(slot, async () => {
          runs++;
          await sleep(100);
          return 'klaar';
        }),
      ),
    );
    const again = await Promise.all(instances.map((l) => l.runOnce(slot, async () => runs++)));
    console.log(
      'job lease, 8 instances: ran',
      runs,
      'held',
      results.filter((r) => !r.ok).length,
      'afterwards',
      again.map((r) => (r.ok ? 'ran' : r.error)).join(','),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, value: { output: 'klaar', leaseLost: false } }]);
    expect(again.every((r) => !r.ok && r.error === 'done')).toBe(true);
  });

  it('hands a slot whose holder died to another instance only after the claim expired', async () => {
    const store = new TableLeaseStore((await freshTables()).leases);
    const clock = new FakeClock(new Date('2026-11-23T10:05:00Z'));
    const dead = await store.claim('reminders:2026-11-23T10:05', 'dood', clock.now(), new Date(clock.now().getTime() + 60_000));
    expect(dead.ok).toBe(true);
    const other = new JobLeases(store, clock, new RecordingLogger(), 'levend', { ttlMs: 60_000 });
    clock.advance(59_999);
    expect(await other.runOnce('reminders:2026-11-23T10:05', async () => 1)).toEqual({ ok: false, error: 'held' });
    clock.advance(2);
    expect(await other.runOnce('reminders:2026-11-23T10:05', async () => 2)).toEqual({ ok: true, value: { output: 2, leaseLost: false } });
    // The late holder can no longer finish or renew.
    if (dead.ok) {
      expect(await store.finish(dead.value, clock.now())).toBe(false);
      expect(await store.renew(dead.value, clock.now())).toBeNull();
    }
  });

  it('renews the claim while a long job runs, and releases it when the job fails', async () => {
    const store = new TableLeaseStore((await freshTables()).leases);
    const a = new JobLeases(store, systemClock, new RecordingLogger(), 'a', { ttlMs: 300 });
    const b = new JobLeases(store, systemClock, new RecordingLogger(), 'b', { ttlMs: 300 });
    const long = a.runOnce('export:1', async () => {
      await sleep(1000);
      return 'lang';
    });
    await sleep(700);
    expect(await b.runOnce('export:1', async () => 'b')).toEqual({ ok: false, error: 'held' });
    expect(await long).toEqual({ ok: true, value: { output: 'lang', leaseLost: false } });

    await expect(a.runOnce('export:2', async () => Promise.reject(new Error('kapot')))).rejects.toThrow('kapot');
    expect(await b.runOnce('export:2', async () => 'opnieuw')).toEqual({ ok: true, value: { output: 'opnieuw', leaseLost: false } });
  });

  it('aborts the job when its claim was taken over', async () => {
    const store = new TableLeaseStore((await freshTables()).leases);
    const clock = new FakeClock(new Date('2026-11-23T10:00:00Z'));
    const a = new JobLeases(store, clock, new RecordingLogger(), 'a', { ttlMs: 1_000, renewEveryMs: 50 });
    const result = a.runOnce('tick:x', async (signal) => {
      // Another instance takes the slot over behind a's back (a's clock stood still, say).
      await store.claim('tick:x', 'b', new Date(clock.now().getTime() + 5_000), new Date(clock.now().getTime() + 10_000));
      for (let i = 0; i < 40 && !signal.aborted; i++) await sleep(25);
      return signal.aborted;
    });
    expect(await result).toEqual({ ok: true, value: { output: true, leaseLost: true } });
  });
});
