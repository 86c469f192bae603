import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import {
  CalendarService,
  CaseService,
  DossierService,
  RetentionService,
  type TeamSettings,
  type ViewRequest,
  timeOrderedIds,
} from '../../src/app';
import { CardChannelViews } from '../../src/cards';
import { type Actor, type Case, DEFAULT_TABLES } from '../../src/domain';
import {
  TableCalendarStore,
  TableCaseRepository,
  TableDossierTokenStore,
  TableRetentionStore,
  TableTeamSettingsStore,
  type Tables,
  openTables,
  tenantRows,
} from '../../src/storage';
import { dossierOf, dossierPdf } from '../../src/dossier';
import { CountingProxy } from '../../bench/lib/countingProxy';
import { channelActivity } from '../support/connectorStandIn';
import { type Direct, startDirect } from '../support/direct';
import { DirectCase } from '../support/directCase';
import { FakeClock, RecordingLogger, location } from '../support/fakes';
import { pdfText } from '../support/pdfText';
import { freshTables, testConnectionString } from '../support/storage';

const TEAMLEIDER = { id: 'user-mohamed', name: 'Mohamed' };
const SLEUTELFIGUUR = { id: 'user-sanne', name: 'Sanne' };
const PIETER = { id: 'user-pieter', name: 'Pieter' };
const hash = (t: string) => createHash('sha256').update(t).digest('hex');
const anouk: Actor = { userId: 'user-anouk', name: 'Anouk', roles: [] };
const mohamed: Actor = { userId: TEAMLEIDER.id, name: TEAMLEIDER.name, roles: ['teamleider'] };
/** A link is `/dossier/<tenant>/<secret>`; the views below return what follows `/dossier/`. */
const secretOf = (path: string) => path.slice(path.indexOf('/') + 1);
const partsOf = (path: string): [string, string] => [path.slice(0, path.indexOf('/')), secretOf(path)];

/** Every call the storage code makes on a table client, by method (the SDK sends one request per call). */
interface TableCall {
  readonly method: string;
  readonly args: readonly unknown[];
}
const counting = (table: TableClient, calls: TableCall[]): TableClient =>
  new Proxy(table, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push({ method: prop, args });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });

const rowKeysOf = async (table: TableClient, pk: string): Promise<string[]> => {
  const out: string[] = [];
  for await (const e of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}'`, select: ['RowKey'] } })) {
    out.push(String(e.rowKey));
  }
  return out;
};

