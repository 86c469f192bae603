import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableClient } from '@azure/data-tables';
import { runExport, runPurge, runRestore } from '../../scripts/lifecycle';
import { JobLeases, RetentionScheduler } from '../../src/scheduler';
import { RetentionService } from '../../src/app';
import {
  TableCalendarStore,
  TableCaseRepository,
  TableLeaseStore,
  TableOutboxStore,
  TableRetentionStore,
  type Tables,
  openTables,
} from '../../src/storage';
import type { CaseId } from '../../src/domain';
import { type Direct, startDirect } from '../support/direct';
import { DirectCase } from '../support/directCase';
import { channelActivity } from '../support/connectorStandIn';
import { FakeClock, RecordingLogger } from '../support/fakes';
import { testConnectionString, uniquePrefix } from '../support/storage';
import { seedTeam } from '../support/teamSettings';

const A = { tenantId: 'tenant-a', teamId: '19:team-a@thread.tacv2', channelId: '19:kanaal-a@thread.tacv2' };
const B = { tenantId: 'tenant-b', teamId: '19:team-b@thread.tacv2', channelId: '19:kanaal-b@thread.tacv2' };

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

const rowsOf = async (table: TableClient, pk: string): Promise<Row[]> => {
  const out: Row[] = [];
  for await (const e of table.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${pk}'` } })) {
    const { etag: _e, timestamp: _t, ...rest } = e as Row & { etag?: string; timestamp?: string };
    out.push(rest);
  }
  return out;
};

const keysOf = (rows: readonly Row[]) => rows.map((r) => r.rowKey).sort();

