import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Direct, postActivity } from './direct';
import type { ConnectorStandIn } from './connectorStandIn';

const LOOPBACK_ONLY = join(__dirname, 'loopbackOnly.cjs');

/** Escaleer as its own `node` process (as App Service runs it), with what it printed. */
export interface ChildApp {
  readonly port: number;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly process: ChildProcess;
  /** SIGTERM, as App Service stops an instance; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `node <main.js>` with `env` (and nothing from this process's environment but PATH and
 * HOME), preloading loopbackOnly.cjs; resolves once it logs that it listens.
 */
export const startChildApp = async (
  main: string,
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ChildApp> => {
  const child = spawn(process.execPath, ['--require', LOOPBACK_ONLY, '--disable-warning=DEP0111', main], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app niet gestart binnen de tijd:\n${stdout.join('')}\n${stderr.join('')}`)),
      options.timeoutMs ?? 30_000,
    );
    const onLine = (line: string) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'Escaleer luistert' && typeof entry.port === 'number') {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        // not a JSON line
      }
    };
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk.toString('utf8'));
      partial += chunk.toString('utf8');
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app stopte met code ${String(code)}:\n${stdout.join('')}\n${stderr.join('')}`));
    });
  });
  return {
    port,
    stdout,
    stderr,
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
};

/** A `Direct` (for DirectCase) whose bot is a child process. */
export const directTo = (app: ChildApp, connector: ConnectorStandIn, prefix: string): Direct => ({
  app: null as unknown as Direct['app'],
  connector,
  log: null as unknown as Direct['log'],
  prefix,
  post: (activity, headers) => postActivity(app.port, connector, activity, headers),
  close: async () => undefined,
});
