/**
 * Reminder scan scaling: one scheduler tick with 1,000 and with 100,000 stored cases (10 due each
 * time), each size in its own persisted Azurite whose database file is bulk-loaded
 * (bench/lib/lokiSeed.ts); a bare range query of the same shape is the baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarService, consoleLogger } from '../src/app';
import { CardChannelViews } from '../src/cards';
import { JobLeases, ReminderScheduler } from '../src/scheduler';
import { TableCaseRepository, TableCalendarStore, TableLeaseStore, TableOutboxStore, TableReminderIndex, TableTeamSettingsStore, openTables, tenantPk } from '../src/storage';
import { benchCase } from './lib/seed';
import { CountingProxy, type StorageCall } from './lib/countingProxy';
import { type SeedRow, hasBirthTimes, seedAzurite, waitForSave } from './lib/lokiSeed';
import { Verdicts, fmt, log } from './lib/stats';
import { Stops, runBench } from './lib/run';

const TENANTS = 10;
/** `BENCH_REMINDER_CASES` lowers the large size. */
const LARGE = Number(process.env['BENCH_REMINDER_CASES'] ?? 100_000);
const DUE = 10;
const TICKS = 5;
const START = Date.parse('2026-11-23T09:30:00Z'); // a Monday, 10:30 in Amsterdam

/** The case row as TableCaseRepository writes it (bulk-loaded here for speed). */
const caseRow = (seq: number, tenant: number) => {
  const c = benchCase(seq, seq % 50, 'http://127.0.0.1:9/', new Date(START - 86_400_000), `tenant-${tenant}`);
  return { partitionKey: tenantPk(c.tenantId), rowKey: `case_${c.id}`, data: JSON.stringify(c), state: c.state, route: '', channelId: c.location.channelId, teamId: c.location.teamId, version: 1 };
};
const dueRow = (seq: number, tenant: number, at: Date) => {
  const key = `CAS-2026-${String(seq).padStart(4, '0')}:deadline:t1:${at.toISOString().slice(0, 10)}`;
  return { partitionKey: tenantPk(`tenant-${tenant}`), rowKey: `due_${at.toISOString()}_${key}`, caseId: `CAS-2026-${String(seq).padStart(4, '0')}`, key, kind: 'deadline', at: at.toISOString(), role: 'begeleider', message: 'Lever het formulier in.' };
};

