import { RestError, type TableClient } from '@azure/data-tables';
import type { DossierGrant, DossierLinkRow, DossierTokenStore } from '../app';
import { rk, tenantPk } from './keys';

type GrantEntity = {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  caseId: string;
  userId: string;
  userName: string;
  teamId: string;
  channelId: string;
  expiresAt: string;
};

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** The row of a dossier link in its case's tenant partition (written by the details view's transaction). */
export const linkEntity = (link: DossierLinkRow): GrantEntity => ({
  partitionKey: tenantPk(link.grant.tenantId),
  rowKey: rk.dossier(link.tokenHash),
  ...link.grant,
});

const grantOf = (e: GrantEntity): DossierGrant => ({
  tenantId: e.tenantId,
  caseId: e.caseId as DossierGrant['caseId'],
  userId: e.userId,
  userName: e.userName,
  teamId: e.teamId,
  channelId: e.channelId,
  expiresAt: e.expiresAt,
});

/**
 * Dossier links in the cases table: partition of the tenant the link names, row key
 * `dossier_<SHA-256 of the secret, hex>`. A link is used up by an ETag-guarded delete: of two
 * requests with the same token exactly one deletes the row and gets the grant; the other gets
 * 404/412 and `null`. Expired rows are swept by the daily retention run (`TableRetentionStore`).
 */
export class TableDossierTokenStore implements DossierTokenStore {
  constructor(private readonly table: TableClient) {}

  async peek(tenantId: string, tokenHash: string): Promise<DossierGrant | null> {
    const row = await this.read(tenantId, tokenHash);
    return row ? grantOf(row) : null;
  }

  async take(tenantId: string, tokenHash: string): Promise<DossierGrant | null> {
    const row = await this.read(tenantId, tokenHash);
    if (!row) return null;
    try {
      await this.table.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag });
    } catch (e) {
      const s = statusOf(e);
      if (s === 404 || s === 412) return null;
      throw e;
    }
    return grantOf(row);
  }

  private async read(tenantId: string, tokenHash: string): Promise<(GrantEntity & { etag: string }) | null> {
    try {
      return await this.table.getEntity<GrantEntity>(tenantPk(tenantId), rk.dossier(tokenHash));
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }
}
