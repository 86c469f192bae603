import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { type RunningPlayground, startPlayground } from '../../src/dev/playground';
import { freePort } from '../../src/storage/azurite';
import { launchBrowser } from '../support/chromium';
import { PLAYGROUND_CONFIG, Person } from '../support/playgroundPerson';

/**
 * The Person helpers against every input kind Escaleer's forms use, rendered by the Agents
 * Playground's own web UI (0.2.28). The bot here is a stand-in on node:http (no Escaleer cards:
 * those are being redesigned), so this checks the helpers and the Playground, not Escaleer.
 */

interface Activity {
  readonly type: string;
  readonly id: string;
  readonly name?: string;
  readonly text?: string;
  readonly serviceUrl: string;
  readonly conversation: { readonly id: string };
  readonly from: { readonly id: string; readonly name?: string };
  readonly recipient: { readonly id: string };
  readonly value?: { readonly action?: { readonly verb?: string; readonly data?: Record<string, unknown> }; readonly trigger?: string };
}

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Proefformulier', weight: 'Bolder' },
    { type: 'Input.Text', id: 'naam', label: 'Referentie', isRequired: true, errorMessage: 'Vul een referentie in.' },
    { type: 'Input.Text', id: 'toelichting', label: 'Toelichting', isMultiline: true },
    { type: 'Input.Date', id: 'datum', label: 'Datum overleg' },
    {
      type: 'Input.ChoiceSet',
      id: 'route',
      label: 'Route',
      style: 'expanded',
      choices: [
        { title: 'Zorgkantoor (Wlz)', value: 'wlz' },
        { title: 'Gemeente (Wmo)', value: 'wmo' },
      ],
    },
    {
      type: 'Input.ChoiceSet',
      id: 'wie',
      label: 'Aanwezig',
      style: 'expanded',
      isMultiSelect: true,
      choices: [
        { title: 'Teamleider', value: 'tl' },
        { title: 'Sleutelfiguur', value: 'sf' },
        { title: 'Coördinator', value: 'co' },
      ],
    },
    {
      type: 'Input.ChoiceSet',
      id: 'tafel',
      label: 'Welke tafel?',
      style: 'compact',
      choices: [
        { title: 'Twente', value: 't1' },
        { title: 'Arnhem', value: 't2' },
      ],
    },
    // As in Escaleer's form template: a toggle with a title and no label.
    { type: 'Input.Toggle', id: 'akkoord', title: 'Cliënt is akkoord', value: 'false', valueOn: 'true', valueOff: 'false' },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Opslaan', verb: 'opslaan', data: { caseId: 'CAS-2026-0042' } },
    {
      type: 'Action.ShowCard',
      title: 'Meer',
      card: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [],
        actions: [{ type: 'Action.Execute', title: 'Vernieuwen', verb: 'vernieuwen', associatedInputs: 'none', data: {} }],
      },
    },
  ],
};

/** Answers a channel message with the card (or `echo …`) and an invoke with a card listing the data it got. */
const standInBot = async (): Promise<{ server: Server; endpoint: string; invokes: Activity[] }> => {
  const invokes: Activity[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const a = JSON.parse(body || '{}') as Activity;
      if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
        invokes.push(a);
        const data = a.value?.action?.data ?? {};
        const answer = {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [
            { type: 'TextBlock', text: `Casus CAS-2026-0042: ${a.value?.action?.verb} door ${a.from.name}`, wrap: true },
            {
              type: 'TextBlock',
              text: Object.entries(data)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join('; '),
              wrap: true,
            },
          ],
        };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer }));
        return;
      }
      res.end('{}');
      if (a.type !== 'message') return;
      const reply = /kaart/.test(a.text ?? '')
        ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }
        : { text: `echo: ${(a.text ?? '').replace(/<[^>]+>/g, '')}` };
      const url = `${a.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(a.conversation.id)}/activities/${encodeURIComponent(a.id)}`;
      void fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: a.recipient, ...reply }),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, invokes };
};