describe('gegevensbeheer: export, herstel en bewaartermijn (Azurite)', () => {
  const clock = new FakeClock(new Date('2023-10-02T08:00:00Z'));
  const dir = mkdtempSync(join(tmpdir(), 'export-'));
  let d: Direct;
  let tables: Tables;
  let closed: DirectCase;
  let open: DirectCase;
  let other: DirectCase;
  const env = () => ({ STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: d.prefix });

  beforeAll(async () => {
    d = await startDirect({}, { clock, reminders: false });
    tables = await openTables(d.app.storageConnection, d.prefix);
    await seedTeam(tables.cases, A, { serviceUrl: d.connector.url });
    await new TableCalendarStore(tables.cases).create(A.tenantId, [], []);
    closed = await DirectCase.open(d, 'begeleider-1', A);
    await closed.act('begeleider-1', 'route.kiezen', { route: 'zorgkantoor' });
    expect(await closed.act('begeleider-1', 'casus.intrekken', { reden: 'dubbel aangemaakt' })).toContain('Status: Ingetrokken');
    clock.set('2023-11-15T09:00:00Z');
    // Deliver what the first case sent, so the next opens read their own card (not a late update).
    await d.app.dispatcher.sweepAll();
    open = await DirectCase.open(d, 'begeleider-2', A);
    await d.app.dispatcher.sweepAll();
    other = await DirectCase.open(d, 'begeleider-9', B);
    expect([closed.caseId, open.caseId]).toEqual(['CAS-2023-0001', 'CAS-2023-0002']);
    await d.app.dispatcher.sweepAll();
  }, 60_000);

  afterAll(async () => d?.close());

  it('export schrijft alle rijen van één tenant (casussen, audit, instellingen, kalender, teller, register) en niets van een andere', async () => {
    const file = join(dir, 'a.jsonl');
    const r = await runExport(['--tenant', A.tenantId, '--file', file], env(), new Date('2023-12-01T10:00:00Z'));
    expect(r.ok).toBe(true);
    expect(r.lines[0]).toMatch(/rij\(en\) van tenant tenant-a \(2 casus\(sen\)\)/);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ format: 'escaleer-export', version: 1, tenantId: A.tenantId, exportedAt: '2023-12-01T10:00:00.000Z' });
    const exported = lines.slice(1) as { partitionKey: string; rowKey: string; properties: Record<string, unknown> }[];
    const stored = await rowsOf(tables.cases, 't_tenant-a');
    expect(
      exported
        .filter((r) => r.partitionKey === 't_tenant-a')
        .map((r) => r.rowKey)
        .sort(),
    ).toEqual(keysOf(stored));
    expect(exported.some((r) => r.partitionKey === 'tenants' && r.rowKey === 't_tenant-a')).toBe(true);
    const kinds = new Set(exported.map((r) => r.rowKey.split('_')[0]));
    for (const kind of ['case', 'event', 'dedupe', 'counter', 'team', 'calmeta']) expect(kinds).toContain(kind);
    expect(JSON.stringify(exported)).not.toContain('tenant-b');
    expect(JSON.stringify(exported)).not.toContain('begeleider-9');
    expect(statSync(file).mode & 0o077).toBe(0);
    // Never over an existing file.
    const again = await runExport(['--tenant', A.tenantId, '--file', file], env());
    expect(again).toEqual({ ok: false, lines: [expect.stringContaining('bestaat al')] });
  });

  it('herstel in een lege omgeving geeft dezelfde rijen terug, en de bot leest de casus en zijn audit weer', async () => {
    const file = join(dir, 'herstel.jsonl');
    expect((await runExport(['--tenant', A.tenantId, '--file', file], env())).ok).toBe(true);
    const prefix = uniquePrefix();
    const r = await runRestore(['--file', file], { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });
    expect(r.ok).toBe(true);
    const fresh = await openTables({ kind: 'connectionString', connectionString: testConnectionString() }, prefix);
    expect(await rowsOf(fresh.cases, 't_tenant-a')).toEqual(expect.arrayContaining(await rowsOf(tables.cases, 't_tenant-a')));
    expect(keysOf(await rowsOf(fresh.cases, 't_tenant-a'))).toEqual(keysOf(await rowsOf(tables.cases, 't_tenant-a')));
    const repo = new TableCaseRepository(fresh.cases);
    expect((await repo.get(A.tenantId, closed.caseId))?.value.state).toBe('ingetrokken');
    expect(await repo.events(A.tenantId, closed.caseId)).toEqual(
      await new TableCaseRepository(tables.cases).events(A.tenantId, closed.caseId),
    );
    expect(await new TableOutboxStore(fresh.cases).tenants()).toEqual([A.tenantId]);
    expect(await rowsOf(fresh.cases, 't_tenant-b')).toEqual([]);
  });

  it('herstel weigert als ook maar één rij al bestaat, noemt die en verandert niets', async () => {
    const file = join(dir, 'bestaat.jsonl');
    expect((await runExport(['--tenant', A.tenantId, '--file', file], env())).ok).toBe(true);
    const prefix = uniquePrefix();
    const target = await openTables({ kind: 'connectionString', connectionString: testConnectionString() }, prefix);
    const settings = JSON.parse(
      readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.includes('"rowKey":"team_')) ?? '{}',
    ) as { rowKey: string };
    await target.cases.createEntity({ partitionKey: 't_tenant-a', rowKey: settings.rowKey, data: '{"nieuwer":true}' });
    const before = await rowsOf(target.cases, 't_tenant-a');
    const r = await runRestore(['--file', file], { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix });
    expect(r.ok).toBe(false);
    expect(r.lines[0]).toBe('Niets hersteld: 1 rij(en) uit het bestand bestaan al voor tenant tenant-a, bijvoorbeeld:');
    expect(r.lines[1]).toContain(settings.rowKey);
    expect(await rowsOf(target.cases, 't_tenant-a')).toEqual(before);
    expect(await rowsOf(target.cases, 'tenants')).toEqual([]);
  });

  it('herstel weigert een bestand dat geen export is of een rij van een andere tenant bevat, en schrijft niets', async () => {
    const prefix = uniquePrefix();
    const e = { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: prefix };
    const header = JSON.stringify({ format: 'escaleer-export', version: 1, tenantId: 'tenant-a', exportedAt: '2023-12-01T10:00:00.000Z' });
    const good = JSON.stringify({ table: 'cases', partitionKey: 't_tenant-a', rowKey: 'calendar', properties: { data: '[]' } });
    const foreign = JSON.stringify({ table: 'cases', partitionKey: 't_tenant-b', rowKey: 'calendar', properties: { data: '[]' } });
    writeFileSync(join(dir, 'vreemd.jsonl'), `${header}\n${good}\n${foreign}\n`);
    writeFileSync(join(dir, 'geen.jsonl'), `${good}\n`);
    writeFileSync(join(dir, 'dubbel.jsonl'), `${header}\n${good}\n${good}\n`);
    const foreignR = await runRestore(['--file', join(dir, 'vreemd.jsonl')], e);
    expect(foreignR).toEqual({ ok: false, lines: ['Niets hersteld:', 'Regel 3: rij t_tenant-b/calendar hoort niet bij tenant tenant-a.'] });
    expect((await runRestore(['--file', join(dir, 'geen.jsonl')], e)).lines[1]).toMatch(/geen export van Escaleer/);
    expect((await runRestore(['--file', join(dir, 'dubbel.jsonl')], e)).lines[1]).toMatch(/twee keer/);
    expect((await runRestore([], e)).lines[0]).toContain('Gebruik: npm run restore');
    expect((await runRestore(['--file', join(dir, 'nergens.jsonl')], e)).lines[0]).toContain('niet te lezen');
    const target = await openTables({ kind: 'connectionString', connectionString: testConnectionString() }, prefix);
    expect(await rowsOf(target.cases, 't_tenant-a')).toEqual([]);
  });

  it('de bewaartermijn verwijdert een gesloten casus 24 maanden na sluiten, met zijn rijen; het auditspoor blijft met een verwijdergebeurtenis', async () => {
    const pk = 't_tenant-a';
    // Rows that belong to the closed case besides its audit: an undelivered outbox item, a dead letter, a reminder.
    await tables.cases.createEntity({
      partitionKey: pk,
      rowKey: 'outbox_achtergebleven',
      caseId: closed.caseId,
      data: '{}',
      leaseUntil: '',
    });
    await tables.cases.createEntity({ partitionKey: pk, rowKey: 'dead_achtergebleven', caseId: closed.caseId, data: '{}' });
    await tables.cases.createEntity({ partitionKey: pk, rowKey: 'due_2023-10-03T08:00:00.000Z_x', caseId: closed.caseId, key: 'x' });
    const repo = new TableCaseRepository(tables.cases);
    const auditBefore = await repo.events(A.tenantId, closed.caseId);
    const everythingElse = (await rowsOf(tables.cases, pk)).filter(
      (r) => r['caseId'] !== closed.caseId && r.rowKey !== `case_${closed.caseId}`,
    );

    clock.set('2025-10-01T08:00:00Z');
    expect(await d.app.retention.tick()).toEqual({ cases: 0, audits: 0, rows: 0, links: 0 });
    expect(await repo.get(A.tenantId, closed.caseId)).not.toBeNull();

    clock.set('2025-10-03T08:00:00Z');
    const r = await d.app.retention.tick();
    expect(r?.cases).toBe(1);
    expect(await repo.get(A.tenantId, closed.caseId)).toBeNull();
    // Its old card still sits in the channel: a click, and /status with its number, say what happened.
    const gone = `Casus ${closed.caseId} is gesloten en na de bewaartermijn op 3 oktober 2025 verwijderd.`;
    expect(await closed.act('begeleider-1', 'status.tonen')).toContain(gone);
    expect(await closed.act('begeleider-1', 'details.bekijken')).toContain(gone);
    const say = async (text: string): Promise<string> => {
      const id = `msg-status-${Math.random().toString(36).slice(2)}`;
      await d.post(channelActivity({ serviceUrl: d.connector.url, text, from: 'begeleider-1', id, ...A }));
      return d.connector.calls
        .filter((c) => c.activityId === id)
        .map((c) => JSON.stringify(c.body))
        .join('\n');
    };
    expect(await say(`/status ${closed.caseId}`)).toContain(gone);
    // A number that never existed is still just not found; what is typed is never repeated.
    expect(await say('/status CAS-2023-0099')).toContain('Casus CAS-2023-0099 is niet gevonden in dit kanaal.');
    const typed = await say('/status Jan de Vries');
    expect(typed).toContain('Dat is geen casusnummer.');
    expect(typed).not.toContain('Vries');
    const left = await rowsOf(tables.cases, pk);
    expect(left.filter((x) => x['caseId'] === closed.caseId && !String(x.rowKey).startsWith('event_')).map((x) => x.rowKey)).toEqual([
      `purged_${closed.caseId}`,
    ]);
    const audit = await repo.events(A.tenantId, closed.caseId);
    expect(audit.slice(0, -1)).toEqual(auditBefore);
    expect(audit.at(-1)).toMatchObject({
      action: 'casus.verwijderd',
      actorId: 'escaleer:bewaartermijn',
      fromState: 'ingetrokken',
      toState: 'verwijderd',
      at: '2025-10-03T08:00:00.000Z',
    });
    expect(audit.at(-1)?.dataHash).toMatch(/^[0-9a-f]{64}$/);
    // The open case, the other tenant, settings, calendar and counters are untouched.
    expect(left).toEqual(expect.arrayContaining(everythingElse));
    expect((await repo.get(A.tenantId, open.caseId))?.value.state).toBe('nieuw');
    expect(await repo.get(B.tenantId, other.caseId)).not.toBeNull();
    // The same day again: the slot is done; a manual run finds nothing left.
    expect(await d.app.retention.tick()).toBeNull();
    expect((await runPurge([], env(), clock)).lines[0]).toMatch(/^0 gesloten casus\(sen\) verwijderd/);
    // The case's audit trail stays 60 months after the purge, its last line (AUDIT_RETENTION_MONTHS), then goes, marker last.
    clock.set('2030-10-02T08:00:00Z');
    expect((await runPurge([], env(), clock)).lines[0]).toMatch(/, 0 auditspoor/);
    expect(await repo.events(A.tenantId, closed.caseId)).toHaveLength(audit.length);
    clock.set('2030-10-03T09:00:00Z');
    const audits = await runPurge([], env(), clock);
    expect(audits.lines[0]).toMatch(/^0 gesloten casus\(sen\) verwijderd .*, 1 auditspoor/);
    expect(await repo.events(A.tenantId, closed.caseId)).toEqual([]);
    expect((await rowsOf(tables.cases, pk)).some((x) => x['caseId'] === closed.caseId)).toBe(false);
    expect((await repo.get(A.tenantId, open.caseId))?.value.state).toBe('nieuw');
  });

  it('met twee instanties ruimt er per dag één op (lease); een tweede gelijktijdige run verwijdert niets dubbel', async () => {
    const prefix = uniquePrefix();
    const t = await openTables({ kind: 'connectionString', connectionString: testConnectionString() }, prefix);
    const c = new FakeClock(new Date('2030-01-10T03:00:00Z'));
    const log = new RecordingLogger();
    const instance = (owner: string) =>
      new RetentionScheduler(
        new RetentionService(
          new TableRetentionStore(t.cases),
          () => new TableOutboxStore(t.cases).tenants(),
          { caseMonths: 24, auditMonths: 60 },
          c,
          log,
        ),
        new JobLeases(new TableLeaseStore(t.leases), c, log, owner),
        c,
        log,
      );
    // A closed case written directly: closed on 1 January 2027.
    const closedCase = {
      id: 'CAS-2027-0001' as CaseId,
      tenantId: 'tenant-c',
      state: 'opgelost',
      updatedAt: '2027-01-01T00:00:00.000Z',
      location: { channelId: 'k', teamId: 't' },
    };
    await t.cases.createEntity({ partitionKey: 'tenants', rowKey: 't_tenant-c', tenantId: 'tenant-c' });
    await t.cases.createEntity({
      partitionKey: 't_tenant-c',
      rowKey: 'case_CAS-2027-0001',
      data: JSON.stringify(closedCase),
      state: 'opgelost',
      route: 'zorgkantoor',
      channelId: 'k',
      teamId: 't',
      version: 9,
    });
    const [one, two] = await Promise.all([instance('instantie-1').tick(), instance('instantie-2').tick()]);
    expect([one, two].filter((x) => x !== null)).toEqual([{ cases: 1, audits: 0, rows: 1, links: 0 }]);
    const events = await new TableCaseRepository(t.cases).events('tenant-c', closedCase.id);
    expect(events.map((e) => [e.action, e.version])).toEqual([['casus.verwijderd', 10]]);
    // Two manual runs at once (no lease): the case is purged once, the second finds it gone.
    await t.cases.createEntity({
      partitionKey: 't_tenant-c',
      rowKey: 'case_CAS-2027-0002',
      data: JSON.stringify({ ...closedCase, id: 'CAS-2027-0002' }),
      state: 'afgesloten',
      version: 3,
    });
    const service = new RetentionService(
      new TableRetentionStore(t.cases),
      async () => ['tenant-c'],
      { caseMonths: 24, auditMonths: 60 },
      c,
      log,
    );
    const both = await Promise.all([service.run(), service.run()]);
    expect(both.map((x) => x.cases).sort()).toEqual([0, 1]);
    expect(await new TableCaseRepository(t.cases).events('tenant-c', 'CAS-2027-0002' as CaseId)).toHaveLength(1);
  });
});
