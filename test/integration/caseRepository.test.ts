import { NEW_STATE, newCase, formatCaseId, type Case } from '../../src/domain';
import { TableCaseRepository, TableOutboxStore } from '../../src/storage';
import { freshTables } from '../support/storage';
import { location } from '../support/fakes';

const now = new Date('2026-11-23T10:00:00Z');

const event = (c: Case, action = 'test') => ({
  caseId: c.id,
  version: c.version,
  at: c.updatedAt,
  actorId: 'u1',
  actorRoles: [],
  action,
  fromState: NEW_STATE,
  toState: c.state,
  dataHash: 'x',
});

describe('TableCaseRepository tegen Azurite', () => {
  it('wijst casusnummers uniek toe, ook bij 40 gelijktijdige aanvragen', async () => {
    const { cases } = await freshTables();
    const repo = new TableCaseRepository(cases);
    const ids = await Promise.all(Array.from({ length: 40 }, () => repo.nextCaseId('tenant-a', 2026)));
    expect(new Set(ids).size).toBe(40);
    expect([...ids].sort()).toEqual(Array.from({ length: 40 }, (_, i) => formatCaseId(2026, i + 1)));
    expect(await repo.nextCaseId('tenant-b', 2026)).toBe('CAS-2026-0001');
    expect(await repo.nextCaseId('tenant-a', 2027)).toBe('CAS-2027-0001');
  });

  it('slaat een casus op met audit-event en leest hem terug', async () => {
    const { cases } = await freshTables();
    const repo = new TableCaseRepository(cases);
    const c = newCase({ id: formatCaseId(2026, 1), location: location(), ownerId: 'u1', now });
    const r = await repo.commit({ case: c, etag: null, events: [event(c, 'casus.openen')], outbox: [] });
    expect(r.ok).toBe(true);
    const back = await repo.get('tenant-a', c.id);
    expect(back?.value).toEqual(c);
    expect((await repo.events('tenant-a', c.id)).map((e) => e.action)).toEqual(['casus.openen']);
    expect(await repo.get('tenant-b', c.id)).toBeNull();
  });

  it('weigert een schrijfactie met een verouderde ETag en verandert dan niets', async () => {
    const { cases } = await freshTables();
    const repo = new TableCaseRepository(cases);
    const c = newCase({ id: formatCaseId(2026, 2), location: location(), ownerId: 'u1', now });
    const created = await repo.commit({ case: c, etag: null, events: [], outbox: [] });
    if (!created.ok) throw new Error('aanmaken mislukt');
    const first: Case = { ...c, state: 'cirkel1', version: 2 };
    const ok = await repo.commit({ case: first, etag: created.value.etag, events: [event(first)], outbox: [] });
    expect(ok.ok).toBe(true);
    const second: Case = { ...c, state: 'stap1_signaal', version: 2 };
    const stale = await repo.commit({
      case: second,
      etag: created.value.etag,
      events: [event(second, 'verloren')],
      outbox: [
        {
          id: 'o1',
          conversation: { serviceUrl: 's', conversationId: 'c', tenantId: 'tenant-a' },
          kind: 'post',
          activityId: null,
          activity: { text: 'x' },
          createdAt: now.toISOString(),
          caseId: c.id,
        },
      ],
    });
    expect(stale).toEqual({ ok: false, error: 'conflict' });
    expect((await repo.get('tenant-a', c.id))?.value.state).toBe('cirkel1');
    expect((await repo.events('tenant-a', c.id)).map((e) => e.action)).toEqual(['test']);
    expect(await new TableOutboxStore(cases).scan('tenant-a', 10)).toHaveLength(0);
  });

  it('weigert een tweede aanmaak van dezelfde casus', async () => {
    const { cases } = await freshTables();
    const repo = new TableCaseRepository(cases);
    const c = newCase({ id: formatCaseId(2026, 3), location: location(), ownerId: 'u1', now });
    await repo.commit({ case: c, etag: null, events: [], outbox: [] });
    expect(await repo.commit({ case: c, etag: null, events: [], outbox: [] })).toEqual({ ok: false, error: 'conflict' });
  });

  it('herkent een herhaalde levering aan de dedupe-sleutel', async () => {
    const { cases } = await freshTables();
    const repo = new TableCaseRepository(cases);
    const c = newCase({ id: formatCaseId(2026, 4), location: location(), ownerId: 'u1', now });
    const first = await repo.commit({ case: c, etag: null, events: [], outbox: [], dedupeKey: 'act:1' });
    expect(first.ok).toBe(true);
    expect(await repo.seen('tenant-a', 'act:1')).toBe(true);
    if (!first.ok) return;
    const again = await repo.commit({ case: { ...c, version: 2 }, etag: first.value.etag, events: [], outbox: [], dedupeKey: 'act:1' });
    expect(again).toEqual({ ok: false, error: 'duplicate' });
    expect((await repo.get('tenant-a', c.id))?.value.version).toBe(1);
  });

  it('schrijft outbox-items in dezelfde transactie en levert ze via lease precies één keer uit', async () => {
    const { cases } = await freshTables();
    const repo = new TableCaseRepository(cases);
    const outbox = new TableOutboxStore(cases);
    const c = newCase({ id: formatCaseId(2026, 5), location: location(), ownerId: 'u1', now });
    const msg = (id: string) => ({
      id,
      conversation: { serviceUrl: 's', conversationId: 'c', tenantId: 'tenant-a' },
      kind: 'post' as const,
      activityId: null,
      activity: { text: id },
      createdAt: now.toISOString(),
      caseId: c.id,
    });
    await repo.commit({ case: c, etag: null, events: [], outbox: [msg('a1'), msg('a2')] });
    expect(await outbox.tenants()).toContain('tenant-a');
    const pending = await outbox.scan('tenant-a', 10);
    expect(pending.map((p) => p.value.id)).toEqual(['a1', 'a2']);
    const [first] = pending;
    if (!first) throw new Error('leeg');
    const until = new Date(now.getTime() + 30_000);
    const mine = await outbox.lease('tenant-a', first, until);
    expect(mine).not.toBeNull();
    expect(await outbox.lease('tenant-a', first, until)).toBeNull();
    expect((await outbox.scan('tenant-a', 10)).map((p) => [p.value.id, p.delivery.leaseUntil])).toEqual([
      ['a1', until.toISOString()],
      ['a2', null],
    ]);
    if (!mine) return;
    expect(await outbox.complete('tenant-a', mine)).toBe(true);
    expect(await outbox.complete('tenant-a', mine)).toBe(false);
  });

  it('toont per kanaal alleen de casussen van dat kanaal', async () => {
    const { cases } = await freshTables();
    const repo = new TableCaseRepository(cases);
    const a = newCase({ id: formatCaseId(2026, 6), location: location(), ownerId: 'u1', now });
    const b = newCase({ id: formatCaseId(2026, 7), location: location({ channelId: '19:ander@thread.tacv2' }), ownerId: 'u1', now });
    await repo.commit({ case: a, etag: null, events: [], outbox: [] });
    await repo.commit({ case: b, etag: null, events: [], outbox: [] });
    expect((await repo.listByChannel('tenant-a', '19:kanaal@thread.tacv2')).map((c) => c.id)).toEqual([a.id]);
  });

  it('meldt bereikbaarheid van de opslag', async () => {
    const { cases } = await freshTables();
    await expect(new TableCaseRepository(cases).ping()).resolves.toBeUndefined();
  });
});
