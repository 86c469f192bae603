import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { blockOutside, launchBrowser } from '../support/chromium';
import { type Direct, startDirect } from '../support/direct';
import { SECRET_CLIENT_REF, SECRET_TEXT, type Place, caseWithFreeText, openCase } from './harness';
import { screenshotDir } from '../support/screenshots';

const TEAM_A: Place = { tenantId: 'tenant-zorg', teamId: '19:zorgteam-noord@thread.tacv2', channelId: '19:casussen-noord@thread.tacv2' };
const TEAM_B: Place = { tenantId: 'tenant-zorg', teamId: '19:zorgteam-zuid@thread.tacv2', channelId: '19:casussen-zuid@thread.tacv2' };
const SCREENSHOT = join(screenshotDir(), 'tab.png');

describe('dashboardtabblad in headless chromium (ontwikkelmodus)', () => {
  let d: Direct;
  let browser: Browser;
  let context: BrowserContext;
  let blocked: string[];
  const errors: string[] = [];
  const a: string[] = [];
  let b: string;

  const base = () => `http://127.0.0.1:${d.app.port}`;
  const tabUrl = (p: Place) => `${base()}/tab?tenant=${encodeURIComponent(p.tenantId)}&team=${encodeURIComponent(p.teamId)}`;
  const open = async (url: string, width = 1200): Promise<Page> => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    return page;
  };
  const shownIds = (page: Page) =>
    page.locator('#case-rows tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.caseId ?? ''));

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    blocked = await blockOutside(context);
    d = await startDirect({ TAB_DEV_MODE: 'on' });
    a.push(await caseWithFreeText(d, TEAM_A));
    a.push((await openCase(d, TEAM_A)).caseId, (await openCase(d, TEAM_A)).caseId);
    b = (await openCase(d, TEAM_B)).caseId;
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it('toont de casussen van het team (en niet die van een ander team), met banner, zonder vrije tekst; maakt een schermafdruk', async () => {
    const page = await open(tabUrl(TEAM_A));
    await page.locator('#case-rows tr').first().waitFor();
    expect((await shownIds(page)).sort()).toEqual([...a].sort());
    expect(b).not.toBe(a[0]);
    expect(await page.locator('#dev-banner').isVisible()).toBe(true);
    expect(await page.locator('#dev-banner').textContent()).toContain('Ontwikkelmodus');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Bijstellen ondersteuning (Wmo)');
    expect(text).toContain('Stap 2');
    expect(text).not.toContain(SECRET_TEXT);
    expect(text).not.toContain(SECRET_CLIENT_REF);
    expect(await page.locator('svg.progress[role="img"]').count()).toBe(3);
    expect(await page.locator('#tables').isVisible()).toBe(true);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();

    const other = await open(tabUrl(TEAM_B));
    await other.locator('#case-rows tr').first().waitFor();
    expect(await shownIds(other)).toEqual([b]);
    await other.close();
  });

  it('filtert op casusnummer, route, stap en wie aan zet is', async () => {
    const page = await open(tabUrl(TEAM_A));
    await page.locator('#case-rows tr').first().waitFor();
    await page.getByLabel('Zoek casusnummer').fill(a[1]?.slice(-4) ?? '');
    expect(await shownIds(page)).toEqual([a[1]]);
    await page.getByLabel('Zoek casusnummer').fill('');
    await page.getByLabel('Route', { exact: true }).selectOption('Bijstellen ondersteuning (Wmo)');
    expect(await shownIds(page)).toEqual([a[0]]);
    expect(await page.locator('#count').textContent()).toBe('1 van 3 casussen');
    await page.getByLabel('Route', { exact: true }).selectOption('');
    await page.getByLabel('Stap', { exact: true }).selectOption('Nieuwe casus: route kiezen');
    expect((await shownIds(page)).sort()).toEqual([a[1], a[2]].sort());
    await page.getByLabel('Stap', { exact: true }).selectOption('');
    await page.getByLabel('Wie is aan zet').selectOption('Begeleider');
    expect(await shownIds(page)).toHaveLength(3);
    await page.close();
  });

  it('past op een smal scherm zonder horizontaal scrollen', async () => {
    const page = await open(tabUrl(TEAM_A), 360);
    await page.locator('#case-rows tr').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(
      await page
        .locator('#cases thead')
        .boundingBox()
        .then((box) => (box?.height ?? 0) <= 1),
    ).toBe(true);
    await page.close();
  });

  it('legt in de persoonlijke context uit dat het dashboard bij een teamkanaal hoort', async () => {
    const page = await open(`${base()}/tab?context=personal`);
    await page.locator('#personal').waitFor();
    expect(await page.locator('#personal').textContent()).toMatch(/casussen van één team.*kanaal/s);
    expect(await page.locator('#overview').isVisible()).toBe(false);
    await page.close();
  });

  it('zegt buiten Teams en zonder ontwikkelparameters dat het in Teams geopend moet worden', async () => {
    const page = await open(`${base()}/tab`);
    await page.getByText('Open dit dashboard in Microsoft Teams').waitFor({ timeout: 10_000 });
    await page.close();
  }, 20_000);

  it('dient teams-js zelf en de configuratiepagina laadt zonder scriptfouten', async () => {
    const js = await fetch(`${base()}/tab/teams-js.js`);
    expect(js.status).toBe(200);
    expect(await js.text()).toContain('microsoftTeams');
    const page = await open(`${base()}/tab/config`);
    await page.getByText('Deze pagina werkt alleen in Microsoft Teams.').waitFor({ timeout: 10_000 });
    await page.close();
    expect(errors).toEqual([]);
    expect(blocked.every((u) => !u.startsWith(base()))).toBe(true);
  }, 20_000);
});
