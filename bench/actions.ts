/**
 * Card actions through /api/messages (HTTP, Azurite): throughput and latency at 1, 10 and 50
 * connections against a bare botbuilder echo handler with 2 raw table operations on the same
 * stack, in the same run; then storage round trips per action through a counting proxy.
 */
import { TableCaseRepository, openTables } from '../src/storage';
import { invokeBody, startApp, startEcho } from './lib/app';
import { roundTrips } from './lib/roundTrips';
import { type LoadResult, runLoad } from './lib/load';
import { seedCases } from './lib/seed';
import { Verdicts, fmt, log } from './lib/stats';
import { Stops, benchAzurite, benchConnector, runBench } from './lib/run';

/** `BENCH_LEVELS=10:600,50:1000` overrides (connections:actions), e.g. for a quick profile. */
const LEVELS: readonly { connections: number; actions: number }[] = process.env['BENCH_LEVELS']
  ? process.env['BENCH_LEVELS'].split(',').map((l) => ({ connections: Number(l.split(':')[0]), actions: Number(l.split(':')[1]) }))
  : [
      { connections: 1, actions: 300 },
      { connections: 10, actions: 1200 },
      { connections: 50, actions: 2000 },
    ];
const ROUNDS = 2;
const CHANNELS = 20;
const REFUSED = /Iemand anders|Niet gelukt|Niet gevonden|Onbekende actie|niet opgeslagen|Niet beschikbaar/;

const appOk = (status: number, text: string): boolean => status === 200 && text.includes('"statusCode":200') && !REFUSED.test(text);
const echoOk = (status: number, text: string): boolean => status === 200 && text.includes('echo ');

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
  // Baseline A: read + one 2 KB upsert. Baseline B (the target's yardstick): read + one batch of the
  // same entity count and size as Escaleer's transaction, i.e. the same raw table work.
  const echoA = await startEcho(echoTables.cases, { entities: 1, bytes: 2048 });
  const echo = await startEcho(echoTables.cases, shape);
  let seq = 1;
  let act = 0;
  // All cases are stored up front (seeding during the runs would load Azurite between them).
  const total = 100 + LEVELS.reduce((t, l) => t + (ROUNDS * l.actions) / 2, 0);
  log(`${total} casussen opslaan…`);
  const all = await seedCases(repo, 1, total, CHANNELS, connector.url);
  const transitions = async (pairs: number): Promise<string[]> => {
    const base = seq - 1;
    const ids = all.slice(base, base + pairs);
    const first = ids.map((caseId, i) => invokeBody(connector.url, (base + i) % CHANNELS, 'route.kiezen', { caseId, version: 1, route: 'bijstellen', clientRef: `ECD-${i}` }, `a-${++act}`));
    const second = ids.map((caseId, i) =>
      invokeBody(connector.url, (base + i) % CHANNELS, 'signaal.vastleggen', { caseId, version: 2, datum: '2025-03-03', actielijn: 'wonen', toelichting: 'afspraken lopen niet' }, `a-${++act}`),
    );
    seq += pairs;
    return [...first, ...second];
  };
  const echoBodies = (n: number): string[] => Array.from({ length: n }, (_, i) => invokeBody(connector.url, i % CHANNELS, 'echo', { caseId: 'CAS-2026-0001', version: 1 }, `e-${++act}`));

  log('opwarmen…');
  await runLoad(app.port, await transitions(100), 10, appOk);
  await runLoad(echo.port, echoBodies(200), 10, echoOk);
  await runLoad(echoA.port, echoBodies(200), 10, echoOk);

  type Agg = { tput: number; p50: number; p99: number; err: number };
  const agg = (xs: LoadResult[]): Agg => {
    const mean = (f: (x: LoadResult) => number) => xs.reduce((t, x) => t + f(x), 0) / xs.length;
    return { tput: mean((x) => x.summary.perSecond), p50: mean((x) => x.summary.p50), p99: mean((x) => x.summary.p99), err: xs.reduce((t, x) => t + x.summary.errors, 0) };
  };
  const rows: string[] = [];
  for (const level of LEVELS) {
    const results: { app: LoadResult[]; echo: LoadResult[]; echoA: LoadResult[] } = { app: [], echo: [], echoA: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const appBodies = await transitions(level.actions / 2);
      results.echoA.push(await runLoad(echoA.port, echoBodies(level.actions), level.connections, echoOk));
      results.echo.push(await runLoad(echo.port, echoBodies(level.actions), level.connections, echoOk));
      results.app.push(await runLoad(app.port, appBodies, level.connections, appOk));
    }
    const [a, e, ea] = [agg(results.app), agg(results.echo), agg(results.echoA)];
    for (const f of [...results.app, ...results.echo, ...results.echoA].flatMap((x) => x.failures)) log(`  fout: ${f}`);
    const row =
      `| ${level.connections} | ${fmt(a.tput, 0)}/s, ${fmt(a.p50)} / ${fmt(a.p99)} ms | ${fmt(e.tput, 0)}/s, ${fmt(e.p50)} / ${fmt(e.p99)} ms | **${fmt(a.tput / e.tput, 2)}×** / **${fmt(a.p99 / e.p99, 2)}×** ` +
      `| ${fmt(ea.tput, 0)}/s, ${fmt(ea.p50)} / ${fmt(ea.p99)} ms | ${fmt(a.tput / ea.tput, 2)}× / ${fmt(a.p99 / ea.p99, 2)}× | ${a.err} / ${e.err + ea.err} |`;
    rows.push(row);
    verdicts.check(`doorvoer bij ${level.connections} verbindingen`, a.tput / e.tput >= 0.8 && a.err === 0, `${fmt(a.tput / e.tput, 2)}× baseline B (≥ 0.8), ${a.err} fouten; t.o.v. A ${fmt(a.tput / ea.tput, 2)}×`);
    verdicts.check(`p99 bij ${level.connections} verbindingen`, a.p99 / e.p99 <= 1.5, `${fmt(a.p99 / e.p99, 2)}× baseline B (≤ 1.5); t.o.v. A ${fmt(a.p99 / ea.p99, 2)}×`);
  }
  log('\n| verb. | Escaleer (doorvoer, p50 / p99) | baseline B: lezen + batch als Escaleer | verhouding doorvoer / p99 t.o.v. B | baseline A: lezen + 1 upsert | t.o.v. A | fouten app / echo |');
  log('|---|---|---|---|---|---|---|');
  for (const r of rows) log(r);

  await echo.close();
  await echoA.close();
  await app.close();
  log(`\n${verdicts.misses === 0 ? 'alle doelen gehaald' : `${verdicts.misses} doel(en) niet gehaald`}`);
  return verdicts.misses;
};

runBench(main);
