import { TableCaseRepository, openTables } from '../../src/storage';
import type { E2e } from '../support/app';
import { CaseDriver, DEMO, startSeededTeam } from '../support/caseDriver';
import { FakeClock } from '../support/fakes';
import { pdfText } from '../support/pdfText';
import { sevenConditions } from '../support/routeWalk';

/** Free text entered in forms carries this marker; it belongs in the dossier, never in the channel or a log. */
const VRIJ = 'VRIJ';

/** The dossier link of a details card (an Action.OpenUrl), or `null`. */
const dossierLink = (card: unknown): string | null => {
  const actions = ((card as { actions?: { type?: string; title?: string; url?: string }[] }).actions ?? []).filter(
    (a) => a.type === 'Action.OpenUrl',
  );
  return actions.find((a) => a.title === 'Dossier downloaden (PDF)')?.url ?? null;
};

describe('Dossier als PDF vanuit de details, in de Agents Playground', () => {
  let e: E2e;
  let channel: string;
  let c: CaseDriver;
  const clock = new FakeClock(new Date('2023-09-20T08:00:00Z'));

  const download = (url: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  const auditRows = async (action: string) => {
    const tables = await openTables(e.app.storageConnection, e.prefix);
    const events = await new TableCaseRepository(tables.cases).events((await e.pg.config()).tenantId, c.caseId as never);
    return events.filter((x) => x.action === action);
  };

  beforeAll(async () => {
    ({ e, channel } = await startSeededTeam(clock));
    // A walked case: three circles, the conditions refused by the teamleider and then approved,
    // the adviseur's verdict and the registration for a regional table.
    c = await CaseDriver.open(e, channel, DEMO.anouk);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'zorgkantoor', clientRef: 'ECD-778' });
    const circle = {
      datum: '2023-09-18',
      deelnemers: 'begeleider,teamleider',
      vraag: `${VRIJ} vraag`,
      afspraken: `${VRIJ} afspraken cirkel`,
      uitkomst: 'onvoldoende',
    };
    await c.act(DEMO.anouk, 'cirkel1.vastleggen', circle);
    await c.act(DEMO.anouk, 'cirkel2.vastleggen', { ...circle, datum: '2023-09-19', deelnemers: 'gedragsdeskundige' });
    await c.act(DEMO.anouk, 'cirkel3.vastleggen', {
      datum: '2023-09-20',
      geconsulteerdeAanbieder: `${VRIJ} aanbieder`,
      risicofactoren: `${VRIJ} risico`,
      beschermendeFactoren: `${VRIJ} bescherming`,
      context: `${VRIJ} context`,
      plan: `${VRIJ} plan`,
      nodig: `${VRIJ} nodig`,
      afspraken: `${VRIJ} afspraken 3`,
      vervolgdatum: '2023-09-28',
      uitkomst: 'onvoldoende',
    });
    const seven = sevenConditions('Groningen', (k) => `${VRIJ} uitleg ${k}`);
    await c.act(DEMO.anouk, 'voorwaarden.vastleggen', seven);
    await c.act(DEMO.mohamed, 'voorwaarden.afwijzen', { reden: `${VRIJ} eerst het CCE bellen` });
    await c.act(DEMO.anouk, 'voorwaarden.vastleggen', seven);
    await c.act(DEMO.mohamed, 'voorwaarden.goedkeuren', { toelichting: `${VRIJ} akkoord` });
    await c.act(DEMO.anouk, 'adviseur.oordeel', { contactdatum: '2023-09-20', oordeel: 'passend' });
    const r = await c.act(DEMO.anouk, 'aanmelding.indienen', {
      formulierOntvangenOp: '2023-09-20',
      regio: 'Groningen',
      tafel: 'groningen-2023-10-19',
    });
    if (!r.text.includes('19 oktober 2023'))
      throw new Error(`aanmelding niet gelukt: ${r.text.replace(/data:image\S*/g, '').slice(0, 1500)}`);
  }, 90_000);
  afterAll(async () => e?.close());

  it('de details hebben een eenmalige link; de PDF bevat de stappen met data, de voorwaarden met uitleg, de besluiten met wie en wanneer en de tafel', async () => {
    const details = await c.view(DEMO.anouk, 'details.bekijken');
    const url = dossierLink(details.card);
    const tenantId = (await e.pg.config()).tenantId;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${e.app.port}/dossier/${tenantId}/[A-Za-z0-9_-]{43}$`));
    if (!url) throw new Error('geen link');

    // Opening the link (or a link scanner fetching it) shows a page and uses nothing up.
    for (let i = 0; i < 2; i++) {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(await page.text()).toContain('<form method="post"><button type="submit">Dossier downloaden (PDF)</button></form>');
    }

    const res = await download(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="dossier-${c.caseId}.pdf"`);
    const pdf = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(pdf.title).toBe(`Dossier casus ${c.caseId}`);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain(`Dossier casus ${c.caseId}`);
    expect(text).toContain('Route: Zorgkantoor (Wlz)');
    expect(text).toContain('Cliëntreferentie: ECD-778');
    // Every step with its moment (Europe/Amsterdam) and who took it.
    for (const action of [
      'Casus geopend',
      'Route kiezen',
      'Cirkel 1 vastleggen',
      'Cirkel 2 vastleggen',
      'Cirkel 3 vastleggen',
      'Voorleggen aan teamleider',
      'Oordeel adviseur vastleggen',
      'Aanmelden voor tafel',
    ]) {
      expect(text).toContain(`20 september 2023 om 10:00 · ${action}`);
    }
    expect(text).toContain('Cirkel 1: overleg in het team » Cirkel 2: consultatie binnen de zorgaanbieder');
    expect(text).toContain('Door: Anouk de Vries (Begeleider)');
    // The dates recorded in the steps.
    for (const date of [
      'Datum overleg: 18 september 2023',
      'Datum overleg: 19 september 2023',
      'Datum consultatie: 20 september 2023',
      'Datum opvolging: 28 september 2023',
      'Datum contact met adviseur: 20 september 2023',
    ]) {
      expect(text).toContain(date);
    }
    // Participants by role; decisions with who and when.
    expect(text).toContain('Begeleider: Anouk de Vries');
    expect(text).toContain('Teamleider: Mohamed El Amrani');
    const decisions = text.slice(text.indexOf('Besluiten: wie en wanneer'), text.indexOf('Regionale overlegtafel Tafel'));
    expect(decisions).toContain(
      '20 september 2023 om 10:00 · Niet akkoord Cirkel 4: akkoord teamleider » Cirkel 4: voorwaarden voor de regionale overlegtafel Door: Mohamed El Amrani (Teamleider)',
    );
    expect(decisions).toContain(
      '20 september 2023 om 10:00 · Akkoord Cirkel 4: akkoord teamleider » Cirkel 4: contact zorginhoudelijk adviseur Door: Mohamed El Amrani (Teamleider)',
    );
    expect(decisions).not.toContain('Cirkel 1 vastleggen');
    expect(decisions).toContain(
      'Oordeel adviseur vastleggen Cirkel 4: contact zorginhoudelijk adviseur » Cirkel 4: aanmeldformulier en tafel kiezen',
    );
    // The seven conditions with their explanations, outcomes and agreements as entered.
    expect(text).toContain('1. Voldaan Het is geen crisissituatie');
    expect(text).toContain('Toelichting: VRIJ uitleg stappenDoorlopen');
    expect((text.match(/\d\. Voldaan/g) ?? []).length).toBe(7);
    expect(text).toContain('Afspraken: VRIJ afspraken cirkel');
    expect(text).toContain('Wat moet er anders: VRIJ eerst het CCE bellen');
    expect(text).toContain('Oordeel adviseur: Bespreking is passend');
    // The regional table.
    expect(text).toContain('Tafel: Groningen, overleg 19 oktober 2023 (inleveren uiterlijk 5 oktober 2023)');
    expect(text).toContain('Aanmeldformulier ontvangen op: 20 september 2023');
    expect(text).toContain('Ingeleverd bij het zorgkantoor: Nog niet');

    // Used once: the same link again gives no PDF.
    const again = await download(url);
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await again.text()).toContain('Deze downloadlink is verlopen of al gebruikt.');
    expect((await fetch(url)).status).toBe(410);
  });

  it('elke download is een auditregel van wie hem haalde, zoals een inzage van de details', async () => {
    const who = async () => (await auditRows('dossier.downloaden')).map((r) => r.actorId);
    const before = await who();
    for (const user of [DEMO.anouk, DEMO.mohamed]) {
      const url = dossierLink((await c.view(user, 'details.bekijken')).card);
      if (!url) throw new Error(`geen link voor ${user.name}`);
      expect((await download(url)).status).toBe(200);
    }
    expect((await who()).sort()).toEqual([...before, DEMO.anouk.aad, DEMO.mohamed.aad].sort());
    const rows = await auditRows('dossier.downloaden');
    expect(rows.find((r) => r.actorId === DEMO.mohamed.aad)?.actorRoles).toEqual(['teamleider']);
    expect(rows.every((r) => r.fromState === 'aangemeld' && r.toState === 'aangemeld')).toBe(true);
  });

  it('wie de details niet mag zien krijgt geen link; een verlopen of verzonnen link geeft geen PDF', async () => {
    const refused = await c.view(DEMO.joost, 'details.bekijken');
    expect(refused.text).toContain('mogen de details zien');
    expect(JSON.stringify(refused.card)).not.toContain('/dossier/');
    expect(dossierLink(refused.card)).toBeNull();

    const url = dossierLink((await c.view(DEMO.mohamed, 'details.bekijken')).card);
    if (!url) throw new Error('geen link');
    const before = (await auditRows('dossier.downloaden')).length;
    clock.advance(10 * 60 * 1000 + 1000);
    const late = await download(url);
    expect(late.status).toBe(410);
    expect(late.headers.get('content-type')).toMatch(/^text\/html/);
    const forged = await download(url.replace(/[A-Za-z0-9_-]{43}$/, 'A'.repeat(43)));
    expect(forged.status).toBe(410);
    expect((await download(`${url}x`)).status).toBe(410);
    expect(await auditRows('dossier.downloaden')).toHaveLength(before);
  });

  it('een link met de tenant-id van een andere organisatie geeft geen PDF en geen pagina; de echte link werkt daarna nog', async () => {
    const url = dossierLink((await c.view(DEMO.anouk, 'details.bekijken')).card);
    if (!url) throw new Error('geen link');
    const tenantId = (await e.pg.config()).tenantId;
    const before = (await auditRows('dossier.downloaden')).length;
    const secret = url.slice(url.lastIndexOf('/') + 1);
    const forgeries = ['11111111-2222-4333-8444-555555555555', 'a'.repeat(65), 'tenant_b'].map((other) =>
      url.replace(`/dossier/${tenantId}/`, `/dossier/${other}/`),
    );
    // The old form of the link (`/dossier/<token>`, before the tenant was in it) too.
    for (const forged of [...forgeries, url.replace(`/dossier/${tenantId}/${secret}`, `/dossier/${secret}`)]) {
      expect(forged).not.toBe(url);
      const page = await fetch(forged);
      expect(page.status).toBe(410);
      expect(await page.text()).toContain('Deze downloadlink is verlopen of al gebruikt.');
      expect((await download(forged)).status).toBe(410);
    }
    expect(await auditRows('dossier.downloaden')).toHaveLength(before);
    expect((await download(url)).status).toBe(200);
  });

  it('de link staat nooit in het kanaal, en geen logregel bevat vrije tekst of een token', async () => {
    const channelText = JSON.stringify(e.pg.events);
    expect(channelText).not.toContain('/dossier/');
    expect(channelText).not.toContain(VRIJ);
    const logs = JSON.stringify(e.log.lines);
    expect(logs).not.toContain(VRIJ);
    expect(logs).not.toMatch(/dossier\/([A-Za-z0-9-]+\/)?[A-Za-z0-9_-]{43}/);
    expect(logs).toContain('dossier gedownload');
  });
});
