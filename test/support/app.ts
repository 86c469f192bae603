import type { Clock } from '../../src/app';
import { loadConfig } from '../../src/config';
import { type Escaleer, startEscaleer } from '../../src/main';
import { freePort } from '../../src/storage/azurite';
import { PlaygroundClient } from './playgroundClient';
import { testConnectionString, uniquePrefix } from './storage';
import { RecordingLogger } from './fakes';

export interface E2e {
  readonly app: Escaleer;
  readonly pg: PlaygroundClient;
  readonly log: RecordingLogger;
  readonly prefix: string;
  close(): Promise<void>;
}

/** Starts the bot (real config path, test Azurite, own tables) with the Agents Playground in front of it. */
export const startE2e = async (env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<E2e> => {
  const prefix = uniquePrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: prefix,
    PLAYGROUND: 'on',
    PLAYGROUND_PORT: String(await freePort()),
    ...env,
  });
  const log = new RecordingLogger();
  const app = await startEscaleer(config, { host: '127.0.0.1', logger: log, pollMs: 200, ...options });
  if (!app.playgroundUrl) throw new Error('Playground niet gestart');
  const pg = new PlaygroundClient(app.playgroundUrl);
  await pg.connect();
  return {
    app,
    pg,
    log,
    prefix,
    close: async () => {
      pg.close();
      await app.close();
    },
  };
};