/** The rows stored per size: every case row and one future reminder row per case (none due). */
const seedRows = (cases: number): SeedRow[] => {
  const rows: SeedRow[] = [];
  const future = new Date(START + 30 * 86_400_000);
  for (let i = 1; i <= cases; i++) {
    rows.push(caseRow(i, i % TENANTS));
    rows.push(dueRow(i, i % TENANTS, future)); // every case has a reminder pending, none due
  }
  return rows;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Milliseconds in which at least one of `calls` was in flight (requests may overlap). */
const busyMs = (calls: readonly StorageCall[]): number => {
  let total = 0;
  let until = -Infinity;
  for (const c of [...calls].sort((a, b) => a.at - b.at)) {
    const end = c.at + c.ms;
    if (end <= until) continue;
    total += end - Math.max(c.at, until);
    until = end;
  }
  return total;
};

/** One measured tick split up: time inside storage requests by kind, and outside any. */
interface Split {
  readonly tick: number;
  readonly query: number;
  readonly read: number;
  readonly write: number;
  readonly outside: number;
  readonly counts: Readonly<Record<'query' | 'read' | 'write', number>>;
}

const split = (tick: number, calls: readonly StorageCall[]): Split => {
  const queries = calls.filter((c) => c.kind === 'query');
  const reads = calls.filter((c) => c.kind === 'read');
  const writes = calls.filter((c) => c.kind !== 'query' && c.kind !== 'read'); // batches, writes, other
  return {
    tick,
    query: busyMs(queries),
    read: busyMs(reads),
    write: busyMs(writes),
    outside: tick - busyMs(calls),
    counts: { query: queries.length, read: reads.length, write: writes.length },
  };
};

/**
 * A tick must not share Azurite with an autosave: LokiJS serialises the whole database (blocking
 * the emulator) and writes it, every `autosaveMs` (5 s) when something changed, on a timer that
 * restarts when a save begins. So the due rows are written, the bench waits for the save that
 * follows them (probing the emulator meanwhile to learn when it began, see `waitForSave`), then
 * runs the tick and the bare query at once: the next save cannot begin before
 * `startedAfter + autosaveMs`. A tick (with its bare query) that has not ended `MARGIN_MS` before
 * that, or that follows a save which took longer than the interval (the timer could then have
 * queued another right behind it), is not counted and another one is measured.
 */
const MARGIN_MS = 50;
/** Measured ticks rejected for possibly overlapping an autosave before the bench gives up. */
const MAX_REJECTED = 20;

const measure = async (stops: Stops, prefix: string, cases: number) => {
  const location = mkdtempSync(join(tmpdir(), `escaleer-${prefix}-`));
  stops.add(async () => rmSync(location, { recursive: true, force: true }));
  const t0 = performance.now();
  const seeded = await seedAzurite(location, prefix, seedRows(cases));
  const azurite = seeded.azurite;
  stops.add(() => azurite.close());
  if (!hasBirthTimes(location)) throw new Error(`${location}: het bestandssysteem houdt geen aanmaaktijden bij (nodig om Azurite's autosave te volgen)`);
  const direct = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, prefix);
  /** A cheap request (point read of a missing row in the small leases table) to see whether Azurite answers. */
  const probe = () => direct.leases.getEntity('bench', 'probe').catch(() => undefined);
  for (let t = 0; t < TENANTS; t++) await direct.cases.upsertEntity({ partitionKey: 'tenants', rowKey: tenantPk(`tenant-${t}`), tenantId: `tenant-${t}` }, 'Merge');
  const seedSeconds = (performance.now() - t0) / 1000;
  const sec = seeded.seconds;
  log(
    `${cases} casussen (+ ${cases} toekomstige herinneringen) geladen in ${fmt(seedSeconds)} s ` +
      `(tabellen en voorbeeldrijen via de API ${fmt(sec.api)} s, Loki-bestand ${fmt(seeded.bytes / 1e6)} MB / ${seeded.rows} rijen ${fmt(sec.file)} s, ` +
      `Azurite gestart ${fmt(sec.start)} s, controle via de SDK ${fmt(sec.verify)} s)`,
  );
  const proxy = new CountingProxy(azurite.port);
  const port = await proxy.start();
  const viaProxy = process.env['BENCH_NO_PROXY'] ? azurite.connectionString : azurite.connectionString.replace(`:${azurite.port}/`, `:${port}/`);
  const tables = await openTables({ kind: 'connectionString', connectionString: viaProxy }, prefix);
  let now = START;
  const clock = { now: () => new Date(now) };
  const log0 = consoleLogger('silent');
  const scheduler = new ReminderScheduler({
    index: new TableReminderIndex(tables.cases),
    repo: new TableCaseRepository(tables.cases),
    settings: new TableTeamSettingsStore(tables.cases),
    calendar: new CalendarService(new TableCalendarStore(tables.cases), clock),
    views: new CardChannelViews(),
    tenants: () => new TableOutboxStore(tables.cases).tenants(),
    leases: new JobLeases(new TableLeaseStore(tables.leases), clock, log0, 'bench'),
    clock,
    log: log0,
    kick: () => undefined,
  });
  const ticks: number[] = [];
  const queries: number[] = [];
  const splits: Split[] = [];
  const windows: number[] = [];
  const saves: number[] = [];
  let requests = 0;
  let handled = 0;
  let rejected = 0;
  for (let k = 0; ticks.length < TICKS; k++) {
    now += 60_000;
    const due = Array.from({ length: DUE }, (_, i) => dueRow(cases + 1000 * k + i, i % TENANTS, new Date(now - 3_600_000)));
    for (const row of due) await direct.cases.upsertEntity(row, "Replace");
    const written = Date.now();
    const save = await waitForSave(location, written, probe);
    const deadline = save.startedAfter + seeded.autosaveMs - MARGIN_MS;
    const saveMs = save.writtenAt - save.startedAfter; // at most this long
    saves.push(saveMs);
    proxy.reset();
    const s = performance.now();
    const r = await scheduler.tick();
    const ms = performance.now() - s;
    const calls = [...proxy.calls];
    const q0 = performance.now();
    const pk = tenantPk('tenant-0');
    for await (const _ of direct.cases.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}' and RowKey ge 'due_' and RowKey lt 'due_${new Date(now).toISOString()}\`'` } })) void _;
    const qms = performance.now() - q0;
    const ended = Date.now();
    if (k === 0) continue; // warm-up tick
    if (!r.ran) throw new Error('tick liep niet');
    if (ended > deadline || saveMs >= seeded.autosaveMs) {
      if (++rejected > MAX_REJECTED) throw new Error(`${rejected} ticks niet vrij van Azurite's autosave (tick + query ${fmt(ms + qms)} ms, venster ${fmt(deadline - save.writtenAt)} ms, bewaren ≤ ${fmt(saveMs)} ms)`);
      log(`  tick ${k} niet geteld: ${ended > deadline ? `liep ${fmt(ended - deadline)} ms tot in het venster van de volgende autosave` : `bewaren duurde tot ${fmt(saveMs)} ms`}`);
      continue;
    }
    ticks.push(ms);
    queries.push(qms);
    splits.push(split(ms, calls));
    windows.push(deadline - ended);
    requests = calls.length;
    handled = r.sent + r.dropped;
  }
  await proxy.close();
  await azurite.close();
  rmSync(location, { recursive: true, force: true });
  log(
    `  Azurite's autosave vóór elke tick duurde ≤ ${fmt(median(saves) / 1000, 2)} s (mediaan; max ${fmt(Math.max(...saves) / 1000, 2)} s); ` +
      `tick + query eindigden ≥ ${fmt(Math.min(...windows))} ms vóór de volgende kon beginnen; ${rejected} tick(s) niet geteld`,
  );
  const med = (f: (x: Split) => number) => median(splits.map(f));
  const first = splits[0];
  return {
    tick: median(ticks),
    query: median(queries),
    requests,
    handled,
    seedSeconds,
    split: { query: med((x) => x.query), read: med((x) => x.read), write: med((x) => x.write), outside: med((x) => x.outside), counts: first?.counts ?? { query: 0, read: 0, write: 0 } },
  };
};

