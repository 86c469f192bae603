/**
 * Reminder scan scaling: one scheduler tick with 1,000 and with 100,000 stored cases (10 reminders
 * due and sent each time, each for a stored case in `onplanbare_zorg` that still wants it), each
 * size in its own persisted Azurite whose database file is bulk-loaded (bench/lib/lokiSeed.ts); a
 * bare range query of the same shape is the baseline.
 */
import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DueReminder, type OutboxMessage, consoleLogger } from '../src/app';
import { type Actor, type Case, DEFAULT_TABLES, type Reminder, applyAction, caseReminders, stepOf } from '../src/domain';
import type { TickResult } from '../src/scheduler';
import { caseEntity, escapeKey, openTables, tenantPk } from '../src/storage';
import { benchCase } from './lib/seed';
import { CountingProxy, type StorageCall } from './lib/countingProxy';
import { type SeedRow, hasBirthTimes, seedAzurite, waitForSave } from './lib/lokiSeed';
import { Verdicts, fmt, log } from './lib/stats';
import { Stops, runBench } from './lib/run';
import { tableScheduler } from '../test/support/scheduler';
import { SAMPLE_INPUT, type WalkInputs, actionsAlong, pathTo } from '../test/support/routeWalk';

const TENANTS = 10;
/** `BENCH_REMINDER_CASES` lowers the large size. */
const LARGE = Number(process.env['BENCH_REMINDER_CASES'] ?? 100_000);
const DUE = 10;
const TICKS = 5;
/** Measured ticks rejected for possibly overlapping an autosave before the bench gives up. */
const MAX_REJECTED = 20;
const START = Date.parse('2026-11-23T09:30:00Z'); // a Monday, 10:30 in Amsterdam

const SERVICE_URL = 'http://127.0.0.1:9/';
/** Ticks that may run per size: the warm-up, the measured ones, the rejected ones (see `measure`) and one spare. */
const GROUPS = 1 + TICKS + MAX_REJECTED + 1;

const tenantOf = (seq: number): string => `tenant-${seq % TENANTS}`;

/** A reminder as the case service indexes it on commit (`DueReminder`), and its row as `TableCaseRepository.commit` writes it. */
const indexed = (c: Case, r: Reminder): DueReminder => ({
  caseId: c.id,
  key: r.key,
  kind: r.kind,
  at: r.at.toISOString(),
  role: r.role,
  message: r.message,
});
const reminderRow = (c: Case, r: DueReminder) => ({ partitionKey: tenantPk(c.tenantId), rowKey: `due_${r.at}_${escapeKey(r.key)}`, ...r });

/** A case in state `nieuw` with a posted root card (most of the stored cases) and its row as the repository writes it. */
const newCaseRow = (seq: number) => caseEntity(benchCase(seq, seq % 50, SERVICE_URL, new Date(START - 86_400_000), tenantOf(seq)));

