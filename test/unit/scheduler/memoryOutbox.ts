import type { DeadLetter, OutboxEntry, OutboxMessage, OutboxRetry, OutboxStore, Versioned } from '../../../src/app';

interface Row {
  message: OutboxMessage;
  etag: string;
  leaseUntil: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** An in-memory OutboxStore with ETags, for dispatcher unit tests. */
export class MemoryOutbox implements OutboxStore {
  readonly rows = new Map<string, Map<string, Row>>();
  readonly dead = new Map<string, DeadLetter[]>();
  /** Conversation keys whose team removed the bot, per tenant. */
  readonly removed = new Map<string, Set<string>>();
  private n = 0;

  add(tenant: string, message: OutboxMessage): void {
    const t = this.rows.get(tenant) ?? new Map<string, Row>();
    t.set(message.id, { message, etag: this.tag(), leaseUntil: null, attempts: 0, nextAttemptAt: null, lastStatus: null, lastError: null });
    this.rows.set(tenant, t);
  }

  row(tenant: string, id: string): Row | undefined {
    return this.rows.get(tenant)?.get(id);
  }

  async removedConversations(tenant: string): Promise<ReadonlySet<string>> {
    return new Set(this.removed.get(tenant) ?? []);
  }

  async tenants(): Promise<readonly string[]> {
    return [...this.rows.keys()];
  }

  async scan(tenant: string, limit: number): Promise<readonly OutboxEntry[]> {
    const rows = [...(this.rows.get(tenant)?.values() ?? [])].sort((a, b) => a.message.id.localeCompare(b.message.id)).slice(0, limit);
    return rows.map((r) => ({
      value: r.message,
      etag: r.etag,
      delivery: {
        attempts: r.attempts,
        nextAttemptAt: r.nextAttemptAt,
        leaseUntil: r.leaseUntil,
        lastStatus: r.lastStatus,
        lastError: r.lastError,
      },
    }));
  }

  async pending(tenant: string, limit: number, now = new Date()): Promise<readonly Versioned<OutboxMessage>[]> {
    const iso = now.toISOString();
    return (await this.scan(tenant, 1e9))
      .filter(
        (e) => !(e.delivery.leaseUntil && e.delivery.leaseUntil > iso) && !(e.delivery.nextAttemptAt && e.delivery.nextAttemptAt > iso),
      )
      .slice(0, limit);
  }

  async entry(tenant: string, id: string): Promise<OutboxEntry | null> {
    return (await this.scan(tenant, 1e9)).find((e) => e.value.id === id) ?? null;
  }

  async lease(tenant: string, item: Versioned<OutboxMessage>, until: Date): Promise<Versioned<OutboxMessage> | null> {
    return this.change(tenant, item, (r) => (r.leaseUntil = until.toISOString()));
  }

  async reschedule(tenant: string, item: Versioned<OutboxMessage>, retry: OutboxRetry): Promise<Versioned<OutboxMessage> | null> {
    return this.change(tenant, item, (r) => Object.assign(r, retry, { leaseUntil: null }));
  }

  async complete(tenant: string, item: Versioned<OutboxMessage>): Promise<boolean> {
    const r = this.row(tenant, item.value.id);
    if (!r || r.etag !== item.etag) return false;
    this.rows.get(tenant)?.delete(item.value.id);
    return true;
  }

  async deadLetter(tenant: string, item: Versioned<OutboxMessage>, info: Omit<DeadLetter, 'message'>): Promise<boolean> {
    if (!(await this.complete(tenant, item))) return false;
    this.dead.set(tenant, [...(this.dead.get(tenant) ?? []), { message: item.value, ...info }]);
    return true;
  }

  async deadLetters(tenant: string): Promise<readonly DeadLetter[]> {
    return this.dead.get(tenant) ?? [];
  }

  private change(tenant: string, item: Versioned<OutboxMessage>, f: (r: Row) => void): Versioned<OutboxMessage> | null {
    const r = this.row(tenant, item.value.id);
    if (!r || r.etag !== item.etag) return null;
    f(r);
    r.etag = this.tag();
    return { value: r.message, etag: r.etag };
  }

  private tag(): string {
    return `e${++this.n}`;
  }
}

let seq = 0;
/** A reply in a channel thread; ids sort in creation order. */
export const message = (conversation: string, tenant = 'tenant-a', text?: string): OutboxMessage => {
  const id = `m${String(++seq).padStart(6, '0')}`;
  return {
    id,
    conversation: { serviceUrl: 'http://127.0.0.1:9/', conversationId: `${conversation};messageid=1`, tenantId: tenant },
    kind: 'post',
    activityId: null,
    activity: { text: text ?? id },
    createdAt: new Date(0).toISOString(),
    caseId: null,
  };
};
