import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { freePort } from '../../src/storage/azurite';

export interface RunningChild {
  readonly port: number;
  readonly pid: number;
  /** Spawn until the first 200 on `/healthz` (ms). */
  readonly startMs: number;
  /** Resident memory now (MB), from `/proc/<pid>/status` VmRSS. */
  rssMb(): number;
  /** Peak resident memory so far (MB), VmHWM. */
  peakMb(): number;
  stop(): Promise<void>;
}

const statusGet = (port: number): Promise<number> =>
  new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', method: 'GET', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2_000, () => req.destroy());
    req.end();
  });

const procField = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

/** Every child started here; the bench kills the ones still running when it breaks. */
export const children = new Set<ChildProcess>();

/**
 * Spawns `node <script>` with `env` plus a free loopback `PORT`, polls `GET /healthz` every 5 ms and
 * resolves at the first 200 (fails after `timeoutMs`, killing the child).
 */
export const spawnUntilHealthy = async (script: string, env: Record<string, string>, timeoutMs = 30_000): Promise<RunningChild> => {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', script], {
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  let exited: number | null = null;
  const gone = new Promise<void>((r) =>
    child.once('exit', (code) => {
      exited = code ?? -1;
      children.delete(child);
      r();
    }),
  );
  const stop = async (): Promise<void> => {
    if (exited !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  };
  for (;;) {
    if (exited !== null) throw new Error(`${script} stopte (code ${String(exited)}): ${stderr.trim()}`);
    if ((await statusGet(port)) === 200) break;
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`${script}: geen 200 op /healthz binnen ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const startMs = performance.now() - t0;
  const pid = child.pid ?? 0;
  return { port, pid, startMs, rssMb: () => procField(pid, 'VmRSS'), peakMb: () => procField(pid, 'VmHWM'), stop };
};