describe('DossierService tegen Azurite: eenmalige links, autorisatie op het moment van downloaden', () => {
  const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
  const calls: TableCall[] = [];
  let tables: Tables;
  let service: CaseService;
  let dossier: DossierService;
  let repo: TableCaseRepository;
  let settings: TableTeamSettingsStore;
  let tokens: TableDossierTokenStore;
  let c: Case;
  let other: Case;
  let views = 0;

  const saveRoles = async (holders: TeamSettings['roleHolders'], tenantId = location().tenantId) => {
    const { teamId } = location();
    const existing = await settings.get(tenantId, teamId);
    // Gebiedsteam Zuid's teamleider is Pieter, who holds no team-wide teamleider role.
    const gebiedsteams = [{ name: 'Zuid', teamleider: PIETER }];
    const next: TeamSettings = {
      tenantId,
      teamId,
      serviceUrl: 'http://x',
      roleHolders: holders,
      roleChannels: {},
      gebiedsteams,
      updatedAt: clock.now().toISOString(),
      updatedBy: 'x',
    };
    if (!(await settings.save(next, existing?.etag ?? null))) throw new Error('niet opgeslagen');
  };
  const downloads = async (of = c) => (await repo.events(of.tenantId, of.id)).filter((e) => e.action === 'dossier.downloaden');
  const detailViews = async () => (await repo.events(c.tenantId, c.id)).filter((e) => e.action === 'details.bekijken');
  const request = (actor: Actor, on = c, activityId = `view-${++views}`): ViewRequest => ({
    tenantId: on.tenantId,
    caseId: on.id,
    actor,
    activityId,
    channelId: on.location.channelId,
    teamId: on.location.teamId,
  });
  /** The details view as the bot asks for it; returns the link token it offers. */
  const view = async (actor: Actor, on = c, activityId?: string): Promise<string> => {
    const r = await service.viewDetails(request(actor, on, activityId), (x, a) => dossier.newLink(x, a));
    if (!r.ok) throw new Error(r.error.message);
    if (!r.value.dossierPath) throw new Error('geen link');
    return r.value.dossierPath;
  };

  beforeAll(async () => {
    tables = await freshTables();
    const cases = counting(tables.cases, calls);
    repo = new TableCaseRepository(cases);
    settings = new TableTeamSettingsStore(tables.cases);
    tokens = new TableDossierTokenStore(cases);
    const calendar = new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES);
    service = new CaseService({
      repo,
      views: new CardChannelViews(),
      calendar,
      settings,
      clock,
      ids: timeOrderedIds(clock),
      log: new RecordingLogger(),
    });
    dossier = new DossierService({ repo, calendar, settings, tokens, clock });
    await saveRoles({ teamleider: [TEAMLEIDER], sleutelfiguur: [SLEUTELFIGUUR] });
    await saveRoles({ teamleider: [TEAMLEIDER] }, 'tenant-b');
    const { rootActivityId: _, ...where } = location();
    const started = await service.start(where, anouk, 'a-1');
    if (started.kind !== 'created') throw new Error('geen casus');
    c = started.case.value;
    // The same team and channel ids in another tenant, with a case of the same number.
    const elsewhere = await service.start({ ...where, tenantId: 'tenant-b' }, anouk, 'b-1');
    if (elsewhere.kind !== 'created') throw new Error('geen casus');
    other = elsewhere.case.value;
    expect(other.id).toBe(c.id);
  });

  it('geeft geen link aan wie de details niet mag zien', async () => {
    const joost: Actor = { userId: 'user-joost', name: 'Joost', roles: [] };
    expect(dossier.newLink(c, joost)).toBeNull();
    const r = await service.viewDetails(request(joost), (x, a) => dossier.newLink(x, a));
    expect(!r.ok && r.error.code).toBe('forbidden');
  });

  it('een detailweergave kost één leesverzoek en één transactie: de link zit in de transactie van de auditregel', async () => {
    calls.length = 0;
    const token = await view(mohamed);
    expect(calls.map((x) => x.method)).toEqual(['getEntity', 'submitTransaction']);
    const batch = (calls[1]?.args[0] ?? []) as [string, { partitionKey: string; rowKey: string }][];
    expect(batch.map(([kind, e]) => `${kind} ${e.partitionKey} ${e.rowKey.replace(/_.*/, '_')}`)).toEqual([
      'create t_tenant-a event_',
      'create t_tenant-a dedupe_',
      'create t_tenant-a dossier_',
    ]);
    expect(batch[2]?.[1].rowKey).toBe(`dossier_${hash(secretOf(token))}`);
    expect(token).toMatch(/^tenant-a\/[A-Za-z0-9_-]{43}$/);
    expect(await rowKeysOf(tables.cases, 'dossier')).toEqual([]);
    expect(await dossier.usable(...partsOf(token))).toBe(true);
  });

  it('een herbezorgde detailweergave (zelfde activity id) geeft één auditregel, en ook haar nieuwe link werkt', async () => {
    const before = (await detailViews()).length;
    const first = await view(anouk, c, 'view-herbezorgd');
    const again = await view(anouk, c, 'view-herbezorgd');
    expect(again).not.toBe(first);
    expect(await detailViews()).toHaveLength(before + 1);
    expect(await dossier.usable(...partsOf(first))).toBe(true);
    expect(await dossier.usable(...partsOf(again))).toBe(true);
    expect((await dossier.redeem(...partsOf(again))).ok).toBe(true);
  });

  it('weigert met 403 als de zorgrol is ingetrokken nadat de link gemaakt is, zonder auditregel', async () => {
    const token = await view({ userId: SLEUTELFIGUUR.id, name: SLEUTELFIGUUR.name, roles: ['sleutelfiguur'] });
    await saveRoles({ teamleider: [TEAMLEIDER] });
    const before = (await downloads()).length;
    const r = await dossier.redeem(...partsOf(token));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('forbidden');
    expect(!r.ok && r.error.message).toContain('mogen het dossier downloaden');
    expect(await downloads()).toHaveLength(before);
    await saveRoles({ teamleider: [TEAMLEIDER], sleutelfiguur: [SLEUTELFIGUUR] });
  });

  it('van twee gelijktijdige downloads met dezelfde link krijgt er precies één het dossier', async () => {
    const token = await view(mohamed);
    expect(await dossier.usable(...partsOf(token))).toBe(true);
    const before = (await downloads()).length;
    const results = await Promise.all([
      dossier.redeem(...partsOf(token)),
      dossier.redeem(...partsOf(token)),
      dossier.redeem(...partsOf(token)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['expired', 'expired']);
    expect(await downloads()).toHaveLength(before + 1);
    expect(await dossier.usable(...partsOf(token))).toBe(false);
  });

  it('een link met de tenant-id van een andere tenant wordt geweigerd en leest niets in die tenant; de echte link blijft werken', async () => {
    const mine = await view(mohamed);
    const theirs = await view(mohamed, other);
    expect(theirs).toMatch(/^tenant-b\//);
    const beforeA = (await downloads(c)).length;
    const beforeB = (await downloads(other)).length;
    // tenant-b's secret under tenant-a's id, and tenant-a's secret under tenant-b's id.
    for (const forged of [`tenant-a/${secretOf(theirs)}`, `tenant-b/${secretOf(mine)}`]) {
      expect(await dossier.usable(...partsOf(forged))).toBe(false);
      const r = await dossier.redeem(...partsOf(forged));
      expect(!r.ok && r.error.code).toBe('expired');
    }
    expect(await downloads(c)).toHaveLength(beforeA);
    expect(await downloads(other)).toHaveLength(beforeB);
    // Neither real link was spent by the forged ones.
    const a = await dossier.redeem(...partsOf(mine));
    const b = await dossier.redeem(...partsOf(theirs));
    expect(a.ok && a.value.case.tenantId).toBe('tenant-a');
    expect(b.ok && b.value.case.tenantId).toBe('tenant-b');
  });

  it('een misvormde link (tenant te lang of met verboden tekens, geheim van de verkeerde lengte) wordt niet eens opgezocht', async () => {
    const secret = secretOf(await view(mohamed));
    calls.length = 0;
    for (const [tenant, bad] of [
      ['a'.repeat(65), secret],
      ['tenant_a', secret],
      ['tenant a', secret],
      ['tenant-a.', secret],
      ["tenant-a' or 'x", secret],
      ['', secret],
      ['tenant-a', `${secret}x`],
      ['tenant-a', secret.slice(1)],
      ['tenant-a', `${secret.slice(1)}=`],
    ] as const) {
      expect(await dossier.usable(tenant, bad)).toBe(false);
      expect((await dossier.redeem(tenant, bad)).ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('een link verloopt na tien minuten; alleen de hash van het geheim staat in de opslag, in de partitie van de tenant', async () => {
    const token = await view(anouk);
    expect(await tokens.peek(c.tenantId, secretOf(token))).toBeNull();
    expect((await tokens.peek(c.tenantId, hash(secretOf(token))))?.userId).toBe(anouk.userId);
    expect(JSON.stringify(await tables.cases.getEntity('t_tenant-a', `dossier_${hash(secretOf(token))}`))).not.toContain(secretOf(token));
    clock.advance(9 * 60 * 1000);
    expect(await dossier.usable(...partsOf(token))).toBe(true);
    clock.advance(60 * 1000 + 1);
    expect(await dossier.usable(...partsOf(token))).toBe(false);
    const r = await dossier.redeem(...partsOf(token));
    expect(!r.ok && r.error.code).toBe('expired');
  });

  it('de dagelijkse bewaarronde ruimt verlopen links op en laat geldige staan, per tenant, ook als casussen altijd blijven; de oude partitie `dossier` gaat leeg', async () => {
    // Links of before this version, in the old shared partition (one expired, one not).
    await tables.cases.createEntity({
      partitionKey: 'dossier',
      rowKey: hash('oud-1'),
      tenantId: 'tenant-a',
      expiresAt: '2026-01-01T00:00:00.000Z',
    });
    await tables.cases.createEntity({
      partitionKey: 'dossier',
      rowKey: hash('oud-2'),
      tenantId: 'tenant-a',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    const expiredA = await view(anouk);
    const expiredB = await view(mohamed, other);
    clock.advance(10 * 60 * 1000 + 1);
    const freshA = await view(anouk);
    const freshB = await view(mohamed, other);
    const links = async (pk: string) => (await rowKeysOf(tables.cases, pk)).filter((k) => k.startsWith('dossier_'));
    const expiredRows = [...(await links('t_tenant-a')), ...(await links('t_tenant-b'))].filter(
      (k) => ![freshA, freshB].some((t) => k === `dossier_${hash(secretOf(t))}`),
    );
    expect(expiredRows).toEqual(expect.arrayContaining([expiredA, expiredB].map((t) => `dossier_${hash(secretOf(t))}`)));
    const otherRowsA = (await rowKeysOf(tables.cases, 't_tenant-a')).filter((k) => !k.startsWith('dossier_'));

    const log = new RecordingLogger();
    const retention = new RetentionService(
      new TableRetentionStore(tables.cases),
      async () => ['tenant-a', 'tenant-b'],
      { caseMonths: 0, auditMonths: 0 },
      clock,
      log,
      2,
    );
    const totals = await retention.run();
    expect(totals).toEqual({ cases: 0, audits: 0, rows: 0, links: expiredRows.length + 2 });
    expect(await links('t_tenant-a')).toEqual([`dossier_${hash(secretOf(freshA))}`]);
    expect(await links('t_tenant-b')).toEqual([`dossier_${hash(secretOf(freshB))}`]);
    expect(await rowKeysOf(tables.cases, 'dossier')).toEqual([]);
    expect((await rowKeysOf(tables.cases, 't_tenant-a')).filter((k) => !k.startsWith('dossier_'))).toEqual(otherRowsA);
    expect(log.lines.map((l) => l.msg)).toEqual(['bewaartermijn: verlopen dossierlinks verwijderd']);
    // The links that were not yet expired still work; a second run finds nothing.
    expect(await dossier.usable(...partsOf(freshA))).toBe(true);
    expect((await dossier.redeem(...partsOf(freshB))).ok).toBe(true);
    expect(await retention.run()).toEqual({ cases: 0, audits: 0, rows: 0, links: 0 });
  });

  it('een export van de tenant bevat geen dossierlinks', async () => {
    const token = await view(anouk);
    const rows: string[] = [];
    for await (const r of tenantRows(tables.cases, c.tenantId)) rows.push(`${r.partitionKey}|${r.rowKey}`);
    expect(rows.some((k) => k.startsWith('t_tenant-a|case_'))).toBe(true);
    expect(rows.some((k) => k.startsWith('t_tenant-a|dedupe_view:'))).toBe(true);
    expect(rows.filter((k) => k.includes('|dossier_'))).toEqual([]);
    expect(await dossier.usable(...partsOf(token))).toBe(true);
  });

  it('een besluit namens de teamleider van het gebiedsteam staat in het dossier met wie en voor wie', async () => {
    const { rootActivityId: _, ...where } = location();
    const started = await service.start(where, anouk, 'a-2');
    if (started.kind !== 'created') throw new Error('geen casus');
    let current = started.case.value;
    const act = async (actor: Actor, verb: string, input: Record<string, unknown>) => {
      const r = await service.execute({
        tenantId: current.tenantId,
        caseId: current.id,
        version: current.version,
        verb,
        input,
        actor,
        activityId: `${verb}-${current.version}`,
        channelId: where.channelId,
        teamId: where.teamId,
      });
      if (!r.ok || r.value.kind !== 'applied') throw new Error(`${verb}: ${r.ok ? r.value.kind : r.error.refusal.message}`);
      current = r.value.case;
    };
    await act(anouk, 'route.kiezen', { route: 'bijstellen' });
    await act(anouk, 'signaal.vastleggen', { datum: '2026-11-20', actielijn: 'dagstructuur', gebiedsteam: 'Zuid' });
    await act(anouk, 'actielijnen.bijstellen', {
      datum: '2026-11-21',
      samenMetClient: true,
      bijstelling: 'meer momenten',
      resultaat: 'onvoldoende',
    });
    // Mohamed, a teamleider, decides for Pieter (the gebiedsteam's teamleider).
    await act(mohamed, 'teamleider.besluit', { besluit: 'opplussen' });
    const r = await dossier.forTabUser(current.tenantId, where.teamId, current.id, TEAMLEIDER.id, 'req-1');
    if (!r.ok) throw new Error(r.error.message);
    const d = dossierOf(r.value);
    expect(d.conditions).toBeNull();
    expect(d.table).toBeNull();
    expect(d.decisions.map((x) => `${x.action} | ${x.by} | ${x.to}`)).toEqual([
      'Besluit teamleider vastleggen | Mohamed (voor Pieter, gebiedsteam Zuid) (Teamleider) | Stap 3: inzet evalueren',
    ]);
    expect(d.participants).toEqual([
      { title: 'Begeleider', value: 'Anouk' },
      { title: 'Teamleider', value: 'Mohamed' },
    ]);
    const text = (await pdfText(await dossierPdf(d, r.value.at))).text.replace(/\s+/g, ' ');
    expect(text).toContain('Door: Mohamed (voor Pieter, gebiedsteam Zuid) (Teamleider)');
    expect(text).toContain('Besluit teamleider: Opplussen aantal planbare begeleidingsmomenten');
    expect(text).toContain('Datum signaal: 20 november 2026');
  });
});

describe('detailweergave via /api/messages: opslagverzoeken geteld zoals bench/lib/roundTrips.ts', () => {
  let proxy: CountingProxy;
  let d: Direct;
  let tables: Tables;

  beforeAll(async () => {
    const cs = testConnectionString();
    const port = Number(/TableEndpoint=http:\/\/[^:/]+:(\d+)\//.exec(cs)?.[1]);
    proxy = new CountingProxy(port);
    const proxyPort = await proxy.start();
    d = await startDirect({ STORAGE_CONNECTION_STRING: cs.replace(`:${port}/`, `:${proxyPort}/`) }, { reminders: false, pollMs: 60_000 });
    tables = await openTables({ kind: 'connectionString', connectionString: cs }, d.prefix);
  }, 30_000);
  afterAll(async () => {
    await d?.close();
    await proxy?.close();
  });

  it('een bevoegde detailweergave kost 1 leesverzoek en 1 transactie met auditregel, dedupe-rij en dossierlink', async () => {
    const c = await DirectCase.open(d, 'user-1');
    // The root card delivered, then no outbox polling in between (as in the bench).
    await d.app.dispatcher.sweepAll();
    await d.app.dispatcher.stop();
    const details = (id: string) =>
      d.post(
        channelActivity({
          serviceUrl: d.connector.url,
          type: 'invoke',
          name: 'adaptiveCard/action',
          from: 'user-1',
          id,
          value: { action: { type: 'Action.Execute', verb: 'details.bekijken', data: { caseId: c.caseId, version: 1 } } },
        }),
      );
    // Warm-up, as the bench does: settings and calendar caches filled.
    await details('warm-1');
    proxy.reset();
    const r = await details('meting-1');
    const card = JSON.stringify((r.body as { value?: unknown }).value);
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/dossier\/[^"]+)"/.exec(card)?.[1] ?? '';
    expect(url).toMatch(/\/dossier\/tenant-a\/[A-Za-z0-9_-]{43}$/);
    expect(proxy.calls.map((x) => x.kind)).toEqual(['read', 'batch']);
    const batch = proxy.calls[1]?.operations ?? [];
    expect(batch.map((o) => String(o.entity.RowKey ?? '').replace(/_.*/, '_'))).toEqual(['event_', 'dedupe_', 'dossier_']);
    expect(batch.every((o) => o.entity.PartitionKey === 't_tenant-a')).toBe(true);
    expect(await rowKeysOf(tables.cases, 'dossier')).toEqual([]);
    // The link works: the page, then the download.
    expect((await fetch(url)).status).toBe(200);
    const pdf = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });
});
