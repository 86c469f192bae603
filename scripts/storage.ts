import { connect } from 'node:net';
import type { Config } from '../src/config';
import type { TableConnection } from '../src/storage';
import { devConnectionString, startAzurite } from '../src/storage/azurite';

const isOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/**
 * The storage of the command-line tools: the bot's own settings (see .env.example); locally the
 * running Azurite of `npm start`, or one started on the configured data folder for the run.
 */
export const storageFor = async (config: Config): Promise<{ conn: TableConnection; stop: () => Promise<void> }> => {
  if (config.storage.kind !== 'azurite') return { conn: config.storage, stop: async () => undefined };
  if (await isOpen(config.storage.port))
    return { conn: { kind: 'connectionString', connectionString: devConnectionString(config.storage.port) }, stop: async () => undefined };
  const azurite = await startAzurite({ location: config.storage.location, port: config.storage.port });
  return { conn: { kind: 'connectionString', connectionString: azurite.connectionString }, stop: () => azurite.close() };
};

/** The value after `--name`, or `undefined`. */
export const flag = (argv: readonly string[], name: string): string | undefined => {
  const at = argv.indexOf(name);
  const v = at >= 0 ? argv[at + 1] : undefined;
  return v && !v.startsWith('--') ? v : undefined;
};

export interface ToolResult {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** Runs a tool as `main`: its lines to stdout (ok) or stderr, exit code 0 or 1. */
export const runTool = (name: string, run: () => Promise<ToolResult>): void => {
  run()
    .then((r) => {
      for (const line of r.lines) (r.ok ? process.stdout : process.stderr).write(`${line}\n`);
      process.exit(r.ok ? 0 : 1);
    })
    .catch((e: unknown) => {
      process.stderr.write(`${name} mislukt: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
};
