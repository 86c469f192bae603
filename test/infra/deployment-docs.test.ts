import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluator } from './arm-expr';
import { REQUIRED, only, template } from './helpers';

const REPO = join(__dirname, '..', '..');
const GUIDE = readFileSync(join(REPO, 'docs', 'deployment.md'), 'utf8');
const ENV_EXAMPLE = readFileSync(join(REPO, '.env.example'), 'utf8');
const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];

/** The (evaluated) name of a resource, without the `escaleer-` prefix the reader picks. */
const nameWithoutPrefix = (type: string): string =>
  String(evaluator(template(), REQUIRED).value(only(template(), type).name)).replace(/^escaleer-/, '');

describe('docs/deployment.md past bij het template', () => {
  it('legt elke parameter van infra/main.json uit', () => {
    for (const name of Object.keys(template().parameters)) expect(GUIDE).toContain(`\`${name}\``);
  });

  it('noemt de waarschuwingen en de vergrendeling bij de namen die het template ze geeft', () => {
    for (const type of ['Microsoft.Insights/metricAlerts', 'Microsoft.Insights/scheduledQueryRules', 'Microsoft.Insights/actionGroups']) {
      expect(GUIDE).toContain(`<voorvoegsel>-${nameWithoutPrefix(type)}`);
    }
    expect(GUIDE).toContain(`contains(name, '${nameWithoutPrefix('Microsoft.Authorization/locks')}')`);
  });

  it('gebruikt alleen outputs die het template levert', () => {
    const used = [...GUIDE.matchAll(/\bout (\w+)\)/g)].map((m) => m[1] as string);
    expect(used.length).toBeGreaterThanOrEqual(5);
    for (const name of used) expect(Object.keys(template().outputs)).toContain(name);
  });

  it('laat de app-registratie maken door scripts/entra-app.sh en zet haar id in entraAppId', () => {
    expect(GUIDE).toContain('bash scripts/entra-app.sh "$RG"');
    expect(GUIDE).toContain('"entraAppId": {"value": "<de app-id die het script afdrukte>"}');
    expect(GUIDE).toContain('api://<HOST>/<app-id>');
    expect(GUIDE).toContain('`access_as_user`');
    for (const id of TEAMS_CLIENTS) expect(GUIDE).toContain(id);
  });

  it('beschrijft de federatieve referentie die de beheerde identiteit vertrouwt, en nergens een clientgeheim', () => {
    expect(GUIDE).toContain('az ad app federated-credential create');
    expect(GUIDE).toContain('"subject": "$MI_PRINCIPAL_ID"');
    expect(GUIDE).toContain('"audiences": ["api://AzureADTokenExchange"]');
    expect(GUIDE).not.toMatch(/credential reset|MICROSOFT_APP_PASSWORD=\S/);
  });

  it('het Teams-pakket gebruikt de app-registratie als bot en als SSO-app', () => {
    expect(GUIDE).toContain('MICROSOFT_APP_TYPE=SingleTenant MICROSOFT_APP_ID="$BOT_ID" PUBLIC_HOSTNAME="$HOST" TAB_SSO_APP_ID="$BOT_ID"');
  });

  it('raadt Node 22 aan en nooit Node 20 of MultiTenant', () => {
    expect(GUIDE).toContain('Node.js 22');
    expect(GUIDE).not.toMatch(/NODE\\?\|20/);
    for (const line of GUIDE.split('\n').filter((l) => /MultiTenant/.test(l))) expect(line).toMatch(/[Nn]ooit|verouderde/);
  });

  it('de uitrol met runFromPackage noemt de instellingen die het template dan zet', () => {
    expect(GUIDE).toContain('WEBSITE_RUN_FROM_PACKAGE=1');
    expect(GUIDE).toContain('SCM_DO_BUILD_DURING_DEPLOYMENT=false');
    expect(GUIDE).toContain('SCM_DO_BUILD_DURING_DEPLOYMENT=true');
  });
});

describe('gegevensbeheer in de handleiding', () => {
  const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('"maak eerst een export" wijst naar een opdracht die bestaat, en export, herstel en opschonen staan erin', () => {
    const before = GUIDE.slice(GUIDE.indexOf('Maak eerst een export'), GUIDE.indexOf('Maak eerst een export') + 200);
    expect(before).toContain('npm run export -- --tenant');
    for (const cmd of ['export', 'restore', 'purge']) {
      expect(GUIDE).toContain(`npm run ${cmd}`);
      expect(scripts[cmd]).toContain(`lifecycle.js ${cmd}`);
    }
  });

  it('noemt de bewaartermijnen met hun standaardwaarden, zoals de README en .env.example', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(GUIDE).toMatch(/\*\*24 maanden\*\* na het sluiten/);
    expect(GUIDE).toMatch(/\*\*60 maanden\*\* na de verwijdering/);
    expect(readme).toContain('| `RETENTION_MONTHS` | `24` |');
    expect(readme).toContain('| `AUDIT_RETENTION_MONTHS` | `60` |');
    expect(ENV_EXAMPLE).toMatch(/^RETENTION_MONTHS=24$/m);
    expect(ENV_EXAMPLE).toMatch(/^AUDIT_RETENTION_MONTHS=60$/m);
  });
});

describe('.env.example', () => {
  const active = (name: string): string[] => ENV_EXAMPLE.split('\n').filter((l) => l.startsWith(`${name}=`));

  it('documenteert elke variabele die de configuratie leest', () => {
    const schema = readFileSync(join(REPO, 'src', 'config', 'schema.ts'), 'utf8');
    const names = [...schema.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] as string);
    expect(names).toContain('MICROSOFT_APP_TYPE');
    for (const name of names) expect(ENV_EXAMPLE).toMatch(new RegExp(`^(# )?${name}=`, 'm'));
  });

  it('zet MICROSOFT_APP_TYPE nooit op MultiTenant en beveelt SingleTenant of UserAssignedMSI aan', () => {
    expect(ENV_EXAMPLE).not.toMatch(/^#? ?MICROSOFT_APP_TYPE=MultiTenant/m);
    for (const line of active('MICROSOFT_APP_TYPE')) expect(line).toMatch(/^MICROSOFT_APP_TYPE=(SingleTenant|UserAssignedMSI)$/);
    expect(ENV_EXAMPLE).toMatch(/^# SingleTenant \| UserAssignedMSI\./m);
    expect(ENV_EXAMPLE).toMatch(/Nooit MultiTenant/);
  });

  it('bevat geen ingevulde geheimen', () => {
    expect(active('MICROSOFT_APP_PASSWORD')).toEqual(['MICROSOFT_APP_PASSWORD=']);
    expect(active('STORAGE_CONNECTION_STRING')).toEqual(['STORAGE_CONNECTION_STRING=']);
  });
});
