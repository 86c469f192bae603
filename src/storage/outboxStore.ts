import { RestError, type TableClient, odata } from '@azure/data-tables';
import type { DeadLetter, OutboxEntry, OutboxMessage, OutboxRetry, OutboxStore, TeamPresenceStore, Versioned } from '../app';
import { TENANTS_PK, escapeKey, prefixFilter, rk, tenantPk } from './keys';

/** An outbox row; the delivery columns are absent on rows fresh from the case repository. */
interface OutboxEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
  leaseUntil?: string;
  attempts?: number;
  nextAttemptAt?: string;
  /** 0 when unknown (Azure Tables has no null). */
  lastStatus?: number;
  lastError?: string;
  /** Set while the row is being moved to the dead letters (JSON of the dead-letter facts). */
  dying?: string;
}

interface DeadEntity extends Record<string, unknown> {
  data: string;
  reason: string;
  attempts: number;
  lastStatus: number;
  lastError: string;
  deadAt: string;
}

/** `gone_<conversation>`: Teams said the bot was removed from the team this channel belongs to. */
interface GoneEntity {
  teamId: string;
  conversation: string;
  at: string;
}

interface TenantEntity {
  tenantId: string;
}

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);
const gone = (e: unknown): boolean => statusOf(e) === 412 || statusOf(e) === 404;
const deadKey = (id: string): string => `dead_${escapeKey(id)}`;
/** A lease that never ends: the row is being moved. */
const FOREVER = '9999-12-31T23:59:59.999Z';
const orNull = (s: string | undefined): string | null => (s ? s : null);

const toEntry = (e: OutboxEntity & { etag: string }): OutboxEntry => ({
  value: JSON.parse(e.data) as OutboxMessage,
  etag: e.etag,
  delivery: {
    attempts: e.attempts ?? 0,
    nextAttemptAt: orNull(e.nextAttemptAt),
    leaseUntil: orNull(e.leaseUntil),
    lastStatus: e.lastStatus ? e.lastStatus : null,
    lastError: orNull(e.lastError),
  },
});

/**
 * Outbox rows live in the tenant partition next to the cases whose changes wrote them; dead
 * letters (`dead_<id>`) live beside them. Every change to a row is guarded by its ETag.
 */
export class TableOutboxStore implements OutboxStore, TeamPresenceStore {
  constructor(private readonly table: TableClient) {}

  async removedConversations(tenantId: string): Promise<ReadonlySet<string>> {
    const out = new Set<string>();
    const filter = prefixFilter(tenantPk(tenantId), 'gone_');
    for await (const e of this.table.listEntities<GoneEntity>({ queryOptions: { filter, select: ['conversation'] } }))
      out.add(e.conversation);
    return out;
  }

  async markRemoved(tenantId: string, teamId: string, conversations: readonly string[], at: Date): Promise<void> {
    const pk = tenantPk(tenantId);
    for (const conversation of new Set(conversations)) {
      await this.table.upsertEntity(
        { partitionKey: pk, rowKey: `gone_${escapeKey(conversation)}`, teamId, conversation, at: at.toISOString() },
        'Replace',
      );
    }
  }

  async clearRemoved(tenantId: string, teamId: string): Promise<void> {
    const pk = tenantPk(tenantId);
    const filter = `${prefixFilter(pk, 'gone_')} and ${odata`teamId eq ${teamId}`}`;
    for await (const e of this.table.listEntities<GoneEntity>({ queryOptions: { filter, select: ['rowKey'] } })) {
      await this.table.deleteEntity(pk, String(e.rowKey)).catch((err: unknown) => {
        if (statusOf(err) !== 404) throw err;
      });
    }
  }

  async tenants(): Promise<readonly string[]> {
    const out: string[] = [];
    const filter = `PartitionKey eq '${TENANTS_PK}'`;
    for await (const e of this.table.listEntities<TenantEntity>({ queryOptions: { filter } })) {
      out.push(e.tenantId);
    }
    return out;
  }

  /** Up to `limit` rows in key (= creation) order; an interrupted dead-letter move is finished on the way. */
  async scan(tenantId: string, limit: number): Promise<readonly OutboxEntry[]> {
    const filter = prefixFilter(tenantPk(tenantId), 'outbox_');
    const out: OutboxEntry[] = [];
    let seen = 0;
    for await (const e of this.table.listEntities<OutboxEntity>({ queryOptions: { filter } })) {
      if (++seen > limit) break;
      const entry = toEntry(e);
      if (e.dying) {
        await this.finishMove(tenantId, entry.value, JSON.parse(e.dying) as Omit<DeadLetter, 'message'>);
        continue;
      }
      out.push(entry);
    }
    return out;
  }

