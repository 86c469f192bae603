import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cardViews, renderCards } from '../../scripts/render-cards';
import { type CardView, openCardPage, showCard } from '../support/cardPage';
import { blockOutside, launchBrowser } from '../support/chromium';

const DOCS = join(__dirname, '..', '..', 'docs', 'cards');

describe('kaarten in headless chromium (npm run cards:render)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let blocked: string[];
  const pageErrors: string[] = [];
  const views = new Map<string, CardView>();

  beforeAll(async () => {
    for (const v of cardViews()) views.set(v.name, v);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 800, height: 900 } });
    blocked = await blockOutside(context);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await openCardPage(page);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
  });

  const view = (name: string): CardView => {
    const v = views.get(name);
    if (!v) throw new Error(`geen kaartweergave ${name}`);
    return v;
  };

  it('elke weergave heeft een vastgelegde PNG onder docs/cards', () => {
    expect(views.size).toBeGreaterThanOrEqual(12);
    const missing = [...views.keys()].filter((n) => !existsSync(join(DOCS, `${n}.png`)));
    expect(missing).toEqual([]);
  });

  it('de ongeldige invoer toont de Nederlandse fouten bij de velden en de ingevulde waarden', async () => {
    const { card, warnings } = await showCard(page, view('formulier-ongeldige-invoer'));
    expect(warnings).toEqual([]);
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/Casus CAS-2023-\d{4} · Zorgkantoor \(Wlz\) · Cirkel 1: overleg in het team/);
    expect(text).toContain('Alleen jij ziet dit formulier.');
    expect(text).toContain('Controleer de invoer.');
    expect(text).toContain('Kies een datum.');
    expect(text).toContain('Maak een keuze.');
    expect(text).not.toContain('${');
    expect(await card.getByRole('checkbox', { name: 'Begeleider(s)' }).isChecked()).toBe(true);
    await expect(card.getByRole('button', { name: 'Opslaan' }).isVisible()).resolves.toBe(true);
    await expect(card.getByRole('button', { name: 'Annuleren' }).isVisible()).resolves.toBe(true);
  });

  it('de statuskaart toont stand, wie aan zet is en de knoppen; Meer klapt de andere acties uit', async () => {
    const { card, warnings } = await showCard(page, view('status-akkoord-teamleider'));
    expect(warnings).toEqual([]);
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Nu: Cirkel 4: akkoord teamleider');
    expect(text).toContain('Teamleider: Mohamed El Amrani');
    expect(text).toContain('7 van 7 voldaan');
    expect(await card.locator('img').first().getAttribute('alt')).toContain('Cirkel 4 van 4');
    for (const name of ['Akkoord (teamleider)', 'Details', 'Crisis melden', 'Niet akkoord (teamleider)', 'Vernieuwen']) {
      await expect(card.getByRole('button', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    expect(await card.locator('input, textarea, select').count()).toBe(0);
  });

  it('crisis melden: eigen kaart met de uitleg en de bevestiging', async () => {
    const { card, warnings } = await showCard(page, view('formulier-crisis'));
    expect(warnings).toEqual([]);
    const text = await card.innerText();
    expect(text).toContain('crisisregeling');
    expect(await card.getByRole('checkbox', { name: 'Ik bevestig dat er nu sprake is van een crisissituatie' }).isVisible()).toBe(true);
    expect(await card.getByRole('button', { name: 'Crisis bevestigen en route stoppen' }).isVisible()).toBe(true);
    expect(text).not.toContain('${');
  });

  it('de escalatiemelding toont de teamleider als vermelding, de stap en de knop naar de casus', async () => {
    const { card, warnings } = await showCard(page, view('escalatiemelding'));
    expect(warnings).toEqual([]);
    expect(await card.locator('.mention').innerText()).toBe('Mohamed El Amrani');
    const text = await card.innerText();
    expect(text).toContain('Cirkel 4: akkoord teamleider');
    expect(text).not.toMatch(/<at>|\$\{/);
    expect(await card.locator('.ac-pushButton', { hasText: 'Open de casus' }).isVisible()).toBe(true);
  });

  it('het script schrijft kleine, geldige PNGs van alleen het kaartelement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escaleer-kaarten-'));
    try {
      const picked = ['status-nieuw', 'formulier-voorwaarden', 'tafels'].map(view);
      const { files, warnings } = await renderCards(browser, picked, dir);
      expect(warnings).toEqual([]);
      expect(files).toHaveLength(3);
      for (const f of files) {
        const png = readFileSync(f);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.length).toBeLessThan(150_000);
        const width = png.readUInt32BE(16);
        expect(width).toBeGreaterThanOrEqual(500);
        expect(width).toBeLessThanOrEqual(800);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('zonder paginafouten en zonder verzoeken naar buiten', () => {
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
