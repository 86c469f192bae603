import { systemClock } from '../../src/app';
import { OutboxDispatcher, TEAMS_LIMITS, conversationKey } from '../../src/scheduler';
import { TableOutboxStore } from '../../src/storage';
import { ConnectorStandIn } from '../support/connectorStandIn';
import { RecordingLogger } from '../support/fakes';
import { freshTables } from '../support/storage';
import { maxInWindow } from '../unit/scheduler/windows';
import { messages, ok, realNotifier, seedOutbox, textOf, waitUntil } from './dispatcher.harness';

describe('dispatcher against Azurite and the connector stand-in (real ConnectorNotifier)', () => {
  const connector = new ConnectorStandIn();
  beforeAll(async () => {
    await connector.start();
  });
  afterAll(async () => connector.close());

  it('delivers everything deliverable exactly once through 429, 500 and 403 (each 403 gives up only that message), within Teams’ limits', async () => {
    const tables = await freshTables();
    const store = new TableOutboxStore(tables.cases);
    const tenant = 'tenant-limits';
    const convs = Array.from({ length: 12 }, (_, i) => `19:kanaal-${i}@thread.tacv2`);
    const gone = '19:verwijderd@thread.tacv2';
    const items = [...messages(connector.url, tenant, convs, 15), ...messages(connector.url, tenant, [gone], 5)];
    await seedOutbox(tables.cases, items);
    let n = 0;
    connector.responder = (call) => {
      n++;
      if (call.conversationId.startsWith(gone))
        return { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'weg' } } };
      if (n % 9 === 0) return { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'Throttled', message: 'te snel' } } };
      if (n % 7 === 0) return { status: 500, body: { error: { code: 'ServiceError', message: 'oeps' } } };
      if (n % 23 === 0) return { status: 502, body: {} };
      return null;
    };
    const log = new RecordingLogger();
    const d = new OutboxDispatcher(store, realNotifier(), systemClock, log, {
      pollMs: 100,
      leaseMs: 10_000,
      deliveryTimeoutMs: 5_000,
      backoff: { baseMs: 100, maxMs: 1_000 },
      forbiddenPause: { baseMs: 100, maxMs: 400 },
    });
    const started = Date.now();
    d.start();
    await waitUntil(async () => (await store.scan(tenant, 1000)).length === 0, 18_000, 'outbox leeg');
    await d.stop();
    const seconds = (Date.now() - started) / 1000;

    const calls = connector.calls.filter((c) => items.some((m) => m.id === textOf(c)));
    const deliveredPerId = new Map<string, number>();
    for (const c of calls.filter(ok)) deliveredPerId.set(textOf(c), (deliveredPerId.get(textOf(c)) ?? 0) + 1);
    const deliverable = items.filter((m) => !m.conversation.conversationId.startsWith(gone));
    const lost = deliverable.filter((m) => !deliveredPerId.has(m.id)).length;
    const duplicated = [...deliveredPerId.values()].filter((v) => v > 1).length;
    const dead = await store.deadLetters(tenant);
    const byConv = new Map<string, number[]>();
    for (const c of calls) byConv.set(conversationKey(c.conversationId), [...(byConv.get(conversationKey(c.conversationId)) ?? []), c.at]);
    const worst = (w: number) => Math.max(...[...byConv.values()].map((t) => maxInWindow(t, w)));
    const observed = {
      per1s: worst(1000),
      per2s: worst(2000),
      per30s: worst(30_000),
      tenantPer1s: maxInWindow(
        calls.map((c) => c.at),
        1000,
      ),
    };
    console.log('connector stand-in:', {
      items: items.length,
      tried: calls.length,
      delivered: deliveredPerId.size,
      duplicated,
      lost,
      deadLettered: dead.length,
      failedAttempts: d.stats.failedAttempts,
      status: Object.fromEntries(
        [200, 403, 429, 500, 502].map((s) => [s, calls.filter((c) => ((c as { status?: number }).status ?? 200) === s).length]),
      ),
      maxObservedRate: observed,
      seconds,
    });

    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(deliveredPerId.size).toBe(deliverable.length);
    expect(calls.filter((c) => c.conversationId.startsWith(gone))).toHaveLength(5);
    expect(dead.map((x) => [x.reason, x.lastStatus])).toEqual(Array.from({ length: 5 }, () => ['permanent', 403]));
    expect(log.lines.filter((l) => l.level === 'warn' && l.data?.conversation === gone)).toHaveLength(5);
    expect(observed.per1s).toBeLessThanOrEqual(7);
    expect(observed.per2s).toBeLessThanOrEqual(8);
    expect(observed.per30s).toBeLessThanOrEqual(60);
    expect(observed.tenantPer1s).toBeLessThanOrEqual(TEAMS_LIMITS.perTenant[0]?.max ?? 50);
    for (const conv of convs) {
      const order = calls.filter((c) => ok(c) && c.conversationId.startsWith(conv)).map(textOf);
      expect(order).toEqual([...order].sort());
    }
  }, 25_000);
});
