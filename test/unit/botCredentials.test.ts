import {
  FederatedAppCredentials,
  FederatedServiceClientCredentialsFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
} from 'botframework-connector';
import { consoleLogger } from '../../src/app';
import { botCredentialMode, createAdapter, createCredentialsFactory } from '../../src/bot';
import { ConfigError, loadConfig } from '../../src/config';

const APP_ID = '6f1c1a52-3f5e-4f2b-9d3a-2b1c0e9f8a77';
const MI_CLIENT_ID = '2d7e9c41-5b3a-4f1e-8c6d-9a0b1c2d3e4f';
const TENANT = '0c9a4b1e-8d7f-4e6a-9b5c-3d2e1f0a9b8c';
const PRODUCTION = {
  NODE_ENV: 'production',
  STORAGE_ACCOUNT_URL: 'https://escaleer.table.core.windows.net',
  MICROSOFT_APP_TENANT_ID: TENANT,
};
const FEDERATED = {
  ...PRODUCTION,
  MICROSOFT_APP_ID: APP_ID,
  MICROSOFT_APP_TYPE: 'SingleTenant',
  MICROSOFT_APP_FEDERATED_CLIENT_ID: MI_CLIENT_ID,
};
const MSI = { ...PRODUCTION, MICROSOFT_APP_ID: MI_CLIENT_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI', AZURE_CLIENT_ID: MI_CLIENT_ID };

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

describe('bot-identiteit zonder geheim', () => {
  it('single-tenant app-registratie met federatieve referentie: de token van de beheerde identiteit wordt ingeruild, geen wachtwoord', async () => {
    const config = loadConfig(FEDERATED);
    expect(config.bot.appPassword).toBe('');
    expect(botCredentialMode(config.bot)).toBe('federated');
    const factory = createCredentialsFactory(config.bot);
    expect(factory).toBeInstanceOf(FederatedServiceClientCredentialsFactory);
    expect(factory).toMatchObject({ appId: APP_ID, clientId: MI_CLIENT_ID, tenantId: TENANT });
    expect(await factory.isValidAppId(APP_ID)).toBe(true);
    expect(await factory.isValidAppId(MI_CLIENT_ID)).toBe(false);
    expect(await factory.isAuthenticationDisabled()).toBeFalsy();
    const credentials = await factory.createCredentials(APP_ID, 'https://api.botframework.com', 'https://login.microsoftonline.com', true);
    expect(credentials).toBeInstanceOf(FederatedAppCredentials);
    // The token goes to the app registration's own tenant, for the app id (not the identity's).
    expect(credentials).toMatchObject({ appId: APP_ID, clientAudience: 'api://AzureADTokenExchange' });
    expect(String((credentials as unknown as { oAuthEndpoint: string }).oAuthEndpoint)).toContain(TENANT);
  });

  it('UserAssignedMSI: de beheerde identiteit zelf, zonder wachtwoord', () => {
    const config = loadConfig(MSI);
    expect(botCredentialMode(config.bot)).toBe('managedIdentity');
    expect(createCredentialsFactory(config.bot)).toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
  });

  it('lokaal zonder app-id: geen aanmelding (in productie geweigerd)', async () => {
    const config = loadConfig({});
    expect(botCredentialMode(config.bot)).toBe('none');
    const factory = createCredentialsFactory(config.bot);
    expect(factory).toBeInstanceOf(PasswordServiceClientCredentialFactory);
    expect(await factory.isAuthenticationDisabled()).toBe(true);
  });

  it('een app-registratie met clientgeheim blijft mogelijk (bestaande installaties), dan in de eigen tenant', () => {
    const config = loadConfig({ ...PRODUCTION, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_PASSWORD: 'x' });
    expect(botCredentialMode(config.bot)).toBe('password');
    expect(createCredentialsFactory(config.bot)).toMatchObject({ appId: APP_ID, tenantId: TENANT });
  });

  it('de adapter start met de federatieve instellingen (botbuilders eigen configuratie zou een wachtwoord eisen)', () => {
    const config = loadConfig(FEDERATED);
    expect(() => createAdapter(config.bot, consoleLogger('silent'))).not.toThrow();
  });

  it('de tab gebruikt dezelfde app-registratie voor SSO', () => {
    expect(loadConfig(FEDERATED).tab.ssoAppId).toBe(APP_ID);
  });

  it('SingleTenant in productie zonder federatieve referentie of geheim: noemt MICROSOFT_APP_FEDERATED_CLIENT_ID', () => {
    const { MICROSOFT_APP_FEDERATED_CLIENT_ID: _, ...withoutFic } = FEDERATED;
    expect(problems(withoutFic).some((p) => p.startsWith('MICROSOFT_APP_FEDERATED_CLIENT_ID:'))).toBe(true);
  });

  it('weigert een geheim naast een federatieve referentie of een beheerde identiteit', () => {
    expect(problems({ ...FEDERATED, MICROSOFT_APP_PASSWORD: 'geheim' }).some((p) => p.startsWith('MICROSOFT_APP_PASSWORD:'))).toBe(true);
    expect(problems({ ...MSI, MICROSOFT_APP_PASSWORD: 'geheim' }).some((p) => p.startsWith('MICROSOFT_APP_PASSWORD:'))).toBe(true);
  });

  it('een federatieve client-id hoort bij SingleTenant en is een GUID', () => {
    expect(
      problems({ ...MSI, MICROSOFT_APP_FEDERATED_CLIENT_ID: MI_CLIENT_ID }).some((p) => p.startsWith('MICROSOFT_APP_FEDERATED_CLIENT_ID:')),
    ).toBe(true);
    expect(
      problems({ ...FEDERATED, MICROSOFT_APP_FEDERATED_CLIENT_ID: 'geen-guid' }).some((p) =>
        p.startsWith('MICROSOFT_APP_FEDERATED_CLIENT_ID:'),
      ),
    ).toBe(true);
  });
});
