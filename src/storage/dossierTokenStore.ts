import { RestError, type TableClient, odata } from '@azure/data-tables';
import type { DossierGrant, DossierTokenStore } from '../app';

/** Partition of the dossier links (one row per link, gone once used or purged after expiry). */
const DOSSIER_PK = 'dossier';

interface GrantEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  caseId: string;
  userId: string;
  userName: string;
  teamId: string;
  channelId: string;
  expiresAt: string;
}

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

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
 * Dossier links in the cases table, partition `dossier`, row key the token's SHA-256 (hex). A
 * link is used up by an ETag-guarded delete: of two requests with the same token exactly one
 * deletes the row and gets the grant; the other gets 404/412 and `null`.
 */
export class TableDossierTokenStore implements DossierTokenStore {
  constructor(private readonly table: TableClient) {}

  async put(tokenHash: string, grant: DossierGrant): Promise<void> {
    await this.table.createEntity<GrantEntity>({ partitionKey: DOSSIER_PK, rowKey: tokenHash, ...grant });
  }

  async peek(tokenHash: string): Promise<DossierGrant | null> {
    try {
      return grantOf(await this.table.getEntity<GrantEntity>(DOSSIER_PK, tokenHash));
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async take(tokenHash: string): Promise<DossierGrant | null> {
    let row: GrantEntity & { etag: string };
    try {
      row = await this.table.getEntity<GrantEntity>(DOSSIER_PK, tokenHash);
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
    try {
      await this.table.deleteEntity(DOSSIER_PK, tokenHash, { etag: row.etag });
    } catch (e) {
      const s = statusOf(e);
      if (s === 404 || s === 412) return null;
      throw e;
    }
    return grantOf(row);
  }

  async purgeExpired(now: Date, limit: number): Promise<number> {
    const filter = odata`PartitionKey eq ${DOSSIER_PK} and expiresAt lt ${now.toISOString()}`;
    let removed = 0;
    for await (const e of this.table.listEntities<GrantEntity>({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
      if (removed >= limit) break;
      try {
        await this.table.deleteEntity(DOSSIER_PK, e.rowKey ?? '', { etag: e.etag });
        removed++;
      } catch (err) {
        // Used or purged by another request meanwhile: nothing left to do for that row.
        if (![404, 412].includes(statusOf(err) ?? 0)) throw err;
      }
    }
    return removed;
  }
}
