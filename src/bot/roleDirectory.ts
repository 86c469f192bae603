import { CachedTeamSettings, type TeamSettingsStore, rolesIn } from '../app';
import type { Role } from '../domain';
import type { RoleDirectory } from './context';

/**
 * Roles from the team settings, checked on every action. The settings row is shared with the case
 * service through {@link CachedTeamSettings} (TTL `SETTINGS_TTL_MS`, 10 s): one read per team per
 * TTL instead of one or two per action; a role change elsewhere applies here within the TTL.
 */
export class SettingsRoleDirectory implements RoleDirectory {
  private readonly settings: TeamSettingsStore;

  constructor(settings: TeamSettingsStore) {
    this.settings = CachedTeamSettings.over(settings);
  }

  async rolesOf(tenantId: string, teamId: string, userId: string): Promise<readonly Role[]> {
    const s = await this.settings.get(tenantId, teamId);
    return rolesIn(s?.value ?? null, userId);
  }
}
