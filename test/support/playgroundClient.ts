import WebSocket from 'ws';

export interface PgMessage {
  readonly messageId: string;
  readonly timestamp: number;
  readonly from: { readonly id: string };
  readonly text?: string;
  readonly attachments?: readonly { readonly contentType: string; readonly content: Record<string, unknown> }[];
  readonly entities?: readonly Record<string, unknown>[];
}

export interface PgEvent {
  /** `createMessage`, `updateMessage`, or another of the Playground's actions. */
  readonly action: string;
  readonly actionConversationId: string;
  readonly message: PgMessage;
}

export interface PgConfig {
  readonly config: {
    readonly tenantId: string;
    readonly bot: { readonly id: string; readonly name: string };
    readonly currentUser: { readonly id: string; readonly name: string };
    readonly users: readonly { readonly id: string; readonly name: string; readonly aadObjectId: string }[];
    readonly teams: readonly {
      readonly id: string;
      readonly name: string;
      readonly channels: readonly { readonly id: string; readonly name: string }[];
    }[];
    readonly personalChat: { readonly id: string };
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Drives the Agents Playground through its internal HTTP/websocket API (pinned version 0.2.28)
 * as any configured user, and records what the bot posts and updates.
 */
export class PlaygroundClient {
  readonly events: PgEvent[] = [];
  private ws: WebSocket | null = null;
  private readonly since = Date.now();

  constructor(readonly baseUrl: string) {}

  async connect(): Promise<void> {
    const ws = new WebSocket(`${this.baseUrl.replace('http', 'ws')}/_ws_conversation/v1/conversations/stream`);
    ws.on('message', (d: WebSocket.RawData) => {
      const e = JSON.parse(d.toString()) as PgEvent;
      // The stream replays old messages on connect: keep only this run's.
      if ((e.message?.timestamp ?? 0) >= this.since - 1000) this.events.push(e);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.ws = ws;
  }

  close(): void {
    this.ws?.close();
  }

  async config(): Promise<PgConfig['config']> {
    const r = await fetch(`${this.baseUrl}/_internal/v1/config`);
    return ((await r.json()) as PgConfig).config;
  }

  /** Posts a message as `fromId`; with `mentionBot` it @mentions the bot as Teams would. */
  async say(
    conversationId: string,
    fromId: string,
    text: string,
    mentionBot = true,
  ): Promise<{ messageId: string; postConversationId: string }> {
    const cfg = await this.config();
    const body = {
      from: { id: fromId },
      text: mentionBot ? `<at>${cfg.bot.name}</at> ${text}` : text,
      textFormat: 'plain',
      mentions: mentionBot ? [{ mentioned: { id: cfg.bot.id }, text: `<at>${cfg.bot.name}</at>` }] : [],
    };
    const r = await fetch(`${this.baseUrl}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`Playground weigerde bericht: ${r.status} ${await r.text()}`);
    return (await r.json()) as { messageId: string; postConversationId: string };
  }

  /** Sends an Action.Execute as `fromId` on the card `replyToId`; returns the bot's invoke response. */
  async execute(
    conversationId: string,
    fromId: string,
    replyToId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<InvokeResult> {
    return this.invoke(conversationId, fromId, replyToId, { action: { type: 'Action.Execute', verb, data } });
  }

  /** An `adaptiveCard/action` invoke with the whole `value` (e.g. with Teams' `trigger: 'automatic'` of a refresh). */
  async invoke(conversationId: string, fromId: string, replyToId: string, value: Record<string, unknown>): Promise<InvokeResult> {
    const r = await fetch(`${this.baseUrl}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'adaptiveCard/action', conversation: { id: conversationId }, from: { id: fromId }, replyToId, value }),
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as InvokeBody) : null };
  }

  /** Waits until an event matches, or fails after `ms`. */
  async waitFor(predicate: (e: PgEvent) => boolean, ms = 8000, what = 'bericht'): Promise<PgEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(predicate);
      if (hit) return hit;
      if (Date.now() > deadline) {
        throw new Error(
          `Geen ${what} binnen ${ms} ms. Gezien:\n${this.events.map((e) => `${e.action} ${e.actionConversationId} ${JSON.stringify(e.message).slice(0, 200)}`).join('\n')}`,
        );
      }
      await sleep(50);
    }
  }

  fromBot(botId: string): PgEvent[] {
    return this.events.filter((e) => e.message.from?.id === botId);
  }
}

export interface InvokeBody {
  readonly type?: string;
  readonly value?: unknown;
  readonly statusCode?: number;
}

export interface InvokeResult {
  readonly status: number;
  readonly body: InvokeBody | null;
}

/** All text on a card, flattened (for asserting what a card shows). */
export const cardText = (card: unknown): string => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(card);
  return out.join(' | ');
};

/** Every input id on a card, including those inside ShowCard actions. */
export const inputIds = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

/** Executable verbs on a card (Action.Execute, also inside ShowCards). */
export const verbsOn = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') out.push(o.verb);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

/**
 * What Teams would send for `verb` after the user filled `values` in the card: fails when the card
 * does not offer that verb or one of those inputs (so tests only submit what users can).
 */
export const fill = (
  card: unknown,
  verb: string,
  values: Record<string, string>,
  ref: { caseId: string; version: number },
): Record<string, unknown> => {
  if (!verbsOn(card).includes(verb)) throw new Error(`Kaart biedt ${verb} niet aan; wel: ${verbsOn(card).join(', ')}`);
  const ids = new Set(inputIds(card));
  const data: Record<string, unknown> = { caseId: ref.caseId, version: ref.version };
  for (const [k, v] of Object.entries(values)) {
    const id = `${verb}.${k}`;
    if (!ids.has(id)) throw new Error(`Kaart heeft geen invoer ${id}; wel: ${[...ids].join(', ')}`);
    data[id] = v;
  }
  return data;
};
