import { ConfigError, loadConfig } from '../../src/config';

const APP_ID = '6f1c1a52-3f5e-4f2b-9d3a-2b1c0e9f8a77';
const TENANT = '0c9a4b1e-8d7f-4e6a-9b5c-3d2e1f0a9b8c';

describe('configuratie', () => {
  it('start lokaal zonder instellingen met Azurite en de Playground', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(3978);
    expect(c.storage).toEqual({ kind: 'azurite', location: '.data/azurite', port: 10002 });
    expect(c.playground.enabled).toBe(true);
  });

  it('is standaard single-tenant (nieuwe multi-tenant bots maakt Azure niet meer aan), ook als de variabele leeg is', () => {
    expect(loadConfig({}).bot.appType).toBe('SingleTenant');
    expect(loadConfig({ MICROSOFT_APP_TYPE: '' }).bot.appType).toBe('SingleTenant');
    expect(loadConfig({ MICROSOFT_APP_TYPE: 'MultiTenant' }).bot.appType).toBe('MultiTenant');
  });

  it('neemt bij UserAssignedMSI de managed identity niet als SSO-app van de tab: die kan geen API aanbieden', () => {
    const msi = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT };
    expect(loadConfig(msi).tab.ssoAppId).toBe('');
    expect(loadConfig({ ...msi, TAB_SSO_APP_ID: TENANT }).tab.ssoAppId).toBe(TENANT);
    expect(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: TENANT }).tab.ssoAppId).toBe(
      APP_ID,
    );
  });

  it('weigert te starten in productie zonder app-id en noemt de variabele', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', STORAGE_ACCOUNT_URL: 'https://x.table.core.windows.net' })).toThrow(
      /MICROSOFT_APP_ID: is verplicht in productie/,
    );
  });

  it('eist opslag in productie: Azurite draait alleen lokaal', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
        MICROSOFT_APP_TENANT_ID: TENANT,
      }),
    ).toThrow(/STORAGE_ACCOUNT_URL/);
  });

  it('accepteert productie met managed identity en een storage-account-URL', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: APP_ID,
      STORAGE_ACCOUNT_URL: 'https://escaleer.table.core.windows.net',
      PLAYGROUND: 'on',
    });
    expect(c.storage).toEqual({
      kind: 'accountUrl',
      accountUrl: 'https://escaleer.table.core.windows.net',
      managedIdentityClientId: APP_ID,
    });
    expect(c.playground.enabled).toBe(false);
  });

  it('eist een wachtwoord bij MultiTenant in productie', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MICROSOFT_APP_ID: APP_ID, STORAGE_CONNECTION_STRING: 'x' })).toThrow(
      /MICROSOFT_APP_PASSWORD/,
    );
  });

  it.each([
    ['PORT', 'tachtig'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'luid'],
    ['MICROSOFT_APP_ID', 'geen-guid'],
    ['NODE_ENV', 'staging'],
    ['PLAYGROUND', 'misschien'],
    ['TABLE_PREFIX', '9tabellen'],
    ['STORAGE_ACCOUNT_URL', 'geen url'],
  ])('noemt de ongeldige variabele %s=%s', (name, value) => {
    try {
      loadConfig({ [name]: value });
      throw new Error('geen fout');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('zet de Playground uit met PLAYGROUND=off', () => {
    expect(loadConfig({ PLAYGROUND: 'off' }).playground.enabled).toBe(false);
  });

  it('kiest een verbindingsreeks boven een account-URL', () => {
    const c = loadConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', STORAGE_ACCOUNT_URL: 'https://a.example' });
    expect(c.storage.kind).toBe('connectionString');
  });

  it('bewaart gesloten casussen standaard 24 maanden en hun auditspoor 60 maanden; een auditspoor korter dan 5 jaar wordt geweigerd', () => {
    expect(loadConfig({}).retention).toEqual({ caseMonths: 24, auditMonths: 60 });
    expect(loadConfig({ RETENTION_MONTHS: '0', AUDIT_RETENTION_MONTHS: '0' }).retention).toEqual({ caseMonths: 0, auditMonths: 0 });
    expect(loadConfig({ RETENTION_MONTHS: '36', AUDIT_RETENTION_MONTHS: '0' }).retention).toEqual({ caseMonths: 36, auditMonths: 0 });
    expect(loadConfig({ RETENTION_MONTHS: '6', AUDIT_RETENTION_MONTHS: '60' }).retention).toEqual({ caseMonths: 6, auditMonths: 60 });
    expect(() => loadConfig({ AUDIT_RETENTION_MONTHS: '59' })).toThrow(
      /AUDIT_RETENTION_MONTHS: moet 0 \(altijd bewaren\) zijn of minstens 60: logging in de zorg blijft ten minste 5 jaar bewaard/,
    );
    expect(() => loadConfig({ RETENTION_MONTHS: '1.5' })).toThrow(/RETENTION_MONTHS: moet een heel aantal maanden zijn/);
    expect(() => loadConfig({ RETENTION_MONTHS: '-1' })).toThrow(ConfigError);
  });
});
