import { RestError, type TableClient, type TransactionAction, odata } from '@azure/data-tables';
import type { DueReminder, OutboxMessage, ReminderIndex } from '../app';
import { escapeKey, outboxRow, rk, tenantPk } from './keys';

type DueEntity = DueReminder & { partitionKey: string; rowKey: string };
const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** Reminder rows `due_<ISO instant>_<key>`: a range query up to "now" finds what is due, never a scan of cases. */
export class TableReminderIndex implements ReminderIndex {
  constructor(private readonly table: TableClient) {}

  async due(tenantId: string, until: Date, limit: number): Promise<readonly { value: DueReminder; etag: string }[]> {
    const pk = tenantPk(tenantId);
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${'due_'} and RowKey lt ${`due_${until.toISOString()}\``}`;
    const out: { value: DueReminder; etag: string }[] = [];
    for await (const e of this.table.listEntities<DueEntity>({ queryOptions: { filter } })) {
      out.push({ value: { caseId: e.caseId, key: e.key, kind: e.kind, at: e.at, role: e.role, message: e.message }, etag: e.etag });
      if (out.length >= limit) break;
    }
    return out;
  }

  async fire(tenantId: string, row: { value: DueReminder; etag: string }, outbox: OutboxMessage | null): Promise<boolean> {
    const pk = tenantPk(tenantId);
    // A transaction's delete takes no ETag; exactly-once holds because the row exists once (a
    // second delete fails with 404) and reminder outbox ids derive from the reminder key (409).
    const actions: TransactionAction[] = [['delete', { partitionKey: pk, rowKey: rk.due(row.value.at, row.value.key) }]];
    if (outbox) actions.push(['create', outboxRow(tenantId, outbox)]);
    try {
      await this.table.submitTransaction(actions);
      return true;
    } catch (e) {
      const status = statusOf(e);
      if (status === 404 || status === 409 || status === 412) return false;
      throw e;
    }
  }

  async deadLetter(tenantId: string, row: { value: DueReminder; etag: string }, info: { error: string; at: Date }): Promise<boolean> {
    const pk = tenantPk(tenantId);
    const r = row.value;
    try {
      await this.table.submitTransaction([
        ['delete', { partitionKey: pk, rowKey: rk.due(r.at, r.key) }],
        [
          'upsert',
          {
            partitionKey: pk,
            rowKey: `deadrem_${escapeKey(r.key)}`,
            caseId: r.caseId,
            key: r.key,
            kind: r.kind,
            dueAt: r.at,
            role: r.role,
            fout: info.error,
            deadAt: info.at.toISOString(),
          },
          'Replace',
        ],
      ]);
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }
}
