import type { TableClient } from '@azure/data-tables';
import type { TeamSettings } from '../../src/app';
import { TableTeamSettingsStore } from '../../src/storage';

/** The teamleider the integration tests act as (`teamleider-1`, as DirectCase sends it). */
const TESS_LEIDER: TeamSettings['roleHolders'] = { teamleider: [{ id: 'teamleider-1', name: 'Tess Leider' }] };

/**
 * Stores team settings for `team` directly, over whatever is stored (the /instellingen card has
 * its own tests): the role holders given (by default {@link TESS_LEIDER}), no role channels or
 * gebiedsteams unless given. Throws when the store refuses.
 */
export const seedTeam = async (
  cases: TableClient,
  team: { readonly tenantId: string; readonly teamId: string },
  settings: Pick<TeamSettings, 'serviceUrl'> & Partial<Omit<TeamSettings, 'tenantId' | 'teamId'>>,
): Promise<void> => {
  const store = new TableTeamSettingsStore(cases);
  const existing = await store.get(team.tenantId, team.teamId);
  const stored: TeamSettings = {
    tenantId: team.tenantId,
    teamId: team.teamId,
    roleHolders: TESS_LEIDER,
    roleChannels: {},
    gebiedsteams: [],
    updatedAt: new Date().toISOString(),
    updatedBy: '',
    ...settings,
  };
  if (!(await store.save(stored, existing?.etag ?? null))) throw new Error('instellingen niet opgeslagen');
};
