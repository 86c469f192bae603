import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:https';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TableCaseRepository, openTables } from '../../src/storage';
import { buildForChild } from '../support/childBuild';
import { type ChildApp, directTo, startChildApp } from '../support/childApp';
import { ConnectorStandIn, channelActivity } from '../support/connectorStandIn';
import { DirectCase } from '../support/directCase';
import { testConnectionString, uniquePrefix } from '../support/storage';
import { sevenConditions } from '../support/routeWalk';
import { seedTeam } from '../support/teamSettings';

/**
 * Telemetry as it arrives: the app runs as its own process with Azure Monitor OpenTelemetry
 * started first (APPLICATIONINSIGHTS_CONNECTION_STRING), exporting to a stand-in for the
 * Application Insights ingestion endpoint on loopback. A case is walked with a marker in every
 * free-text field (and in a command); the marker must reach storage and appear in no request,
 * dependency, exception, metric or log line.
 */
const MARKER = 'merkteken-qz7x';
/** The secret part of a dossier link (43 base64url characters, the format the app accepts). */
const LINK_SECRET = `geheim${'Q'.repeat(31)}qz7xYz`;
const TENANT = 'tenant-a';
const TEAM = '19:team-a@thread.tacv2';

interface Envelope {
  name: string;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

/**
 * The ingestion endpoint (`/v2.1/track`): records every envelope, accepts all. HTTPS (the exporter
 * sends nowhere else) with a certificate made for this run; the app trusts it via NODE_EXTRA_CA_CERTS.
 */
class IngestionStandIn {
  readonly bodies: string[] = [];
  readonly envelopes: Envelope[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'escaleer-ingest-'));
  readonly certFile = join(this.dir, 'cert.pem');
  private server: Server | null = null;

