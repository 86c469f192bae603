import { RestError, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { DOSSIER_PREFIX, TENANTS_PK, tenantPk } from './keys';
import { type Result, err, ok } from '../domain';

/**
 * A tenant's data as rows: everything Escaleer keeps for a tenant lives in the `cases` table, in the
 * tenant partition `t_<tenant>` (cases, audit events, outbox, dead letters, reminders, dedupe rows,
 * counters, team settings, calendar, purge markers), plus its entry in the tenant registry. The
 * `leases` table holds only short-lived job and conversation claims of the running instances: no
 * tenant data, so it is not exported. Nor are the dossier links (`dossier_…`) in the partition:
 * grants of ten minutes to one colleague, not the tenant's records.
 *
 * File format (JSON lines): a header line, then one line per row. Property values are JSON strings,
 * numbers and booleans as Azure returns them; other Edm types (never written by Escaleer, but kept
 * exact if present) as `{"type": "DateTime" | "Int64" | "Binary" | …, "value": "…"}`.
 */
export const EXPORT_FORMAT = 'escaleer-export';
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly tenantId: string;
  readonly exportedAt: string;
}

export type RowValue = string | number | boolean | { readonly type: string; readonly value: string };

export interface ExportRow {
  readonly table: 'cases';
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly properties: Readonly<Record<string, RowValue>>;
}

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** Row metadata the service sets itself; never exported or restored. */
const SYSTEM = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.etag', 'odata.metadata']);

const toRowValue = (v: unknown): RowValue | undefined => {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return { type: 'Int64', value: v.toString() };
  if (v instanceof Date) return { type: 'DateTime', value: v.toISOString() };
  if (v instanceof Uint8Array) return { type: 'Binary', value: Buffer.from(v).toString('base64') };
  if (v && typeof v === 'object' && 'type' in v && 'value' in v) return { type: String(v.type), value: String(v.value) };
  return undefined;
};

const toRow = (e: Record<string, unknown> & { partitionKey?: string; rowKey?: string }): ExportRow => {
  const properties: Record<string, RowValue> = {};
  for (const [k, v] of Object.entries(e)) {
    if (SYSTEM.has(k)) continue;
    const value = toRowValue(v);
    if (value !== undefined) properties[k] = value;
  }
  return { table: 'cases', partitionKey: e.partitionKey ?? '', rowKey: e.rowKey ?? '', properties };
};

/** Every row of one tenant, registry entry first, then the tenant partition in key order. */
export async function* tenantRows(cases: TableClient, tenantId: string): AsyncGenerator<ExportRow> {
  const pk = tenantPk(tenantId);
  try {
    yield toRow(await cases.getEntity<Record<string, unknown>>(TENANTS_PK, pk));
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
  }
  const filter = `PartitionKey eq '${pk.replace(/'/g, "''")}'`;
  for await (const e of cases.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
    if (!e.rowKey?.startsWith(DOSSIER_PREFIX)) yield toRow(e);
  }
}

const rowValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.object({ type: z.enum(['Binary', 'Boolean', 'DateTime', 'Double', 'Guid', 'Int32', 'Int64', 'String']), value: z.string() }).strict(),
]);
const headerSchema = z
  .object({ format: z.literal(EXPORT_FORMAT), version: z.literal(EXPORT_VERSION), tenantId: z.string().min(1), exportedAt: z.string() })
  .strict();
const rowSchema = z
  .object({
    table: z.literal('cases'),
    partitionKey: z.string().min(1).max(1024),
    rowKey: z.string().min(1).max(1024),
    properties: z.record(rowValue).refine((p) => Object.keys(p).every((k) => !SYSTEM.has(k)), 'systeemvelden horen niet in een export'),
  })
  .strict();

/** A checked export, or the Dutch problems found in it (line by line). */
export type ParsedExport = Result<{ readonly header: ExportHeader; readonly rows: readonly ExportRow[] }, readonly string[]>;