describe('Person-helpers in de Playground: elk soort invoer zoals een mens het invult', () => {
  let bot: Awaited<ReturnType<typeof standInBot>>;
  let pg: RunningPlayground;
  let browser: Browser;
  let anouk: Person;

  beforeAll(async () => {
    bot = await standInBot();
    const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    const port = await freePort();
    [pg, browser] = await Promise.all([
      startPlayground({ botEndpoint: bot.endpoint, port, configPath: PLAYGROUND_CONFIG, workDir: '.data/playground-inputs' }, quiet),
      launchBrowser(),
    ]);
    anouk = await Person.open(browser, pg.url, { name: 'Anouk' });
    await anouk.openChannel('General');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
    await new Promise((r) => bot?.server.close(r));
  });

  it('een leeg verplicht veld: de Playground toont de foutmelding en stuurt niets naar de bot', async () => {
    await anouk.post('kaart');
    const form = await anouk.newCard({ hasText: 'Proefformulier' });
    await anouk.click(form, 'Opslaan');
    await anouk.waitForText(form, 'Vul een referentie in.');
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.invokes).toHaveLength(0);
  });

  it('tekst, meerregelige tekst, datum, keuzerondje, meerkeuze, keuzelijst en schakelaar komen als de bot ze verwacht aan', async () => {
    await anouk.post('kaart');
    const form = await anouk.newCard({ hasText: 'Proefformulier' });
    await anouk.fill(form, 'Referentie', 'DOS-123');
    await anouk.fill(form, 'Toelichting', 'regel 1\nregel 2');
    await anouk.fill(form, 'Datum overleg', '2027-02-15');
    await anouk.fill(form, 'Route', 'Gemeente (Wmo)');
    await anouk.fill(form, 'Aanwezig', ['Teamleider', 'Coördinator']);
    await anouk.fill(form, 'Welke tafel?', 'Arnhem');
    await anouk.fill(form, 'Cliënt is akkoord', true);
    await anouk.click(form, 'Opslaan');
    // The invoke answer replaces the card in place: the same handle shows it.
    const text = await anouk.waitForText(form, 'opslaan door Anouk de Vries');
    expect(text).toContain('naam=DOS-123');
    expect(text).toContain('datum=2027-02-15');
    expect(text).toContain('route=wmo');
    expect(text).toContain('wie=tl,co');
    expect(text).toContain('tafel=t2');
    expect(text).toContain('akkoord=true');
    expect(bot.invokes.at(-1)?.value?.action?.data?.toelichting).toBe('regel 1\nregel 2');
    await expect(form.invokeMessage()).resolves.toBe('Your response was sent to the app');
    // No `trigger` in a click's invoke, and never an automatic one.
    expect(bot.invokes.every((a) => a.value?.trigger === undefined)).toBe(true);
  });

  it('een knop in "Meer" (Action.ShowCard) wordt gevonden door de ShowCard te openen; met associatedInputs none blokkeert een leeg verplicht veld hem niet', async () => {
    await anouk.post('kaart');
    const form = await anouk.newCard({ hasText: 'Proefformulier' });
    await anouk.fill(form, 'Toelichting', 'gaat niet mee');
    await anouk.click(form, 'Vernieuwen');
    await anouk.waitForText(form, 'vernieuwen door Anouk de Vries');
    // 'Referentie' is required and empty: only associatedInputs 'none' lets this button through.
    expect(bot.invokes.at(-1)?.value?.action?.data).toEqual({});
  });

  it('een bericht dat binnenkomt wist wat al was ingevuld; click() vult het opnieuw in', async () => {
    await anouk.post('kaart');
    const form = await anouk.newCard({ hasText: 'Proefformulier' });
    await anouk.fill(form, 'Referentie', 'DOS-7');
    await anouk.fill(form, 'Route', 'Zorgkantoor (Wlz)');
    await anouk.post('iets anders');
    await anouk.waitForText(null, 'echo: Escaleer iets anders');
    const reference = form.locator.getByRole('textbox', { name: 'Referentie' });
    await expect(reference.inputValue()).resolves.toBe('');
    await anouk.click(form, 'Opslaan');
    const text = await anouk.waitForText(form, 'opslaan door Anouk de Vries');
    expect(text).toContain('naam=DOS-7');
    expect(text).toContain('route=wlz');
    expect(anouk.pageErrors).toEqual([]);
  });
});
