import { LRUCache } from 'lru-cache';
import type { TeamSettings } from './teamSettings';
import type { TeamSettingsStore } from './ports/teamSettingsStore';
import type { Versioned } from './ports';

/**
 * How long team settings read from storage are reused (real time, ms). Roles are security-relevant:
 * a role granted or revoked through another instance (or straight in storage) takes effect here
 * after at most this long; a save through the same {@link CachedTeamSettings} takes effect at once.
 */
const SETTINGS_TTL_MS = 10_000;

/**
 * Team settings with a short read cache, so an action does not read the settings row once for the
 * actor's roles and again for the escalation's role holders. Concurrent misses share one read;
 * failed reads are not cached. Times are real (monotonic), not the business clock. Bounded
 * (least recently used teams go first).
 */
export class CachedTeamSettings implements TeamSettingsStore {
  private readonly entries: LRUCache<string, Promise<Versioned<TeamSettings> | null>>;

  constructor(
    private readonly store: TeamSettingsStore,
    ttlMs = SETTINGS_TTL_MS,
    now: () => number = () => performance.now(),
    max = 10_000,
  ) {
    this.entries = new LRUCache({ max, ttl: ttlMs, perf: { now }, ttlResolution: 0 });
  }

  get(tenantId: string, teamId: string): Promise<Versioned<TeamSettings> | null> {
    const key = `${tenantId}\n${teamId}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const value = this.store.get(tenantId, teamId);
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.peek(key) === value) this.entries.delete(key);
    });
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
}
