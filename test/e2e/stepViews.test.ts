import { TableCaseRepository, openTables } from '../../src/storage';
import type { E2e } from '../support/app';
import { CaseDriver, DEMO, startSeededTeam } from '../support/caseDriver';
import { FakeClock } from '../support/fakes';
import { cardText, inputIds } from '../support/playgroundClient';
import { sevenConditions } from '../support/routeWalk';

const ALL_SEVEN = (): Record<string, string> => sevenConditions('Groningen', (k) => `VRIJ toelichting ${k}`);

/** An input of a card by id (with its value and choices), or undefined. */
type FoundInput = { value?: string; choices?: { title: string; value: string }[] };
const findInput = (card: unknown, id: string): FoundInput | undefined => {
  let found: FoundInput | undefined;
  const walk = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (!Array.isArray(v) && (v as { id?: unknown }).id === id) found = v;
    Object.values(v).forEach(walk);
  };
  walk(card);
  return found;
};

describe('De stapformulieren als eigen weergave per gebruiker, in de Agents Playground', () => {
  let e: E2e;
  let channel: string;
  const clock = new FakeClock(new Date('2023-09-20T08:00:00Z'));

  beforeAll(async () => {
    ({ e, channel } = await startSeededTeam(clock));
  }, 60_000);
  afterAll(async () => e?.close());

  const toConditions = async (): Promise<CaseDriver> => {
    const c = await CaseDriver.open(e, channel, DEMO.anouk);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'zorgkantoor', clientRef: 'ECD-5' });
    const circle = { datum: '2023-09-18', deelnemers: 'begeleider', vraag: 'VRIJ vraag', uitkomst: 'onvoldoende' };
    await c.act(DEMO.anouk, 'cirkel1.vastleggen', circle);
    await c.act(DEMO.anouk, 'cirkel2.vastleggen', circle);
    await c.act(DEMO.anouk, 'cirkel3.vastleggen', {
      datum: '2023-09-19',
      geconsulteerdeAanbieder: 'VRIJ a',
      risicofactoren: 'VRIJ r',
      beschermendeFactoren: 'VRIJ b',
      context: 'VRIJ c',
      plan: 'VRIJ p',
      nodig: 'VRIJ n',
      afspraken: 'VRIJ af',
      vervolgdatum: '2023-10-01',
      uitkomst: 'onvoldoende',
    });
    return c;
  };

  it('de statuskaart heeft geen invoer; de knop geeft alleen de klikker het formulier, zonder iets te wijzigen', async () => {
    const c = await CaseDriver.open(e, channel, DEMO.anouk);
    expect(inputIds(c.card)).toEqual([]);
    const form = await c.open(DEMO.joost, 'route.kiezen');
    expect(inputIds(form)).toEqual(['route.kiezen.route', 'route.kiezen.clientRef']);
    expect(cardText(form)).toContain('Alleen jij ziet dit formulier.');
    expect((await c.view(DEMO.anouk, 'status.tonen')).text).toContain('Nu: Nieuwe casus: route kiezen');
    expect(c.version).toBe(1);
  });

  it('wie de stap niet mag zetten krijgt de status met wie wel, geen formulier; een automatische verversing geeft stil de status', async () => {
    const c = await toConditions();
    await c.act(DEMO.anouk, 'voorwaarden.vastleggen', ALL_SEVEN());
    const wrong = await c.open(DEMO.anouk, 'voorwaarden.goedkeuren');
    expect(inputIds(wrong)).toEqual([]);
    expect(cardText(wrong)).toContain('Deze stap is voor Teamleider: Mohamed El Amrani.');
    const quiet = await e.pg.invoke(c.thread, DEMO.anouk.id, c.rootMessageId, {
      action: {
        type: 'Action.Execute',
        verb: 'formulier.openen',
        data: { caseId: c.caseId, version: c.version, actie: 'voorwaarden.goedkeuren' },
      },
      trigger: 'automatic',
    });
    expect(cardText(quiet.body?.value)).not.toContain('Deze stap is voor');
    expect(cardText(quiet.body?.value)).toContain('Nu: Cirkel 4: akkoord teamleider');
    const right = await c.open(DEMO.mohamed, 'voorwaarden.goedkeuren');
    expect(inputIds(right)).toEqual(['voorwaarden.goedkeuren.toelichting']);
    const stale = await c.open(DEMO.mohamed, 'voorwaarden.goedkeuren', c.version - 1);
    expect(cardText(stale)).toContain('De casus is intussen bijgewerkt.');
    expect(inputIds(stale)).toEqual([]);
  });

  it('na "Niet akkoord" staan de zeven voorwaarden weer ingevuld voor wie aan de casus werkt, niet voor een ander teamlid; elke inzage staat in het auditlogboek', async () => {
    const c = await toConditions();
    await c.act(DEMO.anouk, 'voorwaarden.vastleggen', ALL_SEVEN());
    await c.act(DEMO.mohamed, 'voorwaarden.afwijzen', { reden: 'VRIJ reden' });
    const status = await c.view(DEMO.anouk, 'status.tonen');
    expect(status.text).toContain('Voorwaarden | opnieuw te bevestigen (eerder 7 van 7)');
    expect(status.text).toContain('Mohamed El Amrani: Niet akkoord');
    expect(status.text).not.toContain('VRIJ');
    const mine = await c.open(DEMO.anouk, 'voorwaarden.vastleggen');
    expect(cardText(mine)).toContain('Niet akkoord van de teamleider: VRIJ reden. Bevestig de voorwaarden opnieuw.');
    expect(cardText(mine)).toContain('Ingevuld met wat eerder is vastgelegd.');
    expect(cardText(mine)).toContain('VRIJ toelichting geenCrisis');
    const other = await c.open(DEMO.joost, 'voorwaarden.vastleggen');
    expect(cardText(other)).not.toContain('VRIJ');
    // Teams' automatic refresh opens the form too, but without the earlier free text (and no audit row per view).
    const auto = await e.pg.invoke(c.thread, DEMO.anouk.id, c.rootMessageId, {
      action: {
        type: 'Action.Execute',
        verb: 'formulier.openen',
        data: { caseId: c.caseId, version: c.version, actie: 'voorwaarden.vastleggen' },
      },
      trigger: 'automatic',
    });
    expect(inputIds(auto.body?.value)).toContain('voorwaarden.vastleggen.geenCrisis');
    expect(cardText(auto.body?.value)).not.toContain('VRIJ');
    const tables = await openTables(e.app.storageConnection, e.prefix);
    const events = await new TableCaseRepository(tables.cases).events((await e.pg.config()).tenantId, c.caseId as never);
    expect(events.filter((x) => x.action === 'formulier.vooringevuld').map((x) => x.actorId)).toEqual([DEMO.anouk.aad]);
  });

  it('"niet passend" vraagt de reden van de adviseur; terug in cirkel 3 ziet het team die reden en de opties, en de voorwaarden tellen niet meer als vervuld', async () => {
    const c = await toConditions();
    await c.act(DEMO.anouk, 'voorwaarden.vastleggen', ALL_SEVEN());
    await c.act(DEMO.mohamed, 'voorwaarden.goedkeuren', {});
    const silent = await c.act(DEMO.anouk, 'adviseur.oordeel', { contactdatum: '2023-09-20', oordeel: 'niet_passend' });
    expect(silent.text).toContain('Noteer waarom het niet passend is');
    const r = await c.act(DEMO.anouk, 'adviseur.oordeel', {
      contactdatum: '2023-09-20',
      oordeel: 'niet_passend',
      advies: 'VRIJ eerst een plan met de ggz',
    });
    expect(r.text).toContain('Nu: Cirkel 3: consultatie van een andere zorgaanbieder');
    expect(r.text).toContain('Voorwaarden | opnieuw te bevestigen (eerder 7 van 7)');
    expect(r.text).not.toContain('VRIJ');
    const form = cardText(await c.open(DEMO.anouk, 'cirkel3.vastleggen'));
    expect(form).toContain(
      'De zorginhoudelijk adviseur vond bespreking niet passend: VRIJ eerst een plan met de ggz. Werk het plan bij, of sluit de casus als het is opgelost.',
    );
  });

  it('niets twee keer vragen: de aanmelding begint met de regio van de voorwaarden en toont die tafels eerst', async () => {
    const c = await toConditions();
    await c.act(DEMO.anouk, 'voorwaarden.vastleggen', ALL_SEVEN());
    await c.act(DEMO.mohamed, 'voorwaarden.goedkeuren', {});
    await c.act(DEMO.anouk, 'adviseur.oordeel', { contactdatum: '2023-09-20', oordeel: 'passend' });
    const form = await c.open(DEMO.anouk, 'aanmelding.indienen');
    const input = (id: string) => findInput(form, id);
    expect(input('aanmelding.indienen.regio')?.value).toBe('Groningen');
    const tables = (input('aanmelding.indienen.tafel')?.choices ?? []).map((ch) => ch.title);
    expect(tables.length).toBeGreaterThan(1);
    expect(tables[0]).toMatch(/^Groningen/);
  });

  it('een keuze die niet is aangeboden (een naam en BSN als regio) wordt geweigerd naast het veld en nergens opgeslagen', async () => {
    const c = await toConditions();
    const before = c.version;
    const r = await c.act(DEMO.anouk, 'voorwaarden.vastleggen', { ...ALL_SEVEN(), regio: 'Jan de Vries BSN 111222333' });
    expect(r.text).toContain('Kies een regio uit de lijst.');
    expect(r.text).toContain('Er is niets opgeslagen.');
    const now = await c.view(DEMO.anouk, 'status.tonen');
    expect(now.text).not.toContain('Jan de Vries');
    expect(JSON.stringify(now.card)).toContain(`"version":${before}`);
  });
});
