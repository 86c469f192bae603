import { DeliveryError, type OutboxMessage } from '../../../src/app';
import { OutboxDispatcher } from '../../../src/scheduler';
import { FakeClock, RecordingLogger } from '../../support/fakes';
import { MemoryOutbox, message } from './memoryOutbox';

type Answer = 'ok' | { status: number | null; retryAfterMs?: number };

/** A notifier that answers per call as `script` says and records what it was asked to send. */
const scripted = (clock: FakeClock, script: (m: OutboxMessage, nth: number) => Answer) => {
  const calls: { id: string; conv: string; at: number; ok: boolean }[] = [];
  return {
    calls,
    notifier: {
      deliver: async (m: OutboxMessage): Promise<string | null> => {
        const answer = script(m, calls.filter((c) => c.id === m.id).length + 1);
        calls.push({ id: m.id, conv: m.conversation.conversationId, at: clock.now().getTime(), ok: answer === 'ok' });
        if (answer === 'ok') return `act-${m.id}`;
        throw new DeliveryError(`status ${answer.status}`, answer.status, answer.retryAfterMs ?? null);
      },
    },
  };
};

const setup = (script: (m: OutboxMessage, nth: number) => Answer, opts = {}) => {
  const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
  const store = new MemoryOutbox();
  const log = new RecordingLogger();
  const n = scripted(clock, script);
  const d = new OutboxDispatcher(store, n.notifier, clock, log, { inlineWaitMaxMs: 0, random: () => 0.5, ...opts });
  return { clock, store, log, calls: n.calls, d };
};

