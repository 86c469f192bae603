import { Agent, request } from 'node:http';
import { type Summary, summarise } from './stats';

export interface LoadResult {
  readonly summary: Summary;
  /** Bodies of failed requests (first few), to see what went wrong. */
  readonly failures: readonly string[];
}

/** POSTs one JSON body; resolves with status and body text. */
const post = (agent: Agent, port: number, path: string, body: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/**
 * Sends `bodies` to `port` over `connections` keep-alive connections, each connection one request
 * at a time (closed loop). `ok` judges an answer. Bounded: every body is sent once.
 */
export const runLoad = async (
  port: number,
  bodies: readonly string[],
  connections: number,
  ok: (status: number, text: string) => boolean,
  path = '/api/messages',
): Promise<LoadResult> => {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const failures: string[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const body = bodies[i];
      if (body === undefined) return;
      const t0 = performance.now();
      try {
        const r = await post(agent, port, path, body);
        const ms = performance.now() - t0;
        if (ok(r.status, r.text)) latencies.push(ms);
        else {
          errors++;
          if (failures.length < 3) failures.push(`${r.status} ${r.text.slice(0, 300)}`);
        }
      } catch (e) {
        errors++;
        if (failures.length < 3) failures.push(e instanceof Error ? e.message : String(e));
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const ms = performance.now() - start;
  agent.destroy();
  return { summary: summarise(latencies, errors, ms), failures };
};