  async start(): Promise<string> {
    const keyFile = join(this.dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        this.certFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    this.server = createServer({ key: readFileSync(keyFile), cert: readFileSync(this.certFile) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) raw = gunzipSync(raw);
        const text = raw.toString('utf8');
        this.bodies.push(`${req.method} ${req.url}\n${text}`);
        let items: Envelope[] = [];
        try {
          const parsed = JSON.parse(text) as Envelope | Envelope[];
          items = Array.isArray(parsed) ? parsed : [parsed];
        } catch {
          items = text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Envelope);
        }
        this.envelopes.push(...items);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    return `https://127.0.0.1:${(this.server?.address() as AddressInfo).port}/`;
  }

  of(baseType: string): Record<string, unknown>[] {
    return this.envelopes.filter((e) => e.data?.baseType === baseType).map((e) => e.data?.baseData ?? {});
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('telemetrie en logboek: wat aankomt, zonder cliëntgegevens', () => {
  const ingestion = new IngestionStandIn();
  const connector = new ConnectorStandIn();
  const prefix = uniquePrefix();
  let main = '';
  let app: ChildApp;
  let exitCode: number | null = null;
  let caseId = '';

  beforeAll(async () => {
    main = buildForChild('telemetrie');
    const ingest = await ingestion.start();
    await connector.start();
    const tables = await openTables({ kind: 'connectionString', connectionString: testConnectionString() }, prefix);
    await seedTeam(tables.cases, { tenantId: TENANT, teamId: TEAM }, { serviceUrl: connector.url });
    app = await startChildApp(main, {
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'debug',
      PLAYGROUND: 'off',
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=${ingest}`,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      NODE_EXTRA_CA_CERTS: ingestion.certFile,
    });

    const d = directTo(app, connector, prefix);
    const today = new Date().toISOString().slice(0, 10);
    const c = await DirectCase.open(d, 'begeleider-1');
    caseId = c.caseId;
    const act = async (user: string, verb: string, values: Record<string, string>) => {
      const text = await c.act(user, verb, values);
      if (!text.includes('Opgeslagen')) throw new Error(`${verb} niet opgeslagen: ${text.slice(0, 1500)}`);
    };
    await act('begeleider-1', 'route.kiezen', { route: 'zorgkantoor' });
    const circle = {
      datum: today,
      deelnemers: 'begeleider',
      vraag: `vraag ${MARKER}`,
      afspraken: `afspraken ${MARKER}`,
      uitkomst: 'onvoldoende',
    };
    await act('begeleider-1', 'cirkel1.vastleggen', circle);
    await act('begeleider-1', 'cirkel2.vastleggen', circle);
    await act('begeleider-1', 'cirkel3.vastleggen', {
      datum: today,
      geconsulteerdeAanbieder: MARKER,
      risicofactoren: MARKER,
      beschermendeFactoren: MARKER,
      context: MARKER,
      plan: MARKER,
      nodig: MARKER,
      afspraken: MARKER,
      vervolgdatum: today,
      uitkomst: 'onvoldoende',
    });
    const conditions = sevenConditions('Groningen', () => `toelichting ${MARKER}`);
    await act('begeleider-1', 'voorwaarden.vastleggen', conditions);
    await act('teamleider-1', 'voorwaarden.goedkeuren', {});
    await act('begeleider-1', 'adviseur.oordeel', { contactdatum: today, oordeel: 'passend', advies: `advies ${MARKER}` });
    const details = await c.act('begeleider-1', 'details.bekijken', {});
    expect(details).toContain(MARKER);
    // A dossier link's address holds its secret: opening one must leave no trace of it.
    const page = await fetch(`http://127.0.0.1:${app.port}/dossier/${TENANT}/${LINK_SECRET}`);
    expect(page.status).toBe(410);
    // A command with the marker as argument, and a turn that fails (Teams answers 502): the fault
    // must arrive as an exception with its stack, still without the marker.
    await d.post(channelActivity({ serviceUrl: connector.url, text: `/status ${MARKER}`, from: 'begeleider-1' }));
    connector.responder = (call) =>
      JSON.stringify(call.body).includes('/help') || call.method === 'POST'
        ? { status: 502, body: { error: { code: 'BadGateway', message: MARKER } } }
        : null;
    await d.post(channelActivity({ serviceUrl: connector.url, text: `/help ${MARKER}`, from: 'begeleider-1' }));
    connector.responder = () => null;
    exitCode = await app.stop();
  }, 120_000);

  afterAll(async () => {
    if (app && app.process.exitCode === null) await app.stop();
    await ingestion.close();
    await connector.close();
    if (main) rmSync(dirname(dirname(main)), { recursive: true, force: true });
  });

  it('de vrije tekst kwam echt binnen en is opgeslagen (anders bewijst de rest niets)', async () => {
    const tables = await openTables({ kind: 'connectionString', connectionString: testConnectionString() }, prefix);
    const stored = await new TableCaseRepository(tables.cases).get(TENANT, caseId as never);
    expect(JSON.stringify(stored?.value)).toContain(MARKER);
  });

  it('stopt netjes op SIGTERM en stuurt daarbij de gebufferde telemetrie', () => {
    expect(exitCode).toBe(0);
    expect(ingestion.envelopes.length).toBeGreaterThan(0);
  });

  it('verzoeken op /api/messages, afhankelijkheden naar Table Storage en naar Teams komen aan', () => {
    const requests = ingestion.of('RequestData');
    expect(requests.some((r) => String(r['url']).includes('/api/messages'))).toBe(true);
    const dependencies = ingestion.of('RemoteDependencyData');
    const connectorHost = new URL(connector.url).host;
    expect(
      dependencies.some((dep) => String(dep['target'] ?? '').includes(connectorHost) || String(dep['data'] ?? '').includes(connectorHost)),
    ).toBe(true);
    const storagePort = new URL(/TableEndpoint=([^;]+)/.exec(testConnectionString())?.[1] ?? 'http://x').port;
    expect(dependencies.some((dep) => JSON.stringify(dep).includes(`:${storagePort}`) || /table/i.test(String(dep['type'] ?? '')))).toBe(
      true,
    );
  });

  it('een mislukte beurt komt aan als uitzondering met stack', () => {
    const exceptions = ingestion.of('ExceptionData');
    expect(exceptions.length).toBeGreaterThan(0);
    const text = JSON.stringify(exceptions);
    expect(text).toMatch(/at .*\.js/);
  });

  it('tellers voor overgangen en verstuurde berichten komen aan, met alleen vaste waarden als dimensies', () => {
    const metrics = ingestion.of('MetricData') as { metrics?: { name: string; value: number }[]; properties?: Record<string, string> }[];
    const sum = (name: string) => metrics.flatMap((m) => (m.metrics ?? []).filter((x) => x.name === name)).reduce((a, x) => a + x.value, 0);
    expect(sum('escaleer.case.transitions')).toBeGreaterThanOrEqual(6);
    expect(sum('escaleer.notices.sent')).toBeGreaterThan(0);
    const transition = metrics.find((m) => m.metrics?.some((x) => x.name === 'escaleer.case.transitions'));
    expect(transition?.properties).toMatchObject({ route: 'zorgkantoor' });
  });

  it('het merkteken en het geheim van een dossierlink staan in geen enkel verzoek, afhankelijkheid, uitzondering, metric of logregel', () => {
    expect(ingestion.bodies.length).toBeGreaterThan(0);
    for (const body of ingestion.bodies) expect(body).not.toContain(MARKER);
    for (const body of ingestion.bodies) expect(body).not.toContain(LINK_SECRET);
    const printed = app.stdout.join('') + app.stderr.join('');
    expect(printed.length).toBeGreaterThan(0);
    expect(printed).not.toContain(MARKER);
  });

  it('logregels zijn JSON met tenant en activity-id; een fout houdt type en stack, niet de melding', () => {
    const lines = app.stdout
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => typeof l['msg'] === 'string' && typeof l['level'] === 'string' && typeof l['t'] === 'string')).toBe(true);
    const fault = lines.find((l) => l['msg'] === 'fout in beurt');
    expect(fault).toMatchObject({ level: 'error', tenant: TENANT });
    expect(typeof fault?.['activity']).toBe('string');
    const err = fault?.['err'] as { type: string; stack: string };
    expect(err.stack).toMatch(/\n\s+at /);
    expect(err).not.toHaveProperty('message');
  });
});
