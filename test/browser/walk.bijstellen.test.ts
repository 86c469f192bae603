import { CaseDriver, DEMO } from '../support/caseDriver';
import type { Card, Person } from '../support/playgroundPerson';
import { type Fill, NAMES, VRIJ, Walk, fact, fillAll, line } from './walk.setup';

/**
 * Route Bijstellen ondersteuning (Wmo) walked as people do it, in the Agents Playground's web UI:
 * Anouk (begeleider) in the Playground the bot starts; Mohamed (teamleider), Sanne
 * (sleutelfiguur) and Fatma (coördinator verstevigingsteam) each in a Playground of their own,
 * where they type `/status CAS-…` and click from that card. Every step's main action is clicked
 * at least once. The branches after the casuïstiekoverleg share their first steps: the second
 * and third case are brought there through the Playground's API and then clicked on.
 */

const STEP = {
  s1: 'Stap 1: signaal veranderde hulpvraag',
  s2: 'Stap 2: actielijnen opnieuw bepalen',
  s3: 'Stap 3: bespreken met de teamleider',
  inzet: 'Stap 3: inzet evalueren',
  bw: 'Stap 3: directe aanvraag BW',
  s4: 'Stap 4: formulier casuïstiekoverleg',
  s5: 'Stap 5: afweging casuïstiekoverleg',
  onplanbaar: 'Stap 5: tijdelijke onplanbare zorg (maandelijkse evaluatie)',
  versteviging: 'Stap 5: doorgezet naar het verstevigingsteam',
  financier: 'Stap 5: aanmelden bij de juiste financier',
  s6: 'Stap 6: afweging overbruggingszorg',
  s7: 'Stap 7: overbruggingszorg vastleggen',
};
const ROUTE = 'Bijstellen ondersteuning (Wmo)';
const OUTCOME = {
  onplanbaar: 'Tijdelijke inzet onplanbare zorg door dichtstbijzijnde woonlocatie (3–6 maanden)',
  versteviging: 'Doorzetten naar de coördinator van het verstevigingsteam',
  domein: 'Domeinoverstijgend: met de gemeente aanmelden bij de juiste financier',
};
const SAVED_FOR_TEAM = 'Opgeslagen. De volgende stap is voor het team.';
const savedFor = (role: string, name: string) => `Opgeslagen. De casus wacht nu op ${role}: ${name}.`;
const CLOSED = 'Opgeslagen. De casus is afgerond.';

const ms = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

