import { RestError, type TableClient } from '@azure/data-tables';
import type { OutboxMessage, OutboxStore, Versioned } from '../app';
import { TENANTS_PK, prefixFilter, rk, tenantPk } from './keys';

interface OutboxEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
  leaseUntil: string;
}

interface TenantEntity {
  tenantId: string;
}

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** Outbox rows live in the tenant partition next to the cases whose changes wrote them. */
export class TableOutboxStore implements OutboxStore {
  constructor(private readonly table: TableClient) {}

  async tenants(): Promise<readonly string[]> {
    const out: string[] = [];
    const filter = `PartitionKey eq '${TENANTS_PK}'`;
    for await (const e of this.table.listEntities<TenantEntity>({ queryOptions: { filter } })) {
      out.push(e.tenantId);
    }
    return out;
  }

  /** Items not leased by another dispatcher, oldest first (row keys are time-ordered ids). */
  async pending(tenantId: string, limit: number, now = new Date()): Promise<readonly Versioned<OutboxMessage>[]> {
    const filter = prefixFilter(tenantPk(tenantId), 'outbox_');
    const out: Versioned<OutboxMessage>[] = [];
    const nowIso = now.toISOString();
    for await (const e of this.table.listEntities<OutboxEntity>({ queryOptions: { filter } })) {
      if (e.leaseUntil && e.leaseUntil > nowIso) continue;
      out.push({ value: JSON.parse(e.data) as OutboxMessage, etag: e.etag });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Claims an item until `until`; `null` when another dispatcher got it first. */
  async lease(tenantId: string, item: Versioned<OutboxMessage>, until: Date): Promise<Versioned<OutboxMessage> | null> {
    try {
      const r = await this.table.updateEntity(
        { partitionKey: tenantPk(tenantId), rowKey: rk.outbox(item.value.id), leaseUntil: until.toISOString() },
        'Merge',
        { etag: item.etag },
      );
      return r.etag ? { value: item.value, etag: r.etag } : null;
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) return null;
      throw e;
    }
  }

  async complete(tenantId: string, item: Versioned<OutboxMessage>): Promise<boolean> {
    try {
      await this.table.deleteEntity(tenantPk(tenantId), rk.outbox(item.value.id), { etag: item.etag });
      return true;
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) return false;
      throw e;
    }
  }
}
