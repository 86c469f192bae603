import { loadConfig } from '../../src/config';
import { type Escaleer, type StartOptions, startEscaleer } from '../../src/main';
import { ConnectorStandIn } from './connectorStandIn';
import { RecordingLogger } from './fakes';
import { testConnectionString, uniquePrefix } from './storage';

export interface Direct {
  readonly app: Escaleer;
  readonly connector: ConnectorStandIn;
  readonly log: RecordingLogger;
  readonly prefix: string;
  /** POSTs an activity to /api/messages; returns status and parsed body. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** The bot over real HTTP with Azurite, talking to a connector stand-in instead of Teams. */
export const startDirect = async (
  env: Record<string, string> = {},
  options: Omit<StartOptions, 'host' | 'logger'> = {},
): Promise<Direct> => {
  const prefix = uniquePrefix();
  const connector = new ConnectorStandIn();
  await connector.start();
  const log = new RecordingLogger();
  const app = await startEscaleer(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      PLAYGROUND: 'off',
      ...env,
    }),
    { host: '127.0.0.1', logger: log, pollMs: 100, ...options },
  );
  return {
    app,
    connector,
    log,
    prefix,
    post: (activity, headers) => postActivity(app.port, connector, activity, headers),
    close: async () => {
      await app.close();
      await connector.close();
    },
  };
};

/** POSTs `activity` (from its card, see {@link fromItsCard}) to the bot's /api/messages on `port`: status and parsed body. */
export const postActivity = async (
  port: number,
  connector: ConnectorStandIn,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> => {
  const r = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(fromItsCard(connector, activity)),
  });
  const text = await r.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: r.status, body };
};

/**
 * Teams names the message a card action came from (`replyToId`): the case's root card (in the
 * activity's channel; case numbers repeat across tenants), unless the test sets one.
 */
const fromItsCard = (connector: ConnectorStandIn, activity: Record<string, unknown>): Record<string, unknown> => {
  if (activity.type !== 'invoke' || ('replyToId' in activity && activity.replyToId !== undefined)) return activity;
  const caseId = (activity.value as { action?: { data?: { caseId?: unknown } } } | undefined)?.action?.data?.caseId;
  const channelId = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  const card =
    typeof caseId === 'string' ? connector.cardMessageOf(caseId, typeof channelId === 'string' ? channelId : undefined) : undefined;
  return card ? { ...activity, replyToId: card } : activity;
};

/**
 * {@link startDirect} for the enclosing describe block: the bot starts before its first test
 * (beforeAll, so hooks registered after this one may use it) and stops after its last. Its
 * fields are there from then on.
 */
export const directForSuite = (env: Record<string, string> = {}, options: Parameters<typeof startDirect>[1] = {}): Direct => {
  let started: Direct | null = null;
  beforeAll(async () => {
    started = await startDirect(env, options);
  });
  afterAll(async () => started?.close());
  const running = (): Direct => {
    if (!started) throw new Error('de bot draait niet (alleen binnen de tests van dit blok)');
    return started;
  };
  return {
    get app() {
      return running().app;
    },
    get connector() {
      return running().connector;
    },
    get log() {
      return running().log;
    },
    get prefix() {
      return running().prefix;
    },
    post: (activity, headers) => running().post(activity, headers),
    close: () => running().close(),
  };
};
