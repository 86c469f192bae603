import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { consoleLogger, systemClock, timeOrderedIds } from '../../src/app';
import { rk } from '../../src/storage/keys';
import type { BatchOperation } from './countingProxy';
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
    // A public address as in production: the status cards then point to their picture instead of carrying it.
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      STORAGE_CONNECTION_STRING: connectionString,
      TABLE_PREFIX: prefix,
      PLAYGROUND: 'off',
      PUBLIC_HOSTNAME: 'escaleer-bench.example',
    }),
    { host: '127.0.0.1', reminders: false, pollMs: 60_000 },
  );
  // The action benchmarks measure the request path; outbox delivery is measured on its own (fanout).
  if (!keepDispatcher) await app.dispatcher.stop();
  return app;
};

/** An Action.Execute invoke as Teams posts it, as JSON: from the case's root card (`root-<n>` for the seeded `CAS-2026-<n>`, see seed.ts). */
export const invokeBody = (
  serviceUrl: string,
  channel: number,
  verb: string,
  data: Record<string, unknown>,
  id: string,
  from = 'user-bench',
  tenantId = TENANT,
): string => {
  const fields: Record<string, unknown> = { caseId: data['caseId'], version: data['version'] };
  for (const [k, v] of Object.entries(data)) if (k !== 'caseId' && k !== 'version') fields[`${verb}.${k}`] = v;
  const seq = typeof data['caseId'] === 'string' ? Number(data['caseId'].split('-')[2]) : NaN;
  return JSON.stringify(
    channelActivity({
      serviceUrl,
      type: 'invoke',
      name: 'adaptiveCard/action',
      id,
      from,
      tenantId,
      teamId: TEAM,
      channelId: channelOf(channel),
      value: { action: { type: 'Action.Execute', verb, data: fields } },
      ...(Number.isFinite(seq) ? { replyToId: `root-${seq}` } : {}),
    }),
  );
};

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** What the baseline writes after its point read: one entity, or one batch shaped like Escaleer's. */
export interface EchoWrite {
  readonly entities: number;
  /** Total payload over all entities (bytes). */
  readonly bytes: number;
  /** Escaleer's transaction as the counting proxy saw it; when given, the case-like baseline replays it. */
  readonly operations?: readonly BatchOperation[];
}

/** An entity's own properties as sent (without keys; `x@odata.type` annotations turned back into typed values). */
const propertiesOf = (entity: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k === 'PartitionKey' || k === 'RowKey' || k === 'Timestamp' || k.includes('@odata')) continue;
    const type = entity[`${k}@odata.type`];
    out[k] = typeof type === 'string' ? { value: v, type: type.replace(/^Edm\./, '') } : v;
  }
  return out;
};

/** Where a case-like baseline request works: its partition and the stored row it reads and replaces. */
export interface EchoTarget {
  readonly partition: string;
  /** `case_<case id>`, like Escaleer's case rows. */
  readonly row: string;
}

/** The data of a baseline card action: which stored row to work on (case-like mode). */
export const echoBody = (serviceUrl: string, channel: number, id: string, target?: EchoTarget): string =>
  invokeBody(
    serviceUrl,
    channel,
    'echo',
    { caseId: 'CAS-2026-0001', version: 1, ...(target ? { partition: target.partition, row: target.row } : {}) },
    id,
  );

const outboxIds = timeOrderedIds(systemClock);
const versions = new Map<string, number>();

/**
 * A new row key shaped like Escaleer's row key `like` (the key of a row its transaction created), for
 * case `caseId` and activity `activityId`. Key shapes matter on Azurite: it finds a row by comparing
 * its key with every row key in the partition, and Escaleer's keys share long prefixes.
 */
const keyLike = (like: string, caseId: string, activityId: string, n: number): string => {
  if (like.startsWith('event_')) {
    const v = (versions.get(caseId) ?? 0) + 1;
    versions.set(caseId, v);
    return rk.event(caseId, v, 0);
  }
  if (like.startsWith('outbox_')) return rk.outbox(outboxIds.next());
  if (like.startsWith('dedupe_')) return rk.dedupe(`invoke:${activityId}`);
  return `${like}_${activityId}_${n}`;
};

/**
 * The baseline: a bare botbuilder handler on the same server stack (restify + CloudAdapter through
 * src/http) that answers every card action with a small card after 2 raw table requests: a point
 * read, then one write. With `entities` 1 (baseline A): an upsert of a new 2 KB row in partition
 * `echo`. Otherwise (baseline B), on the stored row the action names (`echo.partition`, `echo.row`):
 * Escaleer's transaction replayed — the same operations with the same properties and sizes, the
 * row replaced under the ETag just read, new rows under keys shaped like Escaleer's.
 */
class EchoBot extends ActivityHandler {
  constructor(
    private readonly table: TableClient,
    private readonly write: EchoWrite,
  ) {
    super();
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const id = context.activity.id ?? 'x';
    const data = (context.activity.value as { action?: { data?: Record<string, unknown> } } | undefined)?.action?.data ?? {};
    const partition = typeof data['echo.partition'] === 'string' ? data['echo.partition'] : 'echo';
    const row = typeof data['echo.row'] === 'string' ? data['echo.row'] : 'seed';
    const read = await this.table.getEntity(partition, row);
    if (this.write.entities === 1) {
      await this.table.upsertEntity({ partitionKey: 'echo', rowKey: `r_${id}`, data: 'x'.repeat(this.write.bytes) }, 'Replace');
    } else {
      const caseId = row.replace(/^case_/, '');
      await this.table.submitTransaction(
        (this.write.operations ?? []).map((o, i): TransactionAction => {
          const entity = { ...propertiesOf(o.entity), partitionKey: partition };
          if (o.ifMatch) return ['update', { ...entity, rowKey: row }, 'Replace', { etag: read.etag }];
          const rowKey = keyLike(String(o.entity['RowKey']), caseId, id, i);
          return o.method === 'POST' ? ['create', { ...entity, rowKey }] : ['upsert', { ...entity, rowKey }, 'Replace'];
        }),
      );
    }
    return {
      status: 200,
      body: {
        statusCode: 200,
        type: CARD_TYPE,
        value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `echo ${id}` }] },
      },
    };
  }
}

export const startEcho = async (table: TableClient, write: EchoWrite): Promise<RunningHttp> => {
  const log = consoleLogger('silent');
  const adapter = createAdapter({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, log);
  await table.upsertEntity({ partitionKey: 'echo', rowKey: 'seed', data: 'x'.repeat(2048) }, 'Replace');
  return listen(createHttpServer({ adapter, bot: new EchoBot(table, write), storagePing: async () => undefined, log }), 0, '127.0.0.1');
};
