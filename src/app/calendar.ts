import { DEFAULT_TABLES, type RegionalTable } from '../domain';
import type { Clock } from './ports';
import type { Member } from './teamSettings';

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

const byMeeting = (a: RegionalTable, b: RegionalTable): number => (a.meeting === b.meeting ? a.region.localeCompare(b.region) : a.meeting < b.meeting ? -1 : 1);

/**
 * Reads a tenant's calendar (the seed's 2023 dates until someone sets one), cached for `ttlMs`:
 * the calendar changes rarely and is read on every action.
 */
export class CalendarService {
  private readonly cache = new Map<string, { at: number; tables: readonly RegionalTable[] }>();

  constructor(
    private readonly store: CalendarStore,
    private readonly clock: Clock,
    private readonly ttlMs = 60_000,
  ) {}

  async tablesFor(tenantId: string): Promise<readonly RegionalTable[]> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(tenantId);
    if (hit && now - hit.at < this.ttlMs) return hit.tables;
    return (await this.read(tenantId)).tables;
  }

  /** The calendar with its editors, uncached (for changing it). */
  async read(tenantId: string): Promise<StoredCalendar> {
    const stored = await this.store.read(tenantId);
    const tables = stored.etag === null ? DEFAULT_TABLES : [...stored.tables].sort(byMeeting);
    this.cache.set(tenantId, { at: this.clock.now().getTime(), tables });
    return { ...stored, tables };
  }

  /**
   * Adds tables that are not in the calendar yet (same id: region and meeting date); a calendar that
   * was never set starts from the seed's dates, with `firstEditor` as its first kalenderbeheerder.
   * Returns the tables added.
   */
  async add(tenantId: string, tables: readonly RegionalTable[], firstEditor: Member | null = null): Promise<readonly RegionalTable[]> {
    await this.ensure(tenantId, firstEditor);
    const added = await this.store.add(tenantId, tables);
    this.cache.delete(tenantId);
    return added;
  }

  async remove(tenantId: string, id: string, firstEditor: Member | null = null): Promise<boolean> {
    await this.ensure(tenantId, firstEditor);
    const removed = await this.store.remove(tenantId, id);
    this.cache.delete(tenantId);
    return removed;
  }

  /** Applies `change` to the editors with optimistic concurrency (retries on conflicts). */
  async updateEditors(tenantId: string, change: (editors: readonly Member[]) => readonly Member[]): Promise<readonly Member[]> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.store.read(tenantId);
      const next = change(stored.editors);
      if (stored.etag === null) {
        if (await this.store.create(tenantId, next, DEFAULT_TABLES)) return next;
      } else if (await this.store.saveEditors(tenantId, next, stored.etag)) return next;
    }
    throw new Error('Kalenderbeheerders niet opgeslagen: te veel gelijktijdige wijzigingen');
  }

  /** Makes sure the calendar exists (the seed's dates, `firstEditor` as editor); an existing one is left alone. */
  private async ensure(tenantId: string, firstEditor: Member | null): Promise<void> {
    const stored = await this.store.read(tenantId);
    if (stored.etag === null) await this.store.create(tenantId, firstEditor ? [firstEditor] : [], DEFAULT_TABLES);
    else if (firstEditor && stored.editors.length === 0) await this.store.saveEditors(tenantId, [firstEditor], stored.etag);
  }
}
