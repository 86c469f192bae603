import { RestError, type TableClient, type TableEntityResult, type TransactionAction, odata } from '@azure/data-tables';
import type { CaseCommit, CaseNumberClaim, CaseRepository, CommitFailure, DossierLinkRow, Versioned } from '../app';
import { type Case, type CaseEvent, type CaseId, type Result, err, formatCaseId, ok } from '../domain';
import { linkEntity } from './dossierTokenStore';
import { TENANTS_PK, outboxRow, prefixFilter, rk, tenantPk } from './keys';
import { setTimeout as sleep } from 'node:timers/promises';

type CaseEntity = {
  partitionKey: string;
  rowKey: string;
  data: string;
  state: string;
  route: string;
  channelId: string;
  teamId: string;
  version: number;
};

type CounterEntity = {
  partitionKey: string;
  rowKey: string;
  next: number;
};

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** The case row as {@link TableCaseRepository} writes it (exported for the benches that bulk-load rows). */
export const toEntity = (c: Case): CaseEntity => ({
  partitionKey: tenantPk(c.tenantId),
  rowKey: rk.case(c.id),
  data: JSON.stringify(c),
  state: c.state,
  route: c.route ?? '',
  channelId: c.location.channelId,
  teamId: c.location.teamId,
  version: c.version,
});

const fromEntity = (e: TableEntityResult<CaseEntity>): Versioned<Case> => ({
  value: JSON.parse(e.data) as Case,
  etag: e.etag,
});

const eventEntity = (tenantId: string, e: CaseEvent, n: number) => ({
  partitionKey: tenantPk(tenantId),
  rowKey: rk.event(e.caseId, e.version, n),
  caseId: e.caseId,
  version: e.version,
  at: e.at,
  actorId: e.actorId,
  actorName: e.actorName ?? '',
  actorRoles: e.actorRoles.join(','),
  action: e.action,
  fromState: e.fromState,
  toState: e.toState,
  dataHash: e.dataHash,
});

/** Azure Table Storage implementation of {@link CaseRepository}; every case write is ETag-guarded. */
export class TableCaseRepository implements CaseRepository {
  private readonly knownTenants = new Set<string>();

  constructor(private readonly table: TableClient) {}

