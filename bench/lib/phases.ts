import { Agent, request } from 'node:http';
import type { CountingProxy } from './countingProxy';
import { fmt, log } from './stats';

/** Where one action's time goes, in ms, seen from the client and the storage proxy. */
export interface Phases {
  /** Request sent → the bot's read reaches storage (HTTP, botbuilder turn, parsing, auth). */
  readonly pre: number;
  readonly read: number;
  /** Read answered → the batch reaches storage (the bot's work on the case before it commits). */
  readonly mid: number;
  readonly batch: number;
  /** Batch answered → the client has the whole answer (the answer card, the response). */
  readonly post: number;
  readonly total: number;
}

const post = (agent: Agent, port: number, body: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve());
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Sends `bodies` one at a time to a bot whose storage goes through `proxy` and splits each action's
 * latency at its 2 storage requests (only actions with exactly one read and one batch count).
 * Medians per phase.
 */
export const measurePhases = async (proxy: CountingProxy, port: number, bodies: readonly string[]): Promise<Phases & { count: number }> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const acc: Record<keyof Phases, number[]> = { pre: [], read: [], mid: [], batch: [], post: [], total: [] };
  for (const body of bodies) {
    proxy.reset();
    const t0 = performance.now();
    await post(agent, port, body);
    const t1 = performance.now();
    const read = proxy.calls.find((c) => c.kind === 'read');
    const batch = proxy.calls.find((c) => c.kind === 'batch');
    if (!read || !batch || proxy.calls.length !== 2) continue;
    acc.pre.push(read.at - t0);
    acc.read.push(read.ms);
    acc.mid.push(batch.at - read.at - read.ms);
    acc.batch.push(batch.ms);
    acc.post.push(t1 - batch.at - batch.ms);
    acc.total.push(t1 - t0);
  }
  agent.destroy();
  return {
    pre: median(acc.pre),
    read: median(acc.read),
    mid: median(acc.mid),
    batch: median(acc.batch),
    post: median(acc.post),
    total: median(acc.total),
    count: acc.total.length,
  };
};

export const phaseRow = (label: string, p: Phases & { count: number }): string =>
  `| ${label} | ${fmt(p.pre, 2)} | ${fmt(p.read, 2)} | ${fmt(p.mid, 2)} | ${fmt(p.batch, 2)} | ${fmt(p.post, 2)} | ${fmt(p.total, 2)} | ${p.count} |`;

export const logPhaseHeader = (): void => {
  log('| wie | vóór de read | read | tussen read en batch | batch | na de batch | totaal | acties |');
  log('|---|---|---|---|---|---|---|---|');
};
