import { directForSuite } from '../support/direct';
import { TEAM_A, USERS, cardData, delivered, invoke, openCase, seedSettings } from './harness';

const SANNE = 'user-sanne-sleutelfiguur';

describe('meldingen gaan naar wie aan zet is, nooit naar wie net handelde', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });
  beforeAll(async () => {
    await seedSettings(d, TEAM_A, { teamleider: [{ id: USERS.mohamed, name: 'Mohamed' }], sleutelfiguur: [{ id: SANNE, name: 'Sanne' }] });
  });

  it('de sleutelfiguur die stap 6 besluit krijgt geen melding over stap 7, die ook de hare is; wel over stap 6', async () => {
    const caseId = await openCase(d, TEAM_A, USERS.anouk);
    const v = (n: number) => ({ caseId, version: n });
    const today = new Date().toISOString().slice(0, 10);
    const steps = [
      await invoke(d, TEAM_A, 'route.kiezen', cardData('route.kiezen', v(1), { route: 'bijstellen', clientRef: 'ECD-8' })),
      await invoke(d, TEAM_A, 'signaal.vastleggen', cardData('signaal.vastleggen', v(2), { datum: today, actielijn: 'wonen' })),
      await invoke(
        d,
        TEAM_A,
        'actielijnen.bijstellen',
        cardData('actielijnen.bijstellen', v(3), { datum: today, samenMetClient: 'true', bijstelling: 'x', resultaat: 'onvoldoende' }),
      ),
      await invoke(d, TEAM_A, 'teamleider.besluit', cardData('teamleider.besluit', v(4), { besluit: 'aanvraag_bw' }), {
        from: USERS.mohamed,
      }),
      await invoke(d, TEAM_A, 'aanvraag_bw.verstuurd', cardData('aanvraag_bw.verstuurd', v(5), { verstuurdOp: today, tabbladen: 'true' })),
      await invoke(d, TEAM_A, 'overbrugging.besluit', cardData('overbrugging.besluit', v(6), { besluit: 'siem_bw' }), { from: SANNE }),
    ];
    // Everything caused by the six actions: one status update and one timeline line each, plus the
    // notices (the dispatcher keeps Teams' 8 messages per 2 s per conversation, so they take a while).
    await delivered(d);
    const notices = d.connector.calls.map((c) => JSON.stringify(c.body)).filter((t) => t.includes('wacht op de sleutelfiguur'));
    console.log(
      `Eigen stap: ${steps.filter((s) => s.text.includes('Opgeslagen')).length}/${steps.length} opgeslagen, meldingen aan de sleutelfiguur ${notices.length} (verwacht 1: stap 6, niet stap 7)`,
    );
    for (const s of steps) expect(s.text).toContain('Opgeslagen');
    expect(steps[5]?.text).toContain('Nu: Stap 7: overbruggingszorg vastleggen');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('Stap 6: afweging overbruggingszorg');
  });

  it('een crisismelding op route Bijstellen gaat naar de teamleider en de sleutelfiguur, niet naar wie hem meldde; op route Zorgkantoor naar de teamleider', async () => {
    const crisis = async (route: 'bijstellen' | 'zorgkantoor', by: string) => {
      const caseId = await openCase(d, TEAM_A, USERS.anouk);
      await invoke(d, TEAM_A, 'route.kiezen', cardData('route.kiezen', { caseId, version: 1 }, { route, clientRef: 'ECD-9' }));
      const r = await invoke(d, TEAM_A, 'crisis.melden', cardData('crisis.melden', { caseId, version: 2 }, { bevestigd: 'true' }), {
        from: by,
      });
      expect(r.text).toContain('Status: Crisis');
      await delivered(d);
      return d.connector.calls.map((c) => JSON.stringify(c.body)).filter((t) => t.includes(`Crisis gemeld in casus ${caseId}`));
    };
    const wmo = await crisis('bijstellen', USERS.anouk);
    const wlz = await crisis('zorgkantoor', USERS.anouk);
    const self = await crisis('bijstellen', USERS.mohamed);
    console.log(
      `Crisismeldingen: Wmo ${wmo.length} (verwacht 2), Wlz ${wlz.length} (verwacht 1), Wmo gemeld door de teamleider ${self.length} (verwacht 1)`,
    );
    expect(wmo).toHaveLength(2);
    expect(wmo.join()).toContain('<at>Mohamed</at>');
    expect(wmo.join()).toContain('<at>Sanne</at>');
    expect(wmo.join()).toContain('de crisisafspraken gaan voor');
    expect(wlz).toHaveLength(1);
    expect(wlz.join()).not.toContain('<at>Sanne</at>');
    expect(self).toHaveLength(1);
    expect(self.join()).not.toContain('<at>Mohamed</at>');
  });
});
