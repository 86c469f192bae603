import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type E2e, startE2e } from '../support/app';
import { blockOutside, launchBrowser } from '../support/chromium';
import { cardText } from '../support/playgroundClient';
import { compactPng } from '../support/pngCompact';
import { screenshotDir } from '../support/screenshots';

const SHOTS = screenshotDir();
const STEP = 10_000;

/** Saves a (palette-compacted) screenshot of the whole Playground window under docs/screenshots. */
const shot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, `${name}.png`), compactPng(await page.screenshot({ animations: 'disabled' })));
};

/**
 * One flow through the Agents Playground's own web UI (0.2.28), as a person would: pick the team
 * channel, @mention Escaleer through the mention picker, post `/escaleer`, choose the route on the
 * card. Debian's chromium, no requests beyond loopback (the Playground asks for web fonts).
 */
describe('Agents Playground in de browser: /escaleer en routekeuze op de kaart', () => {
  let e: E2e;
  let browser: Browser;
  let page: Page;
  let blocked: string[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2e(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    blocked = await blockOutside(context);
    page = await context.newPage();
    page.setDefaultTimeout(STEP);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  it('@Escaleer /escaleer in General → hoofdkaart; Zorgkantoor (Wlz) kiezen → Route Zorgkantoor (Wlz), Cirkel 1', async () => {
    const url = e.app.playgroundUrl;
    if (!url) throw new Error('Playground niet gestart');
    await page.goto(url);

    // The team channel in the tree; its compose box opens ("Start a new post").
    await page.getByRole('treeitem', { name: 'Zorgteam Noord - General' }).click();
    const compose = page.locator('[data-lexical-editor]').first();
    await compose.waitFor({ state: 'visible' });
    await compose.click();

    // @mention through the picker, then the command.
    await page.keyboard.type('@Esc');
    await page.getByRole('menuitem', { name: /Escaleer/ }).click();
    await page.keyboard.type(' /escaleer');
    await expect(compose.innerText()).resolves.toMatch(/Escaleer\s+\/escaleer/);
    await shot(page, 'playground-1-bericht');
    await page.getByRole('button', { name: 'Post', exact: true }).click();

    // The root card arrives in the thread of the post.
    const card = page.locator('.ac-adaptiveCard').first();
    await card.getByText('Nieuwe casus: kies de route').waitFor({ state: 'visible' });
    const caseId = /CAS-\d{4}-\d{4}/.exec(await card.innerText())?.[0];
    expect(caseId).toBeDefined();
    await expect(page.getByText('Escaleer /escaleer').first().isVisible()).resolves.toBe(true);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'playground-2-hoofdkaart');
    await shot(page, 'playground-root-card');

    // Choose the route on the card and submit (Action.Execute).
    await card.getByRole('radio', { name: 'Zorgkantoor (Wlz)' }).check();
    await card.getByRole('button', { name: 'Route vastleggen' }).click();
    await card.getByText('Route Zorgkantoor (Wlz)').waitFor({ state: 'visible' });
    await card.getByText('Nu: Cirkel 1: overleg in het team').waitFor({ state: 'visible' });
    const after = await card.innerText();
    expect(after).toContain(`Casus ${caseId}`);
    expect(after).toContain('Route Zorgkantoor (Wlz)');
    expect(after).toContain('Cirkel 1');
    expect(await card.getByRole('img', { name: 'Cirkel 1 van 4' }).isVisible()).toBe(true);
    // The one-line timeline reply in the case thread.
    await page.getByRole('paragraph').filter({ hasText: `${caseId}: route gekozen: Zorgkantoor (Wlz)` }).waitFor({ state: 'visible' });
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'playground-3-route-gekozen');

    // Everyone's copy of the card was updated too (updateActivity), not only the clicker's.
    const update = await e.pg.waitFor(
      (ev) => ev.action === 'updateMessage' && cardText(ev.message.attachments?.[0]?.content).includes('Route Zorgkantoor (Wlz)'),
      STEP,
      'bijgewerkte hoofdkaart',
    );
    expect(cardText(update.message.attachments?.[0]?.content)).toContain(`Casus ${caseId}`);
    expect(pageErrors).toEqual([]);
    expect(blocked.every((u) => !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u))).toBe(true);
  }, 45_000);
});
