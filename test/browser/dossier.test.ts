import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseDriver, DEMO } from '../support/caseDriver';
import { pdfFirstPagePng, pdfText } from '../support/pdfText';
import { compactPng } from '../support/pngCompact';
import { screenshotDir } from '../support/screenshots';
import type { Card, Person } from '../support/playgroundPerson';
import { NAMES, VRIJ, Walk, line } from './walk.setup';

describe('Dossier downloaden in de Playground, zoals een mens het doet', () => {
  let w: Walk;
  let anouk: Person;

  beforeAll(async () => {
    w = await Walk.start([]);
    ({ anouk } = w);
  }, 60_000);
  afterAll(async () => w?.close());

  it('Details → "Dossier downloaden (PDF)" opent een pagina; de knop daar geeft de PDF met de stappen en hun data', async () => {
    const card: Card = await w.newCase();
    const caseId = card.caseId ?? '';
    // The first steps through the API (as Anouk); the clicks that matter here are in the web UI.
    const c = await CaseDriver.attach(w.team.e, caseId);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'zorgkantoor', clientRef: 'ECD-42' });
    const r = await c.act(DEMO.anouk, 'cirkel1.vastleggen', {
      datum: w.today(-2),
      deelnemers: 'begeleider',
      vraag: `${VRIJ}vraag`,
      afspraken: `${VRIJ}afspraken`,
      uitkomst: 'onvoldoende',
    });
    expect(r.text).toContain('Cirkel 2');
    await w.channelShows(
      card,
      c.version,
      'Nu: Cirkel 2',
      line(caseId, 'Cirkel 1 vastleggen', 'Cirkel 2: consultatie binnen de zorgaanbieder', NAMES.anouk),
    );

    await w.press(anouk, card, 'Details', `Details casus ${caseId}`);
    await anouk.waitForText(card, `${VRIJ}afspraken`);
    // Action.OpenUrl: a link-button (role link); the Playground opens the address in a new window.
    const link = card.locator.getByRole('link', { name: 'Dossier downloaden (PDF)', exact: true });
    const [popup] = await Promise.all([anouk.context.waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();
    const tenantId = (await w.team.e.pg.config()).tenantId;
    expect(popup.url()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${w.team.e.app.port}/dossier/${tenantId}/[A-Za-z0-9_-]{43}$`));
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'Dossier downloaden (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`dossier-${caseId}.pdf`);
    const path = await download.path();
    const pdf = await pdfText(readFileSync(path));
    // Its first page as a picture (docs/screenshots with `npm run screenshots`).
    const picture = join(screenshotDir(), 'dossier-pagina-1.png');
    await pdfFirstPagePng(readFileSync(path), picture);
    writeFileSync(picture, compactPng(readFileSync(picture)));
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain(`Dossier casus ${caseId}`);
    expect(text).toMatch(/om \d\d:\d\d · Route kiezen/);
    expect(text).toMatch(/om \d\d:\d\d · Cirkel 1 vastleggen Cirkel 1: overleg in het team » Cirkel 2/);
    expect(text).toContain('Door: Anouk de Vries (Begeleider)');
    expect(text).toContain(`Afspraken: ${VRIJ}afspraken`);
    // The link is used up: opened again it says so, and offers no download.
    const again = await popup.goto(popup.url());
    expect(again?.status()).toBe(410);
    expect(await popup.locator('body').innerText()).toContain('Deze downloadlink is verlopen of al gebruikt.');
    await popup.close();
    await w.assertNoFreeTextInChannel();
  }, 60_000);
});
