import type { TableClient } from '@azure/data-tables';
import type { CaseQueries } from '../app';
import type { Case } from '../domain';
import { prefixFilter, tenantPk } from './keys';

/**
 * Azure Table implementation of {@link CaseQueries}. Queries only the tenant's partition.
 * The case row has no `teamId` column yet, so the team is read from the case JSON
 * (`location.teamId`) after fetching the partition's case rows (`data` only).
 * TODO: once case rows carry a `teamId` column, filter on it server-side.
 */
export class TableCaseQueries implements CaseQueries {
  constructor(private readonly table: TableClient) {}

  async listByTeam(tenantId: string, teamId: string): Promise<readonly Case[]> {
    const filter = prefixFilter(tenantPk(tenantId), 'case_');
    const out: Case[] = [];
    for await (const e of this.table.listEntities<{ data: string }>({ queryOptions: { filter, select: ['data'] } })) {
      const c = JSON.parse(e.data) as Case;
      if (c.tenantId === tenantId && c.location.teamId === teamId) out.push(c);
    }
    return out;
  }
}
