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
  /** A batch's operations as sent: HTTP method, whether it carried If-Match, and the entity. */
  readonly operations: readonly BatchOperation[];
  /** `performance.now()` in this process when the request reached the proxy. */
  readonly at: number;
  /**
   * Milliseconds from `at` until the proxy had Azurite's whole answer (last byte); until that
   * answer has ended, the time to its response headers.
   */
  readonly ms: number;
}

export interface BatchOperation {
  readonly method: string;
  readonly ifMatch: boolean;
  readonly entity: Record<string, unknown>;
}

/** The operations of a `$batch` body (multipart changeset: request line, headers, JSON entity). */
const batchOperations = (body: string): BatchOperation[] => {
  const ops: BatchOperation[] = [];
  for (const part of body.split(/^Content-Type: application\/http\r?$/im).slice(1)) {
    const request = /^(POST|PUT|MERGE|PATCH|DELETE) \S+ HTTP\/1\.1\r?$/m.exec(part);
    const json = /^\{.*\}\r?$/m.exec(part);
    if (!request?.[1]) continue;
    ops.push({
      method: request[1],
      ifMatch: /^If-Match:/im.test(part),
      entity: json ? (JSON.parse(json[0]) as Record<string, unknown>) : {},
    });
  }
  return ops;
};

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
    const at = performance.now();
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const upstream = request(
      {
        host: '127.0.0.1',
        port: this.targetPort,
        method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${this.targetPort}` },
        agent: this.agent,
      },
      (up) => {
        const body = Buffer.concat(chunks);
        const kind = kindOf(method, path);
        const operations = kind === 'batch' ? batchOperations(body.toString('utf8')) : [];
        const call = {
          kind,
          method,
          path,
          status: up.statusCode ?? 0,
          bytes: body.length,
          entities: operations.length,
          operations,
          at,
          ms: performance.now() - at,
        };
        this.calls.push(call);
        up.once('end', () => (call.ms = performance.now() - at));
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
