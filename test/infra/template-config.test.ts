import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deferred, Value, evaluator } from './arm-expr';
import {
  EXAMPLE_PARAMETERS_TEXT,
  REQUIRED,
  TEMPLATE_TEXT,
  allStrings,
  appSettings,
  named,
  only,
  propsOf,
  resourcesOfType,
  template,
} from './helpers';

const REPO = join(__dirname, '..', '..');
const TABLE_DATA_CONTRIBUTOR = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3';
const IDENTITY = 'res:Microsoft.ManagedIdentity/userAssignedIdentities|escaleer-id';
const WORKSPACE = 'res:Microsoft.OperationalInsights/workspaces|escaleer-logs';
const ACTION_GROUP = 'res:Microsoft.Insights/actionGroups|escaleer-beheer';
const identityRef = (prop: string): string => `<reference ${IDENTITY}.${prop}>`;
const webAppName = (): string => String(evaluator(template()).value(template().variables['webAppName']));
const SITE = (): string => `res:Microsoft.Web/sites|${webAppName()}`;
/** What the template answers for the web app's host name: Azure's own, read from the deployed site. */
const siteHostname = (): string => `<reference ${SITE()}.defaultHostName>`;

const COMMON_SETTINGS = [
  'NODE_ENV',
  'RETENTION_MONTHS',
  'AUDIT_RETENTION_MONTHS',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_TYPE',
  'MICROSOFT_APP_TENANT_ID',
  'AZURE_CLIENT_ID',
  'STORAGE_ACCOUNT_URL',
  'PUBLIC_HOSTNAME',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'PLAYGROUND',
  'TAB_SSO_APP_ID',
];
// Oryx would run a plain `npm install`, which skips devDependencies (typescript) under NODE_ENV=production.
const BUILD_ON_DEPLOY = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'CUSTOM_BUILD_COMMAND'];
const RUN_FROM_PACKAGE = ['WEBSITE_RUN_FROM_PACKAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

const SECRET_LIKE = /password|passwd|secret|key|token|credential|certificate|connection_?string|sas/i;

/** Every .ts file under a folder of src/, with its text. */
const sources = (dir: string): { file: string; text: string }[] =>
  readdirSync(join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(REPO, dir, f), 'utf8') }));

/** The first argument of every `log.warn('…')` / `log.error('…')` call in a text. */
const logMessages = (text: string): string[] =>
  [...text.matchAll(/\blog\.(?:warn|error|info)\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] as string);

