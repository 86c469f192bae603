import { envSchema } from './schema';

export type StorageConfig =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | { readonly kind: 'accountUrl'; readonly accountUrl: string; readonly managedIdentityClientId: string | null }
  | { readonly kind: 'azurite'; readonly location: string; readonly port: number };

/** The validated configuration; `src/config` is the only reader of `process.env`. */
export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId: string;
    /** SingleTenant without a secret: the managed identity the app registration trusts (federated credential). */
    readonly federatedClientId: string;
  };
  readonly storage: StorageConfig;
  readonly tablePrefix: string;
  readonly playground: { readonly enabled: boolean; readonly port: number };
  readonly publicHostname: string;
  /** Dashboard tab: `devMode` skips the Teams token (never in production); `ssoAppId` is the token audience. */
  readonly tab: { readonly devMode: boolean; readonly ssoAppId: string };
  /** Retention purge: months after closing for closed cases (0 = never), months after the purge for their audit trail (0 = for ever). */
  readonly retention: { readonly caseMonths: number; readonly auditMonths: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Ongeldige configuratie:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every invalid variable. */
export const loadConfig = (source: Readonly<Record<string, string | undefined>>): Config => {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`));
  }
  const e = parsed.data;
  const storage: StorageConfig = e.STORAGE_CONNECTION_STRING
    ? { kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING }
    : e.STORAGE_ACCOUNT_URL
      ? { kind: 'accountUrl', accountUrl: e.STORAGE_ACCOUNT_URL, managedIdentityClientId: e.AZURE_CLIENT_ID || null }
      : { kind: 'azurite', location: e.AZURITE_LOCATION, port: e.AZURITE_PORT };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    bot: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      federatedClientId: e.MICROSOFT_APP_FEDERATED_CLIENT_ID,
    },
    storage,
    tablePrefix: e.TABLE_PREFIX,
    playground: { enabled: e.NODE_ENV !== 'production' && (e.PLAYGROUND ?? e.NODE_ENV === 'development'), port: e.PLAYGROUND_PORT },
    publicHostname: e.PUBLIC_HOSTNAME,
    tab: {
      devMode: e.NODE_ENV !== 'production' && (e.TAB_DEV_MODE ?? false),
      ssoAppId: e.TAB_SSO_APP_ID || (e.MICROSOFT_APP_TYPE === 'UserAssignedMSI' ? '' : e.MICROSOFT_APP_ID),
    },
    retention: { caseMonths: e.RETENTION_MONTHS, auditMonths: e.AUDIT_RETENTION_MONTHS },
  };
};

/** Reads `process.env`; the composition root calls this once. */
export const configFromProcess = (): Config => loadConfig(process.env);