  async entry(tenantId: string, id: string): Promise<OutboxEntry | null> {
    try {
      const e = await this.table.getEntity<OutboxEntity>(tenantPk(tenantId), rk.outbox(id));
      return e.dying ? null : toEntry(e);
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  async lease(tenantId: string, item: Versioned<OutboxMessage>, until: Date): Promise<Versioned<OutboxMessage> | null> {
    return this.merge(tenantId, item, { leaseUntil: until.toISOString() });
  }

  async reschedule(tenantId: string, item: Versioned<OutboxMessage>, retry: OutboxRetry): Promise<Versioned<OutboxMessage> | null> {
    return this.merge(tenantId, item, {
      leaseUntil: '',
      attempts: retry.attempts,
      nextAttemptAt: retry.nextAttemptAt,
      lastStatus: retry.lastStatus ?? 0,
      lastError: (retry.lastError ?? '').slice(0, 500),
    });
  }

  async complete(tenantId: string, item: Versioned<OutboxMessage>): Promise<boolean> {
    try {
      await this.table.deleteEntity(tenantPk(tenantId), rk.outbox(item.value.id), { etag: item.etag });
      return true;
    } catch (e) {
      if (gone(e)) return false;
      throw e;
    }
  }

  /**
   * Table transactions cannot guard a delete by ETag, so the move takes two steps: an ETag-guarded
   * Merge marks the row as dying (and leases it for ever), then one transaction deletes it and
   * creates `dead_<id>`. A crash between the two leaves a marked row that {@link scan} finishes.
   */
  async deadLetter(tenantId: string, item: Versioned<OutboxMessage>, info: Omit<DeadLetter, 'message'>): Promise<boolean> {
    const marked = await this.merge(tenantId, item, { leaseUntil: FOREVER, dying: JSON.stringify(info) });
    if (!marked) return false;
    await this.finishMove(tenantId, item.value, info);
    return true;
  }

  private async finishMove(tenantId: string, message: OutboxMessage, info: Omit<DeadLetter, 'message'>): Promise<void> {
    const pk = tenantPk(tenantId);
    const dead: DeadEntity & { partitionKey: string; rowKey: string; caseId: string; conversationId: string } = {
      partitionKey: pk,
      rowKey: deadKey(message.id),
      data: JSON.stringify(message),
      caseId: message.caseId ?? '',
      conversationId: message.conversation.conversationId,
      reason: info.reason,
      attempts: info.attempts,
      lastStatus: info.lastStatus ?? 0,
      lastError: (info.lastError ?? '').slice(0, 500),
      deadAt: info.deadAt,
    };
    const outboxKey = { partitionKey: pk, rowKey: rk.outbox(message.id) };
    try {
      await this.table.submitTransaction([
        ['delete', outboxKey],
        ['create', dead],
      ]);
    } catch (e) {
      // 404: another instance finished this move. 409: a dead letter exists already (an earlier,
      // interrupted move): just drop the outbox row.
      if (statusOf(e) === 404) return;
      if (statusOf(e) !== 409) throw e;
      await this.table.deleteEntity(pk, outboxKey.rowKey).catch((e2: unknown) => {
        if (statusOf(e2) !== 404) throw e2;
      });
    }
  }

  async deadLetters(tenantId: string, limit = 1000): Promise<readonly DeadLetter[]> {
    const filter = prefixFilter(tenantPk(tenantId), 'dead_');
    const out: DeadLetter[] = [];
    for await (const e of this.table.listEntities<DeadEntity>({ queryOptions: { filter } })) {
      out.push({
        message: JSON.parse(e.data) as OutboxMessage,
        reason: e.reason as DeadLetter['reason'],
        attempts: e.attempts,
        lastStatus: e.lastStatus ? e.lastStatus : null,
        lastError: orNull(e.lastError),
        deadAt: e.deadAt,
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  private async merge(
    tenantId: string,
    item: Versioned<OutboxMessage>,
    fields: Omit<OutboxEntity, 'partitionKey' | 'rowKey' | 'data'>,
  ): Promise<Versioned<OutboxMessage> | null> {
    try {
      const r = await this.table.updateEntity({ partitionKey: tenantPk(tenantId), rowKey: rk.outbox(item.value.id), ...fields }, 'Merge', {
        etag: item.etag,
      });
      return r.etag ? { value: item.value, etag: r.etag } : null;
    } catch (e) {
      if (gone(e)) return null;
      throw e;
    }
  }
}
