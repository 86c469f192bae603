/**
 * Bulk-loads rows into a persisted Azurite by writing its LokiJS database file directly.
 *
 * Why: Azurite's Table store (LokiTableMetadataStore) looks every insert up with
 * `findOne({ PartitionKey, RowKey })`, which walks the whole partition, so loading N rows through
 * the Table API costs O(N²): 200,000 rows in 10 partitions did not finish in 400 s. Here the
 * tables are created and one sample row of each shape is written through the normal API, the
 * emulator is stopped (it flushes `__azurite_db_table__.json`), the other rows are appended to
 * that file as Loki documents of exactly the stored shape (with `$loki`, `meta`, `maxId` and the
 * binary indices kept consistent), and the emulator is started again on it.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TableClient } from '@azure/data-tables';
import { DEV_ACCOUNT, type RunningAzurite, startAzurite } from '../../src/storage/azurite';
import { openTables } from '../../src/storage';

/** The file Azurite's Table service persists its LokiJS database to, inside `--location`. */
const DB_FILE = '__azurite_db_table__.json';
const dbFile = (location: string): string => join(location, DB_FILE);

/** A row as the SDK takes it. Values: strings, booleans and 32-bit integers (stored without an OData type). */
export interface SeedRow {
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly [property: string]: string | number | boolean;
}

interface LokiMeta {
  revision: number;
  created: number;
  version: number;
  updated?: number;
}

/** An entity as Azurite stores it in its Loki collection. */
interface LokiEntity {
  PartitionKey: string;
  RowKey: string;
  properties: Record<string, unknown>;
  lastModifiedTime: string;
  eTag: string;
  meta: LokiMeta;
  $loki: number;
}

interface LokiBinaryIndex {
  name: string;
  dirty: boolean;
  values: number[];
}

interface LokiCollection {
  name: string;
  data: LokiEntity[];
  idIndex: number[] | null;
  binaryIndices: Record<string, LokiBinaryIndex>;
  maxId: number;
  dirty: boolean;
  adaptiveBinaryIndices: boolean;
}

interface LokiDatabase {
  collections: LokiCollection[];
  autosave?: boolean;
  autosaveInterval?: number;
}

/** The comparators LokiJS orders its binary indices with (`Loki.Comparators`). */
interface LokiComparators {
  lt(a: unknown, b: unknown, equal: boolean): boolean;
  gt(a: unknown, b: unknown, equal: boolean): boolean;
}

