import { type TeamSettingsStore, rolesIn } from '../app';
import type { Role } from '../domain';
import type { RoleDirectory } from './context';

/**
 * Roles from the team settings, checked on every action. `main.ts` gives it the instance's
 * `CachedTeamSettings` (TTL 10 s), shared with the case service: a role change saved on another
 * instance applies here within the TTL, one saved here at once.
 */
export class SettingsRoleDirectory implements RoleDirectory {
  constructor(private readonly settings: TeamSettingsStore) {}

  async rolesOf(tenantId: string, teamId: string, userId: string): Promise<readonly Role[]> {
    const s = await this.settings.get(tenantId, teamId);
    return rolesIn(s?.value ?? null, userId);
  }
}
