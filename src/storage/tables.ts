import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

export type TableConnection =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | { readonly kind: 'accountUrl'; readonly accountUrl: string; readonly managedIdentityClientId: string | null };

export interface Tables {
  readonly cases: TableClient;
  readonly leases: TableClient;
  readonly service: TableServiceClient;
}

/** One storage try may take this long (ms); without it a hanging connection stalls a Teams invoke past its ~15 s. */
const STORAGE_TRY_TIMEOUT_MS = 2500;

const options = (insecure: boolean): TableServiceClientOptions => ({
  allowInsecureConnection: insecure,
  retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
  additionalPolicies: [
    {
      position: 'perRetry',
      policy: {
        name: 'escaleerTryTimeout',
        sendRequest: (request, next) => {
          if (!request.timeout) request.timeout = STORAGE_TRY_TIMEOUT_MS;
          return next(request);
        },
      },
    },
  ],
});

const credentialFor = (clientId: string | null): TokenCredential =>
  clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();

/** Opens (and creates when missing) the tables Escaleer uses. */
export const openTables = async (conn: TableConnection, prefix: string): Promise<Tables> => {
  const names = { cases: `${prefix}Cases`, leases: `${prefix}Leases` };
  let make: (name: string) => TableClient;
  let service: TableServiceClient;
  if (conn.kind === 'connectionString') {
    const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http;/i.test(conn.connectionString);
    make = (name) => TableClient.fromConnectionString(conn.connectionString, name, options(insecure));
    service = TableServiceClient.fromConnectionString(conn.connectionString, options(insecure));
  } else {
    const credential = credentialFor(conn.managedIdentityClientId);
    const insecure = conn.accountUrl.startsWith('http:');
    make = (name) => new TableClient(conn.accountUrl, name, credential, options(insecure));
    service = new TableServiceClient(conn.accountUrl, credential, options(insecure));
  }
  const tables: Tables = { cases: make(names.cases), leases: make(names.leases), service };
  await Promise.all([tables.cases.createTable(), tables.leases.createTable()]);
  return tables;
};
