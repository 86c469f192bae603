import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { blockOutside, launchBrowser } from '../support/chromium';
import { pdfText } from '../support/pdfText';
import { type DossierTab, SECRET_TEXT, startDossierTab } from './harness';

/**
 * The Teams client stand-in (Microsoft's cloud): teams-js answers with the team's context and an
 * SSO token signed by the local test issuer. Everything else is the real tab and API.
 */
const teamsStub = (place: DossierTab['place'], token: string): string => `window.microsoftTeams = {
  app: {
    initialize: async () => {},
    getContext: async () => ({ app: { theme: 'default' }, team: { internalId: ${JSON.stringify(place.teamId)} }, user: { tenant: { id: ${JSON.stringify(place.tenantId)} } } }),
    registerOnThemeChangeHandler: () => {},
    notifySuccess: () => {},
  },
  authentication: { getAuthToken: async () => ${JSON.stringify(token)} },
};`;

describe('dashboardtabblad in Teams (SSO): het dossier downloaden', () => {
  let tab: DossierTab;
  let browser: Browser;
  let caseId: string;

  const openAs = async (oid: string): Promise<Page> => {
    const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
    await blockOutside(context);
    await context.route('**/tab/teams-js.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: teamsStub(tab.place, tab.token(oid)) }),
    );
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${tab.d.app.port}/tab`);
    await page.locator(`#case-rows tr[data-case-id="${caseId}"]`).waitFor();
    return page;
  };

  beforeAll(async () => {
    tab = await startDossierTab();
    caseId = tab.caseId;
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await tab?.close();
  });

  it('wie aan de casus werkte klikt op PDF en krijgt het dossier als bestand', async () => {
    const page = await openAs(tab.opener);
    const button = page.getByRole('button', { name: `Dossier ${caseId} downloaden (PDF)` });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`dossier-${caseId}.pdf`);
    const pdf = await pdfText(readFileSync(await download.path()));
    expect(pdf.text).toContain(`Dossier casus ${caseId}`);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain(SECRET_TEXT);
    expect(await page.locator('#status').isVisible()).toBe(false);
    await page.context().close();
  });

  it('een teamlid zonder inzage ziet geen knop, en het tabblad zelf toont geen vrije tekst', async () => {
    const page = await openAs(tab.colleague);
    const row = page.locator(`#case-rows tr[data-case-id="${caseId}"]`);
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await row.locator('td[data-label="Dossier"]').innerText()).toBe('–');
    expect(await page.locator('body').innerText()).not.toContain(SECRET_TEXT);
    await page.context().close();
  });
});
