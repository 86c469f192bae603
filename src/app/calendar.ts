import type { RegionalTable } from '../domain';
import type { Clock } from './ports';
import type { Member } from './teamSettings';
import type { StoredCalendar, CalendarStore } from './ports/calendarStore';

const byMeeting = (a: RegionalTable, b: RegionalTable): number =>
  a.meeting === b.meeting ? a.region.localeCompare(b.region) : a.meeting < b.meeting ? -1 : 1;

/**
 * Reads a tenant's calendar (`initial` until someone sets one; `main.ts` passes the seed's 2023
 * dates, `DEFAULT_TABLES`), cached for `ttlMs`: the calendar changes rarely and is read on every
 * action.
 */
export class CalendarService {
  private readonly cache = new Map<string, { at: number; tables: readonly RegionalTable[] }>();

  constructor(
    private readonly store: CalendarStore,
    private readonly clock: Clock,
    private readonly initial: readonly RegionalTable[],
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
    const tables = stored.etag === null ? this.initial : [...stored.tables].sort(byMeeting);
    this.cache.set(tenantId, { at: this.clock.now().getTime(), tables });
    return { ...stored, tables };
  }

  /**
   * Adds tables that are not in the calendar yet (same id: region and meeting date); a calendar that
   * was never set starts from `initial`, with `firstEditor` as its first kalenderbeheerder.
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
        if (await this.store.create(tenantId, next, this.initial)) return next;
      } else if (await this.store.saveEditors(tenantId, next, stored.etag)) return next;
    }
    throw new Error('Kalenderbeheerders niet opgeslagen: te veel gelijktijdige wijzigingen');
  }

  /** Makes sure the calendar exists (`initial`, `firstEditor` as editor); an existing one is left alone. */
  private async ensure(tenantId: string, firstEditor: Member | null): Promise<void> {
    const stored = await this.store.read(tenantId);
    if (stored.etag === null) await this.store.create(tenantId, firstEditor ? [firstEditor] : [], this.initial);
    else if (firstEditor && stored.editors.length === 0) await this.store.saveEditors(tenantId, [firstEditor], stored.etag);
  }
}
