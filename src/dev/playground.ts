import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../app';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PlaygroundOptions {
  /** Bot endpoint the Playground posts activities to. */
  readonly botEndpoint: string;
  readonly port: number;
  /** Path of the `.m365agentsplayground.yml` demo team configuration. */
  readonly configPath: string;
  /** Working folder (the Playground writes `devTools/` logs there). */
  readonly workDir: string;
}

export interface RunningPlayground {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the Microsoft 365 Agents Playground (a local Teams client) as a child process and
 * waits until it answers. Local development and tests only.
 */
export const startPlayground = async (opts: PlaygroundOptions, log: Logger): Promise<RunningPlayground> => {
  mkdirSync(opts.workDir, { recursive: true });
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const out = openSync(join(opts.workDir, 'playground.out.log'), 'a');
  const child: ChildProcess = spawn(process.execPath, [cli, 'start', '-e', opts.botEndpoint, '-c', 'msteams', '-p', String(opts.port)], {
    cwd: opts.workDir,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: resolve(opts.configPath) },
    stdio: ['ignore', out, out],
  });
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`Agents Playground stopte meteen (code ${String(exited)}); zie ${join(opts.workDir, 'devTools')}`);
    }
    try {
      const r = await fetch(`${url}/_debug/ping`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('Agents Playground antwoordde niet binnen 20 s');
    }
    await sleep(150);
  }
  log.info('Agents Playground gestart', { url });
  return {
    url,
    close: async () => {
      if (exited !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(force);
    },
  };
};
