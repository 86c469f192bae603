import type { E2e } from '../support/app';
import { CaseDriver, DEMO, startSeededTeam } from '../support/caseDriver';
import { FakeClock } from '../support/fakes';

const VRIJ = 'VRIJ';
const today = '2023-09-20';

describe('Route Bijstellen ondersteuning in de Agents Playground', () => {
  let e: E2e;
  let channel: string;
  let botId: string;
  const clock = new FakeClock(new Date(`${today}T08:00:00Z`));

  beforeAll(async () => {
    ({ e, channel, botId } = await startSeededTeam(clock));
  }, 60_000);

  afterAll(async () => {
    const leaked = e.pg.fromBot(botId).filter((ev) => JSON.stringify(ev.message).includes(VRIJ));
    expect(leaked).toEqual([]);
    await e?.close();
  });

  /** Steps 1–2 up to the teamleider's choice (step 3). */
  const toStep3 = async (): Promise<CaseDriver> => {
    const c = await CaseDriver.open(e, channel, DEMO.anouk);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'bijstellen' });
    await c.act(DEMO.anouk, 'signaal.vastleggen', { datum: today, actielijn: `${VRIJ} actielijn wonen`, toelichting: `${VRIJ} signaal` });
    const r = await c.act(DEMO.anouk, 'actielijnen.bijstellen', {
      datum: today,
      samenMetClient: 'true',
      bijstelling: `${VRIJ} bijstelling`,
      resultaat: 'onvoldoende',
    });
    expect(r.text).toContain('Teamleider');
    return c;
  };

  const overbrugging = async (c: CaseDriver, besluit: 'siem_bw' | 'onderaannemer_ons') => {
    const wrong = await c.act(DEMO.anouk, 'overbrugging.besluit', { besluit });
    expect(wrong.text).toMatch(/sleutelfiguur/i);
    await c.act(DEMO.sanne, 'overbrugging.besluit', { besluit, toelichting: `${VRIJ} afweging` });
    const r = await c.act(DEMO.sanne, 'overbrugging.vastleggen', {
      startdatum: today,
      bwLocatie: `${VRIJ} locatie`,
      onsProduct: String(besluit === 'onderaannemer_ons'),
      ondersteuningsplan: 'true',
    });
    expect(r.text).toContain('Afgesloten');
  };

  it('stap 2 opgelost sluit de casus', async () => {
    const c = await CaseDriver.open(e, channel, DEMO.anouk);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'bijstellen' });
    await c.act(DEMO.anouk, 'signaal.vastleggen', { datum: today, actielijn: `${VRIJ} a` });
    const r = await c.act(DEMO.anouk, 'actielijnen.bijstellen', {
      datum: today,
      samenMetClient: 'true',
      bijstelling: `${VRIJ} b`,
      resultaat: 'voldoende',
    });
    expect(r.text).toContain('Opgelost');
  });

  it('opplussen: de begeleider evalueert, voldoende is opgelost', async () => {
    const c = await toStep3();
    const wrong = await c.act(DEMO.anouk, 'teamleider.besluit', { besluit: 'opplussen' });
    expect(wrong.text).toMatch(/teamleider/i);
    await c.act(DEMO.mohamed, 'teamleider.besluit', { besluit: 'opplussen' });
    const r = await c.act(DEMO.anouk, 'inzet.evalueren', { datum: today, resultaat: 'voldoende' });
    expect(r.text).toContain('Opgelost');
  });

  it('digicontact onvoldoende → terug naar de teamleider → directe aanvraag BW → overbrugging door Siem', async () => {
    const c = await toStep3();
    await c.act(DEMO.mohamed, 'teamleider.besluit', { besluit: 'digicontact' });
    let r = await c.act(DEMO.anouk, 'inzet.evalueren', { datum: today, resultaat: 'onvoldoende' });
    expect(r.text).toContain('Teamleider');
    r = await c.act(DEMO.mohamed, 'teamleider.besluit', { besluit: 'aanvraag_bw' });
    expect(r.text).toContain('BW@metsiem.nl');
    await c.act(DEMO.anouk, 'aanvraag_bw.verstuurd', { verstuurdOp: today, tabbladen: 'true' });
    await overbrugging(c, 'siem_bw');
  });

  it.each([
    ['tijdelijke_onplanbare_zorg', { woonlocatie: `${VRIJ} woonlocatie`, startdatum: today }],
    ['gesprek_sleutelfiguur', {}],
    ['verstevigingsteam', { aanbod: 'met' }],
    ['domeinoverstijgend', { financier: 'levensloopaanpak' }],
  ] as const)(
    'casuïstiekoverleg met uitkomst %s loopt tot het einde',
    async (uitkomst, extra) => {
      const c = await toStep3();
      await c.act(DEMO.mohamed, 'teamleider.besluit', { besluit: 'casuistiekoverleg' });
      await c.act(DEMO.anouk, 'casuistiek.aanmelden', {
        datumOverleg: today,
        situatie: `${VRIJ} situatie`,
        geprobeerd: `${VRIJ} geprobeerd`,
        vraag: `${VRIJ} vraag`,
      });
      const r = await c.act(DEMO.mohamed, 'casuistiek.uitkomst', { datum: today, uitkomst, afspraken: `${VRIJ} afspraken`, ...extra });
      if (uitkomst === 'tijdelijke_onplanbare_zorg') {
        expect(r.text).toMatch(/onplanbare zorg/i);
        const done = await c.act(DEMO.sanne, 'evaluatie.vastleggen', { datum: today, uitkomst: 'terug_bg' });
        expect(done.text).toContain('Afgesloten');
      } else if (uitkomst === 'gesprek_sleutelfiguur') {
        await overbrugging(c, 'onderaannemer_ons');
      } else if (uitkomst === 'verstevigingsteam') {
        // The coördinator's form starts with the opschalingsaanbod the teamleider chose (not asked twice).
        expect(JSON.stringify(await c.open(DEMO.fatma, 'versteviging.oppakken'))).toMatch(
          /"id":"versteviging\.oppakken\.aanbod"[^}]*"value":"met"/,
        );
        const wrong = await c.act(DEMO.mohamed, 'versteviging.oppakken', { datum: today, aanbod: 'met' });
        expect(wrong.text).toMatch(/coördinator/i);
        const done = await c.act(DEMO.fatma, 'versteviging.oppakken', { datum: today, aanbod: 'met' });
        expect(done.text).toContain('Afgesloten');
      } else {
        expect(JSON.stringify(await c.open(DEMO.anouk, 'financier.aangemeld'))).toMatch(
          /"id":"financier\.aangemeld\.financier"[^}]*"value":"levensloopaanpak"/,
        );
        const done = await c.act(DEMO.anouk, 'financier.aangemeld', { datum: today, financier: 'levensloopaanpak' });
        expect(done.text).toContain('Afgesloten');
      }
      await c.channelShows('Afgesloten');
    },
    90_000,
  );

  it('de crisisuitgang stopt de route en toont de crisisregeling', async () => {
    const c = await toStep3();
    const r = await c.act(DEMO.anouk, 'crisis.melden', { bevestigd: 'true' });
    expect(r.text).toContain('Crisis');
    expect(r.text).toMatch(/crisisregeling|zorgconferentie/);
    await c.channelShows('Status: Crisis');
    const after = await e.pg.execute(c.thread, DEMO.mohamed.id, c.rootMessageId, 'teamleider.besluit', {
      caseId: c.caseId,
      version: c.version,
      'teamleider.besluit.besluit': 'opplussen',
    });
    expect(JSON.stringify(after.body)).toMatch(/crisis/i);
  });

  it('zonder bevestiging meldt de crisisknop niets', async () => {
    const c = await toStep3();
    const before = c.version;
    const r = await c.act(DEMO.anouk, 'crisis.melden', { bevestigd: 'false' });
    expect(r.text).toContain('Bevestig dit om door te gaan.');
    expect(r.text).toContain('niets opgeslagen');
    expect((await c.view(DEMO.anouk, 'status.tonen')).text).toContain('Nu: Stap 3: bespreken met de teamleider');
    expect(c.version).toBe(before);
  });

  it('een verouderde kaart krijgt de actuele stand terug en overschrijft niets', async () => {
    const c = await toStep3();
    const old = c.version;
    await c.act(DEMO.mohamed, 'teamleider.besluit', { besluit: 'opplussen' });
    const raw = await e.pg.execute(c.thread, DEMO.mohamed.id, c.rootMessageId, 'teamleider.besluit', {
      caseId: c.caseId,
      version: old,
      'teamleider.besluit.besluit': 'casuistiekoverleg',
    });
    expect(JSON.stringify(raw.body)).toContain('Iemand anders heeft deze casus net bijgewerkt');
    const now = await c.view(DEMO.anouk, 'status.tonen');
    expect(now.text).toContain('Nu: Stap 3: inzet evalueren');
    expect(JSON.stringify(now.card)).toContain(`"version":${old + 1}`);
    expect(now.text).not.toContain('casuïstiekoverleg');
  });

  it('toont details alleen aan deelnemers en rolhouders; elk ander teamlid krijgt een weigering', async () => {
    const c = await toStep3();
    expect((await c.view(DEMO.anouk, 'details.bekijken')).text).toContain(`${VRIJ} bijstelling`);
    expect((await c.view(DEMO.fatma, 'details.bekijken')).text).toContain(`${VRIJ} bijstelling`);
    const refused = await c.view(DEMO.joost, 'details.bekijken');
    expect(refused.text).not.toContain(VRIJ);
    expect(refused.text).toMatch(/Alleen wie aan deze casus werkt/);
  });
});
