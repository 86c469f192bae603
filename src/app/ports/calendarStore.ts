import type { RegionalTable } from '../../domain';
import type { Member } from '../teamSettings';

/**
 * The organisation's regional table calendar as stored: every table, and who may change it.
 * `etag` is that of the calendar's own row (editors); `null` while the calendar was never set
 * (the seed's 2023 dates apply then).
 */
export interface StoredCalendar {
  readonly tables: readonly RegionalTable[];
  /** Kalenderbeheerders: who may change the organisation's calendar (all teams see it). */
  readonly editors: readonly Member[];
  readonly etag: string | null;
}

/**
 * The regional table calendar of a tenant, one stored row per table (a single growing value hit
 * Azure Table Storage's 64 KiB property limit at ~340 tables).
 */
export interface CalendarStore {
  read(tenantId: string): Promise<StoredCalendar>;
  /** Sets up a calendar that was never set, with these editors and starting tables; `false` when it exists already. */
  create(tenantId: string, editors: readonly Member[], tables: readonly RegionalTable[]): Promise<boolean>;
  /** Adds each table unless one with its id exists; returns the ones added. */
  add(tenantId: string, tables: readonly RegionalTable[]): Promise<readonly RegionalTable[]>;
  /** Removes a table; `false` when it was not there. */
  remove(tenantId: string, id: string): Promise<boolean>;
  /** Replaces the editors (ETag-guarded); `false` when someone else changed them first. */
  saveEditors(tenantId: string, editors: readonly Member[], etag: string): Promise<boolean>;
}