describe('ARM-template infra/main.json: geen geheimen', () => {
  it('bevat geen sleutels, wachtwoorden, SAS-tokens of list*()-aanroepen', () => {
    for (const pattern of [
      /AccountKey=/i,
      /password/i,
      /secret/i,
      /listKeys|listSecrets|listCredentials|list\w*\(/i,
      /SharedAccessSignature|[?&]sig=/i,
      /InstrumentationKey=/i,
    ]) {
      expect(TEMPLATE_TEXT).not.toMatch(pattern);
    }
  });

  it('heeft geen secureString/secureObject-parameters en geen parameter die naar een geheim klinkt', () => {
    for (const [name, p] of Object.entries(template().parameters)) {
      expect(p.type.toLowerCase()).not.toMatch(/^secure/);
      expect(name).not.toMatch(SECRET_LIKE);
    }
  });

  it.each([false, true])(
    'geen app-instelling met een geheimachtige naam krijgt een letterlijke waarde (runFromPackage=%s)',
    (runFromPackage) => {
      const settings = appSettings(template(), { runFromPackage });
      for (const absent of ['MICROSOFT_APP_PASSWORD', 'STORAGE_CONNECTION_STRING']) expect(settings.has(absent)).toBe(false);
      const secretLike = [...settings].filter(([name]) => SECRET_LIKE.test(name));
      // Only the Application Insights connection string (an ingestion address, read from the component at deployment time).
      expect(secretLike.map(([name]) => name)).toEqual(['APPLICATIONINSIGHTS_CONNECTION_STRING']);
      for (const [, value] of secretLike) expect(value).toBeInstanceOf(Deferred);
    },
  );

  it('bevat geen GUID-achtige letterlijke waarden behalve de ingebouwde roldefinitie', () => {
    const guids = allStrings(template()).flatMap((s) => s.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []);
    expect(new Set(guids)).toEqual(new Set([TABLE_DATA_CONTRIBUTOR]));
  });

  it('het voorbeeldparameterbestand past bij het template, noemt elke verplichte parameter en bevat geen geheimen', () => {
    const example = JSON.parse(EXAMPLE_PARAMETERS_TEXT) as { $schema: string; parameters: Record<string, { value: unknown }> };
    expect(example.$schema).toContain('deploymentParameters.json');
    const declared = template().parameters;
    for (const [name, { value }] of Object.entries(example.parameters)) {
      expect(Object.keys(declared)).toContain(name);
      const p = declared[name];
      const allowed = p?.allowedValues;
      if (allowed) expect(allowed).toContain(value);
      const jsType = { string: 'string', int: 'number', bool: 'boolean', object: 'object', array: 'object' }[p?.type.toLowerCase() ?? ''];
      expect(typeof value).toBe(jsType);
    }
    for (const [name, p] of Object.entries(declared))
      if (p.defaultValue === undefined) expect(Object.keys(example.parameters)).toContain(name);
    expect(EXAMPLE_PARAMETERS_TEXT).not.toMatch(/password|secret|AccountKey|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });
});

describe('ARM-template infra/main.json: bot-identiteit (single-tenant, zonder geheim)', () => {
  it('registreert de bot als UserAssignedMSI in de eigen tenant, nooit als MultiTenant', () => {
    const t = template();
    const bot = propsOf(t, only(t, 'Microsoft.BotService/botServices'));
    expect(['SingleTenant', 'UserAssignedMSI']).toContain(bot['msaAppType']);
    expect(bot['msaAppType']).toBe('UserAssignedMSI');
    expect(String(bot['msaAppId'])).toBe(identityRef('clientId'));
    expect(String(bot['msaAppTenantId'])).toBe(identityRef('tenantId'));
    expect(bot['msaAppMSIResourceId']).toBe(IDENTITY);
    expect(TEMPLATE_TEXT).not.toMatch(/MultiTenant/i);
  });

  it('de app-instellingen van de bot komen overeen met de botregistratie', () => {
    const t = template();
    const bot = propsOf(t, only(t, 'Microsoft.BotService/botServices'));
    const settings = appSettings(t);
    expect(settings.get('MICROSOFT_APP_TYPE')).toBe(bot['msaAppType']);
    expect(String(settings.get('MICROSOFT_APP_ID'))).toBe(String(bot['msaAppId']));
    expect(String(settings.get('MICROSOFT_APP_TENANT_ID'))).toBe(String(bot['msaAppTenantId']));
    // The same identity signs in to Table Storage.
    expect(String(settings.get('AZURE_CLIENT_ID'))).toBe(identityRef('clientId'));
  });

  it('geeft de app-registratie van het tabblad (SSO) door als parameter, standaard leeg', () => {
    const t = template();
    expect(t.parameters['tabSsoAppId']).toMatchObject({ type: 'string', defaultValue: '' });
    expect(appSettings(t).get('TAB_SSO_APP_ID')).toBe('');
    expect(appSettings(t, { tabSsoAppId: 'tab-app-id' }).get('TAB_SSO_APP_ID')).toBe('tab-app-id');
  });
});

describe('ARM-template infra/main.json: één app-registratie voor bot en tabblad (entraAppId), zonder geheim', () => {
  const ENTRA = '3b8f2c1d-7e6a-4d5c-9b0a-1f2e3d4c5b6a';
  const given = { ...REQUIRED, entraAppId: ENTRA };

  it('standaard leeg: de bot blijft de beheerde identiteit', () => {
    expect(template().parameters['entraAppId']).toMatchObject({ type: 'string', defaultValue: '' });
    expect(appSettings(template()).has('MICROSOFT_APP_FEDERATED_CLIENT_ID')).toBe(false);
  });

  it('ingevuld: SingleTenant-bot met de app-id in de eigen tenant, zonder MSI-koppeling', () => {
    const t = template();
    const bot = propsOf(t, only(t, 'Microsoft.BotService/botServices'), given);
    expect(bot).toMatchObject({ msaAppType: 'SingleTenant', msaAppId: ENTRA });
    expect(String(bot['msaAppTenantId'])).toBe(identityRef('tenantId'));
    expect(bot).not.toHaveProperty('msaAppMSIResourceId');
  });

  it('ingevuld: de web-app meldt zich als die app aan via de federatieve referentie op de beheerde identiteit', () => {
    const settings = appSettings(template(), given);
    expect(settings.get('MICROSOFT_APP_TYPE')).toBe('SingleTenant');
    expect(settings.get('MICROSOFT_APP_ID')).toBe(ENTRA);
    expect(String(settings.get('MICROSOFT_APP_FEDERATED_CLIENT_ID'))).toBe(identityRef('clientId'));
    expect(String(settings.get('MICROSOFT_APP_TENANT_ID'))).toBe(identityRef('tenantId'));
    expect(String(settings.get('AZURE_CLIENT_ID'))).toBe(identityRef('clientId'));
    expect(settings.get('TAB_SSO_APP_ID')).toBe(ENTRA);
    expect(settings.has('MICROSOFT_APP_PASSWORD')).toBe(false);
  });

  it('ingevuld: een nieuwe botresource (het type van een Azure Bot kan niet veranderen), het Teams-kanaal erbij', () => {
    const t = template();
    const ev = evaluator(t, given);
    const botName = String(ev.value(only(t, 'Microsoft.BotService/botServices').name));
    expect(botName).not.toBe(String(evaluator(t, REQUIRED).value(only(t, 'Microsoft.BotService/botServices').name)));
    expect(String(ev.value(only(t, 'Microsoft.BotService/botServices/channels').name))).toBe(`${botName}/MsTeamsChannel`);
    expect(ev.value(t.outputs['botAppId']!.value)).toBe(ENTRA);
    expect(ev.value(t.outputs['botAppType']!.value)).toBe('SingleTenant');
  });

  it('levert de client-id van de beheerde identiteit als output (scripts/entra-app.sh leest die)', () => {
    const t = template();
    expect(String(evaluator(t, REQUIRED).value(t.outputs['identityClientId']!.value))).toBe(identityRef('clientId'));
    const script = readFileSync(join(REPO, 'scripts', 'entra-app.sh'), 'utf8');
    for (const m of script.matchAll(/\bout (\w+)\)/g)) expect(Object.keys(t.outputs)).toContain(m[1]);
  });

  it('een apart tabblad-id blijft mogelijk en gaat voor', () => {
    expect(appSettings(template(), { ...given, tabSsoAppId: 'tab-app-id' }).get('TAB_SSO_APP_ID')).toBe('tab-app-id');
  });
});

describe('ARM-template infra/main.json: web-app', () => {
  it('zet precies de verwachte app-instellingen bij bouwen op App Service (runFromPackage=false)', () => {
    const settings = appSettings(template(), { runFromPackage: false });
    expect([...settings.keys()].sort()).toEqual([...COMMON_SETTINGS, ...BUILD_ON_DEPLOY].sort());
    expect(settings.get('NODE_ENV')).toBe('production');
    expect(settings.get('STORAGE_ACCOUNT_URL')).toMatch(/^https:\/\/escaleer[a-z0-9]{13}\.table\.core\.windows\.net$/);
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBeInstanceOf(Deferred);
    expect(settings.get('PLAYGROUND')).toBe('off');
    expect(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT')).toBe('true');
    expect(settings.get('CUSTOM_BUILD_COMMAND')).toBe('npm ci --include=dev && npm run build && npm prune --omit=dev');
    expect(settings.has('WEBSITE_RUN_FROM_PACKAGE')).toBe(false);
  });

  it('standaard (runFromPackage=true) draait de app uit het releasepakket en bouwt App Service niets', () => {
    const t = template();
    expect(t.parameters['runFromPackage']).toMatchObject({ type: 'bool', defaultValue: true });
    const settings = appSettings(t);
    expect([...settings.keys()].sort()).toEqual([...COMMON_SETTINGS, ...RUN_FROM_PACKAGE].sort());
    expect(settings.get('WEBSITE_RUN_FROM_PACKAGE')).toBe('1');
    expect(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT')).toBe('false');
    expect(settings.has('CUSTOM_BUILD_COMMAND')).toBe(false);
  });

  it('zet de bewaartermijnen uit parameters (standaard 24 en 60 maanden), zodat een uitrol ze niet wist', () => {
    const t = template();
    expect(t.parameters['retentionMonths']).toMatchObject({ type: 'int', defaultValue: 24 });
    expect(t.parameters['auditRetentionMonths']).toMatchObject({ type: 'int', defaultValue: 60 });
    const settings = appSettings(t);
    expect([settings.get('RETENTION_MONTHS'), settings.get('AUDIT_RETENTION_MONTHS')]).toEqual(['24', '60']);
    const longer = appSettings(t, { retentionMonths: 36, auditRetentionMonths: 0 });
    expect([longer.get('RETENTION_MONTHS'), longer.get('AUDIT_RETENTION_MONTHS')]).toEqual(['36', '0']);
  });

  it('app-instellingen staan op één plek: de sites/config-resource, niet in siteConfig', () => {
    const t = template();
    const siteConfig = propsOf(t, only(t, 'Microsoft.Web/sites'))['siteConfig'] as Record<string, unknown>;
    expect(siteConfig).not.toHaveProperty('appSettings');
    expect(resourcesOfType(t, 'Microsoft.Web/sites/config')).toHaveLength(1);
  });

  it('leest de hostnaam van de web-app uit de uitgerolde site in plaats van hem zelf samen te stellen', () => {
    const t = template();
    const ev = evaluator(t);
    expect(TEMPLATE_TEXT).not.toMatch(/azurewebsites\.net/i);
    expect(String(appSettings(t).get('PUBLIC_HOSTNAME'))).toBe(siteHostname());
    expect(String(propsOf(t, only(t, 'Microsoft.BotService/botServices'))['endpoint'])).toBe(`https://${siteHostname()}/api/messages`);
    expect(String(ev.value(t.outputs['webAppHostname']?.value))).toBe(siteHostname());
    // reference() to the site needs an explicit dependency in ARM JSON.
    expect(only(t, 'Microsoft.BotService/botServices').dependsOn?.map((d) => String(ev.value(d)))).toContain(SITE());
    expect(named(t, 'Microsoft.Web/sites/config', '/appsettings').dependsOn?.map((d) => String(ev.value(d)))).toContain(SITE());
  });

  it('gebruikt een eigen domein als PUBLIC_HOSTNAME, bot-endpoint en output als dat is opgegeven', () => {
    const t = template();
    const given = { customHostname: 'escaleer.zorg.example' };
    expect(appSettings(t, given).get('PUBLIC_HOSTNAME')).toBe('escaleer.zorg.example');
    expect(propsOf(t, only(t, 'Microsoft.BotService/botServices'), given)['endpoint']).toBe('https://escaleer.zorg.example/api/messages');
    expect(evaluator(t, given).value(t.outputs['webAppHostname']?.value)).toBe('escaleer.zorg.example');
  });

  it('draait Linux Node 22 LTS; Node 20 (end-of-life) is niet te kiezen', () => {
    const t = template();
    const p = t.parameters['nodeRuntime'];
    expect(p?.defaultValue).toBe('NODE|22-lts');
    expect(p?.allowedValues).not.toContain('NODE|20-lts');
    for (const v of p?.allowedValues ?? []) expect(String(v)).toMatch(/^NODE\|(2[2-9]|[3-9]\d)-lts$/);
    const siteConfig = propsOf(t, only(t, 'Microsoft.Web/sites'))['siteConfig'] as Record<string, unknown>;
    expect(siteConfig['linuxFxVersion']).toBe('NODE|22-lts');
    expect(TEMPLATE_TEXT).not.toMatch(/NODE\|20/);
  });

  it('alleen https met TLS 1.2, FTP uit, statuscontrole op /healthz, met de user-assigned identity', () => {
    const t = template();
    const site = only(t, 'Microsoft.Web/sites');
    expect(site.kind).toBe('app,linux');
    expect(evaluator(t).value(site.identity ?? null)).toEqual({ type: 'UserAssigned', userAssignedIdentities: { [IDENTITY]: {} } });
    const props = propsOf(t, site);
    expect(props['httpsOnly']).toBe(true);
    expect(props['siteConfig']).toMatchObject({
      ftpsState: 'Disabled',
      minTlsVersion: '1.2',
      scmMinTlsVersion: '1.2',
      alwaysOn: true,
      healthCheckPath: '/healthz',
      appCommandLine: 'node dist/src/main.js',
    });
    const plan = only(t, 'Microsoft.Web/serverfarms');
    expect(plan.kind).toBe('linux');
    expect(plan.properties).toMatchObject({ reserved: true });
  });

  it('de statuscontrole wijst naar de route die de bot echt aanbiedt', () => {
    const server = readFileSync(join(REPO, 'src', 'http', 'server.ts'), 'utf8');
    const siteConfig = propsOf(template(), only(template(), 'Microsoft.Web/sites'))['siteConfig'] as Record<string, unknown>;
    expect(server).toContain(`server.get('${String(siteConfig['healthCheckPath'])}'`);
  });

  it('basisauthenticatie (gebruikersnaam/wachtwoord) staat uit voor zowel SCM/Kudu als FTP', () => {
    const t = template();
    const ev = evaluator(t);
    const policies = resourcesOfType(t, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    expect(policies.map((p) => String(ev.value(p.name))).sort()).toEqual([`${webAppName()}/ftp`, `${webAppName()}/scm`]);
    for (const p of policies) expect(propsOf(t, p)).toEqual({ allow: false });
  });

  it('zet Always On alleen uit op het gratis F1-plan', () => {
    const t = template();
    const alwaysOn = (sku: string): unknown =>
      (propsOf(t, only(t, 'Microsoft.Web/sites'), { appServiceSku: sku })['siteConfig'] as { alwaysOn: unknown }).alwaysOn;
    expect(alwaysOn('F1')).toBe(false);
    for (const sku of ['B1', 'S1', 'P1v3']) expect(alwaysOn(sku)).toBe(true);
  });
});

describe('ARM-template infra/main.json: opslag', () => {
  it('het opslagaccount is StorageV2, alleen https met TLS 1.2, zonder gedeelde sleutels of publieke blobs', () => {
    const storage = only(template(), 'Microsoft.Storage/storageAccounts');
    expect(storage.kind).toBe('StorageV2');
    expect(storage.properties).toMatchObject({
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
    });
    expect(only(template(), 'Microsoft.Storage/storageAccounts/tableServices').name).toContain('/default');
  });

  it('het opslagaccount heeft een CanNotDelete-vergrendeling', () => {
    const t = template();
    const ev = evaluator(t);
    const lock = only(t, 'Microsoft.Authorization/locks');
    const storageName = String(ev.value(only(t, 'Microsoft.Storage/storageAccounts').name));
    expect(ev.value(lock.scope ?? '')).toBe(`Microsoft.Storage/storageAccounts/${storageName}`);
    expect(propsOf(t, lock)['level']).toBe('CanNotDelete');
    expect(String(propsOf(t, lock)['notes'])).toMatch(/deployment\.md/);
  });

  it('geeft de identity de rol Storage Table Data Contributor op het opslagaccount', () => {
    const t = template();
    const ev = evaluator(t);
    const ra = only(t, 'Microsoft.Authorization/roleAssignments');
    const storageName = String(ev.value(only(t, 'Microsoft.Storage/storageAccounts').name));
    expect(ev.value(ra.scope ?? '')).toBe(`Microsoft.Storage/storageAccounts/${storageName}`);
    const props = propsOf(t, ra);
    expect(props['roleDefinitionId']).toBe(`subres:Microsoft.Authorization/roleDefinitions|${TABLE_DATA_CONTRIBUTOR}`);
    expect(String(props['principalId'])).toBe(identityRef('principalId'));
    expect(props['principalType']).toBe('ServicePrincipal');
  });
});

describe('ARM-template infra/main.json: Teams-kanaal', () => {
  it('de bot heeft het Teams-kanaal aan', () => {
    const t = template();
    const channel = only(t, 'Microsoft.BotService/botServices/channels');
    expect(String(evaluator(t).value(channel.name))).toMatch(/\/MsTeamsChannel$/);
    expect(channel.properties).toMatchObject({ channelName: 'MsTeamsChannel', properties: { isEnabled: true } });
  });
});

describe('ARM-template infra/main.json: logboeken en waarschuwingen', () => {
  const diagnosticsOn = (scope: string) => {
    const t = template();
    const ev = evaluator(t);
    const found = resourcesOfType(t, 'Microsoft.Insights/diagnosticSettings').filter((r) => ev.value(r.scope ?? '') === scope);
    expect(found).toHaveLength(1);
    return propsOf(t, found[0]!) as { workspaceId: Value; logs: Record<string, Value>[]; metrics: Record<string, Value>[] };
  };

  it('Application Insights is workspace-gebaseerd op de Log Analytics-werkruimte van dit template', () => {
    const t = template();
    const ai = only(t, 'Microsoft.Insights/components');
    expect(propsOf(t, ai)).toMatchObject({ WorkspaceResourceId: WORKSPACE, IngestionMode: 'LogAnalytics' });
    expect(ai.dependsOn?.map((d) => String(evaluator(t).value(d)))).toContain(WORKSPACE);
    expect(propsOf(t, only(t, 'Microsoft.OperationalInsights/workspaces'))['retentionInDays']).toBe(30);
    expect(propsOf(t, only(t, 'Microsoft.OperationalInsights/workspaces'), { logRetentionDays: 90 })['retentionInDays']).toBe(90);
  });

  it('de web-app stuurt al zijn logs (ook stdout/stderr: AppServiceConsoleLogs) en metrics naar de werkruimte', () => {
    const d = diagnosticsOn(`Microsoft.Web/sites/${webAppName()}`);
    expect(d.workspaceId).toBe(WORKSPACE);
    expect(d.logs).toEqual([{ categoryGroup: 'allLogs', enabled: true }]);
    expect(d.metrics).toEqual([{ category: 'AllMetrics', enabled: true }]);
  });

  it('de tabeldienst stuurt schrijf- en verwijderlogs en transactiemetrics naar de werkruimte', () => {
    const t = template();
    const storageName = String(evaluator(t).value(only(t, 'Microsoft.Storage/storageAccounts').name));
    const d = diagnosticsOn(`Microsoft.Storage/storageAccounts/${storageName}/tableServices/default`);
    expect(d.workspaceId).toBe(WORKSPACE);
    expect(d.logs.map((l) => [l['category'], l['enabled']])).toEqual([
      ['StorageWrite', true],
      ['StorageDelete', true],
    ]);
    expect(d.metrics).toEqual([{ category: 'Transaction', enabled: true }]);
  });

  it('de actiegroep mailt naar het verplichte e-mailadres uit de parameters', () => {
    const t = template();
    expect(t.parameters['alertEmail']).toMatchObject({ type: 'string' });
    expect(t.parameters['alertEmail']?.defaultValue).toBeUndefined();
    const group = propsOf(t, only(t, 'Microsoft.Insights/actionGroups'), { alertEmail: 'team@zorg.example' });
    expect(String(group['groupShortName']).length).toBeLessThanOrEqual(12);
    expect(group['enabled']).toBe(true);
    expect(group['emailReceivers']).toEqual([expect.objectContaining({ emailAddress: 'team@zorg.example', useCommonAlertSchema: true })]);
  });

  it('waarschuwt als de statuscontrole /healthz faalt (HealthCheckStatus onder 100%)', () => {
    const t = template();
    const alert = propsOf(t, only(t, 'Microsoft.Insights/metricAlerts'), REQUIRED) as Record<string, unknown>;
    expect(alert).toMatchObject({ enabled: true, scopes: [SITE()], severity: 1, actions: [{ actionGroupId: ACTION_GROUP }] });
    expect(alert['criteria']).toEqual({
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
      allOf: [
        expect.objectContaining({
          metricNamespace: 'Microsoft.Web/sites',
          metricName: 'HealthCheckStatus',
          operator: 'LessThan',
          threshold: 100,
          timeAggregation: 'Average',
        }),
      ],
    });
  });

  it('waarschuwt bij elk bericht dat naar de dode brieven gaat, met de logtekst die de scheduler echt schrijft', () => {
    const t = template();
    const text = String(evaluator(t).value(t.variables['deadLetterLogText']));
    const rule = only(t, 'Microsoft.Insights/scheduledQueryRules');
    expect(rule.kind).toBe('LogAlert');
    const props = propsOf(t, rule, REQUIRED) as Record<string, unknown>;
    expect(props).toMatchObject({ enabled: true, scopes: [WORKSPACE], actions: { actionGroups: [ACTION_GROUP] } });
    const [criterion] = (props['criteria'] as { allOf: Record<string, unknown>[] }).allOf;
    expect(criterion).toMatchObject({ timeAggregation: 'Count', operator: 'GreaterThan', threshold: 0 });
    const query = String(criterion?.['query']);
    // stdout/stderr of the app (via the diagnostic setting above), and Application Insights traces should the app ever send them.
    expect(query).toContain(`AppServiceConsoleLogs | where ResultDescription contains "${text}"`);
    expect(query).toContain(`AppTraces | where Message contains "${text}"`);

    const messages = sources(join('src', 'scheduler')).flatMap((s) => logMessages(s.text));
    const deadLetterMessages = messages.filter((m) => /dode brie/i.test(m));
    expect(deadLetterMessages.length).toBeGreaterThanOrEqual(1);
    // Every dead-letter log line of the scheduler is caught by the query (a rewording must update the template).
    for (const m of deadLetterMessages) expect(m).toContain(text);
  });
});
