import type { TeamSettings } from '../teamSettings';
import type { Versioned } from './versioned';

export interface TeamSettingsStore {
  get(tenantId: string, teamId: string): Promise<Versioned<TeamSettings> | null>;
  /** Creates (`etag` null) or replaces (ETag-guarded) the settings; `false` on a conflict. */
  save(settings: TeamSettings, etag: string | null): Promise<boolean>;
}
