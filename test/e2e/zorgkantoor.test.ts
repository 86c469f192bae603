import { FakeClock } from '../support/fakes';
import type { E2e } from '../support/app';
import { CaseDriver, DEMO, startSeededTeam } from '../support/caseDriver';

/** Free text entered in forms carries this marker; it must never reach the channel. */
const VRIJ = 'VRIJ';

describe('Route Zorgkantoor van /escaleer tot afgesloten, in de Agents Playground', () => {
  let e: E2e;
  let channel: string;
  let botId: string;
  const clock = new FakeClock(new Date('2023-09-20T08:00:00Z'));

  beforeAll(async () => {
    ({ e, channel, botId } = await startSeededTeam(clock));
  }, 60_000);

  afterAll(async () => e?.close());

  it('loopt alle cirkels, de checklist (eerst onvolledig), het akkoord, de aanmelding (verlopen tafel geweigerd) en de afsluiting', async () => {
    const c = await CaseDriver.open(e, channel, DEMO.anouk);
    let r = await c.act(DEMO.anouk, 'route.kiezen', { route: 'zorgkantoor', clientRef: 'ECD-778' });
    expect(r.text).toContain('Cirkel 1');

    const circle = {
      datum: '2023-09-18',
      deelnemers: 'begeleider,teamleider',
      vraag: `${VRIJ} vraag`,
      afspraken: `${VRIJ} afspraken`,
      uitkomst: 'onvoldoende',
    };
    r = await c.act(DEMO.anouk, 'cirkel1.vastleggen', circle);
    expect(r.text).toContain('Cirkel 2');
    r = await c.act(DEMO.anouk, 'cirkel2.vastleggen', { ...circle, deelnemers: 'gedragsdeskundige' });
    expect(r.text).toContain('Cirkel 3');
    r = await c.act(DEMO.anouk, 'cirkel3.vastleggen', {
      datum: '2023-09-19',
      geconsulteerdeAanbieder: `${VRIJ} aanbieder`,
      risicofactoren: `${VRIJ} risico`,
      beschermendeFactoren: `${VRIJ} bescherming`,
      context: `${VRIJ} context`,
      plan: `${VRIJ} plan`,
      nodig: `${VRIJ} nodig`,
      zorgadviesGecontacteerd: 'true',
      afspraken: `${VRIJ} afspraken 3`,
      vervolgdatum: '2023-09-20',
      uitkomst: 'onvoldoende',
    });
    expect(r.text).toContain('voorwaarden');

    const conditions: Record<string, string> = {};
    for (const k of ['geenCrisis', 'stappenDoorlopen', 'alternatieveWoonplek', 'overdrachtGeprobeerd', 'overplaatsingNoodzakelijk']) {
      conditions[k] = 'true';
      conditions[`${k}Toelichting`] = `${VRIJ} dossier ${k}`;
    }
    const before = c.version;
    r = await c.act(DEMO.anouk, 'voorwaarden.vastleggen', { ...conditions, regio: 'Groningen' });
    expect(r.text).toMatch(/voorwaarde/i);
    expect(r.text).toContain('niets');
    expect(c.version).toBe(before);

    r = await c.act(DEMO.anouk, 'voorwaarden.vastleggen', {
      ...conditions,
      inZorgGehouden: 'true',
      inZorgGehoudenToelichting: `${VRIJ} in zorg`,
      cceBetrokken: 'false',
      cceBetrokkenToelichting: `${VRIJ} onderbouwing CCE`,
      regio: 'Groningen',
    });
    expect(r.text).toContain('7 van 7');
    expect(r.text).toContain('Teamleider');

    const wrong = await c.act(DEMO.anouk, 'voorwaarden.goedkeuren', {});
    expect(wrong.text).toMatch(/teamleider/i);
    expect(wrong.text).toContain('niets gewijzigd');

    r = await c.act(DEMO.mohamed, 'voorwaarden.goedkeuren', { toelichting: `${VRIJ} akkoord` });
    expect(r.text).toContain('adviseur');
    expect(r.text).toContain('ziawlz@menzis.nl');

    r = await c.act(DEMO.anouk, 'adviseur.oordeel', { contactdatum: '2023-09-20', oordeel: 'passend', advies: `${VRIJ} advies` });
    expect(r.text).toContain('aanmeldformulier');

    // The card was rendered while the Groningen table of 19 October was still open…
    clock.set('2023-10-05T10:00:00Z');
    await c.view(DEMO.anouk, 'status.tonen').then((v) => (c.card = v.card));
    expect(c.text).toContain('19 oktober 2023');
    // …but the deadline (5 October, 23:59 Amsterdam) passes before the user submits.
    clock.set('2023-10-05T22:00:00Z');
    const late = await c.act(DEMO.anouk, 'aanmelding.indienen', {
      formulierOntvangenOp: '2023-10-05',
      regio: 'Groningen',
      tafel: 'groningen-2023-10-19',
    });
    expect(late.text).toMatch(/inleverdatum.*verstreken/);
    expect(late.text).toContain('14 december 2023');
    expect(late.text).toContain('niets gewijzigd');

    await c.view(DEMO.anouk, 'status.tonen').then((v) => (c.card = v.card));
    expect(c.text).not.toContain('19 oktober 2023');
    r = await c.act(DEMO.anouk, 'aanmelding.indienen', {
      formulierOntvangenOp: '2023-10-05',
      regio: 'Groningen',
      tafel: 'groningen-2023-12-14',
    });
    expect(r.text).toContain('14 december 2023');
    r = await c.act(DEMO.anouk, 'aanmelding.ingediend', { ingediendOp: '2023-10-06' });

    clock.set('2023-12-14T15:00:00Z');
    r = await c.act(DEMO.anouk, 'bespreking.vastleggen', {
      datum: '2023-12-14',
      uitkomst: 'overplaatsing',
      afspraken: `${VRIJ} tafelafspraken`,
      vervolgdatum: '2024-01-15',
    });
    expect(r.text).toMatch(/opvolging/i);
    clock.set('2024-01-15T10:00:00Z');
    r = await c.act(DEMO.anouk, 'opvolging.vastleggen', { datum: '2024-01-15', stand: 'volgens_afspraak', toelichting: `${VRIJ} stand` });
    r = await c.act(DEMO.anouk, 'casus.afsluiten', { datum: '2024-01-15', reden: 'overgeplaatst', toelichting: `${VRIJ} slot` });
    expect(r.text).toContain('Afgesloten');
    await c.channelShows('Afgesloten');

    const details = await c.view(DEMO.mohamed, 'details.bekijken');
    expect(details.text).toContain(`${VRIJ} onderbouwing CCE`);
    expect(details.text).toContain('ECD-778');

    const botPosts = e.pg.fromBot(botId);
    expect(botPosts.length).toBeGreaterThan(10);
    const leaked = botPosts.filter((ev) => JSON.stringify(ev.message).includes(VRIJ) || JSON.stringify(ev.message).includes('ECD-778'));
    expect(leaked).toEqual([]);
  }, 60_000);
});
