/**
 * Reminder scan scaling: one scheduler tick with 1,000 and with 100,000 stored cases (10 due each
 * time), each size in its own table; a bare range query of the same shape is the baseline.
 */
import type { TableClient } from '@azure/data-tables';
import { CalendarService, consoleLogger } from '../src/app';
import { CardChannelViews } from '../src/cards';
import { JobLeases, ReminderScheduler } from '../src/scheduler';
import { TableCaseRepository, TableCalendarStore, TableLeaseStore, TableOutboxStore, TableReminderIndex, TableTeamSettingsStore, openTables, tenantPk } from '../src/storage';
import { benchCase } from './lib/seed';
import { CountingProxy } from './lib/countingProxy';
import { bulkInsert } from './lib/seed';
import { Verdicts, fmt, log } from './lib/stats';
import { Stops, benchAzurite, runBench } from './lib/run';

const TENANTS = 10;
/** `BENCH_REMINDER_CASES` lowers the large size (Azurite cannot load 100k rows in minutes, see README). */
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

const seed = async (table: TableClient, cases: number): Promise<void> => {
  const rows: { partitionKey: string; rowKey: string }[] = [];
  const future = new Date(START + 30 * 86_400_000);
  for (let i = 1; i <= cases; i++) {
    rows.push(caseRow(i, i % TENANTS));
    rows.push(dueRow(i, i % TENANTS, future)); // every case has a reminder pending, none due
  }
  await bulkInsert(table, rows, 1);
  for (let t = 0; t < TENANTS; t++) await table.upsertEntity({ partitionKey: 'tenants', rowKey: tenantPk(`tenant-${t}`), tenantId: `tenant-${t}` }, 'Merge');
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const measure = async (azurite: { port: number; connectionString: string }, prefix: string, cases: number) => {
  const direct = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, prefix);
  const t0 = performance.now();
  await seed(direct.cases, cases);
  log(`${cases} casussen (+ ${cases} toekomstige herinneringen) opgeslagen in ${fmt((performance.now() - t0) / 1000)} s`);
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
  let requests = 0;
  let handled = 0;
  for (let k = 0; k < TICKS + 1; k++) {
    now += 60_000;
    const due = Array.from({ length: DUE }, (_, i) => dueRow(cases + 1000 * k + i, i % TENANTS, new Date(now - 3_600_000)));
    for (const row of due) await direct.cases.upsertEntity(row, "Replace");
    proxy.reset();
    const s = performance.now();
    const r = await scheduler.tick();
    const ms = performance.now() - s;
    const q0 = performance.now();
    const pk = tenantPk('tenant-0');
    for await (const _ of direct.cases.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}' and RowKey ge 'due_' and RowKey lt 'due_${new Date(now).toISOString()}\`'` } })) void _;
    const qms = performance.now() - q0;
    if (k === 0) continue; // warm-up tick
    if (!r.ran) throw new Error('tick liep niet');
    ticks.push(ms);
    queries.push(qms);
    requests = proxy.calls.length;
    handled = r.sent + r.dropped;
  }
  await proxy.close();
  return { tick: median(ticks), query: median(queries), requests, handled };
};

const main = async (stops: Stops): Promise<number> => {
  const verdicts = new Verdicts();
  const azurite = await benchAzurite(stops);
  const small = await measure(azurite, 'remS', 1_000);
  const large = await measure(azurite, 'remL', LARGE);
  log('\n| opgeslagen casussen | tick (mediaan van 5) | opslagverzoeken per tick | herinneringen per tick | kale range-query (baseline) |');
  log('|---|---|---|---|---|');
  for (const [n, m] of [[1_000, small], [LARGE, large]] as const) log(`| ${n} | ${fmt(m.tick)} ms | ${m.requests} | ${m.handled} | ${fmt(m.query)} ms |`);
  verdicts.check('zelfde werk per tick', small.requests === large.requests && small.handled === large.handled, `${small.requests} vs ${large.requests} verzoeken, ${small.handled} vs ${large.handled} herinneringen`);
  verdicts.check(`tick ${LARGE} / 1000`, large.tick / small.tick <= 1.5, `${fmt(large.tick / small.tick, 2)}× (≤ 1.5); kale range-query in Azurite ${fmt(large.query / small.query, 2)}×`);
  return verdicts.misses;
};

runBench(main);
