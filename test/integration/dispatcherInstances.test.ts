import type { Notifier, OutboxStore } from '../../src/app';
import { systemClock } from '../../src/app';
import { OutboxDispatcher, TEAMS_LIMITS, conversationKey } from '../../src/scheduler';
import { TableLeaseStore, TableOutboxStore } from '../../src/storage';
import { ConnectorStandIn } from '../support/connectorStandIn';
import { RecordingLogger } from '../support/fakes';
import { freshTables } from '../support/storage';
import { maxInWindow } from '../unit/scheduler/windows';
import { messages, ok, realNotifier, seedOutbox, textOf, waitUntil } from './dispatcher.harness';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** An instance that can "die": after `kill()` every storage and connector call hangs for ever. */
const mortal = (store: OutboxStore, notifier: Notifier) => {
  let dead = false;
  const sentNotCompleted = new Set<string>();
  const leasedAtDeath = new Set<string>();
  const leased = new Set<string>();
  let onLease: (() => void) | null = null;
  const wrapped: OutboxStore = {
    tenants: () => (dead ? never() : store.tenants()),
    scan: (t, l) => (dead ? never() : store.scan(t, l)),
    lease: async (t, i, u) => {
      if (dead) return never();
      const r = await store.lease(t, i, u);
      if (r) leased.add(i.value.id);
      onLease?.();
      return dead ? never() : r;
    },
    complete: async (t, i) => {
      if (dead) return never();
      leased.delete(i.value.id);
      sentNotCompleted.delete(i.value.id);
      return store.complete(t, i);
    },
    reschedule: (t, i, r) => (dead ? never() : store.reschedule(t, i, r)),
    deadLetter: (t, i, x) => (dead ? never() : store.deadLetter(t, i, x)),
    deadLetters: (t, l) => store.deadLetters(t, l),
    removedConversations: (t) => (dead ? never() : store.removedConversations(t)),
    entry: (t, id) => (dead ? never() : store.entry(t, id)),
  };
  const wrappedNotifier: Notifier = {
    deliver: async (m) => {
      if (dead) return never();
      const id = await notifier.deliver(m);
      sentNotCompleted.add(m.id);
      return id;
    },
  };
  return {
    store: wrapped,
    notifier: wrappedNotifier,
    killAfterLeases: (n: number) => {
      let count = 0;
      onLease = () => {
        if (++count === n && !dead) {
          dead = true;
          for (const id of leased) leasedAtDeath.add(id);
        }
      };
    },
    isDead: () => dead,
    /** Items this instance sent but never marked done: the documented at-least-once window. */
    sentNotCompleted,
    leasedAtDeath,
  };
};

const figures = (connector: ConnectorStandIn, ids: readonly string[]) => {
  const wanted = new Set(ids);
  const calls = connector.calls.filter((c) => wanted.has(textOf(c)));
  const per = new Map<string, number>();
  for (const c of calls.filter(ok)) per.set(textOf(c), (per.get(textOf(c)) ?? 0) + 1);
  const byConv = new Map<string, number[]>();
  for (const c of calls) byConv.set(conversationKey(c.conversationId), [...(byConv.get(conversationKey(c.conversationId)) ?? []), c.at]);
  return {
    tried: calls.length,
    delivered: per.size,
    duplicated: [...per.entries()].filter(([, v]) => v > 1).map(([k]) => k),
    lost: ids.filter((id) => !per.has(id)).length,
    maxPerConversation1s: Math.max(...[...byConv.values()].map((t) => maxInWindow(t, 1000))),
    maxTenant1s: maxInWindow(
      calls.map((c) => c.at),
      1000,
    ),
  };
};

