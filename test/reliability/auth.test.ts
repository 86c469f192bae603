import { spawn } from 'node:child_process';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { channelActivity } from '../support/connectorStandIn';
import { type Direct, startDirect } from '../support/direct';
import { testConnectionString } from '../support/storage';
import { type BotIssuer, startBotIssuer } from './botIssuer';
import { TEAM_A, activityId, delivered } from './harness';

const APP_ID = '5b0c2a4e-7d1f-4c3a-9e2b-6f8a1d3c5e70';

type Credentials = Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>;

/** Validates our app id like the real factory; outbound calls carry no token (the connector stand-in needs none). */
class OfflineCredentials extends ConfigurationServiceClientCredentialFactory {
  constructor() {
    super({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'geen-echt-geheim', MicrosoftAppType: 'MultiTenant' });
  }
  override async createCredentials(): Promise<Credentials> {
    return { signRequest: async (request) => request };
  }
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('authenticatie van /api/messages met een app-id', () => {
  let issuer: BotIssuer;
  let d: Direct;
  // What reaches the console (stderr) besides our own log lines; installed before the bot starts.
  const consoleErrors = jest.spyOn(console, 'error');

  beforeAll(async () => {
    issuer = await startBotIssuer();
    d = await startDirect(
      { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'geen-echt-geheim' },
      {
        authOverrides: {
          settings: { ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl, ToBotFromChannelTokenIssuer: issuer.issuer },
          credentialsFactory: new OfflineCredentials(),
        },
      },
    );
  });
  afterAll(async () => {
    await d?.close();
    await issuer?.close();
  });

  const claims = (over: Record<string, unknown> = {}) => ({
    iss: issuer.issuer,
    aud: APP_ID,
    serviceurl: d.connector.url,
    nbf: now() - 60,
    exp: now() + 3600,
    ...over,
  });
  const help = (id = activityId('auth')) => channelActivity({ serviceUrl: d.connector.url, text: '/help', id, ...TEAM_A });

  it('weigert ongetekende, vervalste, verlopen en verkeerd geadresseerde verzoeken met 401, zonder foutdetails', async () => {
    const cases: [string, Record<string, string>][] = [
      ['zonder token', {}],
      ['onzin als token', { authorization: 'Bearer dit-is-geen-jwt' }],
      ['handtekening met een onbekende sleutel', { authorization: `Bearer ${issuer.token(claims(), issuer.strangerKey)}` }],
      ['verkeerde audience', { authorization: `Bearer ${issuer.token(claims({ aud: 'f0000000-0000-4000-8000-000000000000' }))}` }],
      ['verkeerde uitgever', { authorization: `Bearer ${issuer.token(claims({ iss: 'https://aanvaller.test' }))}` }],
      [
        'verlopen (buiten de 5 minuten klokmarge)',
        { authorization: `Bearer ${issuer.token(claims({ nbf: now() - 7200, exp: now() - 3600 }))}` },
      ],
      ['service-url van iemand anders', { authorization: `Bearer ${issuer.token(claims({ serviceurl: 'http://127.0.0.1:9/elders/' }))}` }],
    ];
    const statuses: Record<string, number> = {};
    for (const [name, headers] of cases) {
      const id = activityId('auth');
      const r = await d.post(help(id), headers);
      statuses[name] = r.status;
      expect(JSON.stringify(r.body)).not.toMatch(/signature|jwt|token|key|stack/i);
      expect([name, r.body]).toEqual([name, { code: 'unauthorized', message: 'Niet geautoriseerd.' }]);
      expect(d.connector.calls.filter((c) => c.activityId === id)).toHaveLength(0);
    }
    console.log(
      `Authenticatie: geprobeerd ${cases.length} ongeldige verzoeken, 401: ${Object.values(statuses).filter((s) => s === 401).length}, anders: ${JSON.stringify(Object.fromEntries(Object.entries(statuses).filter(([, s]) => s !== 401)))}`,
    );
    expect(Object.values(statuses)).toEqual(cases.map(() => 401));
    expect((await fetch(`http://127.0.0.1:${d.app.port}/healthz`)).status).toBe(200);
  });

  it('een vloed van geweigerde tokens geeft geen stacktraces op stderr, maar per weigering hooguit één logregel, begrensd en zonder tokeninhoud', async () => {
    const tokens = [
      ...Array.from({ length: 20 }, (_, i) => `dit-is-geen-jwt-${i}`),
      ...Array.from({ length: 20 }, (_, i) => issuer.token(claims({ n: i }), issuer.strangerKey)),
      ...Array.from({ length: 20 }, (_, i) => issuer.token(claims({ n: i, nbf: now() - 7200, exp: now() - 3600 }))),
    ];
    const errorsBefore = consoleErrors.mock.calls.length;
    const statuses = [];
    for (const t of tokens) statuses.push((await d.post(help(), { authorization: `Bearer ${t}` })).status);
    const printed = consoleErrors.mock.calls.slice(errorsBefore);
    const printedLines = printed
      .map(
        (args) =>
          args
            .map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a)))
            .join(' ')
            .split('\n').length,
      )
      .reduce((a, b) => a + b, 0);
    // Over the whole file (the refusals of the test above count in the same minute).
    const logged = d.log.lines.filter((l) => /token|geweigerd/i.test(l.msg));
    const leaked = logged.filter((l) =>
      tokens.some((t) => JSON.stringify(l).includes(t.slice(0, 20)) || JSON.stringify(l).includes('eyJ')),
    );
    console.log(
      `Geweigerde tokens: ${tokens.length} verzoeken (${statuses.filter((s) => s === 401).length} × 401) na 7 eerdere; op stderr ${printed.length} meldingen (${printedLines} regels) buiten het log; ` +
        `logregels in deze minuut ${logged.length} (${logged.map((l) => String(l.data?.reden ?? l.data?.aantal ?? '')).join(', ')}), met tokeninhoud ${leaked.length}`,
    );

    expect(statuses).toEqual(tokens.map(() => 401));
    expect(printed).toHaveLength(0);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.length).toBeLessThanOrEqual(6);
    expect(leaked).toHaveLength(0);
    // The reason is a fixed English code per kind of failure, never text from the token or library.
    const reasons = logged.map((l) => l.data?.reden).filter((r) => r !== undefined);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(['signature_or_claims', 'expired', 'not_yet_valid', 'refused', 'missing_or_malformed']).toContain(r);
  });

  it('accepteert een correct getekend token en antwoordt via de connector', async () => {
    const id = activityId('auth');
    const r = await d.post(help(id), { authorization: `Bearer ${issuer.token(claims())}` });
    await delivered(d);
    expect(r.status).toBe(200);
    expect(d.connector.calls.filter((c) => c.activityId === id).map((c) => JSON.stringify(c.body))).toEqual([
      expect.stringContaining('/escaleer'),
    ]);
  });

  it('start niet in productie zonder app-id (het echte proces, exitcode 78)', async () => {
    const child = spawn(process.execPath, ['-r', './test/reliability/swcRegister.cjs', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', STORAGE_CONNECTION_STRING: testConnectionString(), PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(78);
    expect(stderr).toContain('MICROSOFT_APP_ID');
    expect(stderr).toMatch(/verplicht in productie/);
  });
});
