/**
 * Card actions through /api/messages (HTTP, Azurite): throughput and latency at 1, 10 and 50
 * connections against a bare botbuilder echo handler with 2 raw table operations on the same
 * stack, in the same run; then storage round trips per action through a counting proxy.
 */
import type { TableClient } from '@azure/data-tables';
import { TableCaseRepository, openTables } from '../src/storage';
import { rk, tenantPk } from '../src/storage/keys';
import { echoBody, invokeBody, startApp, startEcho } from './lib/app';
import { withCpu } from './lib/cpu';
import { CountingProxy } from './lib/countingProxy';
import { logPhaseHeader, measurePhases, phaseRow } from './lib/phases';
import { roundTrips } from './lib/roundTrips';
import { type LoadResult, runLoad } from './lib/load';
import { seedCases } from './lib/seed';
import { Verdicts, fmt, log } from './lib/stats';
import { Stops, benchAzurite, benchConnector, runBench } from './lib/run';

/** `BENCH_LEVELS=10:400,50:600` overrides (connections:actions per run), e.g. for a quick profile. */
const LEVELS: readonly { connections: number; actions: number }[] = process.env['BENCH_LEVELS']
  ? process.env['BENCH_LEVELS'].split(',').map((l) => ({ connections: Number(l.split(':')[0]), actions: Number(l.split(':')[1]) }))
  : [
      { connections: 1, actions: 200 },
      { connections: 10, actions: 400 },
      { connections: 50, actions: 600 },
    ];
/** Rounds per level (`BENCH_ROUNDS`); each round runs A, B and Escaleer once, in alternating order. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);
/** Cases per level (at least one per connection) used to warm the caches before measuring, at the level's concurrency. */
const WARM = 20;
/** Organisations (= partitions) per level the cases are spread over (`BENCH_TENANTS`). */
const TENANTS = Number(process.env['BENCH_TENANTS'] ?? 10);

/** A stored case: its tenant, id and the channel it was posted in. */
interface Stored {
  readonly tenant: string;
  readonly id: string;
  readonly channel: number;
}
const CHANNELS = 20;
const REFUSED = /Iemand anders|Niet gelukt|Niet gevonden|Onbekende actie|niet opgeslagen|Niet beschikbaar/;

const appOk = (status: number, text: string): boolean => status === 200 && text.includes('"statusCode":200') && !REFUSED.test(text);
const echoOk = (status: number, text: string): boolean => status === 200 && text.includes('echo ');

/** Rows stored in one partition (a scan over it; setup only). */
const countRows = async (table: TableClient, partition: string): Promise<number> => {
  let n = 0;
  for await (const _ of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partition}'`, select: ['RowKey'] } })) n++;
  return n;
};

interface Run {
  readonly load: LoadResult;
  /** CPU seconds of this process (the bot under test and the load generator) and of Azurite. */
  readonly own: number;
  readonly storage: number;
}

