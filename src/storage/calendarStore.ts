import { RestError, type TableClient } from '@azure/data-tables';
import type { CalendarStore, Versioned } from '../app';
import type { RegionalTable } from '../domain';
import { tenantPk } from './keys';

type CalendarEntity = { partitionKey: string; rowKey: string; data: string };
const ROW = 'calendar';
const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** The tenant's regional table calendar as one row `calendar` in the tenant partition. */
export class TableCalendarStore implements CalendarStore {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string): Promise<Versioned<readonly RegionalTable[]> | null> {
    try {
      const e = await this.table.getEntity<CalendarEntity>(tenantPk(tenantId), ROW);
      return { value: JSON.parse(e.data) as RegionalTable[], etag: e.etag };
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async save(tenantId: string, tables: readonly RegionalTable[], etag: string | null): Promise<boolean> {
    const entity: CalendarEntity = { partitionKey: tenantPk(tenantId), rowKey: ROW, data: JSON.stringify(tables) };
    try {
      if (etag === null) await this.table.createEntity(entity);
      else await this.table.updateEntity(entity, 'Replace', { etag });
      return true;
    } catch (e) {
      if (statusOf(e) === 409 || statusOf(e) === 412) return false;
      throw e;
    }
  }
}
