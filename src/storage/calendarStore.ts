import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { CalendarStore, Member, StoredCalendar } from '../app';
import type { RegionalTable } from '../domain';
import { escapeKey, prefixFilter, tenantPk } from './keys';

/**
 * The tenant's regional table calendar in the tenant partition:
 *   RK `calmeta`            the calendar itself (its editors); absent: never set
 *   RK `caltafel_<id>`      one row per table (region, deadline, meeting)
 *   RK `calendar`           the former format (every table in one JSON value), migrated on read
 * All three sort between `cal` and `cam`: one range query reads the whole calendar.
 */
const META = 'calmeta';
const LEGACY = 'calendar';
const tableRow = (id: string) => `caltafel_${escapeKey(id)}`;

type TableEntity = { partitionKey: string; rowKey: string; tableId: string; region: string; deadline: string; meeting: string };
type MetaEntity = { partitionKey: string; rowKey: string; editors: string; createdAt: string };

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);
/** A transaction holds at most 100 entities of one partition. */
const BATCH = 100;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export class TableCalendarStore implements CalendarStore {
  constructor(private readonly table: TableClient) {}

  private entity(tenantId: string, t: RegionalTable): TableEntity {
    return {
      partitionKey: tenantPk(tenantId),
      rowKey: tableRow(t.id),
      tableId: t.id,
      region: t.region,
      deadline: t.deadline,
      meeting: t.meeting,
    };
  }

  async read(tenantId: string): Promise<StoredCalendar> {
    const pk = tenantPk(tenantId);
    const tables = new Map<string, RegionalTable>();
    let meta: { editors: Member[]; etag: string } | null = null;
    let legacy: { tables: RegionalTable[]; etag: string } | null = null;
    for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: prefixFilter(pk, 'cal') } })) {
      const rowKey = String(e.rowKey);
      if (rowKey === META)
        meta = { editors: JSON.parse(typeof e.editors === 'string' ? e.editors : '[]') as Member[], etag: String(e.etag) };
      else if (rowKey === LEGACY)
        legacy = { tables: JSON.parse(typeof e.data === 'string' ? e.data : '[]') as RegionalTable[], etag: String(e.etag) };
      else if (rowKey.startsWith('caltafel_')) {
        const t = {
          id: String(e.tableId),
          region: String(e.region),
          deadline: String(e.deadline),
          meeting: String(e.meeting),
        } as RegionalTable;
        tables.set(t.id, t);
      }
    }
    if (legacy) {
      meta = await this.migrate(tenantId, legacy, meta);
      for (const t of legacy.tables) if (!tables.has(t.id)) tables.set(t.id, t);
    }
    return { tables: [...tables.values()], editors: meta?.editors ?? [], etag: meta?.etag ?? null };
  }

  /**
   * The former single-row calendar becomes one row per table. Safe to repeat and to race: rows are
   * upserted, the old row is deleted only if unchanged since it was read.
   */
  private async migrate(
    tenantId: string,
    legacy: { tables: RegionalTable[]; etag: string },
    meta: { editors: Member[]; etag: string } | null,
  ): Promise<{ editors: Member[]; etag: string } | null> {
    for (const part of chunks(legacy.tables, BATCH)) {
      await this.table.submitTransaction(part.map((t): TransactionAction => ['upsert', this.entity(tenantId, t), 'Replace']));
    }
    let current = meta;
    if (!current) {
      try {
        const r = await this.table.createEntity<MetaEntity>({
          partitionKey: tenantPk(tenantId),
          rowKey: META,
          editors: '[]',
          createdAt: new Date().toISOString(),
        });
        current = { editors: [], etag: r.etag ?? '' };
      } catch (e) {
        if (statusOf(e) !== 409) throw e;
        const m = await this.table.getEntity<MetaEntity>(tenantPk(tenantId), META);
        current = { editors: JSON.parse(m.editors) as Member[], etag: m.etag };
      }
    }
    await this.table.deleteEntity(tenantPk(tenantId), LEGACY, { etag: legacy.etag }).catch((e: unknown) => {
      if (statusOf(e) !== 404 && statusOf(e) !== 412) throw e;
    });
    return current;
  }

  async create(tenantId: string, editors: readonly Member[], tables: readonly RegionalTable[]): Promise<boolean> {
    try {
      await this.table.createEntity<MetaEntity>({
        partitionKey: tenantPk(tenantId),
        rowKey: META,
        editors: JSON.stringify(editors),
        createdAt: new Date().toISOString(),
      });
    } catch (e) {
      if (statusOf(e) === 409) return false;
      throw e;
    }
    await this.add(tenantId, tables);
    return true;
  }

  async add(tenantId: string, tables: readonly RegionalTable[]): Promise<readonly RegionalTable[]> {
    const added: RegionalTable[] = [];
    for (const part of chunks(tables, BATCH)) {
      try {
        // All new (the usual case): one transaction per hundred.
        await this.table.submitTransaction(part.map((t): TransactionAction => ['create', this.entity(tenantId, t)]));
        added.push(...part);
        continue;
      } catch (e) {
        if (statusOf(e) !== 409) throw e;
      }
      // Some existed (or were added meanwhile): one by one, keeping what is there.
      for (const t of part) {
        try {
          await this.table.createEntity(this.entity(tenantId, t));
          added.push(t);
        } catch (e) {
          if (statusOf(e) !== 409) throw e;
        }
      }
    }
    return added;
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(tenantPk(tenantId), tableRow(id));
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }

  async saveEditors(tenantId: string, editors: readonly Member[], etag: string): Promise<boolean> {
    try {
      await this.table.updateEntity({ partitionKey: tenantPk(tenantId), rowKey: META, editors: JSON.stringify(editors) }, 'Merge', {
        etag,
      });
      return true;
    } catch (e) {
      if (statusOf(e) === 409 || statusOf(e) === 412 || statusOf(e) === 404) return false;
      throw e;
    }
  }
}
