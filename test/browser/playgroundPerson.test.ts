import type { Browser } from 'playwright-core';
import { SUMMARY_OPEN } from '../../src/cards';
import { type E2e, startE2e } from '../support/app';
import { launchBrowser } from '../support/chromium';
import { type ExtraPlayground, Person, botEndpointOf, startPlaygroundAs } from '../support/playgroundPerson';

/**
 * Two people at once, each in an Agents Playground of their own (the Playground's current user is
 * fixed per process): Anouk in the one Escaleer starts, Pieter (teamleider in the demo) in a second
 * instance with a generated config, both in front of the same bot. Proves the Person helpers on
 * today's cards: posting with the mention picker, a button, a choice, a text input.
 *
 * What today's cards say, in one place: adapt these when the cards change.
 */
const SAYS = {
  help: '/tafels',
  newCase: 'Nieuwe casus: kies de route',
  openForm: 'Route kiezen',
  formNote: 'Alleen jij ziet dit formulier',
  routeLabel: 'Route',
  route: 'Zorgkantoor (Wlz)',
  clientRefLabel: 'Cliëntreferentie (pseudoniem)',
  submit: 'Route vastleggen',
  routeChosen: 'Route Zorgkantoor (Wlz)',
  timeline: (caseId: string) => `${caseId}: route gekozen: Zorgkantoor (Wlz) (door Pieter Jansen)`,
  refresh: 'Vernieuwen',
};

describe('Twee mensen, elk in een eigen Playground, bij dezelfde bot', () => {
  let e: E2e;
  let browser: Browser;
  let second: ExtraPlayground;
  let anouk: Person;
  let pieter: Person;
  let caseId: string;

  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2e(), launchBrowser()]);
    second = await startPlaygroundAs('Pieter Jansen', botEndpointOf(e.app.port));
    [anouk, pieter] = await Promise.all([Person.open(browser, e.app.playgroundUrl ?? ''), Person.open(browser, second.url)]);
    await Promise.all([anouk.openChannel('General'), pieter.openChannel('General')]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await second?.close();
    await e?.close();
  });

  it('elke Playground heeft een eigen huidige gebruiker, met hetzelfde team en kanaal', () => {
    expect(anouk.me).toMatchObject({ id: 'user-anouk', name: 'Anouk de Vries' });
    expect(pieter.me).toMatchObject({ id: 'user-pieter', name: 'Pieter Jansen' });
    expect(pieter.info.teams).toEqual([expect.objectContaining({ id: anouk.info.teams[0]?.id, channels: anouk.info.teams[0]?.channels })]);
    expect(second.startMs).toBeLessThan(20_000);
  });

  it('@Escaleer /help in de tweede Playground: het antwoord komt daar, niet in de eerste', async () => {
    await pieter.post('/help');
    await pieter.waitForText(null, SAYS.help);
    await expect(anouk.page.getByText(SAYS.help).count()).resolves.toBe(0);
  });

  it('@Escaleer /escaleer bij Anouk geeft een statuskaart; /status met dat nummer toont dezelfde casus bij Pieter', async () => {
    await anouk.post('/escaleer');
    const card = await anouk.newCard({ hasText: /Casus CAS-\d{4}-\d{4}/ });
    expect(card.caseId).toMatch(/^CAS-\d{4}-\d{4}$/);
    caseId = card.caseId ?? '';
    await anouk.waitForText(card, SAYS.newCase);
    await expect(anouk.cardOf(caseId)).resolves.toMatchObject({ seq: card.seq });

    await pieter.post(`/status ${caseId}`);
    const his = await pieter.newCard({ hasText: `Casus ${caseId}` });
    await pieter.waitForText(his, SAYS.newCase);
    // A snapshot: "Casus openen" gives Pieter the live card in its place.
    await pieter.waitForText(his, 'Momentopname van');
    await pieter.click(his, SUMMARY_OPEN);
    await pieter.waitForText(his, SAYS.openForm);
  });

  it('Pieter opent met de knop het formulier, kiest de route, vult een tekstveld in en slaat op; Anouk ziet de bijgewerkte kaart en de regel in de draad', async () => {
    const his = await pieter.cardOf(caseId);
    await pieter.click(his, SAYS.openForm);
    await pieter.waitForText(his, SAYS.formNote);
    await pieter.fill(his, SAYS.routeLabel, SAYS.route);
    await pieter.fill(his, SAYS.clientRefLabel, 'ECD-4711');
    await pieter.screenshot('person-pieter-formulier', his);
    await pieter.click(his, SAYS.submit);
    // The invoke answer replaces his card in place (the same handle).
    await pieter.waitForText(his, SAYS.routeChosen);

    // The case lives in Anouk's instance (its serviceUrl and root card): the shared card and the
    // thread line go there, not to the instance Pieter clicked in.
    const hers = await anouk.cardOf(caseId);
    await anouk.waitForText(hers, SAYS.routeChosen);
    await anouk.waitForText(hers.thread(), SAYS.timeline(caseId));
    await expect(pieter.page.getByText(SAYS.timeline(caseId)).count()).resolves.toBe(0);
    await anouk.screenshot('person-anouk-bijgewerkt', hers);
  });

  it('een knop onder "Meer" (Vernieuwen) wordt gevonden en geeft de statuskaart opnieuw', async () => {
    const hers = await anouk.cardOf(caseId);
    await expect(hers.invokeMessage()).resolves.toBeNull();
    await anouk.click(hers, SAYS.refresh);
    await anouk.waitForText(hers.invokeLine(), 'Your response was sent to the app');
    await anouk.waitForText(hers, SAYS.routeChosen);
    expect(anouk.pageErrors).toEqual([]);
    expect(pieter.pageErrors).toEqual([]);
  });
});
