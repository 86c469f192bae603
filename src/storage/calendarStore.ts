import type { TableClient } from '@azure/data-tables';
import type { CalendarStore, Versioned } from '../app';
import type { RegionalTable } from '../domain';
import { JsonRow } from './jsonRow';
import { tenantPk } from './keys';

/** The tenant's regional table calendar as one row `calendar` in the tenant partition. */
export class TableCalendarStore implements CalendarStore {
  private readonly row: JsonRow<readonly RegionalTable[]>;

  constructor(table: TableClient) {
    this.row = new JsonRow(table);
  }

  get(tenantId: string): Promise<Versioned<readonly RegionalTable[]> | null> {
    return this.row.get(tenantPk(tenantId), 'calendar');
  }

  save(tenantId: string, tables: readonly RegionalTable[], etag: string | null): Promise<boolean> {
    return this.row.save(tenantPk(tenantId), 'calendar', tables, etag);
  }
}
