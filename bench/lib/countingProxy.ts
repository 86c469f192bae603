import { Agent, type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One storage request as the proxy saw it. */
export interface StorageCall {
  readonly kind: 'read' | 'query' | 'batch' | 'write' | 'other';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Request body size (bytes). */
  readonly bytes: number;
  /** Entities in a batch (changesets), 0 otherwise. */
  readonly entities: number;
}

const kindOf = (method: string, path: string): StorageCall['kind'] => {
  if (path.includes('$batch')) return 'batch';
  if (method === 'GET') return /\(PartitionKey=/.test(path) ? 'read' : 'query';
  if (method === 'PUT' || method === 'MERGE' || method === 'PATCH' || method === 'DELETE' || method === 'POST') return 'write';
  return 'other';
};

/**
 * A transparent HTTP proxy in front of Azurite that records every storage request: how many round
 * trips the app really makes, without touching its storage code.
 */
export class CountingProxy {
  readonly calls: StorageCall[] = [];
  private server: Server | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly targetPort: number) {}

  async start(): Promise<number> {
    this.server = createServer((req, res) => this.forward(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    return (this.server.address() as AddressInfo).port;
  }

  reset(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.agent.destroy();
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(req.url ?? '');
    let bytes = 0;
    let entities = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      entities += (c.toString('latin1').match(/^Content-Type: application\/http/gim) ?? []).length;
    });
    const upstream = request(
      { host: '127.0.0.1', port: this.targetPort, method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${this.targetPort}` }, agent: this.agent },
      (up) => {
        this.calls.push({ kind: kindOf(method, path), method, path, status: up.statusCode ?? 0, bytes, entities });
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  }
}