/** Azurite's own copy of LokiJS, so the indices are ordered exactly as the emulator orders them. */
const lokiComparators = (): LokiComparators => {
  const path = require.resolve('lokijs', { paths: [dirname(require.resolve('azurite/package.json'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path resolved at run time (Azurite's own copy)
  const loki = require(path) as { Comparators?: LokiComparators };
  if (!loki.Comparators) throw new Error(`lokijs (${path}) exporteert geen Comparators`);
  return loki.Comparators;
};

const isInt32 = (v: number): boolean => Number.isInteger(v) && v >= -2_147_483_648 && v <= 2_147_483_647;

/** The `properties` Azurite stores for `row` (before it adds `Timestamp`): keys first, then the row's own properties. */
const propertiesOf = (row: SeedRow): Record<string, unknown> => {
  const out: Record<string, unknown> = { PartitionKey: row.partitionKey, RowKey: row.rowKey };
  for (const [k, v] of Object.entries(row)) {
    if (k === 'partitionKey' || k === 'rowKey') continue;
    if (typeof v === 'number' && !isInt32(v))
      throw new Error(`lokiSeed: ${k}=${v} is geen 32-bits geheel getal (zou een OData-type krijgen)`);
    out[k] = v;
  }
  return out;
};

/** Which rows share a stored shape: property names and value types, in order. */
const shapeOf = (row: SeedRow): string =>
  Object.entries(row)
    .map(([k, v]) => `${k}:${typeof v}`)
    .join(',');

/**
 * Azurite's `lastModifiedTime` format: ISO time to the millisecond plus 4 more digits (Azurite takes
 * them from `process.hrtime()`; here a counter, so every bulk row gets its own time and ETag).
 */
const modTime = (ms: number, n: number): string => `${new Date(ms).toISOString().slice(0, -1)}${String(n % 10_000).padStart(4, '0')}Z`;

const entityOf = (row: SeedRow, $loki: number, ms: number, n: number): LokiEntity => {
  const time = modTime(ms, n);
  return {
    PartitionKey: row.partitionKey,
    RowKey: row.rowKey,
    properties: { ...propertiesOf(row), Timestamp: time, 'Timestamp@odata.type': 'Edm.DateTime' },
    lastModifiedTime: time,
    eTag: `W/"datetime'${encodeURIComponent(time)}'"`,
    meta: { revision: 0, created: ms, version: 0 },
    $loki,
  };
};

/** The parts of a stored entity that do not depend on when it was written. */
const timeless = (e: LokiEntity): string => {
  const { Timestamp: _t, ...properties } = e.properties;
  return JSON.stringify({
    PartitionKey: e.PartitionKey,
    RowKey: e.RowKey,
    properties,
    keys: Object.keys(e).sort(),
    propertyOrder: Object.keys(e.properties),
    meta: Object.keys(e.meta).sort(),
  });
};

/** Positions of `data` ordered by `property` as LokiJS's `ensureIndex` orders them (stable sort of 0…n-1). */
const sortedPositions = (data: readonly LokiEntity[], property: 'PartitionKey' | 'RowKey', cmp: LokiComparators): number[] =>
  Array.from({ length: data.length }, (_, i) => i).sort((a, b) => {
    const x = data[a]?.[property];
    const y = data[b]?.[property];
    if (x !== y) {
      if (cmp.lt(x, y, false)) return -1;
      if (cmp.gt(x, y, false)) return 1;
    }
    return 0;
  });

const collectionOf = (db: LokiDatabase, table: string): LokiCollection => {
  const exact = `${DEV_ACCOUNT}$${table}`;
  const coll = db.collections.find((c) => c.name === exact) ?? db.collections.find((c) => c.name.toLowerCase() === exact.toLowerCase());
  if (!coll) throw new Error(`lokiSeed: collectie ${exact} niet in ${db.collections.map((c) => c.name).join(', ')}`);
  if (!Array.isArray(coll.data) || typeof coll.maxId !== 'number' || typeof coll.binaryIndices !== 'object')
    throw new Error(`lokiSeed: collectie ${coll.name} heeft een onbekende vorm`);
  return coll;
};

export interface SeedTimings {
  /** Tables and sample rows through the API, emulator stopped (flushes the file). */
  readonly api: number;
  /** Documents and indices built, file written. */
  readonly file: number;
  /** Emulator started on the file (it loads and saves it once). */
  readonly start: number;
  /** Reads and writes through the SDK that check the emulator sees the rows. */
  readonly verify: number;
}

export interface SeededAzurite {
  readonly azurite: RunningAzurite;
  readonly location: string;
  /** Rows in `<prefix>Cases` after loading. */
  readonly rows: number;
  /** Size of the database file as written (bytes). */
  readonly bytes: number;
  /** LokiJS saves the whole file every this many ms when something changed (Azurite 3.35: 5,000). */
  readonly autosaveMs: number;
  readonly seconds: SeedTimings;
}

/**
 * Starts a persisted Azurite in `location` (an empty folder) whose `<prefix>Cases` table holds
 * `rows`, and `<prefix>Leases` exists (both as `openTables` creates them). The caller closes it.
 */
export const seedAzurite = async (location: string, prefix: string, rows: readonly SeedRow[], verify = true): Promise<SeededAzurite> => {
  const table = `${prefix}Cases`;
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.partitionKey}\u0000${r.rowKey}`;
    if (seen.has(key)) throw new Error(`lokiSeed: rij ${r.partitionKey}/${r.rowKey} staat er twee keer in`);
    seen.add(key);
  }
  seen.clear();

  // 1. Tables and one row of each shape through the normal code path; stopping flushes the file.
  let t = performance.now();
  const samples = new Map<string, SeedRow>();
  for (const r of rows) if (!samples.has(shapeOf(r))) samples.set(shapeOf(r), r);
  const first = await startAzurite({ location, port: 0 });
  try {
    const tables = await openTables({ kind: 'connectionString', connectionString: first.connectionString }, prefix);
    // As bench/lib/seed.ts's bulkInsert writes rows: an upsert (Replace) inside a transaction.
    for (const r of samples.values()) await tables.cases.submitTransaction([['upsert', { ...r }, 'Replace']]);
  } finally {
    await first.close();
  }
  const api = (performance.now() - t) / 1000;

  // 2. The other rows appended as documents of the same shape; indices rebuilt as LokiJS would.
  t = performance.now();
  const db = JSON.parse(readFileSync(dbFile(location), 'utf8')) as LokiDatabase;
  const coll = collectionOf(db, table);
  if (db.autosave !== true || typeof db.autosaveInterval !== 'number')
    throw new Error(`lokiSeed: ${DB_FILE} zonder autosave (${String(db.autosave)}, ${String(db.autosaveInterval)})`);
  const autosaveMs = db.autosaveInterval;
  const stored = new Map(coll.data.map((e) => [`${e.PartitionKey}\u0000${e.RowKey}`, e]));
  const sampleKeys = new Set<string>();
  for (const r of samples.values()) {
    const key = `${r.partitionKey}\u0000${r.rowKey}`;
    const e = stored.get(key);
    if (!e) throw new Error(`lokiSeed: voorbeeldrij ${r.partitionKey}/${r.rowKey} staat niet in ${DB_FILE}`);
    const mine = entityOf(r, e.$loki, e.meta.created, 0);
    if (timeless(mine) !== timeless(e))
      throw new Error(`lokiSeed: opgeslagen vorm wijkt af:\n azurite ${timeless(e)}\n hier    ${timeless(mine)}`);
    if (e.properties['Timestamp'] !== e.lastModifiedTime || e.eTag !== `W/"datetime'${encodeURIComponent(e.lastModifiedTime)}'"`)
      throw new Error(`lokiSeed: onverwachte tijd/ETag: ${e.lastModifiedTime} ${e.eTag}`);
    sampleKeys.add(key);
  }
  // Grouped by partition in first-seen order, as bulkInsert sends them (the order of `data` is the
  // order Azurite's scans visit rows in; it does not change any result).
  const groups = new Map<string, SeedRow[]>();
  for (const r of rows) {
    if (sampleKeys.has(`${r.partitionKey}\u0000${r.rowKey}`)) continue;
    const g = groups.get(r.partitionKey) ?? [];
    g.push(r);
    groups.set(r.partitionKey, g);
  }
  const now = Date.now();
  let id = coll.maxId;
  let n = 0;
  for (const g of groups.values()) {
    for (const r of g) {
      id += 1;
      n += 1;
      // 100 rows per millisecond, like a fast bulk load; `meta.created` is LokiJS's Date.now() at insert.
      coll.data.push(entityOf(r, id, now + Math.floor(n / 100), n));
    }
  }
  coll.maxId = id;
  // `idIndex` ($loki by position) is built lazily and not read back by LokiJS's loader; keep it
  // consistent if the file carries one.
  if (Array.isArray(coll.idIndex)) coll.idIndex = coll.data.map((e) => e.$loki);
  // Azurite's collections use adaptiveBinaryIndices: LokiJS trusts a loaded index as it is and
  // only patches it on later inserts/updates, so it must be complete and ordered here.
  const cmp = lokiComparators();
  const names = Object.keys(coll.binaryIndices);
  for (const name of ['PartitionKey', 'RowKey'] as const)
    if (!names.includes(name)) throw new Error(`lokiSeed: geen binaire index op ${name} in ${coll.name}`);
  for (const name of names) {
    if (name !== 'PartitionKey' && name !== 'RowKey') throw new Error(`lokiSeed: onverwachte index ${name}`);
    coll.binaryIndices[name] = { name, dirty: false, values: sortedPositions(coll.data, name, cmp) };
  }
  coll.dirty = false;
  const text = JSON.stringify(db);
  writeFileSync(dbFile(location), text);
  const bytes = Buffer.byteLength(text);
  const total = coll.data.length;
  const file = (performance.now() - t) / 1000;

  // 3. The emulator on the file.
  t = performance.now();
  const azurite = await startAzurite({ location, port: 0 });
  const start = (performance.now() - t) / 1000;
  t = performance.now();
  try {
    if (verify) {
      const tables = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, prefix);
      await verifySeed(tables.cases, rows);
    }
  } catch (e) {
    await azurite.close();
    throw e;
  }
  return { azurite, location, rows: total, bytes, autosaveMs, seconds: { api, file, start, verify: (performance.now() - t) / 1000 } };
};

const same = (row: SeedRow, e: Record<string, unknown>): boolean =>
  Object.entries(row).every(([k, v]) => e[k] === v) && typeof e['etag'] === 'string';

/**
 * Checks through the SDK that the emulator sees the loaded rows and that its indices hold:
 * point reads at the start, middle and end, a PartitionKey + RowKey range query, a replace of a
 * loaded row under its ETag, and a new row in a loaded partition (created, merged, deleted).
 * Leaves the rows as they were (the replaced row gets a new time and ETag).
 */
const verifySeed = async (table: TableClient, rows: readonly SeedRow[]): Promise<void> => {
  if (rows.length === 0) return;
  const picks = [0, 1, Math.floor(rows.length / 3), Math.floor(rows.length / 2), rows.length - 2, rows.length - 1].flatMap((i) =>
    rows[i] ? [rows[i]] : [],
  );
  for (const r of picks) {
    const e = await table.getEntity<Record<string, unknown>>(r.partitionKey, r.rowKey);
    if (!same(r, e)) throw new Error(`lokiSeed: ${r.partitionKey}/${r.rowKey} terug als ${JSON.stringify(e)}`);
  }
  // A range in the middle of the largest partition: exactly those rows, in key order.
  const byPartition = new Map<string, string[]>();
  for (const r of rows) {
    const keys = byPartition.get(r.partitionKey) ?? [];
    keys.push(r.rowKey);
    byPartition.set(r.partitionKey, keys);
  }
  const [pk, keys] = [...byPartition].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  keys.sort();
  const lo = Math.floor(keys.length / 2);
  const want = keys.slice(lo, lo + 25);
  const upper = keys[lo + 25];
  const odata = (s: string) => s.replace(/'/g, "''");
  const filter =
    `PartitionKey eq '${odata(pk)}' and RowKey ge '${odata(want[0] ?? '')}'` + (upper ? ` and RowKey lt '${odata(upper)}'` : '');
  const range = async (): Promise<string[]> => {
    const got: string[] = [];
    for await (const e of table.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) got.push(String(e.rowKey));
    return got;
  };
  const got = await range();
  if (got.join('\n') !== want.join('\n'))
    throw new Error(`lokiSeed: range-query gaf ${got.length} rijen (${got.slice(0, 3).join(', ')}…), verwacht ${want.length}`);
  // Writes after loading: replace a loaded row under its ETag, then add, merge and delete a new row.
  const mid = picks[Math.floor(picks.length / 2)];
  if (mid) {
    const before = await table.getEntity(mid.partitionKey, mid.rowKey);
    await table.updateEntity({ ...mid }, 'Replace', { etag: before.etag });
    const after = await table.getEntity<Record<string, unknown>>(mid.partitionKey, mid.rowKey);
    if (!same(mid, after) || after['etag'] === before.etag) throw new Error(`lokiSeed: vervangen van ${mid.rowKey} mislukt`);
  }
  const probe = { partitionKey: pk, rowKey: `${want[0] ?? ''}~seedcheck`, n: 1 };
  await table.createEntity(probe);
  await table.updateEntity({ partitionKey: probe.partitionKey, rowKey: probe.rowKey, n: 2 }, 'Merge');
  const back = await table.getEntity<{ n: number }>(probe.partitionKey, probe.rowKey);
  if (back.n !== 2) throw new Error(`lokiSeed: nieuwe rij terug met n=${back.n}`);
  const withProbe = await range();
  if (withProbe.length !== want.length + 1 || !withProbe.includes(probe.rowKey))
    throw new Error('lokiSeed: nieuwe rij niet in de range-query');
  await table.deleteEntity(probe.partitionKey, probe.rowKey);
  if ((await range()).join('\n') !== want.join('\n')) throw new Error('lokiSeed: range-query na verwijderen klopt niet');
};

/** One autosave of the database file, epoch ms. */
export interface SaveTimes {
  /** The save's serialisation (which blocks the emulator) began after this. */
  readonly startedAfter: number;
  /** Serialisation had ended: LokiJS created `<file>~` (the file's birth time). */
  readonly serialisedAt: number;
  /** The file was written (its mtime; renamed into place right after). */
  readonly writtenAt: number;
}

/**
 * Waits until Azurite has saved its database file with a save whose serialisation ended after
 * `after` (epoch ms), e.g. the save that includes writes answered by `after`. LokiJS writes
 * `<file>~` and renames it over the file, so the file's birth time is when the serialisation had
 * ended and its mtime when the write had ended.
 *
 * When that save began is not on disk; `probe` (a cheap request to the emulator, sent one at a time
 * while waiting) bounds it: the emulator answers nothing while it serialises, so a probe answered
 * before the serialisation ended was answered before it began. `startedAfter` is the last such
 * answer (or `after`).
 */
export const waitForSave = async (
  location: string,
  after: number,
  probe: () => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<SaveTimes> => {
  const file = dbFile(location);
  const deadline = Date.now() + timeoutMs;
  const answers: number[] = [after];
  for (;;) {
    const s = statSync(file);
    if (s.birthtimeMs > after) {
      const startedAfter = Math.max(...answers.filter((t) => t < s.birthtimeMs));
      return { startedAfter, serialisedAt: s.birthtimeMs, writtenAt: s.mtimeMs };
    }
    if (Date.now() > deadline) throw new Error(`Azurite bewaarde ${file} niet binnen ${timeoutMs} ms`);
    await probe();
    answers.push(Date.now());
    if (answers.length > 64) answers.splice(1, answers.length - 32);
    await new Promise((r) => setTimeout(r, 2));
  }
};

/** Whether this file system records birth times (needed by {@link waitForSave}). */
export const hasBirthTimes = (location: string): boolean => statSync(dbFile(location)).birthtimeMs > 0;