/** Parses and checks an export file: the header, every row, and that every row belongs to the header's tenant. */
export const parseExport = (text: string): ParsedExport => {
  const lines = text
    .split('\n')
    .map((l, i) => ({ n: i + 1, text: l.trim() }))
    .filter((l) => l.text !== '');
  const first = lines[0];
  if (!first) return err(['Het bestand is leeg.']);
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const h = headerSchema.safeParse(parse(first.text));
  if (!h.success)
    return err([
      `Regel ${first.n}: dit is geen export van Escaleer (de eerste regel moet de kop zijn met format "${EXPORT_FORMAT}", versie ${EXPORT_VERSION} en de tenant).`,
    ]);
  const header = h.data as ExportHeader;
  const pk = tenantPk(header.tenantId);
  const problems: string[] = [];
  const rows: ExportRow[] = [];
  const seen = new Set<string>();
  for (const line of lines.slice(1)) {
    const json = parse(line.text);
    if (json === undefined) {
      problems.push(`Regel ${line.n}: geen geldige JSON.`);
      continue;
    }
    const r = rowSchema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      problems.push(`Regel ${line.n}: ongeldige rij (${issue?.path.join('.') || 'rij'}: ${issue?.message ?? ''}).`);
      continue;
    }
    const row = r.data as ExportRow;
    const mine = row.partitionKey === pk || (row.partitionKey === TENANTS_PK && row.rowKey === pk);
    const key = `${row.partitionKey}\u0000${row.rowKey}`;
    if (!mine) problems.push(`Regel ${line.n}: rij ${row.partitionKey}/${row.rowKey} hoort niet bij tenant ${header.tenantId}.`);
    else if (seen.has(key)) problems.push(`Regel ${line.n}: rij ${row.partitionKey}/${row.rowKey} staat twee keer in het bestand.`);
    else {
      seen.add(key);
      rows.push(row);
    }
  }
  return problems.length > 0 ? err(problems) : ok({ header, rows });
};

const toEntity = (row: ExportRow): TableEntity => {
  const entity: TableEntity<Record<string, unknown>> = { partitionKey: row.partitionKey, rowKey: row.rowKey };
  for (const [k, v] of Object.entries(row.properties)) {
    entity[k] =
      typeof v === 'object'
        ? {
            type: v.type,
            value: v.type === 'Boolean' ? v.value === 'true' : v.type === 'Int32' || v.type === 'Double' ? Number(v.value) : v.value,
          }
        : v;
  }
  return entity;
};

/** How many rows were written, or (nothing written) the first keys that exist already and how many do. */
export type RestoreOutcome = Result<number, { readonly existing: readonly string[]; readonly existingCount: number }>;

/**
 * Writes the rows of an export back, but only when none of them exists: first every key is checked
 * (one listing of the tenant partition), and any existing row means nothing is written. The writes
 * are transactions of ≤ 100 rows that only create, so a row that appears meanwhile makes its batch
 * fail instead of being overwritten.
 */
export const restoreRows = async (cases: TableClient, rows: readonly ExportRow[]): Promise<RestoreOutcome> => {
  const keys = new Set(rows.map((r) => `${r.partitionKey}\u0000${r.rowKey}`));
  const partitions = [...new Set(rows.filter((r) => r.partitionKey !== TENANTS_PK).map((r) => r.partitionKey))];
  const existing: string[] = [];
  for (const pk of partitions) {
    const filter = `PartitionKey eq '${pk.replace(/'/g, "''")}'`;
    for await (const e of cases.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['RowKey'] } })) {
      if (keys.has(`${pk}\u0000${e.rowKey ?? ''}`)) existing.push(`${pk}/${e.rowKey ?? ''}`);
    }
  }
  for (const r of rows.filter((x) => x.partitionKey === TENANTS_PK)) {
    try {
      await cases.getEntity(r.partitionKey, r.rowKey);
      existing.push(`${r.partitionKey}/${r.rowKey}`);
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }
  if (existing.length > 0) return err({ existing: existing.slice(0, 10), existingCount: existing.length });
  let written = 0;
  const byPartition = new Map<string, ExportRow[]>();
  for (const r of rows) byPartition.set(r.partitionKey, [...(byPartition.get(r.partitionKey) ?? []), r]);
  for (const list of byPartition.values()) {
    for (let i = 0; i < list.length; i += 100) {
      const batch = list.slice(i, i + 100).map((r): TransactionAction => ['create', toEntity(r)]);
      await cases.submitTransaction(batch);
      written += batch.length;
    }
  }
  return ok(written);
};
