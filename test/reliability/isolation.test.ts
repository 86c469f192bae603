import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import {
  DUTCH,
  OTHER_TENANT,
  type Place,
  TEAM_A,
  TEAM_B,
  USERS,
  activityId,
  bijstellenCase,
  cardData,
  casesInTwoTeams,
  invoke,
  openCase,
  repliesTo,
  repository,
  seedTeamleider,
  watchRows,
} from './harness';

const SIGNAL = { datum: '2025-03-03', actielijn: 'dagstructuur', toelichting: 'zie dossier' };

describe('isolatie tussen teams en organisaties, en de audittrail', () => {
  const d = directForSuite({ TAB_DEV_MODE: 'on', LOG_LEVEL: 'silent' });
  beforeAll(async () => {
    // Before any activity: the role directory may cache a team's roles.
    await seedTeamleider(d, TEAM_A);
    // Mohamed is teamleider in team B too: a role there must not open team A's cases.
    await seedTeamleider(d, TEAM_B);
  });

  it('een casus van team A is vanuit team B of een andere tenant niet te lezen of te wijzigen, via de bot noch via de tab-API', async () => {
    const { own: caseId, rows } = await casesInTwoTeams(d, 'ECD-GEHEIM-20');

    const attempts: { from: Place; user: string; verb: string; data: Record<string, unknown> }[] = [];
    for (const from of [TEAM_B, OTHER_TENANT]) {
      for (const user of [USERS.mohamed, USERS.anouk]) {
        attempts.push(
          { from, user, verb: 'details.bekijken', data: { caseId, version: 2 } },
          { from, user, verb: 'status.tonen', data: { caseId, version: 2 } },
          { from, user, verb: 'signaal.vastleggen', data: cardData('signaal.vastleggen', { caseId, version: 2 }, SIGNAL) },
          { from, user, verb: 'crisis.melden', data: { caseId, version: 2, 'crisis.melden.bevestigd': 'true' } },
        );
      }
    }
    const answers = await Promise.all(attempts.map((a) => invoke(d, a.from, a.verb, a.data, { from: a.user })));
    const statusMsgs = [TEAM_B, OTHER_TENANT].map((from) => ({ id: activityId('iso'), from }));
    for (const m of statusMsgs)
      await d.post(channelActivity({ serviceUrl: d.connector.url, text: `/status ${caseId}`, id: m.id, from: USERS.mohamed, ...m.from }));

    const tab = async (tenant: string, team: string) => {
      const r = await fetch(
        `http://127.0.0.1:${d.app.port}/api/tab/cases?tenant=${encodeURIComponent(tenant)}&team=${encodeURIComponent(team)}`,
      );
      return { status: r.status, raw: await r.text() };
    };
    const tabViews = [await tab(TEAM_B.tenantId, TEAM_B.teamId), await tab(OTHER_TENANT.tenantId, TEAM_A.teamId)];
    const own = await tab(TEAM_A.tenantId, TEAM_A.teamId);
    const { changed } = await rows.now();

    const leaked = answers.filter((a) => a.text.includes('ECD-GEHEIM-20') || a.text.includes('dagstructuur') || a.text.includes('Stap 1'));
    const refused = answers.filter(
      (a) => a.status === 200 && DUTCH.test(a.text) && /bestaat niet in dit kanaal|niet gevonden/i.test(a.text),
    );
    const statusReplies = statusMsgs.map((m) => repliesTo(d, m.id).join(' '));
    console.log(
      `Isolatie: geprobeerd ${answers.length} kaartacties + ${statusMsgs.length} /status + ${tabViews.length} tab-verzoeken van team B en een andere tenant; ` +
        `geweigerd ${refused.length}/${answers.length}, gelekt ${leaked.length}, gewijzigde rijen ${changed.length}, tab toont casus A: ${tabViews.filter((t) => t.raw.includes(caseId)).length}`,
    );

    expect(leaked).toEqual([]);
    expect(refused).toHaveLength(answers.length);
    for (const t of statusReplies) expect(t).toMatch(/niet gevonden in dit kanaal/);
    for (const t of tabViews) expect(t.raw).not.toContain(caseId);
    expect(own.raw).toContain(caseId);
    expect(changed).toEqual([]);
  });

  it('een activiteit die het kanaal van team A combineert met het team-id van B (waar de gebruiker teamleider is) wordt geweigerd en wijzigt niets', async () => {
    const caseId = await openCase(d, TEAM_A, USERS.anouk);
    const v = (n: number) => ({ caseId, version: n });
    await invoke(d, TEAM_A, 'route.kiezen', cardData('route.kiezen', v(1), { route: 'zorgkantoor', clientRef: 'ECD-6' }));
    const mixed: Place = { ...TEAM_A, teamId: TEAM_B.teamId };
    const rows = await watchRows(d);
    const answers = [
      await invoke(d, mixed, 'details.bekijken', v(2), { from: USERS.mohamed }),
      await invoke(d, mixed, 'formulier.openen', { ...v(2), actie: 'cirkel1.vastleggen' }, { from: USERS.mohamed }),
      await invoke(d, mixed, 'crisis.melden', { ...v(2), 'crisis.melden.bevestigd': 'true' }, { from: USERS.mohamed }),
    ];
    const { changed } = await rows.now();
    console.log(
      `Team-id van B bij het kanaal van A: geprobeerd ${answers.length}, geweigerd ${answers.filter((a) => /bestaat niet in dit kanaal/.test(a.text)).length}, gewijzigde rijen ${changed.length}`,
    );
    for (const a of answers) expect(a.text).toMatch(/bestaat niet in dit kanaal/);
    expect(answers.some((a) => a.text.includes('ECD-6'))).toBe(false);
    expect(changed).toEqual([]);
  });

  it('elke wijziging en elke detailweergave laat precies één auditgebeurtenis na (wie, wat, wanneer, welke casus), ook bij herbezorging', async () => {
    const { caseId, chosen: route } = await bijstellenCase(d, TEAM_A, 'ECD-5');
    const signal = await invoke(d, TEAM_A, 'signaal.vastleggen', cardData('signaal.vastleggen', { caseId, version: 2 }, SIGNAL));
    const viewId = activityId('view');
    const views = [
      await invoke(d, TEAM_A, 'details.bekijken', { caseId, version: 3 }, { id: viewId, from: USERS.anouk }),
      await invoke(d, TEAM_A, 'details.bekijken', { caseId, version: 3 }, { id: viewId, from: USERS.anouk }),
      await invoke(d, TEAM_A, 'details.bekijken', { caseId, version: 3 }, { from: USERS.mohamed }),
      await invoke(d, TEAM_A, 'details.bekijken', { caseId, version: 3 }, { from: USERS.joost }),
    ];
    const { repo } = await repository(d);
    const events = await repo.events(TEAM_A.tenantId, caseId);
    const summary = events.map((e) => `${e.action}:${e.actorId}`);
    console.log(
      `Audit: 3 wijzigingen + 3 detailweergaven (1 herbezorgd) + 1 geweigerde weergave → ${events.length} gebeurtenissen: ${summary.join(', ')}`,
    );

    expect(route.text).toContain('Stap 1');
    expect(signal.text).toContain('Stap 2');
    expect(views[0]?.text).toContain('ECD-5');
    expect(views[3]?.text).not.toContain('ECD-5');
    expect(summary.sort()).toEqual(
      [
        `casus.openen:${USERS.anouk}`,
        `route.kiezen:${USERS.anouk}`,
        `signaal.vastleggen:${USERS.anouk}`,
        `details.bekijken:${USERS.anouk}`,
        `details.bekijken:${USERS.mohamed}`,
      ].sort(),
    );
    for (const e of events) {
      expect(e.caseId).toBe(caseId);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      expect(e.dataHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(events.find((e) => e.actorId === USERS.mohamed)?.actorRoles).toContain('teamleider');
  });
});
