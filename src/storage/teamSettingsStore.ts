import type { TableClient } from '@azure/data-tables';
import type { TeamSettings, TeamSettingsStore, Versioned } from '../app';
import { JsonRow } from './jsonRow';
import { escapeKey, tenantPk } from './keys';

const rowKey = (teamId: string) => `team_${escapeKey(teamId)}`;

/** Team settings as one row `team_<teamId>` in the tenant partition. */
export class TableTeamSettingsStore implements TeamSettingsStore {
  private readonly row: JsonRow<TeamSettings>;

  constructor(table: TableClient) {
    this.row = new JsonRow(table);
  }

  get(tenantId: string, teamId: string): Promise<Versioned<TeamSettings> | null> {
    return this.row.get(tenantPk(tenantId), rowKey(teamId));
  }

  save(settings: TeamSettings, etag: string | null): Promise<boolean> {
    return this.row.save(tenantPk(settings.tenantId), rowKey(settings.teamId), settings, etag);
  }
}
