import type { RegionalTable } from '../domain';
import type { Clock, Versioned } from './ports';

/** The regional table calendar of a tenant (functioneel beheerders maintain it). */
export interface CalendarStore {
  get(tenantId: string): Promise<Versioned<readonly RegionalTable[]> | null>;
  /** Creates (`etag` null) or replaces (ETag-guarded) the calendar; `false` on a conflict. */
  save(tenantId: string, tables: readonly RegionalTable[], etag: string | null): Promise<boolean>;
}

/**
 * Reads a tenant's calendar (`initial` until a beheerder saves one; `main.ts` passes the seed's
 * 2023 dates, `DEFAULT_TABLES`), cached for `ttlMs`: the calendar changes rarely and is read on
 * every action.
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
    const stored = await this.store.get(tenantId);
    const tables = stored?.value ?? this.initial;
    this.cache.set(tenantId, { at: now, tables });
    return tables;
  }

  /** Applies `change` to the current calendar with optimistic concurrency (retries on conflicts). */
  async update(tenantId: string, change: (tables: readonly RegionalTable[]) => readonly RegionalTable[]): Promise<readonly RegionalTable[]> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.store.get(tenantId);
      const next = [...change(stored?.value ?? this.initial)].sort((a, b) => (a.meeting === b.meeting ? a.region.localeCompare(b.region) : a.meeting < b.meeting ? -1 : 1));
      if (await this.store.save(tenantId, next, stored?.etag ?? null)) {
        this.cache.set(tenantId, { at: this.clock.now().getTime(), tables: next });
        return next;
      }
    }
    throw new Error('Kalender niet opgeslagen: te veel gelijktijdige wijzigingen');
  }
}