const main = async (stops: Stops): Promise<number> => {
  const verdicts = new Verdicts();
  const azurite = await benchAzurite(stops);
  const connector = await benchConnector(stops);
  const app = await startApp(azurite.connectionString, 'benchA');
  const tables = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, 'benchA');
  const repo = new TableCaseRepository(tables.cases);
  const shape = await roundTrips(azurite, connector, verdicts);
  log(`\nEscaleers transactie per overgang: ${shape.entities} entiteiten, ${(shape.bytes / 1024).toFixed(1)} KB`);
  const echoTables = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, 'benchE');
  // Baseline A: read + one 2 KB upsert. Baseline B (the target's yardstick): Escaleer's own
  // transaction replayed by a bare handler (read of a case row, then the same batch: that row
  // replaced under its ETag, the same new rows), on other cases of the same partition.
  const echoA = await startEcho(echoTables.cases, { entities: 1, bytes: 2048 });
  const echo = await startEcho(tables.cases, shape);
  let seq = 1;
  let act = 0;
  /** Both transitions for `cases` (first all route choices, then all signals). */
  const transitions = (cases: readonly Stored[]): string[] => [
    ...cases.map((c) =>
      invokeBody(
        connector.url,
        c.channel,
        'route.kiezen',
        { caseId: c.id, version: 1, route: 'bijstellen', clientRef: 'ECD-1' },
        `a-${++act}`,
        undefined,
        c.tenant,
      ),
    ),
    ...cases.map((c) =>
      invokeBody(
        connector.url,
        c.channel,
        'signaal.vastleggen',
        { caseId: c.id, version: 2, datum: '2025-03-03', actielijn: 'wonen', toelichting: 'afspraken lopen niet' },
        `a-${++act}`,
        undefined,
        c.tenant,
      ),
    ),
  ];
  /** B's bodies for `cases`: each case row read and replaced twice (as Escaleer's cases are). */
  const echoBodies = (cases: readonly Stored[]): string[] =>
    [...cases, ...cases].map((c, i) =>
      echoBody(connector.url, i % CHANNELS, `e-${++act}`, { partition: tenantPk(c.tenant), row: rk.case(c.id) }),
    );
  const plainEcho = (n: number): string[] => Array.from({ length: n }, (_, i) => echoBody(connector.url, i % CHANNELS, `e-${++act}`));
  const measured = async (port: number, bodies: readonly string[], connections: number, ok: typeof appOk): Promise<Run> => {
    const { result, own, other } = await withCpu(azurite.pid, () => runLoad(port, bodies, connections, ok));
    return { load: result, own, storage: other };
  };

  type Agg = { tput: number; p50: number; p99: number; err: number; ownMs: number; storageMs: number };
  const agg = (xs: Run[]): Agg => {
    const mean = (f: (x: Run) => number) => xs.reduce((t, x) => t + f(x), 0) / xs.length;
    const count = xs.reduce((t, x) => t + x.load.summary.count + x.load.summary.errors, 0);
    return {
      tput: mean((x) => x.load.summary.perSecond),
      p50: mean((x) => x.load.summary.p50),
      p99: mean((x) => x.load.summary.p99),
      err: xs.reduce((t, x) => t + x.load.summary.errors, 0),
      ownMs: (1000 * xs.reduce((t, x) => t + x.own, 0)) / count,
      storageMs: (1000 * xs.reduce((t, x) => t + x.storage, 0)) / count,
    };
  };
  const rows: string[] = [];
  const cpuRows: string[] = [];
  for (const level of LEVELS) {
    // Each level has tenants (= partitions) of its own, so a level does not pay for the rows the
    // levels before it left; cases are spread over TENANTS organisations, round robin. Escaleer and B
    // work on different cases of the same partitions: on Azurite every point read and every write
    // scans the partition's rows, so both must meet the same rows (a partition of equal size but
    // other contents did not give equal storage cost).
    const perRound = level.actions / 2;
    const warm = Math.max(WARM, level.connections);
    const perTenant = Math.ceil((2 * warm + 2 * ROUNDS * perRound) / TENANTS);
    log(`\n${level.connections} verbindingen: ${perTenant * TENANTS} casussen opslaan over ${TENANTS} tenants…`);
    const byTenant: Stored[][] = [];
    for (let t = 0; t < TENANTS; t++) {
      const tenant = `tenant-bench-${level.connections}-${t}`;
      const ids = await seedCases(repo, seq, perTenant, CHANNELS, connector.url, new Date(), tenant);
      byTenant.push(ids.map((id, i) => ({ tenant, id, channel: i % CHANNELS })));
    }
    seq += perTenant;
    const cases: Stored[] = Array.from({ length: perTenant * TENANTS }, (_, i) => byTenant[i % TENANTS]?.[Math.floor(i / TENANTS)]).filter(
      (c): c is Stored => c !== undefined,
    );
    // Warm-up in these tenants: tenant registry, settings and calendar caches, as in a running instance.
    await runLoad(app.port, transitions(cases.slice(0, warm)), level.connections, appOk);
    await runLoad(echo.port, echoBodies(cases.slice(warm, 2 * warm)), level.connections, echoOk);
    const results: { app: Run[]; echo: Run[]; echoA: Run[] } = { app: [], echo: [], echoA: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const first = 2 * warm + 2 * r * perRound;
      const mine = cases.slice(first, first + perRound);
      const theirs = cases.slice(first + perRound, first + 2 * perRound);
      // The order alternates per round (A, B, Escaleer; then Escaleer, B, A): who runs later meets a
      // fuller partition, so neither side always pays for that.
      const steps = [
        async () => results.echoA.push(await measured(echoA.port, plainEcho(level.actions), level.connections, echoOk)),
        async () => results.echo.push(await measured(echo.port, echoBodies(theirs), level.connections, echoOk)),
        async () => results.app.push(await measured(app.port, transitions(mine), level.connections, appOk)),
      ];
      for (const step of r % 2 === 0 ? steps : [...steps].reverse()) await step();
      const line = (x: Run | undefined) =>
        x
          ? `${fmt(x.load.summary.perSecond, 0)}/s p99 ${fmt(x.load.summary.p99)} ms, CPU ${fmt((1000 * x.own) / x.load.summary.count, 2)} / ${fmt((1000 * x.storage) / x.load.summary.count, 2)} ms`
          : '';
      log(`  ronde ${r + 1}: Escaleer ${line(results.app.at(-1))}; B ${line(results.echo.at(-1))}; A ${line(results.echoA.at(-1))}`);
    }
    log(`  na de metingen: ${await countRows(tables.cases, tenantPk(cases[0]?.tenant ?? ''))} rijen in de partitie van één tenant`);
    const [a, e, ea] = [agg(results.app), agg(results.echo), agg(results.echoA)];
    for (const f of [...results.app, ...results.echo, ...results.echoA].flatMap((x) => x.load.failures)) log(`  fout: ${f}`);
    const row =
      `| ${level.connections} | ${fmt(a.tput, 0)}/s, ${fmt(a.p50)} / ${fmt(a.p99)} ms | ${fmt(e.tput, 0)}/s, ${fmt(e.p50)} / ${fmt(e.p99)} ms | **${fmt(a.tput / e.tput, 2)}×** / **${fmt(a.p99 / e.p99, 2)}×** ` +
      `| ${fmt(ea.tput, 0)}/s, ${fmt(ea.p50)} / ${fmt(ea.p99)} ms | ${fmt(a.tput / ea.tput, 2)}× / ${fmt(a.p99 / ea.p99, 2)}× | ${a.err} / ${e.err + ea.err} |`;
    rows.push(row);
    cpuRows.push(
      `| ${level.connections} | ${fmt(a.ownMs, 2)} / ${fmt(a.storageMs, 2)} | ${fmt(e.ownMs, 2)} / ${fmt(e.storageMs, 2)} | ${fmt(ea.ownMs, 2)} / ${fmt(ea.storageMs, 2)} |`,
    );
    verdicts.check(
      `doorvoer bij ${level.connections} verbindingen`,
      a.tput / e.tput >= 0.8 && a.err === 0,
      `${fmt(a.tput / e.tput, 2)}× baseline B (≥ 0.8), ${a.err} fouten; t.o.v. A ${fmt(a.tput / ea.tput, 2)}×`,
    );
    verdicts.check(
      `p99 bij ${level.connections} verbindingen`,
      a.p99 / e.p99 <= 1.5,
      `${fmt(a.p99 / e.p99, 2)}× baseline B (≤ 1.5); t.o.v. A ${fmt(a.p99 / ea.p99, 2)}×`,
    );
  }
  log(
    '\n| verb. | Escaleer (doorvoer, p50 / p99) | baseline B: lezen + batch als Escaleer | verhouding doorvoer / p99 t.o.v. B | baseline A: lezen + 1 upsert | t.o.v. A | fouten app / echo |',
  );
  log('|---|---|---|---|---|---|---|');
  for (const r of rows) log(r);
  log('\nCPU per actie in ms (bench-proces: bot + lastgenerator / Azurite):');
  log('| verb. | Escaleer | baseline B | baseline A |');
  log('|---|---|---|---|');
  for (const r of cpuRows) log(r);

  // Where one action's time goes at 1 connection: Escaleer and B through the counting proxy, the
  // latency split at their 2 storage requests (separate instances and tenants, same method).
  log('\nFasen van één actie bij 1 verbinding, mediaan in ms (via de tellende proxy):');
  const proxy = new CountingProxy(azurite.port);
  const proxyPort = await proxy.start();
  stops.add(() => proxy.close());
  const viaProxy = azurite.connectionString.replace(`:${azurite.port}/`, `:${proxyPort}/`);
  const appP = await startApp(viaProxy, 'benchP');
  const tablesP = await openTables({ kind: 'connectionString', connectionString: viaProxy }, 'benchP');
  const echoP = await startEcho(tablesP.cases, shape);
  const phaseCases: Stored[] = [];
  for (let t = 0; t < TENANTS; t++) {
    const tenant = `tenant-fasen-${t}`;
    const ids = await seedCases(new TableCaseRepository(tablesP.cases), 1, 70, CHANNELS, connector.url, new Date(), tenant);
    phaseCases.push(...ids.map((id, i) => ({ tenant, id, channel: i % CHANNELS })));
  }
  const spread = Array.from({ length: phaseCases.length }, (_, i) => phaseCases[(i % TENANTS) * 70 + Math.floor(i / TENANTS)]).filter(
    (c): c is Stored => c !== undefined,
  );
  await measurePhases(proxy, appP.port, transitions(spread.slice(0, 25)));
  await measurePhases(proxy, echoP.port, echoBodies(spread.slice(25, 50)));
  logPhaseHeader();
  for (let r = 0; r < 3; r++) {
    const base = 50 + r * 200;
    log(phaseRow(`Escaleer, ronde ${r + 1}`, await measurePhases(proxy, appP.port, transitions(spread.slice(base, base + 100)))));
    log(phaseRow(`B, ronde ${r + 1}`, await measurePhases(proxy, echoP.port, echoBodies(spread.slice(base + 100, base + 200)))));
  }
  await echoP.close();
  await appP.close();

  await echo.close();
  await echoA.close();
  await app.close();
  log(`\n${verdicts.misses === 0 ? 'alle doelen gehaald' : `${verdicts.misses} doel(en) niet gehaald`}`);
  return verdicts.misses;
};

runBench(main);
