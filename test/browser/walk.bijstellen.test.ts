import { CaseDriver, DEMO } from '../support/caseDriver';
import type { Card, Person } from '../support/playgroundPerson';
import { CLOSED, CONFIRM_CRISIS, type Fill, type FormStep, NAMES, SAVED_FOR_TEAM, VRIJ, Walk, fact, line } from './walk.setup';

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
const savedFor = (role: string, name: string) => `Opgeslagen. De casus wacht nu op ${role}: ${name}.`;

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

  /** Anouk fills in `step` on `card` (her own card in the channel). */
  const byAnouk = (card: Card, step: FormStep) => w.fillIn(anouk, card, step);

  /** The teamleider records the casuïstiekoverleg's outcome (`values`) on a new case brought to stap 5. */
  const outcomeAtStap5 = async (values: Fill, next: string, notice: string): Promise<Card> => {
    const card = await caseAtStap5();
    const step = { button: 'Uitkomst casuïstiekoverleg vastleggen (teamleider)', values, next, notice };
    await w.fillInFromStatus(mohamed, card, STEP.s5, step);
    return card;
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
    await w.chooseRoute(root, ROUTE, STEP.s1, { 'Cliëntreferentie (pseudoniem)': `${VRIJ}0042` }, `Route ${ROUTE}`);
    await anouk.screenshot('walk-bs-01-statuskaart-stap-1', root);

    await w.openForm(anouk, root, 'Signaal vastleggen');
    await anouk.screenshot('walk-bs-02-formulier-signaal', root, { align: 'start' });
    await byAnouk(root, {
      button: 'Signaal vastleggen',
      open: false,
      values: {
        'Datum signaal': w.today(-3),
        'Welke actielijn is veranderd': `${VRIJ}actielijn wonen`,
        Toelichting: `${VRIJ}signaal toelichting`,
      },
      next: `Nu: ${STEP.s2}`,
      notice: SAVED_FOR_TEAM,
    });

    await byAnouk(root, {
      button: 'Bijstelling vastleggen',
      values: {
        Datum: w.today(-2),
        'Samen met de cliënt bepaald': true,
        'Bijgestelde actielijnen': `${VRIJ}bijstelling`,
        'Is dit voldoende?': 'Onvoldoende',
      },
      next: `Nu: ${STEP.s3}`,
      notice: savedFor('Teamleider', NAMES.mohamed),
    });
    await anouk.waitForText(root, fact('Aan zet', `Teamleider: ${NAMES.mohamed}`));
    // The teamleider is called in the case thread (no channel of his own is set).
    await anouk.waitForText(root.thread(), `Casus ${caseId} wacht op de teamleider`);
    await anouk.waitForText(root.thread(), `${NAMES.mohamed}: deze casus wacht op jou.`);
  }, 60_000);

  it('stap 3: de teamleider besluit in zijn Playground tot opplussen; Anouk evalueert (onvoldoende): terug naar de teamleider', async () => {
    const his = await w.fillInFromStatus(mohamed, root, STEP.s3, {
      button: 'Besluit teamleider vastleggen (teamleider)',
      values: { 'Besluit teamleider': 'Opplussen aantal planbare begeleidingsmomenten', Toelichting: `${VRIJ}besluit opplussen` },
      next: `Nu: ${STEP.inzet}`,
      notice: SAVED_FOR_TEAM,
      shot: 'walk-bs-03-teamleider-formulier-besluit',
    });
    // Mohamed's own card (in his Playground) is the answer to his click: the new status.
    await mohamed.waitForText(his, `Nu: ${STEP.inzet}`);

    await byAnouk(root, {
      button: 'Evaluatie vastleggen',
      values: { 'Datum evaluatie': w.today(), Resultaat: 'Onvoldoende', Toelichting: `${VRIJ}evaluatie` },
      next: `Nu: ${STEP.s3}`,
      notice: savedFor('Teamleider', NAMES.mohamed),
    });
  }, 60_000);

  it('stap 3 opnieuw: casuïstiekoverleg; stap 4 door Anouk; stap 5 door de teamleider: tijdelijke onplanbare zorg', async () => {
    await w.fillInFromStatus(mohamed, root, STEP.s3, {
      button: 'Besluit teamleider vastleggen (teamleider)',
      values: { 'Besluit teamleider': 'Bij twijfel: inbrengen in het casuïstiekoverleg' },
      next: `Nu: ${STEP.s4}`,
      notice: SAVED_FOR_TEAM,
    });
    await byAnouk(root, {
      button: 'Inbrengen in casuïstiekoverleg',
      values: {
        'Datum casuïstiekoverleg': w.today(),
        'Situatie en veranderde hulpvraag': `${VRIJ}situatie`,
        'Wat is al geprobeerd': `${VRIJ}geprobeerd`,
        'Vraag aan het overleg': `${VRIJ}vraag overleg`,
      },
      next: `Nu: ${STEP.s5}`,
      notice: savedFor('Teamleider', NAMES.mohamed),
    });
    await w.fillInFromStatus(mohamed, root, STEP.s5, {
      button: 'Uitkomst casuïstiekoverleg vastleggen (teamleider)',
      values: {
        'Datum overleg': w.today(),
        Uitkomst: OUTCOME.onplanbaar,
        'Dichtstbijzijnde woonlocatie (bij onplanbare zorg)': `${VRIJ}woonlocatie`,
        'Start onplanbare zorg': w.today(),
        Afspraken: `${VRIJ}afspraken overleg`,
      },
      next: `Nu: ${STEP.onplanbaar}`,
      notice: savedFor('Sleutelfiguur', NAMES.sanne),
    });
    await anouk.waitForText(root, 'maandevaluatie onplanbare zorg (maand 1)');
    await anouk.waitForText(root.thread(), `Casus ${caseId} wacht op de sleutelfiguur`);
  }, 60_000);

  it('onplanbare zorg: de sleutelfiguur legt de maandevaluatie vast (toch aanvraag BW); Anouk legt de aanvraag BW vast', async () => {
    await w.fillInFromStatus(sanne, root, STEP.onplanbaar, {
      button: 'Maandevaluatie vastleggen (sleutelfiguur of teamleider)',
      values: { 'Datum evaluatie': w.today(), Uitkomst: 'Toch aanvraag BW', Toelichting: `${VRIJ}maandevaluatie` },
      next: `Nu: ${STEP.bw}`,
      notice: SAVED_FOR_TEAM,
    });
    await byAnouk(root, {
      button: 'Aanvraag BW vastleggen',
      values: {
        'Verstuurd op': w.today(),
        'Tabblad 1 en 2 van het ondersteuningsplan BW zijn ingevuld en naar BW@metsiem.nl gestuurd': true,
      },
      next: `Nu: ${STEP.s6}`,
      notice: savedFor('Sleutelfiguur', NAMES.sanne),
    });
  }, 60_000);

  it('stap 6 en 7 door de sleutelfiguur in haar Playground: overbruggingszorg door Siem, vastgelegd; Status: Afgesloten', async () => {
    await w.fillInFromStatus(sanne, root, STEP.s6, {
      button: 'Besluit overbruggingszorg vastleggen (sleutelfiguur)',
      values: { Overbruggingszorg: 'Overbruggingszorg door Siem met de dichtstbijzijnde BW-locatie', Toelichting: `${VRIJ}overbrugging` },
      next: `Nu: ${STEP.s7}`,
      notice: savedFor('Sleutelfiguur', NAMES.sanne),
    });
    const hers = await w.fillInFromStatus(sanne, root, STEP.s7, {
      button: 'Overbruggingszorg vastleggen (sleutelfiguur)',
      values: {
        'Start overbruggingszorg': w.today(1),
        'BW-locatie (bij inzet door Siem)': `${VRIJ}bw-locatie`,
        'Vastgelegd in het ondersteuningsplan BW': true,
      },
      next: 'Status: Afgesloten',
      notice: CLOSED,
    });
    await sanne.screenshot('walk-bs-04-sleutelfiguur-afgesloten', hers);
    await anouk.screenshot('walk-bs-05-statuskaart-afgesloten', root);

    await w.press(sanne, hers, 'Details', `Details casus ${caseId}`);
    const details = await sanne.waitForText(hers, `${VRIJ}bw-locatie`);
    expect(details).toContain(`${VRIJ}actielijn wonen`);
    await w.assertNoFreeTextInChannel();
  }, 60_000);

  it('tak verstevigingsteam: de teamleider zet door (RET), de coördinator bevestigt het opschalingsaanbod in haar Playground', async () => {
    const card = await outcomeAtStap5(
      { 'Datum overleg': w.today(), Uitkomst: OUTCOME.versteviging, 'Opschalingsaanbod regio HvB (bij verstevigingsteam)': 'RET' },
      `Nu: ${STEP.versteviging}`,
      savedFor('Coördinator verstevigingsteam', NAMES.fatma),
    );
    await anouk.waitForText(card.thread(), `Casus ${card.caseId} wacht op de coördinator verstevigingsteam`);
    const hers = await w.fillInFromStatus(fatma, card, STEP.versteviging, {
      button: 'Opschalingsaanbod bevestigen (coördinator verstevigingsteam)',
      values: { Datum: w.today(), Opschalingsaanbod: 'RET' },
      next: 'Status: Afgesloten',
      notice: CLOSED,
    });
    await fatma.screenshot('walk-bs-06-coordinator-afgesloten', hers);
  }, 60_000);

  it('tak domeinoverstijgend: de teamleider kiest de financier, Anouk legt de aanmelding bij de financier vast', async () => {
    const card = await outcomeAtStap5(
      { 'Datum overleg': w.today(), Uitkomst: OUTCOME.domein, 'Financier (bij domeinoverstijgend)': 'Wlz' },
      `Nu: ${STEP.financier}`,
      SAVED_FOR_TEAM,
    );
    await byAnouk(card, {
      button: 'Aanmelding financier vastleggen',
      values: { 'Aangemeld op': w.today(), Financier: 'Wlz' },
      next: 'Status: Afgesloten',
      notice: CLOSED,
    });
  }, 60_000);

  it('een per ongeluk geopende casus: "Casus intrekken" onder Meer, met een reden; daarna Status: Ingetrokken', async () => {
    const card = await w.newCase();
    // Meer is opened by the click helper when the button sits in it.
    await byAnouk(card, {
      button: 'Casus intrekken',
      values: { 'Waarom wordt de casus ingetrokken': `${VRIJ}per ongeluk geopend` },
      submit: 'Casus intrekken',
      next: 'Status: Ingetrokken',
      notice: CLOSED,
    });
    expect(await card.text()).not.toContain('Route kiezen');
  }, 60_000);

  it('crisis vanuit stap 1: het formulier noemt de crisisregeling van de gemeente en niet Menzis; daarna Status: Crisis', async () => {
    const { card, form } = await w.crisisForm(ROUTE, STEP.s1);
    expect(form).toContain('de crisisregeling van de gemeente');
    expect(form).toContain('Het proces bijstellen ondersteuning stopt voor deze casus');
    expect(form).not.toMatch(/Menzis|zorgkantoor|088 222 42 42|overlegtafel/);
    await anouk.screenshot('walk-bs-07-crisisformulier-wmo', card);
    await byAnouk(card, CONFIRM_CRISIS);
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
