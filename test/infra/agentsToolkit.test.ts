import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Microsoft 365 Agents Toolkit conventions beside the project's own layout (manifest/, infra/). */
const REPO = join(__dirname, '..', '..');
const read = (p: string): string => readFileSync(join(REPO, p), 'utf8');

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ToolkitFile {
  version: string;
  environmentFolderPath: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

const toolkit = (file: string): ToolkitFile => parse(read(file)) as ToolkitFile;
const actions = (f: ToolkitFile): Action[] => [...(f.provision ?? []), ...(f.deploy ?? []), ...(f.publish ?? [])];
/** Repository paths an action names (templates, parameters, scripts), without ${{…}} placeholders. */
const pathsIn = (f: ToolkitFile): string[] =>
  actions(f)
    .flatMap((a) => JSON.stringify(a.with ?? {}).match(/(?:\.\/)?(?:infra|scripts|manifest)\/[A-Za-z0-9_./-]+/g) ?? [])
    .map((p) => p.replace(/^\.\//, ''));

const ENV_FILES = ['infra/env/.env.dev', 'infra/env/.env.local'];

describe('Agents Toolkit: m365agents.yml en m365agents.local.yml', () => {
  it.each(['m365agents.yml', 'm365agents.local.yml'])(
    '%s is geldige YAML met versie, omgevingsmap infra/env en bestaande paden',
    (file) => {
      const f = toolkit(file);
      expect(f.version).toMatch(/^v1\.\d+$/);
      expect(f.environmentFolderPath).toBe('./infra/env');
      expect(existsSync(join(REPO, f.environmentFolderPath))).toBe(true);
      expect(actions(f).length).toBeGreaterThan(0);
      for (const a of actions(f)) expect(typeof a.uses).toBe('string');
      for (const p of pathsIn(f))
        expect({ p, exists: existsSync(join(REPO, p)) || p === 'infra/main.parameters.json' }).toEqual({ p, exists: true });
    },
  );

  it('m365agents.yml rolt uit met infra/main.json, de app-registratie zonder geheim, het releasepakket en manifest/', () => {
    const f = toolkit('m365agents.yml');
    const arm = actions(f).find((a) => a.uses === 'arm/deploy');
    expect(arm?.with?.['templates']).toEqual([
      expect.objectContaining({ path: './infra/main.json', parameters: './infra/main.parameters.json' }),
    ]);
    const text = read('m365agents.yml');
    expect(text).toContain('scripts/entra-app.sh');
    expect(text).toContain('run release');
    expect(text).toContain('npm run package');
    expect(text).toContain('manifest/');
    // The parameters file is the admin's copy of the example (docs/deployment.md, stap 3).
    expect(existsSync(join(REPO, 'infra', 'main.parameters.example.json'))).toBe(true);
  });

  it('de lokale app-registratie is single-tenant en haar geheim komt niet in git', () => {
    const f = toolkit('m365agents.local.yml');
    const app = actions(f).find((a) => a.uses === 'aadApp/create');
    expect(app?.with?.['signInAudience']).toBe('AzureADMyOrg');
    expect(
      Object.values(app?.writeToEnvironmentFile ?? {})
        .filter((v) => /PASSWORD|SECRET/.test(v))
        .every((v) => v.startsWith('SECRET_')),
    ).toBe(true);
    expect(read('.gitignore')).toMatch(/^infra\/env\/\.env\.\*\.user$/m);
    expect(read('.gitignore')).toMatch(/^\.env$/m);
  });

  it.each(ENV_FILES)('%s bevat geen geheimen en geen ingevulde ids', (file) => {
    const lines = read(file)
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line).not.toMatch(/^(SECRET_|.*PASSWORD|.*KEY)/);
      expect(line).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    }
    expect(read(file)).toMatch(/^TEAMSFX_ENV=/m);
  });
});

describe('VS Code: F5', () => {
  it('.vscode/launch.json start als eerste configuratie npm start (bot + Agents Playground)', () => {
    const launch = JSON.parse(read('.vscode/launch.json')) as {
      configurations: { name: string; type: string; request: string; command?: string; env?: Record<string, string> }[];
    };
    const [first] = launch.configurations;
    expect(first).toMatchObject({ type: 'node-terminal', request: 'launch', command: 'npm start' });
    expect(first?.env?.['PLAYGROUND']).toBe('on');
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toContain('dist/src/main.js');
  });
});

describe('README: In echte Teams proberen', () => {
  it('beschrijft dev tunnel, app-registratie (single-tenant), Azure Bot en sideloaden', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## In echte Teams proberen'), readme.indexOf('## In productie nemen'));
    expect(section.length).toBeGreaterThan(500);
    expect(section).toContain('devtunnel host -p 3978');
    expect(section).toMatch(/single-tenant/i);
    expect(section).toContain('/api/messages');
    expect(section).toContain('npm run package -- --require-env');
    expect(section).toContain('Een aangepaste app uploaden');
    expect(section).toContain('m365agents.local.yml');
  });
});
