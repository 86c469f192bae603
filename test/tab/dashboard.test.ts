import { type CaseQueries, DashboardService, type TeamSettings, emptySettings, toDashboardRow, upcomingTables } from '../../src/app';
import { loadConfig } from '../../src/config';
import { type Case, DEFAULT_TABLES, formatCaseId, newCase } from '../../src/domain';

const NOW = new Date('2023-10-10T10:00:00Z');
const clock = { now: () => NOW };
const SECRET = 'Vrije tekst met details over de cliënt';

const base = (n: number, teamId = 'team-a', tenantId = 't1'): Case =>
  newCase({
    id: formatCaseId(2023, n),
    location: { tenantId, teamId, channelId: 'chan', conversationId: 'conv', serviceUrl: 'https://smba.example', rootActivityId: null },
    ownerId: 'u-owner',
    now: new Date(NOW.getTime() - n * 60_000),
  });

const formulier: Case = {
  ...base(1),
  route: 'zorgkantoor',
  state: 'formulier',
  clientRef: 'ECD-123',
  steps: { cirkel1: { vraag: SECRET, afspraken: SECRET }, voorwaarden: { regio: 'Twente', cceToelichting: SECRET } },
};
const aangemeld: Case = {
  ...base(2),
  route: 'zorgkantoor',
  state: 'aangemeld',
  steps: { formulier: { regio: 'Groningen', tafel: 'groningen-2023-10-19' } },
};
const afgesloten: Case = { ...base(3), route: 'bijstellen', state: 'opgelost', steps: { stap1_signaal: { actielijn: SECRET } } };

const fakeQueries = (cases: readonly Case[]): CaseQueries => ({
  listByTeam: async (tenantId, teamId) => cases.filter((c) => c.tenantId === tenantId && c.location.teamId === teamId),
});

describe('dashboard: overzichtsregels zonder vrije tekst', () => {
  it('neemt geen vrije tekst of cliëntreferentie over', () => {
    const row = toDashboardRow(formulier, NOW, DEFAULT_TABLES);
    const json = JSON.stringify(row);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('ECD-123');
    expect(json).not.toContain('clientRef');
    expect(Object.keys(row).sort()).toEqual(
      [
        'awaitingLabel',
        'awaitingRole',
        'caseId',
        'checklist',
        'createdAt',
        'dossier',
        'nextDeadline',
        'open',
        'progress',
        'route',
        'routeLabel',
        'state',
        'stepLabel',
        'updatedAt',
      ].sort(),
    );
    expect(row.routeLabel).toBe('Zorgkantoor (Wlz)');
    expect(row.progress.phase).toBe(4);
  });

  it('noemt de volgende datum: de inleverdatum van de tafel van de regio, of het overleg na aanmelding', () => {
    expect(toDashboardRow(formulier, NOW, DEFAULT_TABLES).nextDeadline).toEqual({ date: '2023-10-26', label: 'Inleveren tafel Twente' });
    expect(toDashboardRow(aangemeld, NOW, DEFAULT_TABLES).nextDeadline).toEqual({ date: '2023-10-19', label: 'Overlegtafel Groningen' });
    expect(toDashboardRow(afgesloten, NOW, DEFAULT_TABLES).nextDeadline).toBeNull();
    expect(toDashboardRow(base(4), NOW, DEFAULT_TABLES).nextDeadline).toBeNull();
  });

  it('toont komende tafels vanaf vandaag, met gesloten inlevering gemarkeerd', () => {
    const t = upcomingTables(DEFAULT_TABLES, NOW);
    expect(t.map((x) => x.id)).toEqual([
      'groningen-2023-10-19',
      'twente-2023-11-09',
      'arnhem-2023-11-23',
      'groningen-2023-12-14',
      'twente-2024-01-04',
    ]);
    expect(t[0]?.closed).toBe(true);
    expect(t[1]?.closed).toBe(false);
    expect(upcomingTables(DEFAULT_TABLES, new Date('2024-02-01T00:00:00Z'))).toEqual([]);
  });

  it('geeft alleen het eigen team van de eigen tenant, lopende casussen eerst; onbekend team → null', async () => {
    const other = { ...base(9, 'team-b') };
    const otherTenant = { ...base(8, 'team-a', 't2') };
    const svc = new DashboardService(
      fakeQueries([formulier, aangemeld, afgesloten, other, otherTenant]),
      async () => DEFAULT_TABLES,
      clock,
    );
    const o = await svc.overview('t1', 'team-a');
    expect(o?.cases.map((c) => c.caseId)).toEqual([formulier.id, aangemeld.id, afgesloten.id]);
    expect(await svc.overview('t1', 'team-x')).toBeNull();
    expect((await svc.overview('t2', 'team-a'))?.cases.map((c) => c.caseId)).toEqual([otherTenant.id]);
  });

  it('kent een team met opgeslagen instellingen ook zonder casussen', async () => {
    const settings: TeamSettings = emptySettings('t1', 'team-leeg', 'https://smba.example', NOW);
    const store = {
      get: async (tenantId: string, teamId: string) =>
        tenantId === 't1' && teamId === 'team-leeg' ? { value: settings, etag: 'e' } : null,
    };
    const svc = new DashboardService(fakeQueries([]), async () => DEFAULT_TABLES, clock, store);
    expect(await svc.overview('t1', 'team-leeg')).toEqual({ cases: [], tables: upcomingTables(DEFAULT_TABLES, NOW) });
    expect(await svc.overview('t2', 'team-leeg')).toBeNull();
  });
});

describe('configuratie van het tabblad', () => {
  const prod = {
    NODE_ENV: 'production',
    MICROSOFT_APP_ID: '3f9b6f0e-8a53-4c59-9a53-2d3c1f4b7a10',
    MICROSOFT_APP_TYPE: 'UserAssignedMSI',
    MICROSOFT_APP_TENANT_ID: '6a1c1f3e-0000-4000-8000-00000000000a',
    STORAGE_ACCOUNT_URL: 'https://escaleer.table.core.windows.net',
  };

  it('weigert TAB_DEV_MODE=on in productie met een duidelijke melding', () => {
    expect(() => loadConfig({ ...prod, TAB_DEV_MODE: 'on' })).toThrow(/TAB_DEV_MODE: mag niet aan staan in productie/);
    expect(loadConfig(prod).tab.devMode).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', TAB_DEV_MODE: 'on' }).tab.devMode).toBe(true);
  });

  it('gebruikt TAB_SSO_APP_ID, bij een managed identity nooit MICROSOFT_APP_ID (die kan geen API aanbieden), en eist een GUID', () => {
    expect(loadConfig(prod).tab.ssoAppId).toBe('');
    expect(loadConfig({ ...prod, TAB_SSO_APP_ID: '0b7f2a8e-1111-4222-8333-444455556666' }).tab.ssoAppId).toBe(
      '0b7f2a8e-1111-4222-8333-444455556666',
    );
    expect(() => loadConfig({ TAB_SSO_APP_ID: 'geen-guid' })).toThrow(/TAB_SSO_APP_ID: moet een GUID zijn/);
  });
});
