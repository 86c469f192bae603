import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { TEAM_A, USERS, activityId, cardData, invoke, openCase, routeBijstellen, seedTeamleider, watchRows } from './harness';

describe('een kaartactie hoort bij de casus van haar kaart', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });
  beforeAll(async () => {
    await seedTeamleider(d, TEAM_A);
  });

  it('het casusnummer van casus B op de kaart van casus A wijzigt en toont niets van B; vanaf de eigen kaart en een /status-kopie wel', async () => {
    const a = await openCase(d, TEAM_A);
    const b = await openCase(d, TEAM_A);
    const cardA = d.connector.cardMessageOf(a);
    const cardB = d.connector.cardMessageOf(b);
    expect(cardA && cardB && cardA !== cardB).toBeTruthy();
    await routeBijstellen(d, TEAM_A, b, 'ECD-B-77', { replyToId: cardB });
    const rows = await watchRows(d);

    const fromA = { replyToId: cardA };
    const attempts = [
      await invoke(
        d,
        TEAM_A,
        'signaal.vastleggen',
        cardData('signaal.vastleggen', { caseId: b, version: 2 }, { datum: '2025-03-03', actielijn: 'dagstructuur', toelichting: 'x' }),
        fromA,
      ),
      await invoke(d, TEAM_A, 'details.bekijken', { caseId: b, version: 2 }, { ...fromA, from: USERS.mohamed }),
      await invoke(d, TEAM_A, 'formulier.openen', { caseId: b, version: 2, actie: 'signaal.vastleggen' }, fromA),
      await invoke(d, TEAM_A, 'status.tonen', { caseId: b, version: 2 }, fromA),
      await invoke(d, TEAM_A, 'crisis.melden', { caseId: b, version: 2, 'crisis.melden.bevestigd': 'true' }, fromA),
      // Without the message the card is on.
      await invoke(
        d,
        TEAM_A,
        'signaal.vastleggen',
        cardData('signaal.vastleggen', { caseId: b, version: 2 }, { datum: '2025-03-03', actielijn: 'dagstructuur', toelichting: 'x' }),
        { replyToId: null as unknown as string },
      ),
    ];
    const { changed } = await rows.now();
    const refused = attempts.filter((r) => r.status === 200 && r.text.includes('Deze kaart hoort niet bij casus'));
    const leaked = attempts.filter((r) => r.text.includes('ECD-B-77') || r.text.includes('Stap 1 ·') || r.text.includes(`Casus ${b}`));

    // The case's own card, and a /status copy of it, still work.
    const own = await invoke(
      d,
      TEAM_A,
      'signaal.vastleggen',
      cardData('signaal.vastleggen', { caseId: b, version: 2 }, { datum: '2025-03-03', actielijn: 'dagstructuur', toelichting: 'x' }),
      { replyToId: cardB },
    );
    const statusId = activityId('status');
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: `/status ${b}`, id: statusId, from: USERS.anouk, ...TEAM_A }));
    const copy = d.connector.calls.find(
      (c) => c.method === 'POST' && c.activityId === statusId && JSON.stringify(c.body).includes(`Casus ${b}`),
    )?.responseId;
    const fromCopy = await invoke(d, TEAM_A, 'details.bekijken', { caseId: b, version: 3 }, { replyToId: copy, from: USERS.mohamed });
    console.log(
      `Kaart en casus: ${attempts.length} acties met casus B vanaf de kaart van A of zonder kaart → ${refused.length} geweigerd, ${leaked.length} toonden iets van B, gewijzigde rijen ${changed.length}; ` +
        `vanaf de eigen kaart ${own.text.includes('Opgeslagen') ? 'opgeslagen' : 'geweigerd'}, vanaf een /status-kopie ${fromCopy.text.includes('ECD-B-77') ? 'details getoond' : 'geweigerd'}`,
    );
    expect(refused).toHaveLength(attempts.length);
    expect(leaked).toEqual([]);
    expect(changed).toEqual([]);
    expect(own.text).toContain('Opgeslagen');
    expect(fromCopy.text).toContain('ECD-B-77');
  });
});
