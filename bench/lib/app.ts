import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { consoleLogger } from '../../src/app';
import { createAdapter } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { createHttpServer, listen, type RunningHttp } from '../../src/http';
import { type Escaleer, startEscaleer } from '../../src/main';
import { channelActivity } from '../../test/support/connectorStandIn';

export const TENANT = 'tenant-bench';
export const TEAM = '19:team-bench@thread.tacv2';
export const channelOf = (i: number): string => `19:kanaal-${i}@thread.tacv2`;

/** Escaleer as main.ts composes it (silent log, reminder loop off), on a loopback port. */
export const startApp = async (connectionString: string, prefix: string, keepDispatcher = false): Promise<Escaleer> => {
  const app = await startEscaleer(
    loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: prefix, PLAYGROUND: 'off' }),
    { host: '127.0.0.1', reminders: false, pollMs: 60_000 },
  );
  // The action benchmarks measure the request path; outbox delivery is measured on its own (fanout).
  if (!keepDispatcher) await app.dispatcher.stop();
  return app;
};

/** An Action.Execute invoke as Teams posts it, as JSON. */
export const invokeBody = (serviceUrl: string, channel: number, verb: string, data: Record<string, unknown>, id: string, from = 'user-bench'): string => {
  const fields: Record<string, unknown> = { caseId: data['caseId'], version: data['version'] };
  for (const [k, v] of Object.entries(data)) if (k !== 'caseId' && k !== 'version') fields[`${verb}.${k}`] = v;
  return JSON.stringify(
    channelActivity({ serviceUrl, type: 'invoke', name: 'adaptiveCard/action', id, from, tenantId: TENANT, teamId: TEAM, channelId: channelOf(channel), value: { action: { type: 'Action.Execute', verb, data: fields } } }),
  );
};

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** What the baseline writes after its point read: one entity, or one batch shaped like Escaleer's. */
export interface EchoWrite {
  readonly entities: number;
  /** Total payload over all entities (bytes). */
  readonly bytes: number;
}

/**
 * The baseline: a bare botbuilder handler on the same server stack (restify + CloudAdapter through
 * src/http) that answers every card action with a small card after 2 raw table requests: a point
 * read, then one write (an upsert when `entities` is 1, else one transaction of that many creates).
 */
class EchoBot extends ActivityHandler {
  constructor(private readonly table: TableClient, private readonly write: EchoWrite) {
    super();
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const id = context.activity.id ?? 'x';
    await this.table.getEntity('echo', 'seed');
    const data = 'x'.repeat(Math.floor(this.write.bytes / this.write.entities));
    if (this.write.entities === 1) await this.table.upsertEntity({ partitionKey: 'echo', rowKey: `r_${id}`, data }, 'Replace');
    else await this.table.submitTransaction(Array.from({ length: this.write.entities }, (_, i): TransactionAction => ['create', { partitionKey: 'echo', rowKey: `r_${id}_${i}`, data }]));
    return { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `echo ${id}` }] } } };
  }
}

export const startEcho = async (table: TableClient, write: EchoWrite): Promise<RunningHttp> => {
  const log = consoleLogger('silent');
  const adapter = createAdapter({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, log);
  await table.upsertEntity({ partitionKey: 'echo', rowKey: 'seed', data: 'x'.repeat(2048) }, 'Replace');
  return listen(createHttpServer({ adapter, bot: new EchoBot(table, write), storagePing: async () => undefined, log }), 0, '127.0.0.1');
};