describe('Route Bijstellen ondersteuning in de Playground, zoals mensen het doen: elke stap geklikt', () => {
  let w: Walk;
  let anouk: Person;
  let mohamed: Person;
  let sanne: Person;
  let fatma: Person;
  let root: Card;
  let caseId: string;
  const started = Date.now();

  beforeAll(async () => {
    w = await Walk.start(['mohamed', 'sanne', 'fatma']);
    ({ anouk } = w);
    mohamed = w.person('mohamed');
    sanne = w.person('sanne');
    fatma = w.person('fatma');
  }, 60_000);

  afterAll(async () => {
    console.log(`walk bijstellen: ${ms(started)}`);
    await w?.close();
  });

  /** Anouk opens the form behind `button` on `card`, fills `values` and saves; the case moves to `next`. */
  const byAnouk = async (
    card: Card,
    button: string,
    values: Fill,
    next: string,
    notice: string,
    opts: { submit?: string; open?: boolean } = {},
  ): Promise<void> => {
    if (opts.open !== false) await w.openForm(anouk, card, button);
    const submit = opts.submit ?? 'Opslaan';
    const v = await w.submit(anouk, card, values, submit, next, notice);
    const label = button.replace(/ \(.*\)$/, '');
    await w.channelShows(card, v, next, line(card.caseId ?? '', label, next.replace(/^(Nu|Status): /, ''), NAMES.anouk));
  };

  /** `who` types /status in their own Playground, opens the form behind `button`, fills and saves; Anouk's channel card follows. */
  const byOther = async (
    who: Person,
    name: string,
    card: Card,
    now: string,
    button: string,
    values: Fill,
    next: string,
    notice: string,
    shot?: string,
  ): Promise<Card> => {
    const theirs = await w.statusIn(who, card.caseId ?? '', now);
    await w.openForm(who, theirs, button);
    if (shot) {
      await fillAll(who, theirs, values);
      await who.screenshot(shot, theirs, { align: 'start' });
    }
    const v = await w.submit(who, theirs, values, 'Opslaan', next, notice);
    const label = button.replace(/ \(.*\)$/, '');
    await w.channelShows(card, v, next, line(card.caseId ?? '', label, next.replace(/^(Nu|Status): /, ''), name));
    return theirs;
  };

  /** Anouk opens a case in her Playground (as a person), the API (as the right people) brings it to stap 5. */
  const caseAtStap5 = async (): Promise<Card> => {
    const card = await w.newCase();
    const c = await CaseDriver.attach(w.team.e, card.caseId ?? '');
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'bijstellen' });
    await c.act(DEMO.anouk, 'signaal.vastleggen', { datum: w.today(-3), actielijn: `${VRIJ}api actielijn` });
    await c.act(DEMO.anouk, 'actielijnen.bijstellen', {
      datum: w.today(-2),
      samenMetClient: 'true',
      bijstelling: `${VRIJ}api bijstelling`,
      resultaat: 'onvoldoende',
    });
    await c.act(DEMO.mohamed, 'teamleider.besluit', { besluit: 'casuistiekoverleg' });
    const r = await c.act(DEMO.anouk, 'casuistiek.aanmelden', {
      datumOverleg: w.today(-1),
      situatie: `${VRIJ}api situatie`,
      geprobeerd: `${VRIJ}api geprobeerd`,
      vraag: `${VRIJ}api vraag`,
    });
    expect(r.text).toContain(STEP.s5);
    // Everything the API's steps sent has arrived in Anouk's Playground before anyone clicks.
    await w.channelShows(card, c.version, `Nu: ${STEP.s5}`, line(c.caseId, 'Inbrengen in casuïstiekoverleg', STEP.s5, NAMES.anouk));
    return card;
  };

  it('@Escaleer /escaleer, route Bijstellen; stap 1 (signaal) en stap 2 (bijstelling onvoldoende) door Anouk', async () => {
    root = await w.newCase();
    caseId = root.caseId ?? '';
    await w.openForm(anouk, root, 'Route kiezen');
    const v = await w.submit(
      anouk,
      root,
      { Route: ROUTE, 'Cliëntreferentie (pseudoniem)': `${VRIJ}0042` },
      'Route vastleggen',
      `Nu: ${STEP.s1}`,
      SAVED_FOR_TEAM,
    );
    await w.channelShows(root, v, `Route ${ROUTE}`, `${caseId}: route gekozen: ${ROUTE} (door ${NAMES.anouk}).`);
    await anouk.screenshot('walk-bs-01-statuskaart-stap-1', root);

    await w.openForm(anouk, root, 'Signaal vastleggen');
    await anouk.screenshot('walk-bs-02-formulier-signaal', root, { align: 'start' });
    const v1 = await w.submit(
      anouk,
      root,
      { 'Datum signaal': w.today(-3), 'Welke actielijn is veranderd': `${VRIJ}actielijn wonen`, Toelichting: `${VRIJ}signaal toelichting` },
      'Opslaan',
      `Nu: ${STEP.s2}`,
      SAVED_FOR_TEAM,
    );
    await w.channelShows(root, v1, `Nu: ${STEP.s2}`, line(caseId, 'Signaal vastleggen', STEP.s2, NAMES.anouk));

    await byAnouk(
      root,
      'Bijstelling vastleggen',
      {
        Datum: w.today(-2),
        'Samen met de cliënt bepaald': true,
        'Bijgestelde actielijnen': `${VRIJ}bijstelling`,
        'Is dit voldoende?': 'Onvoldoende',
      },
      `Nu: ${STEP.s3}`,
      savedFor('Teamleider', NAMES.mohamed),
    );
    await anouk.waitForText(root, fact('Aan zet', `Teamleider: ${NAMES.mohamed}`));
    // The teamleider is called in the case thread (no channel of his own is set).
    await anouk.waitForText(root.thread(), `Casus ${caseId} wacht op de teamleider`);
    await anouk.waitForText(root.thread(), `${NAMES.mohamed}: deze casus wacht op jou.`);
  }, 60_000);

  it('stap 3: de teamleider besluit in zijn Playground tot opplussen; Anouk evalueert (onvoldoende): terug naar de teamleider', async () => {
    const his = await byOther(
      mohamed,
      NAMES.mohamed,
      root,
      STEP.s3,
      'Besluit teamleider vastleggen (teamleider)',
      { 'Besluit teamleider': 'Opplussen aantal planbare begeleidingsmomenten', Toelichting: `${VRIJ}besluit opplussen` },
      `Nu: ${STEP.inzet}`,
      SAVED_FOR_TEAM,
      'walk-bs-03-teamleider-formulier-besluit',
    );
    // Mohamed's own card (in his Playground) is the answer to his click: the new status.
    await mohamed.waitForText(his, `Nu: ${STEP.inzet}`);

    await byAnouk(
      root,
      'Evaluatie vastleggen',
      { 'Datum evaluatie': w.today(), Resultaat: 'Onvoldoende', Toelichting: `${VRIJ}evaluatie` },
      `Nu: ${STEP.s3}`,
      savedFor('Teamleider', NAMES.mohamed),
    );
  }, 60_000);

  it('stap 3 opnieuw: casuïstiekoverleg; stap 4 door Anouk; stap 5 door de teamleider: tijdelijke onplanbare zorg', async () => {
    await byOther(
      mohamed,
      NAMES.mohamed,
      root,
      STEP.s3,
      'Besluit teamleider vastleggen (teamleider)',
      { 'Besluit teamleider': 'Bij twijfel: inbrengen in het casuïstiekoverleg' },
      `Nu: ${STEP.s4}`,
      SAVED_FOR_TEAM,
    );
    await byAnouk(
      root,
      'Inbrengen in casuïstiekoverleg',
      {
        'Datum casuïstiekoverleg': w.today(),
        'Situatie en veranderde hulpvraag': `${VRIJ}situatie`,
        'Wat is al geprobeerd': `${VRIJ}geprobeerd`,
        'Vraag aan het overleg': `${VRIJ}vraag overleg`,
      },
      `Nu: ${STEP.s5}`,
      savedFor('Teamleider', NAMES.mohamed),
    );
    await byOther(
      mohamed,
      NAMES.mohamed,
      root,
      STEP.s5,
      'Uitkomst casuïstiekoverleg vastleggen (teamleider)',
      {
        'Datum overleg': w.today(),
        Uitkomst: OUTCOME.onplanbaar,
        'Dichtstbijzijnde woonlocatie (bij onplanbare zorg)': `${VRIJ}woonlocatie`,
        'Start onplanbare zorg': w.today(),
        Afspraken: `${VRIJ}afspraken overleg`,
      },
      `Nu: ${STEP.onplanbaar}`,
      savedFor('Sleutelfiguur', NAMES.sanne),
    );
    await anouk.waitForText(root, 'maandevaluatie onplanbare zorg (maand 1)');
    await anouk.waitForText(root.thread(), `Casus ${caseId} wacht op de sleutelfiguur`);
  }, 60_000);

  it('onplanbare zorg: de sleutelfiguur legt de maandevaluatie vast (toch aanvraag BW); Anouk legt de aanvraag BW vast', async () => {
    await byOther(
      sanne,
      NAMES.sanne,
      root,
      STEP.onplanbaar,
      'Maandevaluatie vastleggen (sleutelfiguur of teamleider)',
      { 'Datum evaluatie': w.today(), Uitkomst: 'Toch aanvraag BW', Toelichting: `${VRIJ}maandevaluatie` },
      `Nu: ${STEP.bw}`,
      SAVED_FOR_TEAM,
    );
    await byAnouk(
      root,
      'Aanvraag BW vastleggen',
      { 'Verstuurd op': w.today(), 'Tabblad 1 en 2 van het ondersteuningsplan BW zijn ingevuld en naar BW@metsiem.nl gestuurd': true },
      `Nu: ${STEP.s6}`,
      savedFor('Sleutelfiguur', NAMES.sanne),
    );
  }, 60_000);

  it('stap 6 en 7 door de sleutelfiguur in haar Playground: overbruggingszorg door Siem, vastgelegd; Status: Afgesloten', async () => {
    await byOther(
      sanne,
      NAMES.sanne,
      root,
      STEP.s6,
      'Besluit overbruggingszorg vastleggen (sleutelfiguur)',
      { Overbruggingszorg: 'Overbruggingszorg door Siem met de dichtstbijzijnde BW-locatie', Toelichting: `${VRIJ}overbrugging` },
      `Nu: ${STEP.s7}`,
      savedFor('Sleutelfiguur', NAMES.sanne),
    );
    const hers = await byOther(
      sanne,
      NAMES.sanne,
      root,
      STEP.s7,
      'Overbruggingszorg vastleggen (sleutelfiguur)',
      {
        'Start overbruggingszorg': w.today(1),
        'BW-locatie (bij inzet door Siem)': `${VRIJ}bw-locatie`,
        'Vastgelegd in het ondersteuningsplan BW': true,
      },
      'Status: Afgesloten',
      CLOSED,
    );
    await sanne.screenshot('walk-bs-04-sleutelfiguur-afgesloten', hers);
    await anouk.screenshot('walk-bs-05-statuskaart-afgesloten', root);

    await w.press(sanne, hers, 'Details', `Details casus ${caseId}`);
    const details = await sanne.waitForText(hers, `${VRIJ}bw-locatie`);
    expect(details).toContain(`${VRIJ}actielijn wonen`);
    await w.assertNoFreeTextInChannel();
  }, 60_000);

  it('tak verstevigingsteam: de teamleider zet door (RET), de coördinator bevestigt het opschalingsaanbod in haar Playground', async () => {
    const card = await caseAtStap5();
    await byOther(
      mohamed,
      NAMES.mohamed,
      card,
      STEP.s5,
      'Uitkomst casuïstiekoverleg vastleggen (teamleider)',
      { 'Datum overleg': w.today(), Uitkomst: OUTCOME.versteviging, 'Opschalingsaanbod regio HvB (bij verstevigingsteam)': 'RET' },
      `Nu: ${STEP.versteviging}`,
      savedFor('Coördinator verstevigingsteam', NAMES.fatma),
    );
    await anouk.waitForText(card.thread(), `Casus ${card.caseId} wacht op de coördinator verstevigingsteam`);
    const hers = await byOther(
      fatma,
      NAMES.fatma,
      card,
      STEP.versteviging,
      'Opschalingsaanbod bevestigen (coördinator verstevigingsteam)',
      { Datum: w.today(), Opschalingsaanbod: 'RET' },
      'Status: Afgesloten',
      CLOSED,
    );
    await fatma.screenshot('walk-bs-06-coordinator-afgesloten', hers);
  }, 60_000);

  it('tak domeinoverstijgend: de teamleider kiest de financier, Anouk legt de aanmelding bij de financier vast', async () => {
    const card = await caseAtStap5();
    await byOther(
      mohamed,
      NAMES.mohamed,
      card,
      STEP.s5,
      'Uitkomst casuïstiekoverleg vastleggen (teamleider)',
      { 'Datum overleg': w.today(), Uitkomst: OUTCOME.domein, 'Financier (bij domeinoverstijgend)': 'Wlz' },
      `Nu: ${STEP.financier}`,
      SAVED_FOR_TEAM,
    );
    await byAnouk(card, 'Aanmelding financier vastleggen', { 'Aangemeld op': w.today(), Financier: 'Wlz' }, 'Status: Afgesloten', CLOSED);
  }, 60_000);

  it('een per ongeluk geopende casus: "Casus intrekken" onder Meer, met een reden; daarna Status: Ingetrokken', async () => {
    const card = await w.newCase();
    // Meer is opened by the click helper when the button sits in it.
    await byAnouk(
      card,
      'Casus intrekken',
      { 'Waarom wordt de casus ingetrokken': `${VRIJ}per ongeluk geopend` },
      'Status: Ingetrokken',
      CLOSED,
      {
        submit: 'Casus intrekken',
      },
    );
    expect(await card.text()).not.toContain('Route kiezen');
  }, 60_000);

  it('crisis vanuit stap 1: het formulier noemt de crisisregeling van de gemeente en niet Menzis; daarna Status: Crisis', async () => {
    const card = await w.newCase();
    const id = card.caseId ?? '';
    await w.openForm(anouk, card, 'Route kiezen');
    const v = await w.submit(anouk, card, { Route: ROUTE }, 'Route vastleggen', `Nu: ${STEP.s1}`, SAVED_FOR_TEAM);
    await w.channelShows(card, v, `Nu: ${STEP.s1}`, `${id}: route gekozen: ${ROUTE} (door ${NAMES.anouk}).`);

    await w.openForm(anouk, card, 'Crisis melden');
    const form = await card.text();
    expect(form).toContain('de crisisregeling van de gemeente');
    expect(form).toContain('Het proces bijstellen ondersteuning stopt voor deze casus');
    expect(form).not.toMatch(/Menzis|zorgkantoor|088 222 42 42|overlegtafel/);
    await anouk.screenshot('walk-bs-07-crisisformulier-wmo', card);
    await byAnouk(card, 'Crisis melden', { 'Ik bevestig dat er nu sprake is van een crisissituatie': true }, 'Status: Crisis', CLOSED, {
      submit: 'Crisis bevestigen en route stoppen',
      open: false,
    });
    const after = await card.text();
    expect(after).toContain('de crisisregeling van de gemeente');
    expect(after).not.toContain('Signaal vastleggen');
    await anouk.screenshot('walk-bs-08-statuskaart-crisis', card);
  }, 60_000);

  it('nergens in het kanaal vrije tekst; geen fouten in de pagina’s', async () => {
    await w.assertNoFreeTextInChannel();
    expect(w.pageErrors()).toEqual([]);
  });
});
