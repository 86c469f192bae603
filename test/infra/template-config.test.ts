import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deferred, evaluator } from './arm-expr';
import { INFRA_DIR, TEMPLATE_TEXT, allStrings, appSettings, only, template } from './helpers';

const TABLE_DATA_CONTRIBUTOR = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3';
const IDENTITY = "res:Microsoft.ManagedIdentity/userAssignedIdentities|escaleer-id";
const identityRef = (prop: string): string => `<reference ${IDENTITY}.${prop}>`;

const APP_SETTINGS = [
  'NODE_ENV',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_TYPE',
  'MICROSOFT_APP_TENANT_ID',
  'AZURE_CLIENT_ID',
  'STORAGE_ACCOUNT_URL',
  'PUBLIC_HOSTNAME',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'PLAYGROUND',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  // Oryx would run a plain `npm install`, which skips devDependencies (typescript) under NODE_ENV=production.
  'CUSTOM_BUILD_COMMAND',
];

describe('ARM-template infra/main.json: geen geheimen', () => {
  it('bevat geen sleutels, wachtwoorden, SAS-tokens of list*()-aanroepen', () => {
    for (const pattern of [/AccountKey=/i, /password/i, /secret/i, /listKeys|listSecrets|listCredentials|list\w*\(/i, /SharedAccessSignature|[?&]sig=/i, /InstrumentationKey=/i]) {
      expect(TEMPLATE_TEXT).not.toMatch(pattern);
    }
  });

  it('heeft geen secureString-parameters: er hoeft niets geheims meegegeven te worden', () => {
    for (const p of Object.values(template().parameters)) expect(p.type.toLowerCase()).not.toMatch(/^secure/);
  });

  it('bevat geen GUID-achtige letterlijke waarden behalve de ingebouwde roldefinitie', () => {
    const guids = allStrings(template()).flatMap((s) => s.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []);
    expect(new Set(guids)).toEqual(new Set([TABLE_DATA_CONTRIBUTOR]));
  });

  it('het voorbeeldparameterbestand past bij het template en bevat geen geheimen', () => {
    const text = readFileSync(join(INFRA_DIR, 'main.parameters.example.json'), 'utf8');
    const example = JSON.parse(text) as { $schema: string; parameters: Record<string, { value: unknown }> };
    expect(example.$schema).toContain('deploymentParameters.json');
    const declared = template().parameters;
    for (const [name, { value }] of Object.entries(example.parameters)) {
      expect(Object.keys(declared)).toContain(name);
      const allowed = declared[name]?.allowedValues;
      if (allowed) expect(allowed).toContain(value);
    }
    expect(text).not.toMatch(/password|secret|AccountKey|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });
});

describe('ARM-template infra/main.json: configuratie', () => {
  it('zet precies de verwachte app-instellingen met de identity als bot-id en opslagidentiteit', () => {
    const settings = appSettings(template());
    expect([...settings.keys()].sort()).toEqual([...APP_SETTINGS].sort());
    expect(settings.get('NODE_ENV')).toBe('production');
    expect(settings.get('MICROSOFT_APP_TYPE')).toBe('UserAssignedMSI');
    expect(String(settings.get('MICROSOFT_APP_ID'))).toBe(identityRef('clientId'));
    expect(String(settings.get('AZURE_CLIENT_ID'))).toBe(identityRef('clientId'));
    expect(String(settings.get('MICROSOFT_APP_TENANT_ID'))).toBe(identityRef('tenantId'));
    expect(settings.get('STORAGE_ACCOUNT_URL')).toMatch(/^https:\/\/escaleer[a-z0-9]{13}\.table\.core\.windows\.net$/);
    expect(settings.get('PUBLIC_HOSTNAME')).toMatch(/^escaleer-[a-z0-9]{13}\.azurewebsites\.net$/);
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBeInstanceOf(Deferred);
    expect(settings.get('PLAYGROUND')).toBe('off');
    expect(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT')).toBe('true');
    expect(settings.get('CUSTOM_BUILD_COMMAND')).toBe('npm ci --include=dev && npm run build && npm prune --omit=dev');
  });

  it('gebruikt een eigen domein als PUBLIC_HOSTNAME en bot-endpoint als dat is opgegeven', () => {
    const t = template();
    expect(appSettings(t, { customHostname: 'escaleer.zorg.example' }).get('PUBLIC_HOSTNAME')).toBe('escaleer.zorg.example');
    const bot = only(t, 'Microsoft.BotService/botServices');
    expect(evaluator(t, { customHostname: 'escaleer.zorg.example' }).value(bot.properties?.['endpoint'])).toBe(
      'https://escaleer.zorg.example/api/messages',
    );
  });

  it('de web-app draait Linux Node 20, alleen https, TLS 1.2, zonder FTP, met de user-assigned identity', () => {
    const t = template();
    const ev = evaluator(t);
    const site = only(t, 'Microsoft.Web/sites');
    expect(site.kind).toBe('app,linux');
    expect(ev.value(site.identity ?? null)).toEqual({ type: 'UserAssigned', userAssignedIdentities: { [IDENTITY]: {} } });
    const props = ev.value(site.properties ?? null) as Record<string, unknown>;
    expect(props['httpsOnly']).toBe(true);
    expect(props['siteConfig']).toMatchObject({
      linuxFxVersion: 'NODE|20-lts',
      ftpsState: 'Disabled',
      minTlsVersion: '1.2',
      alwaysOn: true,
      healthCheckPath: '/healthz',
      appCommandLine: 'node dist/src/main.js',
    });
    const plan = only(t, 'Microsoft.Web/serverfarms');
    expect(plan.kind).toBe('linux');
    expect(plan.properties).toMatchObject({ reserved: true });
    expect(ev.value(only(t, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies').properties ?? null)).toEqual({ allow: false });
  });

  it('zet Always On alleen uit op het gratis F1-plan', () => {
    const t = template();
    const alwaysOn = (sku: string): unknown =>
      (evaluator(t, { appServiceSku: sku }).value(only(t, 'Microsoft.Web/sites').properties ?? null) as {
        siteConfig: { alwaysOn: unknown };
      }).siteConfig.alwaysOn;
    expect(alwaysOn('F1')).toBe(false);
    for (const sku of ['B1', 'S1', 'P1v3']) expect(alwaysOn(sku)).toBe(true);
  });

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

  it('geeft de identity de rol Storage Table Data Contributor op het opslagaccount', () => {
    const t = template();
    const ev = evaluator(t);
    const ra = only(t, 'Microsoft.Authorization/roleAssignments');
    const storageName = String(ev.value(only(t, 'Microsoft.Storage/storageAccounts').name));
    expect(ev.value(ra.scope ?? '')).toBe(`Microsoft.Storage/storageAccounts/${storageName}`);
    const props = ev.value(ra.properties ?? null) as Record<string, unknown>;
    expect(props['roleDefinitionId']).toBe(`subres:Microsoft.Authorization/roleDefinitions|${TABLE_DATA_CONTRIBUTOR}`);
    expect(String(props['principalId'])).toBe(identityRef('principalId'));
    expect(props['principalType']).toBe('ServicePrincipal');
  });

  it('registreert de bot als UserAssignedMSI met het Teams-kanaal en het endpoint van de web-app', () => {
    const t = template();
    const ev = evaluator(t);
    const bot = ev.value(only(t, 'Microsoft.BotService/botServices').properties ?? null) as Record<string, unknown>;
    expect(bot['msaAppType']).toBe('UserAssignedMSI');
    expect(String(bot['msaAppId'])).toBe(identityRef('clientId'));
    expect(String(bot['msaAppTenantId'])).toBe(identityRef('tenantId'));
    expect(bot['msaAppMSIResourceId']).toBe(IDENTITY);
    expect(bot['endpoint']).toMatch(/^https:\/\/escaleer-[a-z0-9]{13}\.azurewebsites\.net\/api\/messages$/);
    const channel = only(t, 'Microsoft.BotService/botServices/channels');
    expect(String(ev.value(channel.name))).toMatch(/\/MsTeamsChannel$/);
    expect(channel.properties).toMatchObject({ channelName: 'MsTeamsChannel', properties: { isEnabled: true } });
  });

  it('Application Insights is workspace-gebaseerd', () => {
    const t = template();
    const ai = evaluator(t).value(only(t, 'Microsoft.Insights/components').properties ?? null) as Record<string, unknown>;
    expect(ai['WorkspaceResourceId']).toBe('res:Microsoft.OperationalInsights/workspaces|escaleer-logs');
  });
});
