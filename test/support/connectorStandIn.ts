import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  readonly activityId: string | null;
  readonly body: Record<string, unknown>;
  readonly at: number;
  /** The activity id the stand-in answered with (what the bot records, e.g. as a case's root card). */
  readonly responseId?: string;
  /** The HTTP status answered (set when the call is recorded). */
  readonly status?: number;
  /** The activity id answered (a new one for a post or reply, the same for an update). */
  readonly answeredId?: string;
}

/**
 * Decides the answer to one call; default: 200 with a new activity id. `delayMs`: the call is
 * recorded (and counts as processed) at once, the answer leaves that much later: a slow connector.
 */
export type Responder = (
  call: RecordedCall,
) => { status?: number; headers?: Record<string, string>; body?: unknown; delayMs?: number } | null;

/**
 * A stand-in for the Bot Framework connector (Microsoft's cloud): records every activity the
 * bot sends or updates and answers like the connector, or as a `Responder` says (429, 500, 403…).
 */
export class ConnectorStandIn {
  readonly calls: RecordedCall[] = [];
  responder: Responder = () => null;
  private server: Server | null = null;
  private seq = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  /**
   * The message that holds a case's card with actions: the first successful post of a card naming
   * the case (its root card). A card action from Teams names it as `replyToId`.
   */
  cardMessageOf(caseId: string, channelId?: string): string | undefined {
    // Case numbers repeat across tenants: with a channel, only that channel's card counts.
    return this.delivered().find(
      (c) =>
        c.method === 'POST' &&
        (!channelId || c.conversationId.startsWith(channelId)) &&
        JSON.stringify(c.body).includes(`Casus ${caseId}`) &&
        Array.isArray(c.body.attachments) &&
        c.responseId,
    )?.responseId;
  }

  /** Successful sends (2xx) only. */
  delivered(): RecordedCall[] {
    return this.calls.filter((c) => c.status === undefined || c.status < 300);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path,
      conversationId: m?.[1] ?? '',
      activityId: m?.[2] ?? null,
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      at: Date.now(),
    };
    const answer = this.responder(call);
    const status = answer?.status ?? 200;
    const answeredId = call.method === 'PUT' ? (call.activityId ?? '') : `act-${++this.seq}`;
    const body = answer?.body ?? { id: answeredId };
    const responseId = typeof (body as { id?: unknown }).id === 'string' ? (body as { id: string }).id : undefined;
    this.calls.push(Object.assign(call, { status, answeredId }, responseId ? { responseId } : {}));
    if (answer?.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (res.destroyed) return;
    res.statusCode = status;
    for (const [k, v] of Object.entries(answer?.headers ?? {})) res.setHeader(k, v);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }
}

/** An activity as Teams would post it in a team channel. */
export const channelActivity = (over: {
  serviceUrl: string;
  text?: string;
  mention?: boolean;
  from?: string;
  id?: string;
  type?: string;
  name?: string;
  value?: unknown;
  tenantId?: string;
  teamId?: string;
  channelId?: string;
  replyToId?: string;
}): Record<string, unknown> => {
  const tenantId = over.tenantId ?? 'tenant-a';
  const channelId = over.channelId ?? '19:kanaal-a@thread.tacv2';
  const botId = 'bot-escaleer';
  const mention = over.mention ?? true;
  return {
    type: over.type ?? 'message',
    name: over.name,
    id: over.id ?? `msg-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: over.serviceUrl,
    channelId: 'msteams',
    from: { id: over.from ?? 'user-1', name: 'Test Gebruiker', aadObjectId: over.from ?? 'user-1' },
    recipient: { id: botId, name: 'Escaleer' },
    conversation: { id: `${channelId};messageid=1`, conversationType: 'channel', tenantId, isGroup: true },
    text: over.text === undefined ? undefined : mention ? `<at>Escaleer</at> ${over.text}` : over.text,
    entities:
      mention && over.text !== undefined
        ? [{ type: 'mention', text: '<at>Escaleer</at>', mentioned: { id: botId, name: 'Escaleer' } }]
        : [],
    channelData: { tenant: { id: tenantId }, team: { id: over.teamId ?? '19:team-a@thread.tacv2' }, channel: { id: channelId } },
    replyToId: over.replyToId,
    value: over.value,
  };
};
