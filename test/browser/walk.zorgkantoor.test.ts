import { CONDITIONS, formatDutchDate } from '../../src/domain';
import { CaseDriver, DEMO } from '../support/caseDriver';
import type { Card, Person } from '../support/playgroundPerson';
import { CLOSED, CONFIRM_CRISIS, type Fill, NAMES, SAVED_FOR_TEAM, VRIJ, Walk, fact, fillAll, line } from './walk.setup';

/**
 * Route Zorgkantoor (Wlz) walked as people do it, in the Agents Playground's web UI: Anouk
 * (begeleider) in the Playground the bot starts, Mohamed (teamleider) and Pieter (functioneel
 * beheerder) each in a Playground of their own. Every step is a post in the compose box or a
 * click on a button found by its title; inputs are found by their labels. After every click the
 * test checks that it reached the bot and what the card then shows.
 */

const STEP = {
  c1: 'Cirkel 1: overleg in het team',
  c2: 'Cirkel 2: consultatie binnen de zorgaanbieder',
  c3: 'Cirkel 3: consultatie van een andere zorgaanbieder',
  voorwaarden: 'Cirkel 4: voorwaarden voor de regionale overlegtafel',
  akkoord: 'Cirkel 4: akkoord teamleider',
  adviseur: 'Cirkel 4: contact zorginhoudelijk adviseur',
  formulier: 'Cirkel 4: aanmeldformulier en tafel kiezen',
  aangemeld: 'Cirkel 4: aangemeld voor de regionale overlegtafel',
  besproken: 'Cirkel 4: besproken aan de overlegtafel',
  opvolging: 'Cirkel 4: opvolging',
};
const ROUTE = 'Zorgkantoor (Wlz)';
const REGION = 'Drenthe';
const SAVED_FOR_MOHAMED = `Opgeslagen. De casus wacht nu op Teamleider: ${NAMES.mohamed}.`;
const CCE_LABEL = 'Toelichting, of onderbouwing waarom het CCE niet betrokken is';

const ms = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

