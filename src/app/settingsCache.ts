import type { TeamSettings, TeamSettingsStore } from './teamSettings';
import type { Versioned } from './ports';

/**
 * How long team settings read from storage are reused (real time, ms). Roles are security-relevant:
 * a role granted or revoked through another instance (or straight in storage) takes effect here
 * after at most this long; a save through the same {@link CachedTeamSettings} takes effect at once.
 */
export const SETTINGS_TTL_MS = 10_000;

type Entry = { readonly at: number; readonly value: Promise<Versioned<TeamSettings> | null> };

/**
 * Team settings with a short read cache, so an action does not read the settings row once for the
 * actor's roles and again for the escalation's role holders. Concurrent misses share one read;
 * failed reads are not cached. Times are real (monotonic), not the business clock.
 */
export class CachedTeamSettings implements TeamSettingsStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: TeamSettingsStore,
    private readonly ttlMs = SETTINGS_TTL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(tenantId: string, teamId: string): Promise<Versioned<TeamSettings> | null> {
    const key = `${tenantId}\n${teamId}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = this.store.get(tenantId, teamId);
    const entry: Entry = { at: now, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > 10_000) this.prune(now);
    return value;
  }

  async save(settings: TeamSettings, etag: string | null): Promise<boolean> {
    const key = `${settings.tenantId}\n${settings.teamId}`;
    this.entries.delete(key);
    try {
      return await this.store.save(settings, etag);
    } finally {
      this.entries.delete(key);
    }
  }

  private prune(now: number): void {
    for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
  }
}
