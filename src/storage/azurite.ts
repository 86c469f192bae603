import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/** The well-known Azurite development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export const devConnectionString = (port: number, host = '127.0.0.1'): string =>
  `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
  `TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`;

export interface AzuriteOptions {
  /** Folder for persisted data; `null` keeps everything in memory. */
  readonly location: string | null;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
}

export interface RunningAzurite {
  readonly port: number;
  readonly connectionString: string;
  /** The emulator's process id (the benches read its CPU time). */
  readonly pid: number | undefined;
  /** Stops the service (data in `location` stays). */
  close(): Promise<void>;
}

/** Asks the OS for a free loopback port (Azurite prints the configured port, not the real one). */
export const freePort = (host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether something accepts TCP connections on the port (no keep-alive socket left behind). */
const accepts = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts Azurite's Table service as a child process. Not in-process: restify patches Node's
 * `http.IncomingMessage`, after which Azurite silently ignores `$filter` on queries.
 * Local development and tests only (Azurite is a dev dependency).
 */
export const startAzurite = async ({ location, port, host = '127.0.0.1' }: AzuriteOptions): Promise<RunningAzurite> => {
  const realPort = port === 0 ? await freePort(host) : port;
  const main = require.resolve('azurite/dist/src/table/main.js');
  // AZURITE_NODE_ARGS: extra node flags for the emulator (e.g. `--cpu-prof`), for the benches.
  const nodeArgs = (process.env['AZURITE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const args = [...nodeArgs, main, '--tableHost', host, '--tablePort', String(realPort), '--silent', '--disableTelemetry', '--skipApiVersionCheck'];
  if (location) {
    mkdirSync(location, { recursive: true });
    args.push('--location', location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AZURITE_ACCEPT_EULA: 'true' } });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const connectionString = devConnectionString(realPort, host);
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited !== null) throw new Error(`Azurite stopte meteen (code ${exited}): ${stderr.trim()}`);
    if (await accepts(host, realPort)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Azurite antwoordde niet binnen 15 s op poort ${realPort}`);
    }
    await sleep(50);
  }
  return {
    port: realPort,
    connectionString,
    pid: child.pid,
    close: async () => {
      if (exited === null) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        // SIGINT lets Azurite flush its persisted database before it exits.
        child.kill('SIGINT');
        const force = setTimeout(() => child.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(force);
      }
      child.stderr?.destroy();
    },
  };
};