const main = async (stops: Stops): Promise<number> => {
  const verdicts = new Verdicts();
  const small = await measure(stops, 'remS', 1_000);
  const large = await measure(stops, 'remL', LARGE);
  log('\n| opgeslagen casussen | tick (mediaan van 5) | opslagverzoeken per tick | herinneringen per tick | kale range-query (baseline) | laden |');
  log('|---|---|---|---|---|---|');
  for (const [n, m] of [[1_000, small], [LARGE, large]] as const) log(`| ${n} | ${fmt(m.tick)} ms | ${m.requests} | ${m.handled} | ${fmt(m.query)} ms | ${fmt(m.seedSeconds)} s |`);
  // Time inside storage requests as the counting proxy saw them (request in to last byte out),
  // medians over the measured ticks; "daarbuiten" is the rest of the tick (the app, the SDK).
  const c = small.split.counts;
  log(`\nTijd per tick (mediaan): in queries (${c.query}: tenants + range-query per tenant), puntlezingen (${c.read}), batches en schrijfacties (${c.write}), daarbuiten`);
  log('| opgeslagen casussen | queries | puntlezingen | batches + schrijven | buiten opslagverzoeken | tick |');
  log('|---|---|---|---|---|---|');
  for (const [n, m] of [[1_000, small], [LARGE, large]] as const) {
    const x = m.split;
    log(`| ${n} | ${fmt(x.query)} ms | ${fmt(x.read)} ms | ${fmt(x.write)} ms | ${fmt(x.outside)} ms | ${fmt(m.tick)} ms |`);
  }
  const grow = (f: (x: typeof small.split) => number) => `${fmt(f(large.split) - f(small.split))} ms (${fmt(f(large.split) / f(small.split), 2)}×)`;
  log(`groei ${LARGE} t.o.v. 1000: queries ${grow((x) => x.query)}, puntlezingen ${grow((x) => x.read)}, batches + schrijven ${grow((x) => x.write)}, daarbuiten ${grow((x) => x.outside)}`);
  verdicts.check('zelfde werk per tick', small.requests === large.requests && small.handled === large.handled, `${small.requests} vs ${large.requests} verzoeken, ${small.handled} vs ${large.handled} herinneringen`);
  verdicts.check(`tick ${LARGE} / 1000`, large.tick / small.tick <= 1.5, `${fmt(large.tick / small.tick, 2)}× (≤ 1.5); kale range-query in Azurite ${fmt(large.query / small.query, 2)}×`);
  return verdicts.misses;
};

runBench(main);
