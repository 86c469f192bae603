import { type TeamSettingsStore, rolesIn } from '../app';
import type { Role } from '../domain';
import type { RoleDirectory } from './context';

/** Roles from the team settings, read fresh on every action (the server re-checks every time). */
export class SettingsRoleDirectory implements RoleDirectory {
  constructor(private readonly settings: TeamSettingsStore) {}

  async rolesOf(tenantId: string, teamId: string, userId: string): Promise<readonly Role[]> {
    const s = await this.settings.get(tenantId, teamId);
    return rolesIn(s?.value ?? null, userId);
  }
}