describe('two dispatcher instances against one Azurite', () => {
  const connector = new ConnectorStandIn();
  beforeAll(async () => {
    await connector.start();
  });
  afterAll(async () => connector.close());

  // Each instance enforces the tenant limit itself: with two instances each gets half of 50/s.
  const half = { ...TEAMS_LIMITS, perTenant: [{ windowMs: 1000, max: 25 }] };
  const base = {
    pollMs: 100,
    leaseMs: 3_000,
    deliveryTimeoutMs: 2_000,
    limits: half,
    backoff: { baseMs: 100, maxMs: 1000 },
    conversationStickyMs: 3_000,
  };
  /** Dispatcher instance `instanceId` over `store`, sending through `notifier` (by default the real connector). */
  const instance = (leases: TableLeaseStore, instanceId: string, store: OutboxStore, notifier: Notifier = realNotifier()) =>
    new OutboxDispatcher(store, notifier, systemClock, new RecordingLogger(), { ...base, conversationLeases: leases, instanceId });

  it('delivers each of 200 items over 20 conversations exactly once', async () => {
    const tables = await freshTables();
    const tenant = 'tenant-twee';
    const items = messages(
      connector.url,
      tenant,
      Array.from({ length: 20 }, (_, i) => `19:team-${i}@thread.tacv2`),
      10,
    );
    await seedOutbox(tables.cases, items);
    const store = new TableOutboxStore(tables.cases);
    const leases = new TableLeaseStore(tables.leases);
    const a = instance(leases, 'a', new TableOutboxStore(tables.cases));
    const b = instance(leases, 'b', new TableOutboxStore(tables.cases));
    a.start();
    b.start();
    await waitUntil(async () => (await store.scan(tenant, 1000)).length === 0, 18_000, 'outbox leeg');
    await Promise.all([a.stop(), b.stop()]);
    const f = figures(
      connector,
      items.map((m) => m.id),
    );
    console.log('two instances:', {
      items: items.length,
      ...f,
      duplicated: f.duplicated.length,
      byA: a.stats.delivered,
      byB: b.stats.delivered,
    });
    expect(f.lost).toBe(0);
    expect(f.duplicated).toEqual([]);
    expect(f.delivered).toBe(200);
    expect(a.stats.delivered + b.stats.delivered).toBe(200);
    expect(f.maxTenant1s).toBeLessThanOrEqual(50);
    expect(f.maxPerConversation1s).toBeLessThanOrEqual(7);
  }, 25_000);

  it('after one instance dies holding leases, the other delivers the rest once the leases expire; nothing lost', async () => {
    const tables = await freshTables();
    const tenant = 'tenant-crash';
    const items = messages(
      connector.url,
      tenant,
      Array.from({ length: 20 }, (_, i) => `19:crash-${i}@thread.tacv2`),
      10,
    );
    await seedOutbox(tables.cases, items);
    const store = new TableOutboxStore(tables.cases);
    const victim = mortal(new TableOutboxStore(tables.cases), realNotifier());
    victim.killAfterLeases(40);
    const leases = new TableLeaseStore(tables.leases);
    const a = instance(leases, 'a', victim.store, victim.notifier);
    const b = instance(leases, 'b', new TableOutboxStore(tables.cases));
    a.start();
    b.start();
    await waitUntil(async () => victim.isDead(), 10_000, 'instantie A dood');
    const diedAt = Date.now();
    await waitUntil(async () => (await store.scan(tenant, 1000)).length === 0, 18_000, 'outbox leeg');
    const drainedAfter = Date.now() - diedAt;
    await b.stop();
    const f = figures(
      connector,
      items.map((m) => m.id),
    );
    const window = [...victim.sentNotCompleted];
    console.log('instance killed mid-run:', {
      items: items.length,
      ...f,
      duplicated: f.duplicated.length,
      leasedByAWhenKilled: victim.leasedAtDeath.size,
      sentByAButNotCompleted: window.length,
      byA: a.stats.delivered,
      byB: b.stats.delivered,
      restDeliveredWithinMs: drainedAfter,
    });
    expect(victim.leasedAtDeath.size).toBeGreaterThan(0);
    expect(f.lost).toBe(0);
    expect(f.delivered).toBe(200);
    // The only duplicates allowed are items A had sent but not yet marked done when it died.
    expect(f.duplicated.sort()).toEqual(window.sort());
    expect(drainedAfter).toBeGreaterThanOrEqual(base.leaseMs - 500);
    // `a` is never stopped: its calls hang for ever, as a dead process's would.
  }, 25_000);
});
