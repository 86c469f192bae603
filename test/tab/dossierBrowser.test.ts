import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { blockOutside, launchBrowser } from '../support/chromium';
import type { Direct } from '../support/direct';
import { pdfText } from '../support/pdfText';
import { SECRET_TEXT, type Place, type TestIssuer, caseWithFreeText, startIssuer, startTabApp } from './harness';

const APP_ID = '3f9b6f0e-8a53-4c59-9a53-2d3c1f4b7a10';
const HOST = 'escaleer.example.nl';
const TENANT = '6a1c1f3e-0000-4000-8000-00000000000a';
const place: Place = { tenantId: TENANT, teamId: '19:team-a@thread.tacv2', channelId: '19:kanaal-a@thread.tacv2' };
const OPENER = 'user-1';
const COLLEAGUE = '22222222-2222-4222-8222-000000000002';

/**
 * The Teams client stand-in (Microsoft's cloud): teams-js answers with the team's context and an
 * SSO token signed by the local test issuer. Everything else is the real tab and API.
 */
const teamsStub = (token: string): string => `window.microsoftTeams = {
  app: {
    initialize: async () => {},
    getContext: async () => ({ app: { theme: 'default' }, team: { internalId: ${JSON.stringify(place.teamId)} }, user: { tenant: { id: ${JSON.stringify(TENANT)} } } }),
    registerOnThemeChangeHandler: () => {},
    notifySuccess: () => {},
  },
  authentication: { getAuthToken: async () => ${JSON.stringify(token)} },
};`;

describe('dashboardtabblad in Teams (SSO): het dossier downloaden', () => {
  let issuer: TestIssuer;
  let d: Direct;
  let browser: Browser;
  let caseId: string;

  const now = () => Math.floor(Date.now() / 1000);
  const token = (oid: string) =>
    issuer.token({
      aud: `api://${HOST}/${APP_ID}`,
      iss: `https://sts.windows.net/${TENANT}/`,
      tid: TENANT,
      oid,
      scp: 'access_as_user',
      iat: now() - 60,
      nbf: now() - 60,
      exp: now() + 3600,
    });
  const openAs = async (oid: string): Promise<Page> => {
    const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
    await blockOutside(context);
    await context.route('**/tab/teams-js.js', (route) => route.fulfill({ contentType: 'text/javascript', body: teamsStub(token(oid)) }));
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${d.app.port}/tab`);
    await page.locator(`#case-rows tr[data-case-id="${caseId}"]`).waitFor();
    return page;
  };

  beforeAll(async () => {
    issuer = await startIssuer();
    d = await startTabApp({ TAB_SSO_APP_ID: APP_ID, PUBLIC_HOSTNAME: HOST }, issuer.metadataUrl);
    browser = await launchBrowser();
    caseId = await caseWithFreeText(d, place);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
    await issuer?.close();
  });

  it('wie aan de casus werkte klikt op PDF en krijgt het dossier als bestand', async () => {
    const page = await openAs(OPENER);
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
    const page = await openAs(COLLEAGUE);
    const row = page.locator(`#case-rows tr[data-case-id="${caseId}"]`);
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await row.locator('td[data-label="Dossier"]').innerText()).toBe('–');
    expect(await page.locator('body').innerText()).not.toContain(SECRET_TEXT);
    await page.context().close();
  });
});
