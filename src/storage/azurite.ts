import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The well-known Azurite development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export const devConnectionString = (port: number, host = '127.0.0.1'): string =>
  `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
  `TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`;

export interface AzuriteOptions {
  /** Folder for persisted data; `null` keeps everything in memory. */
  readonly location: string | null;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /**
   * Keep it running: when the emulator exits by itself it is started again on the same port and
   * folder (`npm start`). More than `maxRestarts` within a minute is hopeless: `onGiveUp` is told.
   */
  readonly supervise?: {
    readonly log: {
      warn(msg: string, data?: Record<string, unknown>): void;
      info(msg: string, data?: Record<string, unknown>): void;
      error(msg: string, data?: Record<string, unknown>): void;
    };
    readonly maxRestarts?: number;
    readonly onGiveUp?: (reason: string) => void;
    /** After a restart (e.g. to create tables the killed emulator had not saved yet). */
    readonly onRestarted?: () => Promise<void>;
  };
}

export interface RunningAzurite {
  readonly port: number;
  readonly connectionString: string;
  /** The emulator's process id (the benches read its CPU time); a new one after a restart. */
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

interface Child {
  readonly process: ChildProcess;
  /** Exit code once exited (`-1` for a signal), else `null`. */
  exited(): number | null;
  stderr(): string;
}

/** Spawns the emulator and waits until it accepts connections. */
const launch = async (host: string, port: number, location: string | null): Promise<Child> => {
  const main = require.resolve('azurite/dist/src/table/main.js');
  // AZURITE_NODE_ARGS: extra node flags for the emulator (e.g. `--cpu-prof`), for the benches.
  const nodeArgs = (process.env['AZURITE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const args = [
    ...nodeArgs,
    main,
    '--tableHost',
    host,
    '--tablePort',
    String(port),
    '--silent',
    '--disableTelemetry',
    '--skipApiVersionCheck',
  ];
  if (location) {
    mkdirSync(location, { recursive: true });
    args.push('--location', location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, AZURITE_ACCEPT_EULA: 'true' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exited !== null) throw new Error(`Azurite stopte meteen (code ${String(exited)}): ${stderr.trim()}`);
    if (await accepts(host, port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Azurite antwoordde niet binnen 15 s op poort ${port}`);
    }
    await sleep(50);
  }
  return { process: child, exited: () => exited, stderr: () => stderr };
};

/**
 * Starts Azurite's Table service as a child process. Not in-process: restify patches Node's
 * `http.IncomingMessage`, after which Azurite silently ignores `$filter` on queries.
 * Local development and tests only (Azurite is a dev dependency).
 */
export const startAzurite = async ({ location, port, host = '127.0.0.1', supervise }: AzuriteOptions): Promise<RunningAzurite> => {
  const realPort = port === 0 ? await freePort(host) : port;
  let child = await launch(host, realPort, location);
  let closing = false;
  const restarts: number[] = [];
  const watch = (c: Child): void => {
    c.process.once('exit', (code, signal) => {
      if (closing || !supervise) return;
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
      const max = supervise.maxRestarts ?? 5;
      if (restarts.length > max) {
        const reason = `Azurite stopte ${restarts.length} keer binnen een minuut (laatst code ${code ?? '-'}, signaal ${signal ?? '-'})`;
        supervise.log.error('lokale opslag opgegeven', { reden: reason });
        supervise.onGiveUp?.(reason);
        return;
      }
      supervise.log.warn('Azurite stopte onverwacht; de lokale opslag wordt opnieuw gestart', { code, signal, port: realPort });
      void (async () => {
        // A killed emulator may hold the port a moment longer: retry the start for a while.
        for (let attempt = 1; !closing; attempt++) {
          try {
            child = await launch(host, realPort, location);
            if (closing) {
              child.process.kill('SIGINT');
              return;
            }
            watch(child);
            await supervise.onRestarted?.();
            supervise.log.info('Azurite opnieuw gestart', { port: realPort, pid: child.process.pid });
            return;
          } catch (e) {
            if (attempt >= 5) {
              const reason = `Azurite start niet opnieuw: ${e instanceof Error ? e.message : String(e)}`;
              supervise.log.error('lokale opslag opgegeven', { reden: reason });
              supervise.onGiveUp?.(reason);
              return;
            }
            await sleep(500 * attempt);
          }
        }
      })();
    });
  };
  watch(child);
  return {
    port: realPort,
    connectionString: devConnectionString(realPort, host),
    get pid() {
      return child.process.pid;
    },
    close: async () => {
      closing = true;
      const c = child;
      if (c.exited() === null) {
        const gone = new Promise<void>((r) => c.process.once('exit', () => r()));
        // SIGINT lets Azurite flush its persisted database before it exits.
        c.process.kill('SIGINT');
        const force = setTimeout(() => c.process.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(force);
      }
      c.process.stderr?.destroy();
    },
  };
};
