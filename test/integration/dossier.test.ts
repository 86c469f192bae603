import { createHash } from 'node:crypto';
import { CalendarService, CaseService, DossierService, type TeamSettings, timeOrderedIds } from '../../src/app';
import { CardChannelViews } from '../../src/cards';
import { type Actor, type Case, DEFAULT_TABLES } from '../../src/domain';
import { TableCalendarStore, TableCaseRepository, TableDossierTokenStore, TableTeamSettingsStore } from '../../src/storage';
import { dossierOf, dossierPdf } from '../../src/dossier';
import { FakeClock, RecordingLogger, location } from '../support/fakes';
import { pdfText } from '../support/pdfText';
import { freshTables } from '../support/storage';

const TEAMLEIDER = { id: 'user-mohamed', name: 'Mohamed' };
const SLEUTELFIGUUR = { id: 'user-sanne', name: 'Sanne' };
const PIETER = { id: 'user-pieter', name: 'Pieter' };
const hash = (t: string) => createHash('sha256').update(t).digest('hex');
const anouk: Actor = { userId: 'user-anouk', name: 'Anouk', roles: [] };

describe('DossierService tegen Azurite: eenmalige links, autorisatie op het moment van downloaden', () => {
  const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
  let service: CaseService;
  let dossier: DossierService;
  let repo: TableCaseRepository;
  let settings: TableTeamSettingsStore;
  let tokens: TableDossierTokenStore;
  let c: Case;

  const saveRoles = async (holders: TeamSettings['roleHolders']) => {
    const { tenantId, teamId } = location();
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
  const downloads = async () => (await repo.events(c.tenantId, c.id)).filter((e) => e.action === 'dossier.downloaden');

  beforeAll(async () => {
    const tables = await freshTables();
    repo = new TableCaseRepository(tables.cases);
    settings = new TableTeamSettingsStore(tables.cases);
    tokens = new TableDossierTokenStore(tables.cases);
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
    const { rootActivityId: _, ...where } = location();
    const started = await service.start(where, anouk, 'a-1');
    if (started.kind !== 'created') throw new Error('geen casus');
    c = started.case.value;
  });

  it('geeft geen link aan wie de details niet mag zien', async () => {
    expect(await dossier.issue(c, { userId: 'user-joost', name: 'Joost', roles: [] })).toBeNull();
  });

  it('weigert met 403 als de zorgrol is ingetrokken nadat de link gemaakt is, zonder auditregel', async () => {
    const token = await dossier.issue(c, { userId: SLEUTELFIGUUR.id, name: SLEUTELFIGUUR.name, roles: ['sleutelfiguur'] });
    if (!token) throw new Error('geen link');
    await saveRoles({ teamleider: [TEAMLEIDER] });
    const before = (await downloads()).length;
    const r = await dossier.redeem(token);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('forbidden');
    expect(!r.ok && r.error.message).toContain('mogen het dossier downloaden');
    expect(await downloads()).toHaveLength(before);
    await saveRoles({ teamleider: [TEAMLEIDER], sleutelfiguur: [SLEUTELFIGUUR] });
  });

  it('van twee gelijktijdige downloads met dezelfde link krijgt er precies één het dossier', async () => {
    const token = await dossier.issue(c, { userId: TEAMLEIDER.id, name: TEAMLEIDER.name, roles: ['teamleider'] });
    if (!token) throw new Error('geen link');
    expect(await dossier.usable(token)).toBe(true);
    const before = (await downloads()).length;
    const results = await Promise.all([dossier.redeem(token), dossier.redeem(token), dossier.redeem(token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['expired', 'expired']);
    expect(await downloads()).toHaveLength(before + 1);
    expect(await dossier.usable(token)).toBe(false);
  });

  it('een link verloopt na tien minuten en wordt dan opgeruimd; alleen de hash van het token staat in de opslag', async () => {
    const token = await dossier.issue(c, anouk);
    if (!token) throw new Error('geen link');
    expect(await tokens.peek(token)).toBeNull();
    expect((await tokens.peek(hash(token)))?.userId).toBe(anouk.userId);
    clock.advance(9 * 60 * 1000);
    expect(await dossier.usable(token)).toBe(true);
    clock.advance(60 * 1000 + 1);
    expect(await dossier.usable(token)).toBe(false);
    const r = await dossier.redeem(token);
    expect(!r.ok && r.error.code).toBe('expired');
    // The next link purges expired rows.
    const stale = await dossier.issue(c, anouk);
    if (!stale) throw new Error('geen link');
    clock.advance(11 * 60 * 1000);
    expect(await tokens.peek(hash(stale))).not.toBeNull();
    await dossier.issue(c, anouk);
    expect(await tokens.peek(hash(stale))).toBeNull();
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
    await act({ userId: TEAMLEIDER.id, name: TEAMLEIDER.name, roles: ['teamleider'] }, 'teamleider.besluit', { besluit: 'opplussen' });
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
