import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import { ENV, lib, readIcons, ROOT } from './helpers';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'scripts', 'package-app.mjs');

/** Runs the package script with only the given variables (plus PATH) in its environment. */
const packageApp = (env: Record<string, string>, args: string[]) =>
  run(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env } });

describe('npm run package (scripts/package-app.mjs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'escaleer-pkg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('schrijft een zip met precies manifest.json, color.png en outline.png en de ids uit de omgeving', async () => {
    const out = join(dir, 'app.zip');
    const teamsAppId = '9d7c1f3a-1111-4a2b-8c3d-0123456789ab';
    const { stdout } = await packageApp({ ...ENV, TEAMS_APP_ID: teamsAppId }, ['--out', out, '--require-env']);
    expect(stdout).toContain('App-pakket geschreven');

    const zip = new AdmZip(out);
    const names = zip.getEntries().map((e) => e.entryName);
    expect(names.sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(lib.checkPackageEntries(names)).toEqual([]);

    const manifest = JSON.parse(zip.readAsText('manifest.json')) as lib.Manifest;
    expect(manifest['id']).toBe(teamsAppId);
    expect(manifest['version']).toBe(ENV.APP_VERSION);
    expect((manifest['bots'] as { botId: string }[])[0]?.botId).toBe(ENV.MICROSOFT_APP_ID);
    expect(manifest['validDomains']).toEqual([ENV.PUBLIC_HOSTNAME]);

    const icons = { 'color.png': zip.readFile('color.png') as Buffer, 'outline.png': zip.readFile('outline.png') as Buffer };
    expect(icons).toEqual(readIcons());
    expect(lib.checkManifest(manifest, icons)).toEqual([]);
    await expect(lib.validateSchema(manifest)).resolves.toEqual([]);
  });

  it('gebruikt zonder omgeving demowaarden en waarschuwt daarvoor', async () => {
    const out = join(dir, 'demo.zip');
    const { stderr } = await packageApp({}, ['--out', out]);
    expect(stderr).toContain('demowaarden');
    const manifest = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as lib.Manifest;
    expect(manifest['id']).toBe(lib.DEMO.appId);
    expect(manifest['validDomains']).toEqual(['localhost']);
  });

  it('weigert met --require-env als de ids ontbreken, en schrijft dan niets', async () => {
    const out = join(dir, 'never.zip');
    await expect(packageApp({}, ['--out', out, '--require-env'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('verplichte omgevingsvariabelen ontbreken'),
    });
    expect(() => new AdmZip(out)).toThrow();
  });

  it('weigert een ongeldige app-id met een duidelijke melding', async () => {
    await expect(packageApp({ ...ENV, MICROSOFT_APP_ID: 'niet-een-guid' }, ['--out', join(dir, 'x.zip')])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('MICROSOFT_APP_ID "niet-een-guid" is geen GUID'),
    });
  });

  it('weigert webApplicationInfo.id gelijk aan de managed identity van de bot (UserAssignedMSI), en accepteert een eigen app-registratie voor de tab', async () => {
    const msi = { ...ENV, MICROSOFT_APP_TYPE: 'UserAssignedMSI' };
    await expect(packageApp(msi, ['--out', join(dir, 'x.zip'), '--require-env'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('een managed identity kan geen API aanbieden'),
    });
    await expect(packageApp({ ...msi, TAB_SSO_APP_ID: ENV.MICROSOFT_APP_ID }, ['--out', join(dir, 'y.zip')])).rejects.toMatchObject({
      code: 1,
    });
    const out = join(dir, 'ok.zip');
    const sso = '7b1c2d3e-2222-4a2b-8c3d-0123456789ab';
    await packageApp({ ...msi, TAB_SSO_APP_ID: sso }, ['--out', out, '--require-env']);
    const manifest = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as lib.Manifest;
    expect((manifest['webApplicationInfo'] as { id: string }).id).toBe(sso);
  });

  it('weigert de managed identity als SSO-app ook bij SingleTenant als haar client-id is opgegeven (MANAGED_IDENTITY_CLIENT_ID)', async () => {
    const identity = '2d7e9c41-5b3a-4f1e-8c6d-9a0b1c2d3e4f';
    const single = { ...ENV, MICROSOFT_APP_TYPE: 'SingleTenant', MANAGED_IDENTITY_CLIENT_ID: identity };
    await expect(
      packageApp({ ...single, TAB_SSO_APP_ID: identity.toUpperCase() }, ['--out', join(dir, 'mi.zip'), '--require-env']),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('een managed identity kan geen API aanbieden'),
    });
    const out = join(dir, 'single.zip');
    await packageApp(single, ['--out', out, '--require-env']);
    const manifest = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as lib.Manifest;
    expect((manifest['webApplicationInfo'] as { id: string }).id).toBe(ENV.MICROSOFT_APP_ID);
  });
});
