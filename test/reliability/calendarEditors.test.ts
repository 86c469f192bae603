import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { DUTCH, type Place, TEAM_A, activityId, invoke, seedSettings, watchRows } from './harness';

/** A team of the same organisation that installed Escaleer just now: nobody set anything up there. */
const TEAM_C: Place = { tenantId: TEAM_A.tenantId, teamId: '19:team-c@thread.tacv2', channelId: '19:kanaal-c@thread.tacv2' };
const PIETER = 'user-pieter-beheerder';
const JOOST = 'user-joost';
const INDRINGER = 'user-indringer';

const ROSTERS: Record<string, { id: string; name: string }[]> = {
  [TEAM_A.teamId]: [
    { id: PIETER, name: 'Pieter Jansen' },
    { id: JOOST, name: 'Joost Visser' },
  ],
  [TEAM_C.teamId]: [{ id: INDRINGER, name: 'Ingrid Dringer' }],
};

const YEAR = new Date().getUTCFullYear() + 1;
const table = (region: string, meeting: string, deadline: string) => ({
  'tafel.toevoegen.regio': region,
  'tafel.toevoegen.overlegdatum': meeting,
  'tafel.toevoegen.inleverdatum': deadline,
});

describe('de tafelkalender van de organisatie: alleen kalenderbeheerders wijzigen wat alle teams zien', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });
  beforeAll(async () => {
    // Teams' roster, channel list and team details for the two teams.
    d.connector.responder = (call) => {
      const members = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(call.path);
      if (members)
        return {
          status: 200,
          body: { members: (ROSTERS[members[1] ?? ''] ?? []).map((m) => ({ id: m.id, aadObjectId: m.id, name: m.name })) },
        };
      const channels = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(call.path);
      if (channels)
        return {
          status: 200,
          body: { conversations: [{ id: channels[1] === TEAM_C.teamId ? TEAM_C.channelId : TEAM_A.channelId, name: 'Algemeen' }] },
        };
      const team = /^\/v3\/teams\/([^/]+)$/.exec(call.path);
      if (team) return { status: 200, body: { id: team[1], name: team[1] === TEAM_C.teamId ? 'Team C' : 'Zorgteam A' } };
      return null;
    };
    await seedSettings(d, TEAM_A, { functioneel_beheerder: [{ id: PIETER, name: 'Pieter Jansen' }] });
  });

  const tablesText = async (place: Place): Promise<string> => {
    const id = activityId('tafels');
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/tafels', id, from: PIETER, ...place }));
    return JSON.stringify(d.connector.calls.filter((c) => c.method === 'POST' && c.activityId === id).map((c) => c.body));
  };

  it('een zelfbenoemde beheerder van een nieuw team voegt geen tafel toe en verwijdert er geen; de kalenderbeheerder wel, en hij kan een collega kalenderbeheerder maken', async () => {
    // Team A's functioneel beheerder maintains the calendar first: the first kalenderbeheerder.
    const first = await invoke(d, TEAM_A, 'tafel.toevoegen', table('Twente', `${YEAR}-03-21`, `${YEAR}-03-07`), { from: PIETER });
    expect(first.text).toContain('Tafel opgeslagen.');

    // In team C, a plain member saves /instellingen and so becomes team C's functioneel beheerder.
    const saved = await invoke(d, TEAM_C, 'instellingen.opslaan', { teamId: TEAM_C.teamId }, { from: INDRINGER });
    expect(saved.text).toContain('Instellingen opgeslagen.');

    const rows = await watchRows(d);
    const attempts = [
      await invoke(d, TEAM_C, 'tafels.beheren', {}, { from: INDRINGER }),
      await invoke(d, TEAM_C, 'tafel.toevoegen', table('Nepregio', `${YEAR}-05-21`, `${YEAR}-05-07`), { from: INDRINGER }),
      await invoke(d, TEAM_C, 'tafel.verwijderen', { 'tafel.verwijderen.tafel': `twente-${YEAR}-03-21` }, { from: INDRINGER }),
      await invoke(d, TEAM_C, 'kalender.beheerders', { 'kalender.beheerders.toevoegen': INDRINGER }, { from: INDRINGER }),
    ];
    const { changed } = await rows.now();
    const seenByA = await tablesText(TEAM_A);
    const refused = attempts.filter(
      (a) => a.status === 200 && DUTCH.test(a.text) && a.text.includes('Alleen een kalenderbeheerder') && a.text.includes('Pieter Jansen'),
    );

    // An editor names a colleague of their own team; the colleague may then change the calendar.
    const named = await invoke(d, TEAM_A, 'kalender.beheerders', { 'kalender.beheerders.toevoegen': JOOST }, { from: PIETER });
    const byJoost = await invoke(d, TEAM_A, 'tafel.toevoegen', table('Arnhem', `${YEAR}-04-16`, `${YEAR}-04-02`), { from: JOOST });
    console.log(
      `Kalender: ${attempts.length} wijzigingen door de zelfbenoemde beheerder van een nieuw team → ${refused.length} geweigerd, gewijzigde rijen ${changed.length}, ` +
        `Nepregio bij team A ${seenByA.includes('Nepregio') ? 'zichtbaar' : 'niet zichtbaar'}, Twente ${seenByA.includes('Twente') ? 'nog zichtbaar' : 'weg'}; ` +
        `kalenderbeheerder toegevoegd door de kalenderbeheerder: ${byJoost.text.includes('Tafel opgeslagen.') ? 'mag wijzigen' : 'geweigerd'}`,
    );
    expect(refused).toHaveLength(attempts.length);
    expect(attempts[0]?.text).not.toContain('tafel.toevoegen.regio');
    expect(changed).toEqual([]);
    expect(seenByA).not.toContain('Nepregio');
    expect(seenByA).toContain('Twente');
    expect(named.text).toContain('Kalenderbeheerders opgeslagen.');
    expect(byJoost.text).toContain('Tafel opgeslagen.');
  });
});
