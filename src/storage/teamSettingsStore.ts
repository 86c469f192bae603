import { RestError, type TableClient } from '@azure/data-tables';
import type { TeamSettings, TeamSettingsStore, Versioned } from '../app';
import { escapeKey, tenantPk } from './keys';

type SettingsEntity = { partitionKey: string; rowKey: string; data: string };

const rowKey = (teamId: string) => `team_${escapeKey(teamId)}`;
const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** Team settings as one row `team_<teamId>` in the tenant partition. */
export class TableTeamSettingsStore implements TeamSettingsStore {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string, teamId: string): Promise<Versioned<TeamSettings> | null> {
    try {
      const e = await this.table.getEntity<SettingsEntity>(tenantPk(tenantId), rowKey(teamId));
      return { value: JSON.parse(e.data) as TeamSettings, etag: e.etag };
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async save(settings: TeamSettings, etag: string | null): Promise<boolean> {
    const entity: SettingsEntity = { partitionKey: tenantPk(settings.tenantId), rowKey: rowKey(settings.teamId), data: JSON.stringify(settings) };
    try {
      if (etag === null) await this.table.createEntity(entity);
      else await this.table.updateEntity(entity, 'Replace', { etag });
      return true;
    } catch (e) {
      if (statusOf(e) === 409 || statusOf(e) === 412) return false;
      throw e;
    }
  }
}