describe('Route Zorgkantoor in de Playground, zoals mensen het doen: van /escaleer tot afgesloten', () => {
  let w: Walk;
  let anouk: Person;
  let mohamed: Person;
  let pieter: Person;
  let root: Card;
  let caseId: string;
  let deadline: string;
  let meeting: string;
  /** A later table of the same region: the first registration goes there, then "Andere tafel kiezen". */
  let laterDeadline: string;
  let laterMeeting: string;
  /** Mohamed's status card from his "Niet akkoord" (stale once the case moves on). */
  let hisOld: Card;
  const started = Date.now();

  beforeAll(async () => {
    w = await Walk.start(['mohamed', 'pieter']);
    ({ anouk } = w);
    mohamed = w.person('mohamed');
    pieter = w.person('pieter');
    deadline = w.today(7);
    meeting = w.today(14);
    laterDeadline = w.today(21);
    laterMeeting = w.today(28);
  }, 60_000);

  afterAll(async () => {
    console.log(`walk zorgkantoor: ${ms(started)}`);
    await w?.close();
  });

  /** Fills and submits a circle 1/2 form of Anouk's card; the case moves to `next`. */
  const circle = async (n: 1 | 2, next: string): Promise<void> => {
    await w.fillIn(anouk, root, {
      button: `Cirkel ${n} vastleggen`,
      open: false,
      values: {
        'Datum overleg': w.today(-1),
        Deelnemers: n === 1 ? ['Begeleider(s)', 'Teamleider'] : ['Gedragsdeskundige'],
        Vraag: `${VRIJ}vraag cirkel ${n}`,
        Afspraken: `${VRIJ}afspraken cirkel ${n}`,
        Uitkomst: 'Onvoldoende resultaat',
      },
      next: `Nu: ${next}`,
      notice: SAVED_FOR_TEAM,
    });
  };

  const circle3 = async (): Promise<void> => {
    await w.fillIn(anouk, root, {
      button: 'Cirkel 3 vastleggen',
      values: {
        'Datum consultatie': w.today(-1),
        'Geconsulteerde zorgaanbieder': `${VRIJ}aanbieder`,
        Risicofactoren: `${VRIJ}risico`,
        'Beschermende factoren': `${VRIJ}bescherming`,
        Context: `${VRIJ}context`,
        Plan: `${VRIJ}plan`,
        'Wie zijn daarvoor nodig': `${VRIJ}nodig`,
        'Contact gehad met Zorgadvies (088 222 42 42)': true,
        'Uitkomsten en afspraken': `${VRIJ}afspraken cirkel 3`,
        'Datum opvolging': w.today(10),
        Resultaat: 'Onvoldoende resultaat',
      },
      next: `Nu: ${STEP.voorwaarden}`,
      notice: SAVED_FOR_TEAM,
    });
    // The recorded follow-up date is announced on the card.
    await anouk.waitForText(root, /Volgende herinnering\s+\d{1,2} \w+ \d{4} — opvolging afspraken cirkel 3/);
  };

  /** The first five conditions confirmed with an explanation, the region chosen. */
  const firstFive: Fill = {
    ...Object.fromEntries(
      CONDITIONS.slice(0, 5).flatMap((c, i) => [
        [c.label, true],
        [`Korte toelichting#${i + 1}`, `${VRIJ}dossier ${c.key}`],
      ]),
    ),
    'Regio van de overlegtafel': REGION,
  };
  const allSeven: Fill = {
    ...firstFive,
    [(CONDITIONS[5] as (typeof CONDITIONS)[number]).label]: true,
    'Korte toelichting#6': `${VRIJ}in zorg`,
    [(CONDITIONS[6] as (typeof CONDITIONS)[number]).label]: false,
    [CCE_LABEL]: `${VRIJ}onderbouwing CCE`,
  };

  /** Anouk submits all seven conditions: the case waits on the teamleider. */
  const conditionsComplete = async (open = true): Promise<void> => {
    await w.fillIn(anouk, root, {
      button: 'Voorleggen aan teamleider',
      open,
      values: allSeven,
      submit: 'Voorleggen aan teamleider',
      next: `Nu: ${STEP.akkoord}`,
      notice: SAVED_FOR_MOHAMED,
    });
    await anouk.waitForText(root, fact('Voorwaarden', '7 van 7 voldaan'));
  };

  /**
   * Mohamed gives akkoord: from a fresh `/status` in his Playground, or from his old card after
   * "Vernieuwen" (under Meer) brought it up to date.
   */
  const akkoord = async (old?: Card): Promise<void> => {
    let his: Card;
    if (old) {
      await w.press(mohamed, old, 'Vernieuwen', `Nu: ${STEP.akkoord}`);
      his = old;
    } else his = await w.statusIn(mohamed, caseId, STEP.akkoord);
    await w.fillIn(
      mohamed,
      his,
      {
        button: 'Akkoord (teamleider)',
        values: { Toelichting: `${VRIJ}akkoord teamleider` },
        submit: 'Akkoord geven',
        next: `Nu: ${STEP.adviseur}`,
        notice: SAVED_FOR_TEAM,
      },
      root,
    );
    await anouk.waitForText(root, 'ziawlz@menzis.nl');
  };

  const adviseur = async (oordeel: 'Bespreking is passend' | 'Bespreking is niet passend', next: string): Promise<void> => {
    await w.fillIn(anouk, root, {
      button: 'Oordeel adviseur vastleggen',
      values: {
        'Datum contact met adviseur': w.today(),
        'Oordeel adviseur': oordeel,
        'Advies van de adviseur (bij niet passend: waarom, en wat het plan nodig heeft)': `${VRIJ}advies ${oordeel}`,
      },
      next: `Nu: ${next}`,
      notice: SAVED_FOR_TEAM,
    });
  };

  it('de functioneel beheerder opent /instellingen, wijzigt het meldingskanaal van de teamleider en slaat op', async () => {
    await pieter.post('/instellingen');
    const summary = await pieter.newCard({ hasText: 'Instellingen Zorgteam Noord' });
    await pieter.waitForText(summary, NAMES.mohamed);
    // The beheerder's overview: a button per section, each section its own small card.
    await w.press(pieter, summary, 'Wijzigen (functioneel beheerder)', 'Gebiedsteams wijzigen');
    await w.press(pieter, summary, 'Teamleider wijzigen', 'Meldingen in kanaal');
    await pieter.fill(summary, 'Meldingen in kanaal', 'Teamleiders', { nth: 0 });
    await pieter.screenshot('walk-zk-01-instellingen-formulier', summary);
    await w.press(pieter, summary, 'Opslaan', 'Instellingen opgeslagen.');

    await pieter.post('/instellingen');
    const again = await pieter.newCard({ hasText: 'Instellingen Zorgteam Noord' });
    await pieter.waitForText(again, `${NAMES.mohamed} · meldingen in Teamleiders`);
    await pieter.waitForText(again, NAMES.sanne);
  }, 60_000);

  it('de functioneel beheerder voegt op /tafels twee tafels toe; die staan daarna op de kaart', async () => {
    await pieter.post('/tafels');
    const tables = await pieter.newCard({ hasText: 'Regionale overlegtafels' });
    await w.press(pieter, tables, 'Kalender beheren (kalenderbeheerder)', 'Tafel toevoegen');
    await pieter.click(tables, 'Tafel toevoegen');
    await pieter.fill(tables, 'Regio', REGION);
    await pieter.fill(tables, 'Uiterlijke inleverdatum', deadline);
    await pieter.fill(tables, 'Datum overleg', meeting);
    await pieter.screenshot('walk-zk-02-tafel-toevoegen', tables);
    await w.press(pieter, tables, 'Toevoegen', 'Tafel opgeslagen.');
    const text = await pieter.waitForText(tables, REGION);
    expect(text).toContain(formatDutchDate(meeting));
    expect(text).toContain(`inleveren uiterlijk ${formatDutchDate(deadline)}`);

    await pieter.click(tables, 'Tafel toevoegen');
    await pieter.fill(tables, 'Regio', REGION);
    await pieter.fill(tables, 'Uiterlijke inleverdatum', laterDeadline);
    await pieter.fill(tables, 'Datum overleg', laterMeeting);
    await w.press(pieter, tables, 'Toevoegen', 'Tafel opgeslagen.');
    const both = await pieter.waitForText(tables, `inleveren uiterlijk ${formatDutchDate(laterDeadline)}`);
    expect(both).toContain(formatDutchDate(laterMeeting));
    expect(both).toContain(`inleveren uiterlijk ${formatDutchDate(deadline)}`);
  }, 60_000);

  it('@Escaleer /escaleer geeft een statuskaart zonder invoer; Route kiezen opent het formulier voor Anouk alleen; de route wordt vastgelegd', async () => {
    root = await w.newCase();
    caseId = root.caseId ?? '';
    expect(caseId).toMatch(/^CAS-\d{4}-\d{4,6}$/);
    const text = await root.text();
    expect(text).toContain('Aan zet');
    expect(text).toContain('Laatste wijziging');
    expect(await root.locator.locator('input, textarea').count()).toBe(0);
    await anouk.screenshot('walk-zk-03-statuskaart-nieuw', root);

    await w.openForm(anouk, root, 'Route kiezen');
    await anouk.fill(root, 'Route', ROUTE);
    await anouk.fill(root, 'Cliëntreferentie (pseudoniem)', `${VRIJ}4711`);
    await anouk.screenshot('walk-zk-04-formulier-route', root);
    const v = await w.submit(anouk, root, {}, 'Route vastleggen', `Nu: ${STEP.c1}`, SAVED_FOR_TEAM);
    await w.channelShows(root, v, `Route ${ROUTE}`, `${caseId}: route gekozen: ${ROUTE} (door ${NAMES.anouk}).`);
    await anouk.waitForText(root, `Nu: ${STEP.c1}`);
  }, 60_000);

  it('cirkel 1 en 2 vastleggen; Annuleren sluit een formulier zonder iets op te slaan', async () => {
    await w.openForm(anouk, root, 'Cirkel 1 vastleggen');
    await anouk.screenshot('walk-zk-05-formulier-cirkel-1', root, { align: 'start' });
    await circle(1, STEP.c2);

    await w.openForm(anouk, root, 'Cirkel 2 vastleggen');
    await anouk.fill(root, 'Vraag', `${VRIJ}weggegooid`);
    await w.press(anouk, root, 'Annuleren', `Nu: ${STEP.c2}`);
    await anouk.waitForText(root, 'Cirkel 2 vastleggen');
    expect(await root.text()).not.toContain('Alleen jij ziet dit formulier');

    await w.openForm(anouk, root, 'Cirkel 2 vastleggen');
    await circle(2, STEP.c3);
    await circle3();
  }, 60_000);

  it('de zeven voorwaarden: eerst onvolledig (geweigerd, fouten bij de velden, invoer blijft staan), dan volledig met een regio', async () => {
    await w.openForm(anouk, root, 'Voorleggen aan teamleider');
    await fillAll(anouk, root, firstFive);
    await w.press(anouk, root, 'Voorleggen aan teamleider', 'Er is niets opgeslagen.');
    const refused = await anouk.waitForText(root, 'Er is niets opgeslagen.');
    expect(refused).toContain('Nog niet aan alle voorwaarden voldaan.');
    expect(refused).toContain('Alleen jij ziet dit formulier.');
    expect(refused.match(/Niet vervuld\./g)).toHaveLength(2);
    for (const [i, c] of CONDITIONS.slice(0, 5).entries()) {
      await expect(anouk.valueOf(root, c.label)).resolves.toBe(true);
      await expect(anouk.valueOf(root, 'Korte toelichting', i)).resolves.toBe(`${VRIJ}dossier ${c.key}`);
    }
    await expect(anouk.valueOf(root, (CONDITIONS[5] as (typeof CONDITIONS)[number]).label)).resolves.toBe(false);
    await expect(anouk.valueOf(root, 'Regio van de overlegtafel')).resolves.toBe(REGION);
    await anouk.screenshot('walk-zk-06-voorwaarden-geweigerd-melding', root, { align: 'start' });
    await anouk.screenshot('walk-zk-07-voorwaarden-fouten-bij-velden', root, { align: 'end' });
    // Nothing stored: no line in the thread for it.
    expect(await root.thread().innerText()).not.toContain(line(caseId, 'Voorleggen aan teamleider', STEP.akkoord, NAMES.anouk));

    await conditionsComplete(false);
    await anouk.waitForText(
      root,
      fact('Volgende datum', `${formatDutchDate(deadline)}: inleverdatum tafel ${REGION} (overleg ${formatDutchDate(meeting)})`),
    );
    await anouk.waitForText(root, fact('Aan zet', `Teamleider: ${NAMES.mohamed}`));
  }, 60_000);

  it('Anouk klikt "Akkoord (teamleider)": de stap is voor de teamleider; Mohamed geeft via /status in zijn Playground "Niet akkoord"', async () => {
    await w.press(anouk, root, 'Akkoord (teamleider)', `Deze stap is voor Teamleider: ${NAMES.mohamed}.`);
    expect(await root.text()).not.toContain('Alleen jij ziet dit formulier');

    const his = await w.statusIn(mohamed, caseId, STEP.akkoord, 'walk-zk-08a-momentopname-status');
    hisOld = his;
    await mohamed.screenshot('walk-zk-08-teamleider-statuskaart', his);
    await w.expectUnderMeer(mohamed, his, 'Niet akkoord (teamleider)');
    await w.fillIn(
      mohamed,
      his,
      {
        button: 'Niet akkoord (teamleider)',
        values: { 'Wat moet er anders': `${VRIJ}reden niet akkoord` },
        submit: 'Niet akkoord geven',
        next: `Nu: ${STEP.voorwaarden}`,
        notice: SAVED_FOR_TEAM,
      },
      root,
    );
    // The thread line and the case's card went to Anouk's Playground, not to Mohamed's.
    expect(await mohamed.page.getByText(line(caseId, 'Niet akkoord', STEP.voorwaarden, NAMES.mohamed)).count()).toBe(0);
    await w.assertNoFreeTextInChannel();
  }, 60_000);

  it('de voorwaarden opnieuw; de teamleider werkt zijn oude kaart bij met "Vernieuwen" en geeft akkoord; de adviseur vindt bespreking niet passend: terug naar cirkel 3', async () => {
    await conditionsComplete();
    await akkoord(hisOld);
    await adviseur('Bespreking is niet passend', STEP.c3);
  }, 60_000);

  it('cirkel 3 en de voorwaarden nog eens, akkoord, de adviseur vindt bespreking passend', async () => {
    await circle3();
    await conditionsComplete();
    await akkoord();
    await adviseur('Bespreking is passend', STEP.formulier);
  }, 60_000);

  it('aanmelden voor een toegevoegde tafel, "Andere tafel kiezen" onder Meer, het formulier inleveren; na de tafel (klok verzet) de uitkomst en de opvolging; een week later de herinnering in de thread', async () => {
    const table = `${REGION}, overleg ${formatDutchDate(meeting)} (inleveren uiterlijk ${formatDutchDate(deadline)})`;
    const later = `${REGION}, overleg ${formatDutchDate(laterMeeting)} (inleveren uiterlijk ${formatDutchDate(laterDeadline)})`;
    const aangemeld = { next: `Nu: ${STEP.aangemeld}`, notice: SAVED_FOR_TEAM };
    await w.fillIn(anouk, root, {
      button: 'Aanmelden voor tafel',
      values: { 'Aanmeldformulier ontvangen op': w.today(), Regio: REGION, 'Regionale overlegtafel': later },
      ...aangemeld,
    });
    await anouk.waitForText(root, `${formatDutchDate(laterDeadline)}: inleverdatum tafel ${REGION}`);

    await w.expectUnderMeer(anouk, root, 'Andere tafel kiezen');
    await w.fillIn(anouk, root, {
      button: 'Andere tafel kiezen',
      values: { Regio: REGION, 'Regionale overlegtafel': table },
      ...aangemeld,
      shows: `${formatDutchDate(deadline)}: inleverdatum tafel ${REGION}`,
      thread: line(caseId, 'Andere tafel kiezen', null, NAMES.anouk),
    });

    await w.fillIn(anouk, root, {
      button: 'Formulier ingeleverd',
      values: { 'Ingeleverd bij het zorgkantoor op': w.today() },
      ...aangemeld,
      shows: 'Uitkomst tafel vastleggen',
      thread: line(caseId, 'Formulier ingeleverd', null, NAMES.anouk),
    });
    await anouk.waitForText(root, `${formatDutchDate(meeting)}: overlegtafel ${REGION}`);

    // The table meets: the bot's clock moves to the afternoon of the meeting day.
    w.clock.set(`${meeting}T13:00:00Z`);
    await w.fillIn(anouk, root, {
      button: 'Uitkomst tafel vastleggen',
      values: {
        'Datum overleg': meeting,
        Uitkomst: 'Overplaatsing wordt geregeld',
        Afspraken: `${VRIJ}tafelafspraken`,
        'Datum opvolging': w.today(14),
      },
      next: `Nu: ${STEP.besproken}`,
      notice: SAVED_FOR_TEAM,
    });

    await w.fillIn(anouk, root, {
      button: 'Opvolging vastleggen',
      values: {
        Datum: w.today(),
        'Stand van zaken': 'Loopt volgens afspraak',
        Toelichting: `${VRIJ}stand van zaken`,
        'Volgende opvolging': w.today(7),
      },
      next: `Nu: ${STEP.opvolging}`,
      notice: SAVED_FOR_TEAM,
    });
    await anouk.waitForText(root, /Volgende herinnering\s+\d{1,2} \w+ \d{4} — opvolging afspraken overlegtafel/);

    // A week on (the bot's clock, hour by hour): the reminder of the next follow-up appears once in the case's thread, @mentioning Anouk.
    const end = w.clock.now().getTime() + 8 * 86_400_000;
    for (let t = w.clock.now().getTime(); t <= end; t += 3_600_000) {
      w.clock.set(new Date(t));
      if ((await w.team.e.app.reminders.tick()).sent > 0) await w.team.e.app.dispatcher.sweepAll();
    }
    const note = await anouk.newCard({ hasText: `Herinnering casus ${caseId}` });
    await anouk.screenshot('walk-zk-13-herinnering-opvolging', note);
    expect(await note.text()).toMatch(
      new RegExp(`${NAMES.anouk}: (Vandaag|Op \\d{1,2} \\w+ \\d{4}) staat de opvolging afspraken overlegtafel gepland`),
    );
    expect(await anouk.page.getByText(`Herinnering casus ${caseId}`).count()).toBe(1);
    await w.press(anouk, root, 'Vernieuwen', `Nu: ${STEP.opvolging}`);
    expect(await root.text()).not.toContain('Volgende herinnering');
  }, 120_000);

  it('"Casus afsluiten" onder Meer: Status: Afgesloten; Details toont Anouk de vrije tekst, het kanaal nooit', async () => {
    await w.expectUnderMeer(anouk, root, 'Casus afsluiten');
    await w.fillIn(anouk, root, {
      button: 'Casus afsluiten',
      values: { 'Datum afsluiting': w.today(), Reden: 'Cliënt is overgeplaatst', Toelichting: `${VRIJ}slot` },
      submit: 'Casus afsluiten',
      next: 'Status: Afgesloten',
      notice: CLOSED,
    });
    const closed = await root.text();
    expect(closed).not.toContain('Aan zet');
    expect(closed).not.toContain('Crisis melden');
    await anouk.screenshot('walk-zk-09-statuskaart-afgesloten', root);

    await w.press(anouk, root, 'Details', `Details casus ${caseId}`);
    const details = await anouk.waitForText(root, `${VRIJ}onderbouwing CCE`);
    expect(details).toContain(`${VRIJ}4711`);
    expect(details).toContain(`${VRIJ}reden niet akkoord`);
    expect(details).toContain('Alleen jij ziet deze kaart.');
    await anouk.screenshot('walk-zk-10-details', root, { align: 'start' });
    await w.press(anouk, root, 'Terug naar de status', 'Status: Afgesloten');
    await w.assertNoFreeTextInChannel();
  }, 60_000);

  it('crisis vanuit Wlz cirkel 1: het formulier noemt crisisregeling, zorgconferentie en Zorgadvies; daarna Status: Crisis', async () => {
    const { card, form } = await w.crisisForm(ROUTE, STEP.c1);
    expect(form).toContain('crisisregeling of de zorgconferentie');
    expect(form).toContain('Zorgadvies van Menzis zorgkantoor: 088 222 42 42.');
    expect(form).toContain('niet ingebracht bij de regionale overlegtafel');
    await anouk.screenshot('walk-zk-11-crisisformulier-wlz', card);
    await w.fillIn(anouk, card, CONFIRM_CRISIS);
    const after = await card.text();
    expect(after).toContain('crisisregeling of de zorgconferentie');
    expect(after).not.toContain('Cirkel 1 vastleggen');
    await anouk.screenshot('walk-zk-12-statuskaart-crisis', card);
  }, 60_000);

  it('bij de voorwaarden (daarheen gebracht via de API): "Terug naar cirkel 3" onder Meer, en later crisis melden vanuit de voorwaarden', async () => {
    // Anouk opens the case in her Playground; the API (as Anouk) brings it to the conditions.
    const card = await w.newCase();
    const c = await CaseDriver.attach(w.team.e, card.caseId ?? '');
    const circleData = { datum: w.today(-1), deelnemers: 'begeleider', vraag: `${VRIJ}api vraag`, uitkomst: 'onvoldoende' };
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'zorgkantoor' });
    await c.act(DEMO.anouk, 'cirkel1.vastleggen', circleData);
    await c.act(DEMO.anouk, 'cirkel2.vastleggen', circleData);
    const c3 = {
      datum: w.today(-1),
      geconsulteerdeAanbieder: `${VRIJ}a`,
      risicofactoren: `${VRIJ}r`,
      beschermendeFactoren: `${VRIJ}b`,
      context: `${VRIJ}c`,
      plan: `${VRIJ}p`,
      nodig: `${VRIJ}n`,
      afspraken: `${VRIJ}af`,
      vervolgdatum: w.today(3),
      uitkomst: 'onvoldoende',
    };
    const r = await c.act(DEMO.anouk, 'cirkel3.vastleggen', c3);
    expect(r.text).toContain(STEP.voorwaarden);
    // Everything the API's steps sent has arrived in Anouk's Playground before she clicks.
    await w.channelShows(card, c.version, `Nu: ${STEP.voorwaarden}`, line(c.caseId, 'Cirkel 3 vastleggen', STEP.voorwaarden, NAMES.anouk));
    await w.expectUnderMeer(anouk, card, 'Terug naar cirkel 3');
    await w.fillIn(anouk, card, {
      button: 'Terug naar cirkel 3',
      values: { Reden: `${VRIJ}nog niet zover` },
      submit: 'Terug naar cirkel 3',
      next: `Nu: ${STEP.c3}`,
      notice: SAVED_FOR_TEAM,
    });

    await c.view(DEMO.anouk, 'status.tonen').then((s) => (c.card = s.card));
    await c.act(DEMO.anouk, 'cirkel3.vastleggen', c3);
    await w.channelShows(card, c.version, `Nu: ${STEP.voorwaarden}`, line(c.caseId, 'Cirkel 3 vastleggen', STEP.voorwaarden, NAMES.anouk));
    await w.openForm(anouk, card, 'Crisis melden');
    const form = await card.text();
    expect(form).toContain('crisisregeling of de zorgconferentie');
    expect(form).toContain('088 222 42 42');
    await w.fillIn(anouk, card, CONFIRM_CRISIS);
  }, 60_000);

  it('nergens in het kanaal vrije tekst; geen fouten in de pagina’s', async () => {
    await w.assertNoFreeTextInChannel();
    expect(w.pageErrors()).toEqual([]);
  });
});