  async nextCaseId(tenantId: string, year: number): Promise<CaseId> {
    const pk = tenantPk(tenantId);
    const rowKey = rk.counter(year);
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        const current = await this.table.getEntity<CounterEntity>(pk, rowKey);
        await this.table.updateEntity({ partitionKey: pk, rowKey, next: current.next + 1 }, 'Replace', { etag: current.etag });
        return formatCaseId(year, current.next);
      } catch (e) {
        const status = statusOf(e);
        if (status === 404) {
          try {
            await this.table.createEntity({ partitionKey: pk, rowKey, next: 2 });
            return formatCaseId(year, 1);
          } catch (e2) {
            if (statusOf(e2) !== 409) throw e2;
          }
        } else if (status !== 412) {
          throw e;
        }
        await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
      }
    }
    throw new Error('Geen casusnummer kunnen toewijzen: te veel gelijktijdige aanvragen');
  }

  async peekCaseNumber(tenantId: string, year: number): Promise<CaseNumberClaim> {
    try {
      const current = await this.table.getEntity<CounterEntity>(tenantPk(tenantId), rk.counter(year));
      return { year, number: current.next, etag: current.etag };
    } catch (e) {
      if (statusOf(e) === 404) return { year, number: 1, etag: null };
      throw e;
    }
  }

  async get(tenantId: string, id: CaseId): Promise<Versioned<Case> | null> {
    try {
      return fromEntity(await this.table.getEntity<CaseEntity>(tenantPk(tenantId), rk.case(id)));
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async purgedAt(tenantId: string, id: CaseId): Promise<string | null> {
    try {
      const marker = await this.table.getEntity<{ purgedAt?: unknown }>(tenantPk(tenantId), rk.purged(id), {
        queryOptions: { select: ['purgedAt'] },
      });
      return typeof marker.purgedAt === 'string' ? marker.purgedAt : null;
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async commit(change: CaseCommit): Promise<Result<Versioned<Case>, CommitFailure>> {
    const { case: c } = change;
    const pk = tenantPk(c.tenantId);
    await this.registerTenant(c.tenantId);
    const entity = toEntity(c);
    const actions: TransactionAction[] = [
      change.etag === null ? ['create', entity] : ['update', entity, 'Replace', { etag: change.etag }],
      ...change.events.map((e, n): TransactionAction => ['create', eventEntity(c.tenantId, e, n)]),
      ...change.outbox.map((m): TransactionAction => ['create', outboxRow(c.tenantId, m)]),
    ];
    for (const r of change.reminders ?? []) {
      actions.push(['upsert', { partitionKey: pk, rowKey: rk.due(r.at, r.key), ...r }, 'Replace']);
    }
    if (change.dedupeKey) {
      actions.push(['create', { partitionKey: pk, rowKey: rk.dedupe(change.dedupeKey), caseId: c.id, at: c.updatedAt }]);
    }
    const n = change.number;
    if (n) {
      // Taking the number is part of the transaction: a failed commit leaves the counter as it was.
      const counter = { partitionKey: pk, rowKey: rk.counter(n.year), next: n.number + 1 };
      actions.push(n.etag === null ? ['create', counter] : ['update', counter, 'Replace', { etag: n.etag }]);
    }
    try {
      const response = await this.table.submitTransaction(actions);
      const etag = response.subResponses[0]?.etag;
      if (!etag) throw new Error('Transactie gaf geen ETag terug voor de casus');
      return ok({ value: c, etag });
    } catch (e) {
      const status = statusOf(e);
      if (status === 409 || status === 412) {
        if (change.dedupeKey && (await this.seen(c.tenantId, change.dedupeKey))) return err('duplicate');
        return err('conflict');
      }
      throw e;
    }
  }

  async recordView(tenantId: string, event: CaseEvent, dedupeKey: string, link?: DossierLinkRow): Promise<void> {
    const pk = tenantPk(tenantId);
    const n = `v${Date.parse(event.at).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    if (link && link.grant.tenantId !== tenantId) throw new Error('Dossierlink hoort bij een andere tenant dan de inzage');
    const actions: TransactionAction[] = [
      ['create', { ...eventEntity(tenantId, event, 0), rowKey: rk.event(event.caseId, event.version, n) }],
      ['create', { partitionKey: pk, rowKey: rk.dedupe(dedupeKey), caseId: event.caseId, at: event.at }],
    ];
    if (link) actions.push(['create', linkEntity(link)]);
    try {
      await this.table.submitTransaction(actions);
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
      // The view was recorded before (a re-delivery): the event stays single, the new link is stored alone.
      if (link) await this.createIfAbsent(linkEntity(link));
    }
  }

  private async createIfAbsent(entity: { partitionKey: string; rowKey: string }): Promise<void> {
    try {
      await this.table.createEntity(entity);
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
    }
  }

  async seen(tenantId: string, dedupeKey: string): Promise<boolean> {
    try {
      await this.table.getEntity(tenantPk(tenantId), rk.dedupe(dedupeKey), { queryOptions: { select: ['caseId'] } });
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }

  async listByChannel(tenantId: string, channelId: string): Promise<readonly Case[]> {
    const filter = `${prefixFilter(tenantPk(tenantId), 'case_')} and ${odata`channelId eq ${channelId}`}`;
    const out: Case[] = [];
    for await (const e of this.table.listEntities<CaseEntity>({ queryOptions: { filter } })) {
      out.push(JSON.parse(e.data) as Case);
    }
    return out;
  }

  async events(tenantId: string, id: CaseId): Promise<readonly CaseEvent[]> {
    const filter = prefixFilter(tenantPk(tenantId), rk.eventsOf(id));
    const out: CaseEvent[] = [];
    type Row = Omit<CaseEvent, 'actorRoles' | 'caseId'> & { caseId: string; actorRoles: string };
    for await (const e of this.table.listEntities<Row>({ queryOptions: { filter } })) {
      out.push({
        caseId: e.caseId as CaseId,
        version: e.version,
        at: e.at,
        actorId: e.actorId,
        ...(e.actorName ? { actorName: e.actorName } : {}),
        actorRoles: (e.actorRoles ? e.actorRoles.split(',') : []) as CaseEvent['actorRoles'],
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        dataHash: e.dataHash,
      });
    }
    return out;
  }

  async ping(signal?: AbortSignal): Promise<void> {
    try {
      await this.table.getEntity('health', 'ping', signal ? { abortSignal: signal } : {});
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }

  private async registerTenant(tenantId: string): Promise<void> {
    if (this.knownTenants.has(tenantId)) return;
    await this.table.upsertEntity({ partitionKey: TENANTS_PK, rowKey: tenantPk(tenantId), tenantId }, 'Merge');
    this.knownTenants.add(tenantId);
  }
}