/** A stand-in future reminder for a `nieuw` case (that state has none of its own): never due during the bench. */
const futureRow = (seq: number) => {
  const at = new Date(START + 30 * 86_400_000);
  const caseId = `CAS-2026-${String(seq).padStart(4, '0')}`;
  const key = `${caseId}:deadline:t1:${at.toISOString().slice(0, 10)}`;
  return {
    partitionKey: tenantPk(tenantOf(seq)),
    rowKey: `due_${at.toISOString()}_${key}`,
    caseId,
    key,
    kind: 'deadline',
    at: at.toISOString(),
    role: 'begeleider',
    message: 'Lever het formulier in.',
  };
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const BEGELEIDER: Actor = { userId: 'user-bench', name: 'Begeleider', roles: [] };
const TEAMLEIDER: Actor = { userId: 'user-bench-tl', name: 'Teamleider', roles: ['teamleider'] };
/** The case is opened on Monday 19 October; tijdelijke onplanbare zorg starts Friday 23 October. */
const OPENED = Date.parse('2026-10-19T07:00:00Z');
const ONPLANBARE_ZORG_START = '2026-10-23';

/** The bench's inputs, as the cards send them; the path (and any other step's input) is the shared route walk's. */
const BENCH_INPUT: WalkInputs = {
  'route.kiezen': { route: 'bijstellen', clientRef: 'ECD-BENCH' },
  'signaal.vastleggen': { datum: '2026-10-19', actielijn: 'Dagstructuur en wonen' },
  'actielijnen.bijstellen': {
    datum: '2026-10-19',
    samenMetClient: true,
    bijstelling: 'Extra begeleiding in de ochtend.',
    resultaat: 'onvoldoende',
  },
  'teamleider.besluit': { besluit: 'casuistiekoverleg' },
  'casuistiek.aanmelden': {
    datumOverleg: '2026-10-20',
    situatie: 'De hulpvraag is groter geworden.',
    geprobeerd: 'Opplussen van momenten.',
    vraag: 'Is onplanbare zorg passend?',
  },
};

/**
 * Route Bijstellen to tijdelijke onplanbare zorg along the shared route walk (test/support/routeWalk.ts):
 * signal, actielijnen not enough, teamleider chooses the casuïstiekoverleg, form, then the outcome
 * with the bench's start date. Each action by the begeleider, or the teamleider where the step is theirs.
 */
const TO_ONPLANBARE_ZORG = actionsAlong(
  [
    ...pathTo('bijstellen', 'stap5_afweging'),
    [
      'casuistiek.uitkomst',
      {
        datum: '2026-10-20',
        uitkomst: 'tijdelijke_onplanbare_zorg',
        woonlocatie: 'Woonlocatie aan de Linde',
        startdatum: ONPLANBARE_ZORG_START,
      },
    ],
  ],
  { ...SAMPLE_INPUT, ...BENCH_INPUT },
);

/** The begeleider, or the teamleider when the case's current step is not the begeleider's. */
const actorFor = (c: Case): Actor => (stepOf(c.state)?.role === 'teamleider' ? TEAMLEIDER : BEGELEIDER);

/**
 * A case that owes a reminder at START: built through the domain from `newCase` (the engine's
 * `applyAction`, one action per hour on the day it was opened) to `onplanbare_zorg`, whose first
 * monthly evaluation falls on START's day at 09:00 Amsterdam. `due` is that reminder (written
 * before its tick), `future` the next evaluation (stored with the case, as every case has one).
 */
const dueCase = (seq: number): { case: Case; due: DueReminder; future: DueReminder } => {
  let c = benchCase(seq, seq % 50, SERVICE_URL, new Date(OPENED), tenantOf(seq));
  let t = OPENED;
  for (const { verb, input } of TO_ONPLANBARE_ZORG) {
    t += 3_600_000;
    const r = applyAction(c, { verb, input, expectedVersion: c.version }, actorFor(c), {
      now: new Date(t),
      hash: sha256,
      tables: DEFAULT_TABLES,
    });
    if (!r.ok) throw new Error(`${c.id} ${verb}: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`);
    c = r.value.case;
  }
  const reminders = caseReminders(c, { now: new Date(START), tables: DEFAULT_TABLES });
  const due = reminders.filter((r) => r.at.getTime() < START);
  const future = reminders.find((r) => r.at.getTime() > START + (1 + GROUPS) * 60_000);
  if (c.state !== 'onplanbare_zorg' || due.length !== 1 || !due[0] || !future) {
    throw new Error(
      `${c.id}: staat ${c.state}, ${due.length} herinnering(en) vóór ${new Date(START).toISOString()}: ${reminders.map((r) => `${r.key}@${r.at.toISOString()}`).join(', ')}`,
    );
  }
  return { case: c, due: indexed(c, due[0]), future: indexed(c, future) };
};

/**
 * The cases that get a due row, `GROUPS` groups of 10, one per tenant (10 consecutive sequence
 * numbers), spread over the whole range: tick k fires group k.
 */
const duePlan = (cases: number): (readonly number[])[] => {
  if (cases < TENANTS * GROUPS) throw new Error(`minstens ${TENANTS * GROUPS} casussen nodig (${GROUPS} groepen van ${DUE})`);
  return Array.from({ length: GROUPS }, (_, g) => {
    const base = TENANTS * Math.floor((g * cases) / (TENANTS * GROUPS)) + 1;
    return Array.from({ length: DUE }, (_, i) => base + i);
  });
};

interface Seeded {
  readonly rows: SeedRow[];
  /** Per tick: the 10 cases whose reminder is due, with the row to write before the tick. */
  readonly groups: readonly (readonly { readonly case: Case; readonly row: SeedRow }[])[];
}

/** The rows stored per size: every case row and one future reminder row per case (none due). */
const seedRows = (cases: number): Seeded => {
  const plan = duePlan(cases);
  const built = new Map<number, ReturnType<typeof dueCase>>();
  for (const seq of plan.flat()) built.set(seq, dueCase(seq));
  const rows: SeedRow[] = [];
  for (let i = 1; i <= cases; i++) {
    const d = built.get(i);
    if (d) {
      rows.push(caseEntity(d.case));
      rows.push(reminderRow(d.case, d.future));
    } else {
      rows.push(newCaseRow(i));
      rows.push(futureRow(i)); // every case has a reminder pending, none due
    }
  }
  const groups = plan.map((seqs) =>
    seqs.map((seq) => {
      const d = built.get(seq);
      if (!d) throw new Error(`casus ${seq} niet gebouwd`);
      return { case: d.case, row: reminderRow(d.case, d.due) };
    }),
  );
  return { rows, groups };
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

/**
 * Lists the outbox rows the ticks wrote (one query per tenant, after the last tick) and checks them
 * against the due cases: exactly one reply per fired reminder, in the thread of its case's root card,
 * created at its tick. Prints one line per row.
 */
const printOutbox = async (
  table: TableClient,
  groups: Seeded['groups'],
  results: readonly { k: number; now: Date; counted: boolean }[],
): Promise<void> => {
  const rows: { pk: string; rowKey: string; bytes: number; m: OutboxMessage }[] = [];
  for (let t = 0; t < TENANTS; t++) {
    const pk = tenantPk(`tenant-${t}`);
    const filter = `PartitionKey eq '${pk}' and RowKey ge 'outbox_' and RowKey lt 'outbox\`'`;
    for await (const e of table.listEntities<{ data: string; caseId: string }>({ queryOptions: { filter } })) {
      rows.push({ pk, rowKey: String(e.rowKey), bytes: Buffer.byteLength(e.data), m: JSON.parse(e.data) as OutboxMessage });
    }
  }
  if (rows.length !== DUE * results.length)
    throw new Error(`${rows.length} outbox-rijen na ${results.length} ticks, verwacht ${DUE * results.length}`);
  log(
    `  outbox na ${results.length} ticks: ${rows.length} rijen (${DUE} per tick), één antwoord in de draad van de rootkaart per verstuurde herinnering:`,
  );
  for (const x of results) {
    const group = groups[x.k] ?? [];
    for (const { case: c, row } of group) {
      const found = rows.filter((o) => o.m.caseId === c.id && o.m.createdAt === x.now.toISOString());
      const o = found[0];
      if (found.length !== 1 || !o) throw new Error(`tick ${x.k}: ${found.length} outbox-rijen voor ${c.id}`);
      const activity = JSON.stringify(o.m.activity);
      const ok =
        o.pk === tenantPk(c.tenantId) &&
        o.m.kind === 'reply' &&
        o.m.activityId === c.location.rootActivityId &&
        o.m.conversation.conversationId === c.location.conversationId &&
        o.m.conversation.tenantId === c.tenantId &&
        activity.includes(c.id) &&
        activity.includes(JSON.stringify(String(row['message'])).slice(1, -1));
      if (!ok) throw new Error(`tick ${x.k}: outbox-rij ${o.rowKey} past niet bij ${c.id}: ${JSON.stringify(o.m).slice(0, 400)}`);
      log(
        `    tick ${x.k}${x.k === 0 ? ' (opwarmen)' : x.counted ? '' : ' (niet geteld)'} ${x.now.toISOString().slice(11, 19)}Z  ${o.pk}/${o.rowKey}  ${c.id} (${c.state})  ` +
          `${o.m.kind} op ${String(o.m.activityId)} in ${o.m.conversation.conversationId}  ${String(row['key']).slice(c.id.length + 1)}  ${fmt(o.bytes / 1024)} KB`,
      );
    }
  }
};

const measure = async (stops: Stops, prefix: string, cases: number) => {
  const location = mkdtempSync(join(tmpdir(), `escaleer-${prefix}-`));
  stops.add(async () => rmSync(location, { recursive: true, force: true }));
  const t0 = performance.now();
  const plan = seedRows(cases);
  const seeded = await seedAzurite(location, prefix, plan.rows);
  const azurite = seeded.azurite;
  stops.add(() => azurite.close());
  if (!hasBirthTimes(location))
    throw new Error(`${location}: het bestandssysteem houdt geen aanmaaktijden bij (nodig om Azurite's autosave te volgen)`);
  const direct = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, prefix);
  /** A cheap request (point read of a missing row in the small leases table) to see whether Azurite answers. */
  const probe = () => direct.leases.getEntity('bench', 'probe').catch(() => undefined);
  for (let t = 0; t < TENANTS; t++)
    await direct.cases.upsertEntity({ partitionKey: 'tenants', rowKey: tenantPk(`tenant-${t}`), tenantId: `tenant-${t}` }, 'Merge');
  const seedSeconds = (performance.now() - t0) / 1000;
  const sec = seeded.seconds;
  log(
    `${cases} casussen (+ ${cases} toekomstige herinneringen) geladen in ${fmt(seedSeconds)} s ` +
      `(tabellen en voorbeeldrijen via de API ${fmt(sec.api)} s, Loki-bestand ${fmt(seeded.bytes / 1e6)} MB / ${seeded.rows} rijen ${fmt(sec.file)} s, ` +
      `Azurite gestart ${fmt(sec.start)} s, controle via de SDK ${fmt(sec.verify)} s)`,
  );
  const proxy = new CountingProxy(azurite.port);
  const port = await proxy.start();
  const viaProxy = process.env['BENCH_NO_PROXY']
    ? azurite.connectionString
    : azurite.connectionString.replace(`:${azurite.port}/`, `:${port}/`);
  const tables = await openTables({ kind: 'connectionString', connectionString: viaProxy }, prefix);
  let now = START;
  const clock = { now: () => new Date(now) };
  const log0 = consoleLogger('silent');
  const scheduler = tableScheduler(tables, clock, log0, 'bench');
  const ticks: number[] = [];
  const queries: number[] = [];
  const splits: Split[] = [];
  const windows: number[] = [];
  const saves: number[] = [];
  const results: { k: number; now: Date; result: TickResult; counted: boolean }[] = [];
  let requests = 0;
  let rejected = 0;
  for (let k = 0; ticks.length < TICKS; k++) {
    now += 60_000;
    const group = plan.groups[k];
    if (!group) throw new Error(`geen casussen meer met een herinnering voor tick ${k} (${plan.groups.length} groepen)`);
    // Each row is a reminder its case still wants at this tick (checked here as the scheduler checks it).
    for (const { case: c, row } of group) {
      const wanted = caseReminders(c, { now: new Date(now), tables: DEFAULT_TABLES }).find((r) => r.key === row['key']);
      if (!wanted || wanted.at.toISOString() !== row['at'] || wanted.at.getTime() >= now)
        throw new Error(`${c.id}: ${String(row['key'])} is niet (meer) een openstaande herinnering van de casus`);
    }
    for (const { row } of group) await direct.cases.upsertEntity({ ...row }, 'Replace');
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
    for await (const _ of direct.cases.listEntities({
      queryOptions: { filter: `PartitionKey eq '${pk}' and RowKey ge 'due_' and RowKey lt 'due_${new Date(now).toISOString()}\`'` },
    }))
      void _;
    const qms = performance.now() - q0;
    const ended = Date.now();
    // Every tick (warm-up and uncounted ones too) must send exactly its 10 reminders: case read, settings read, notice, outbox row.
    if (!r.ran || r.sent !== DUE || r.dropped !== 0 || r.lost !== 0) {
      throw new Error(
        `tick ${k} bij ${cases} casussen: ${r.ran ? '' : 'liep niet, '}verstuurd ${r.sent}, vervallen ${r.dropped}, verloren ${r.lost}; verwacht verstuurd ${DUE}, vervallen 0, verloren 0 ` +
          `(de due-rijen van ${group.map((g) => g.case.id).join(', ')})`,
      );
    }
    const counted = k > 0 && ended <= deadline && saveMs < seeded.autosaveMs;
    results.push({ k, now: new Date(now), result: r, counted });
    if (k === 0) continue; // warm-up tick
    if (!counted) {
      if (++rejected > MAX_REJECTED)
        throw new Error(
          `${rejected} ticks niet vrij van Azurite's autosave (tick + query ${fmt(ms + qms)} ms, venster ${fmt(deadline - save.writtenAt)} ms, bewaren ≤ ${fmt(saveMs)} ms)`,
        );
      log(
        `  tick ${k} niet geteld: ${ended > deadline ? `liep ${fmt(ended - deadline)} ms tot in het venster van de volgende autosave` : `bewaren duurde tot ${fmt(saveMs)} ms`}`,
      );
      continue;
    }
    ticks.push(ms);
    queries.push(qms);
    splits.push(split(ms, calls));
    windows.push(deadline - ended);
    requests = calls.length;
  }
  await proxy.close();
  log(
    `  Azurite's autosave vóór elke tick duurde ≤ ${fmt(median(saves) / 1000, 2)} s (mediaan; max ${fmt(Math.max(...saves) / 1000, 2)} s); ` +
      `tick + query eindigden ≥ ${fmt(Math.min(...windows))} ms vóór de volgende kon beginnen; ${rejected} tick(s) niet geteld`,
  );
  await printOutbox(direct.cases, plan.groups, results);
  await azurite.close();
  rmSync(location, { recursive: true, force: true });
  const med = (f: (x: Split) => number) => median(splits.map(f));
  const first = splits[0];
  return {
    tick: median(ticks),
    query: median(queries),
    requests,
    sent: median(results.filter((x) => x.counted).map((x) => x.result.sent)),
    dropped: Math.max(...results.map((x) => x.result.dropped)),
    lost: Math.max(...results.map((x) => x.result.lost)),
    seedSeconds,
    split: {
      query: med((x) => x.query),
      read: med((x) => x.read),
      write: med((x) => x.write),
      outside: med((x) => x.outside),
      counts: first?.counts ?? { query: 0, read: 0, write: 0 },
    },
  };
};

const main = async (stops: Stops): Promise<number> => {
  const verdicts = new Verdicts();
  const small = await measure(stops, 'remS', 1_000);
  const large = await measure(stops, 'remL', LARGE);
  log(
    '\n| opgeslagen casussen | tick (mediaan van 5) | opslagverzoeken per tick | herinneringen per tick (verstuurd / vervallen / verloren) | kale range-query (baseline) | laden |',
  );
  log('|---|---|---|---|---|---|');
  for (const [n, m] of [
    [1_000, small],
    [LARGE, large],
  ] as const)
    log(
      `| ${n} | ${fmt(m.tick)} ms | ${m.requests} | ${m.sent} / ${m.dropped} / ${m.lost} | ${fmt(m.query)} ms | ${fmt(m.seedSeconds)} s |`,
    );
  // Time inside storage requests as the counting proxy saw them (request in to last byte out),
  // medians over the measured ticks; "daarbuiten" is the rest of the tick (the app, the SDK).
  const c = small.split.counts;
  log(
    `\nTijd per tick (mediaan): in queries (${c.query}: tenants + range-query per tenant), puntlezingen (${c.read}), batches en schrijfacties (${c.write}), daarbuiten`,
  );
  log('| opgeslagen casussen | queries | puntlezingen | batches + schrijven | buiten opslagverzoeken | tick |');
  log('|---|---|---|---|---|---|');
  for (const [n, m] of [
    [1_000, small],
    [LARGE, large],
  ] as const) {
    const x = m.split;
    log(`| ${n} | ${fmt(x.query)} ms | ${fmt(x.read)} ms | ${fmt(x.write)} ms | ${fmt(x.outside)} ms | ${fmt(m.tick)} ms |`);
  }
  const grow = (f: (x: typeof small.split) => number) =>
    `${fmt(f(large.split) - f(small.split))} ms (${fmt(f(large.split) / f(small.split), 2)}×)`;
  log(
    `groei ${LARGE} t.o.v. 1000: queries ${grow((x) => x.query)}, puntlezingen ${grow((x) => x.read)}, batches + schrijven ${grow((x) => x.write)}, daarbuiten ${grow((x) => x.outside)}`,
  );
  verdicts.check(
    'zelfde werk per tick',
    small.requests === large.requests && small.sent === large.sent,
    `${small.requests} vs ${large.requests} verzoeken, ${small.sent} vs ${large.sent} herinneringen verstuurd`,
  );
  verdicts.check(
    `tick ${LARGE} / 1000`,
    large.tick / small.tick <= 1.5,
    `${fmt(large.tick / small.tick, 2)}× (≤ 1.5); kale range-query in Azurite ${fmt(large.query / small.query, 2)}×`,
  );
  return verdicts.misses;
};

runBench(main);
