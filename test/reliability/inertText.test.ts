import { directForSuite } from '../support/direct';
import { TEAM_A, USERS, cardData, invoke, openCase, delivered, seedSettings } from './harness';

/** Text that a template engine, the Teams client or a mention parser could take for code. */
const TRICKY = ['${teamleider}', '{{DATE(2017-02-14T06:08:39Z, SHORT)}}', '<at>Iedereen</at>', '**vet** [link](https://example.org)'];
const NAME = `Mohamed ${TRICKY.join(' ')}`;

describe('tekst van gebruikers en uit Teams is data: nooit een binding, nooit in een logregel', () => {
  const d = directForSuite({ LOG_LEVEL: 'debug' });
  beforeAll(async () => {
    await seedSettings(d, TEAM_A, { teamleider: [{ id: USERS.mohamed, name: NAME }] });
  });

  it('een naam en invoer met ${…}, {{…}}, <at>…</at> en markdown: de escalatie naar die teamleider werkt, alles wordt als tekst getoond, niets gelogd', async () => {
    const caseId = await openCase(d, TEAM_A, USERS.anouk);
    const v = (n: number) => ({ caseId, version: n });
    const steps = [
      await invoke(d, TEAM_A, 'route.kiezen', cardData('route.kiezen', v(1), { route: 'bijstellen', clientRef: 'ECD-77' })),
      await invoke(
        d,
        TEAM_A,
        'signaal.vastleggen',
        cardData('signaal.vastleggen', v(2), { datum: '2025-03-03', actielijn: TRICKY.join(' '), toelichting: '${Jan Jansen}' }),
      ),
      await invoke(
        d,
        TEAM_A,
        'actielijnen.bijstellen',
        cardData('actielijnen.bijstellen', v(3), {
          datum: '2025-03-04',
          samenMetClient: 'true',
          bijstelling: '${x} {{y}}',
          resultaat: 'onvoldoende',
        }),
      ),
    ];
    const details = await invoke(d, TEAM_A, 'details.bekijken', v(4));
    await delivered(d);
    const channel = d.connector.calls.map((c) => JSON.stringify(c.body)).join('\n');
    const logged = JSON.stringify(d.log.lines);
    console.log(
      `Inerte tekst: ${steps.length} acties, ${steps.filter((s) => /Opgeslagen/.test(s.text)).length} opgeslagen, kanaalberichten ${d.connector.calls.length}, foutregels in het log ${d.log.lines.filter((l) => l.level === 'error').length}`,
    );

    for (const s of steps) expect(s.text).toContain('Opgeslagen');
    expect(steps[2]?.text).toContain('Teamleider: Mohamed');
    // The escalation notice reached the channel, its @mention intact, the name shown as text.
    expect(channel).toContain('wacht op de teamleider');
    expect(channel).not.toContain('${teamleider}');
    expect(channel).not.toContain('{{DATE');
    // Details (a user-specific view) show the free text, neutralised.
    expect(details.text).toContain('Jan Jansen}');
    expect(details.text).not.toContain('${Jan Jansen}');
    expect(d.log.lines.filter((l) => l.level === 'error')).toEqual([]);
    for (const marker of ['Jan Jansen', 'teamleider}', 'DATE(', 'Iedereen', 'example.org']) expect(logged).not.toContain(marker);
    // A name cannot open or close a mention of its own.
    expect(channel).not.toContain('<at>Iedereen</at>');
  });
});
