import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { type ChildApp, startChildApp } from '../support/childApp';
import { testConnectionString, uniquePrefix } from '../support/storage';

/**
 * `npm run release` as the admin runs it, then the zip as App Service runs it with
 * WEBSITE_RUN_FROM_PACKAGE=1: unpacked, `node dist/src/main.js` in production mode, nothing built
 * or installed there. (Takes a minute or two: a TypeScript build and `npm ci --omit=dev` from
 * npm's local cache.)
 */
const REPO = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('npm run release: het zip-pakket voor WEBSITE_RUN_FROM_PACKAGE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escaleer-release-'));
  const zipFile = join(dir, 'escaleer.zip');
  const unpacked = join(dir, 'app');
  let build: ReturnType<typeof spawnSync>;
  let names: string[] = [];
  let app: ChildApp | null = null;

  beforeAll(() => {
    build = spawnSync('npm', ['run', 'release', '--silent', '--', '--out', zipFile], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, TEMPLATE_BASE_URL: 'https://voorbeeld.example/escaleer/infra/' },
    });
    if (build.status !== 0) throw new Error(`npm run release faalde:\n${String(build.stdout)}\n${String(build.stderr)}`);
    const zip = new AdmZip(zipFile);
    names = zip.getEntries().map((e) => e.entryName.replace(/\\/g, '/'));
    zip.extractAllTo(unpacked, true);
  }, 420_000);

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('bevat de gebouwde code, de kaartsjablonen, de tab en package.json, geen broncode of tests', () => {
    for (const f of [
      'dist/src/main.js',
      'dist/src/telemetry/preload.js',
      'package.json',
      'package-lock.json',
      'cards/status.json',
      'src/tab/public/index.html',
    ])
      expect(names).toContain(f);
    expect(names.some((n) => /^src\/.*\.ts$/.test(n))).toBe(false);
    expect(
      names.some((n) => n.startsWith('test/') || n.startsWith('bench/') || n.startsWith('infra/') || n.startsWith('dist/scripts/')),
    ).toBe(false);
    expect(names.some((n) => /\.(d\.ts|map)$/.test(n))).toBe(false);
  });

  it('bevat de productie-afhankelijkheden en geen enkele ontwikkelafhankelijkheid', () => {
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(unpacked, 'node_modules', dep, 'package.json'))).toBe(true);
    // The tools (some OpenTelemetry SDK parts are dev dependencies for tests and production ones
    // through the Azure Monitor distro, so those may be there).
    const tools = [
      'jest',
      'typescript',
      'azurite',
      '@microsoft/m365agentsplayground',
      'playwright-core',
      '@swc/core',
      'adm-zip',
      'adaptivecards',
      '@microsoft/app-manifest',
    ];
    for (const dep of tools) {
      expect(pkg.devDependencies[dep]).toBeDefined();
      expect({ dep, present: existsSync(join(unpacked, 'node_modules', dep)) }).toEqual({ dep, present: false });
    }
  });

  it('noemt de uitrolopdracht en, met TEMPLATE_BASE_URL, de "Deploy to Azure"-link', () => {
    expect(String(build.stdout)).toContain('az webapp deploy');
    expect(String(build.stdout)).toContain(
      `https://portal.azure.com/#create/Microsoft.Template/uri/${encodeURIComponent('https://voorbeeld.example/escaleer/infra/main.json')}/createUIDefinitionUri/${encodeURIComponent('https://voorbeeld.example/escaleer/infra/createUiDefinition.json')}`,
    );
  });

  it('start uitgepakt in productiemodus (zonder Playground of Azurite) en /healthz antwoordt 200', async () => {
    app = await startChildApp(
      join(unpacked, 'dist', 'src', 'main.js'),
      {
        NODE_ENV: 'production',
        PORT: '0',
        MICROSOFT_APP_ID: '6f1c1a52-3f5e-4f2b-9d3a-2b1c0e9f8a77',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_TENANT_ID: '0c9a4b1e-8d7f-4e6a-9b5c-3d2e1f0a9b8c',
        MICROSOFT_APP_FEDERATED_CLIENT_ID: '2d7e9c41-5b3a-4f1e-8c6d-9a0b1c2d3e4f',
        STORAGE_CONNECTION_STRING: testConnectionString(),
        TABLE_PREFIX: uniquePrefix(),
      },
      { cwd: unpacked },
    );
    const r = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', storage: 'bereikbaar' });
    // The tab's page and Teams' client library come from the package too.
    const tab = await fetch(`http://127.0.0.1:${app.port}/tab`);
    expect(tab.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${app.port}/tab/teams-js.js`)).status).toBe(200);
    expect(await app.stop()).toBe(0);
    app = null;
  });
});
