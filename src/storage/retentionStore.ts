import { RestError, type TableClient, type TransactionAction, odata } from '@azure/data-tables';
import type { ClosedCase, PurgedCase, RetentionStore } from '../app';
import type { Case, CaseEvent, CaseId } from '../domain';
import { DOSSIER_PREFIX, prefixFilter, rk, tenantPk } from './keys';

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** Row kinds that belong to one case through their `caseId` column and go with it (audit events stay). */
const DEPENDENT = /^(outbox|dead|due|dedupe|dossier)_/;

/** The partition that held every tenant's dossier links before they moved into the tenant partitions. */
const LEGACY_DOSSIER_PK = 'dossier';

interface CaseRow {
  rowKey: string;
  data: string;
  state: string;
  version: number;
}

/** {@link RetentionStore} on the cases table: all rows of a tenant are in its partition. */
export class TableRetentionStore implements RetentionStore {
  constructor(private readonly table: TableClient) {}

  async closedCases(tenantId: string, states: readonly string[], before: Date, limit: number): Promise<readonly ClosedCase[]> {
    if (states.length === 0) return [];
    const stateFilter = states.map((s) => odata`state eq ${s}`).join(' or ');
    const filter = `${prefixFilter(tenantPk(tenantId), 'case_')} and (${stateFilter})`;
    const out: ClosedCase[] = [];
    const cutoff = before.toISOString();
    for await (const e of this.table.listEntities<CaseRow>({ queryOptions: { filter, select: ['RowKey', 'data', 'state', 'version'] } })) {
      const c = JSON.parse(e.data) as Case;
      if (!(c.updatedAt < cutoff)) continue;
      out.push({ caseId: c.id, state: e.state, version: e.version, closedAt: c.updatedAt, data: e.data });
      if (out.length >= limit) break;
    }
    return out;
  }

  async purgeCase(tenantId: string, c: ClosedCase, event: CaseEvent, purgedAt: string): Promise<{ purged: boolean; rows: number }> {
    const pk = tenantPk(tenantId);
    // One listing of the partition's rows for this case (key and caseId only); audit events stay.
    const filter = odata`PartitionKey eq ${pk} and caseId eq ${c.caseId}`;
    const dependents: string[] = [];
    for await (const e of this.table.listEntities<{ rowKey: string }>({ queryOptions: { filter, select: ['RowKey'] } })) {
      if (DEPENDENT.test(e.rowKey)) dependents.push(e.rowKey);
    }
    let rows = 0;
    for (let i = 0; i < dependents.length; i += 100) rows += await this.deleteAll(pk, dependents.slice(i, i + 100));
    const finish: TransactionAction[] = [
      ['delete', { partitionKey: pk, rowKey: rk.case(c.caseId) }],
      ['create', { partitionKey: pk, rowKey: rk.purged(c.caseId), caseId: c.caseId, closedAt: c.closedAt, purgedAt, state: c.state }],
      [
        'create',
        {
          partitionKey: pk,
          rowKey: rk.event(c.caseId, event.version, 'purge'),
          caseId: event.caseId,
          version: event.version,
          at: event.at,
          actorId: event.actorId,
          actorRoles: event.actorRoles.join(','),
          action: event.action,
          fromState: event.fromState,
          toState: event.toState,
          dataHash: event.dataHash,
        },
      ],
    ];
    try {
      await this.table.submitTransaction(finish);
      return { purged: true, rows: rows + 1 };
    } catch (e) {
      // 404: the case row is gone, 409: the marker exists: another run purged this case.
      if (statusOf(e) === 404 || statusOf(e) === 409) return { purged: false, rows };
      throw e;
    }
  }

  async purgedCases(tenantId: string, purgedBefore: Date, limit: number): Promise<readonly PurgedCase[]> {
    const filter = prefixFilter(tenantPk(tenantId), 'purged_');
    const cutoff = purgedBefore.toISOString();
    const out: PurgedCase[] = [];
    for await (const e of this.table.listEntities<{ caseId: string; closedAt: string; purgedAt: string }>({ queryOptions: { filter } })) {
      if (!(e.purgedAt < cutoff)) continue;
      out.push({ caseId: e.caseId as CaseId, closedAt: e.closedAt, purgedAt: e.purgedAt });
      if (out.length >= limit) break;
    }
    return out;
  }

  async purgeAudit(tenantId: string, p: PurgedCase): Promise<number> {
    const pk = tenantPk(tenantId);
    const keys: string[] = [];
    for await (const e of this.table.listEntities<{ rowKey: string }>({
      queryOptions: { filter: prefixFilter(pk, rk.eventsOf(p.caseId)), select: ['RowKey'] },
    })) {
      keys.push(e.rowKey);
    }
    let rows = 0;
    for (let i = 0; i < keys.length; i += 100) rows += await this.deleteAll(pk, keys.slice(i, i + 100));
    // The marker last: a crash before this line leaves it, and the next run finishes the job.
    rows += await this.deleteAll(pk, [rk.purged(p.caseId)]);
    return rows;
  }

  async purgeExpiredLinks(tenantId: string, now: Date, limit: number): Promise<number> {
    const pk = tenantPk(tenantId);
    const filter = `${prefixFilter(pk, DOSSIER_PREFIX)} and ${odata`expiresAt lt ${now.toISOString()}`}`;
    return this.deleteListed(pk, filter, limit);
  }

  async purgeLegacyLinks(limit: number): Promise<number> {
    return this.deleteListed(LEGACY_DOSSIER_PK, odata`PartitionKey eq ${LEGACY_DOSSIER_PK}`, limit);
  }

  /** Deletes up to `limit` rows of partition `pk` that `filter` lists, in transactions of ≤ 100. */
  private async deleteListed(pk: string, filter: string, limit: number): Promise<number> {
    const keys: string[] = [];
    for await (const e of this.table.listEntities<{ rowKey: string }>({ queryOptions: { filter, select: ['RowKey'] } })) {
      keys.push(e.rowKey);
      if (keys.length >= limit) break;
    }
    let rows = 0;
    for (let i = 0; i < keys.length; i += 100) rows += await this.deleteAll(pk, keys.slice(i, i + 100));
    return rows;
  }

  /** Deletes rows of one partition in one transaction; if one is gone already (another run), row by row. */
  private async deleteAll(pk: string, rowKeys: readonly string[]): Promise<number> {
    if (rowKeys.length === 0) return 0;
    try {
      await this.table.submitTransaction(rowKeys.map((rowKey): TransactionAction => ['delete', { partitionKey: pk, rowKey }]));
      return rowKeys.length;
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
    let n = 0;
    for (const rowKey of rowKeys) {
      try {
        await this.table.deleteEntity(pk, rowKey);
        n++;
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
      }
    }
    return n;
  }
}
