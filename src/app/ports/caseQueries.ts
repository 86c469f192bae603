import type { Case } from '../../domain';

/** Read-side queries over cases for the dashboard tab. */
export interface CaseQueries {
  /** Every case of `teamId` within the tenant's partition (never another tenant's). */
  listByTeam(tenantId: string, teamId: string): Promise<readonly Case[]>;
}