describe('OutboxDispatcher (in-memory outbox, fake clock)', () => {
  it('moves an item to the dead letters after 8 failed attempts, with growing pauses between them', async () => {
    const { clock, store, calls, d } = setup(() => ({ status: 500 }));
    store.add('tenant-a', message('19:a@thread.tacv2'));
    for (let i = 0; i < 200; i++) {
      await d.sweepAll();
      clock.advance(1_000);
    }
    await d.stop();
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));
    const dead = await store.deadLetters('tenant-a');
    console.log(
      'dead-letter after N attempts: tried',
      calls.length,
      'delivered 0, dead-lettered',
      dead.length,
      'gaps (s)',
      gaps.map((g) => g / 1000).join(' '),
    );
    expect(calls).toHaveLength(8);
    expect(dead).toEqual([expect.objectContaining({ reason: 'attempts', attempts: 8, lastStatus: 500 })]);
    expect(store.rows.get('tenant-a')?.size).toBe(0);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i] ?? 0).toBeGreaterThanOrEqual(gaps[i - 1] ?? 0);
  });

  it('honours Retry-After on 429: nothing to that conversation before it ends, other conversations go on', async () => {
    const { clock, store, calls, d } = setup((m, nth) =>
      m.conversation.conversationId.startsWith('19:a') && nth === 1 && m.activity.text === 'a1'
        ? { status: 429, retryAfterMs: 5000 }
        : 'ok',
    );
    store.add('tenant-a', message('19:a@thread.tacv2', 'tenant-a', 'a1'));
    store.add('tenant-a', message('19:a@thread.tacv2', 'tenant-a', 'a2'));
    store.add('tenant-a', message('19:b@thread.tacv2', 'tenant-a', 'b1'));
    await d.sweepAll();
    expect(calls.map((c) => [c.conv.slice(0, 4), c.ok])).toEqual(
      [
        ['19:a', false],
        ['19:b', true],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    clock.advance(4999);
    await d.sweepAll();
    expect(calls).toHaveLength(2);
    clock.advance(1);
    await d.sweepAll();
    await d.stop();
    const a = calls.filter((c) => c.conv.startsWith('19:a'));
    console.log(
      'Retry-After: tried',
      calls.length,
      'delivered',
      calls.filter((c) => c.ok).length,
      'first retry after (ms)',
      (a[1]?.at ?? 0) - (a[0]?.at ?? 0),
    );
    expect(a.map((c) => c.ok)).toEqual([false, true, true]);
    expect((a[1]?.at ?? 0) - (a[0]?.at ?? 0)).toBe(5000);
  });

  it('delivers one conversation in creation order even when an early item needs retries', async () => {
    const { clock, store, calls, d } = setup((m, nth) => (m.activity.text === 'x2' && nth <= 2 ? { status: 503 } : 'ok'));
    for (let i = 1; i <= 5; i++) store.add('tenant-a', message('19:x@thread.tacv2', 'tenant-a', `x${i}`));
    const ids = [...(store.rows.get('tenant-a')?.keys() ?? [])];
    for (let i = 0; i < 10; i++) {
      await d.sweepAll();
      clock.advance(5_000);
    }
    await d.stop();
    const delivered = calls.filter((c) => c.ok).map((c) => c.id);
    expect(delivered).toEqual(ids);
    expect(calls).toHaveLength(7);
  });

  it('after a 403 gives up only that message, pauses the conversation and probes it with the next one', async () => {
    let refuse = 1;
    const { clock, store, log, calls, d } = setup(
      (m) => (m.conversation.conversationId.startsWith('19:weg') && refuse-- > 0 ? { status: 403 } : 'ok'),
      {
        forbiddenPause: { baseMs: 10_000, maxMs: 60_000 },
      },
    );
    for (let i = 0; i < 6; i++) store.add('tenant-a', message('19:weg@thread.tacv2'));
    for (let i = 0; i < 3; i++) store.add('tenant-a', message('19:blijft@thread.tacv2'));
    await d.sweepAll();
    const duringPause = calls.length;
    // random 0.5: the first pause is 7.5 s (between half and all of 10 s).
    clock.advance(7_000);
    await d.sweepAll();
    const stillPaused = calls.length;
    clock.advance(1_000);
    await d.sweepAll();
    await d.stop();
    const dead = await store.deadLetters('tenant-a');
    const warns = log.lines.filter((l) => l.level === 'warn');
    console.log(
      '403: tried',
      calls.length,
      'delivered',
      calls.filter((c) => c.ok).length,
      'dead-lettered',
      dead.length,
      'warn lines',
      warns.length,
    );
    expect(duringPause).toBe(4);
    expect(stillPaused).toBe(4);
    expect(calls.filter((c) => c.conv.startsWith('19:weg'))).toHaveLength(6);
    expect(calls.filter((c) => c.ok)).toHaveLength(8);
    expect(dead).toEqual([expect.objectContaining({ reason: 'permanent', lastStatus: 403 })]);
    expect(warns).toEqual([expect.objectContaining({ data: expect.objectContaining({ conversation: '19:weg@thread.tacv2' }) })]);
  });

  it('stops a conversation only when Teams said the bot was removed from its team, and resumes when it is back', async () => {
    const { store, calls, d } = setup(() => 'ok');
    store.removed.set('tenant-a', new Set(['19:weg@thread.tacv2']));
    for (let i = 0; i < 3; i++) store.add('tenant-a', message('19:weg@thread.tacv2'));
    await d.sweepAll();
    expect(calls).toHaveLength(0);
    expect((await store.deadLetters('tenant-a')).map((x) => x.reason)).toEqual(['gone', 'gone', 'gone']);
    store.removed.delete('tenant-a');
    d.presenceChanged('tenant-a');
    store.add('tenant-a', message('19:weg@thread.tacv2'));
    await d.sweepAll();
    await d.stop();
    expect(calls.filter((c) => c.ok)).toHaveLength(1);
  });

  it("delivers a new case's root card at once, ahead of its conversation's queue held by a retry", async () => {
    const { clock, store, calls, d } = setup((m, nth) => (m.activity.text === 'ervoor' && nth === 1 ? { status: 500 } : 'ok'));
    store.add('tenant-a', message('19:druk@thread.tacv2', 'tenant-a', 'ervoor'));
    await d.sweepAll();
    const root = { ...message('19:druk@thread.tacv2', 'tenant-a', 'hoofdkaart'), kind: 'reply' as const, rootCard: 'root' as const };
    store.add('tenant-a', root);
    const delivered = await d.deliveredSoon('tenant-a', root.id, 1_000);
    clock.advance(5_000);
    await d.sweepAll();
    await d.stop();
    console.log(
      'root card ahead of a held queue:',
      calls.map((c) => `${c.id === root.id ? 'hoofdkaart' : 'ervoor'}:${c.ok ? 'ok' : 'fout'}`).join(' '),
    );
    expect(delivered).toBe(true);
    expect(calls.map((c) => [c.id === root.id, c.ok])).toEqual([
      [false, false],
      [true, true],
      [false, true],
    ]);
  });

  it('continues the retry schedule after a restart from what the outbox row says', async () => {
    const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
    const store = new MemoryOutbox();
    const first = scripted(clock, () => ({ status: 502 }));
    const m = message('19:r@thread.tacv2');
    store.add('tenant-a', m);
    const d1 = new OutboxDispatcher(store, first.notifier, clock, new RecordingLogger(), {
      inlineWaitMaxMs: 0,
      random: () => 0,
      maxAttempts: 3,
    });
    await d1.sweepAll();
    await d1.stop();
    expect(store.row('tenant-a', m.id)).toEqual(expect.objectContaining({ attempts: 1, lastStatus: 502 }));
    const second = scripted(clock, () => ({ status: 502 }));
    const d2 = new OutboxDispatcher(store, second.notifier, clock, new RecordingLogger(), {
      inlineWaitMaxMs: 0,
      random: () => 0,
      maxAttempts: 3,
    });
    await d2.sweepAll();
    expect(second.calls).toHaveLength(0);
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      await d2.sweepAll();
    }
    await d2.stop();
    expect(second.calls).toHaveLength(2);
    expect(await store.deadLetters('tenant-a')).toEqual([expect.objectContaining({ attempts: 3, reason: 'attempts' })]);
  });
});
