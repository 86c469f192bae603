import { type TableClient, odata } from '@azure/data-tables';
import type { CaseQueries } from '../app';
import type { Case } from '../domain';
import { prefixFilter, tenantPk } from './keys';

/**
 * Azure Table implementation of {@link CaseQueries}: the case rows of the tenant's partition with
 * the team's `teamId` column (filtered by the service), `data` only; the case JSON is checked again.
 */
export class TableCaseQueries implements CaseQueries {
  constructor(private readonly table: TableClient) {}

  async listByTeam(tenantId: string, teamId: string): Promise<readonly Case[]> {
    const filter = `${prefixFilter(tenantPk(tenantId), 'case_')} and ${odata`teamId eq ${teamId}`}`;
    const out: Case[] = [];
    for await (const e of this.table.listEntities<{ data: string }>({ queryOptions: { filter, select: ['data'] } })) {
      const c = JSON.parse(e.data) as Case;
      if (c.tenantId === tenantId && c.location.teamId === teamId) out.push(c);
    }
    return out;
  }
}
