/**
 * Footprint: (a) start-up of `node dist/src/main.js` to the first 200 on `/healthz` with Azurite
 * already running (median of 5) against a minimal restify server child; (b) resident memory (VmRSS
 * of the child) after 10,000 card actions, against RSS right after start and a bare botbuilder echo
 * child after the same number of requests.
 */
import { join } from 'node:path';
import { TableCaseRepository, openTables } from '../src/storage';
import { invokeBody } from './lib/app';
import { type RunningChild, children, spawnUntilHealthy } from './lib/child';
import { type LoadResult, runLoad } from './lib/load';
import { seedCases } from './lib/seed';
import { Verdicts, fmt, log, sleep } from './lib/stats';
import { Stops, benchAzurite, benchConnector, runBench } from './lib/run';

const STARTS = 5;
const ACTIONS = Number(process.env['BENCH_FOOTPRINT_ACTIONS'] ?? 10_000);
const CONNECTIONS = 10;
/** Actions per stored case: 2 transitions, then read-only views. */
const PER_CASE = 10;
const CHANNELS = 20;
const PREFIX = 'benchP';
const REFUSED = /Iemand anders|Niet gelukt|Niet gevonden|Onbekende actie|niet opgeslagen|Niet beschikbaar/;
const appOk = (status: number, text: string): boolean => status === 200 && text.includes('"statusCode":200') && !REFUSED.test(text);
const echoOk = (status: number, text: string): boolean => status === 200 && text.includes('echo ');

const DIST = join(__dirname, '..');
const APP = join(DIST, 'src', 'main.js');
const BARE = join(DIST, 'bench', 'lib', 'bareServer.js');

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const main = async (stops: Stops): Promise<number> => {
  const verdicts = new Verdicts();
  const azurite = await benchAzurite(stops);
  const connector = await benchConnector(stops);
  const appEnv = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PLAYGROUND: 'off',
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: PREFIX,
  };
  const kinds = [
    { name: 'Escaleer (dist/src/main.js)', script: APP, env: appEnv },
    { name: 'kale restify-server', script: BARE, env: { BARE: 'restify' } },
    { name: 'kale botbuilder-echo (zelfde stack)', script: BARE, env: { BARE: 'echo' } },
  ] as const;

  // (a) Start-up. One unmeasured start each (disk cache; Escaleer creates its tables), then
  // STARTS rounds, interleaved so drift on this noisy VM hits all three alike.
  for (const k of kinds) await (await spawnUntilHealthy(k.script, k.env)).stop();
  const starts = kinds.map(() => [] as number[]);
  for (let r = 0; r < STARTS; r++) {
    for (const [i, k] of kinds.entries()) {
      const c = await spawnUntilHealthy(k.script, k.env);
      starts[i]?.push(c.startMs);
      await c.stop();
    }
  }
  const [appStart, restifyStart, echoStart] = starts.map(median) as [number, number, number];
  log('\n| proces | start tot eerste 200 op /healthz (mediaan van 5) | alle 5 (ms) |');
  log('|---|---|---|');
  for (const [i, k] of kinds.entries())
    log(`| ${k.name} | ${fmt(median(starts[i] ?? []), 0)} ms | ${(starts[i] ?? []).map((x) => fmt(x, 0)).join(', ')} |`);
  verdicts.check(
    'start-up gemeten',
    Number.isFinite(appStart),
    `Escaleer ${fmt(appStart, 0)} ms = ${fmt(appStart / restifyStart, 2)}× kale restify (${fmt(restifyStart, 0)} ms), ${fmt(appStart / echoStart, 2)}× echo (${fmt(echoStart, 0)} ms)`,
  );

  // (b) Memory after ACTIONS card actions: per stored case the two transitions of bench:actions,
  // then read-only views (status.tonen) — 10 actions per case. All transitions on fresh cases would
  // grow the table by ~3 rows per action, and in-memory Azurite answers every query (the
  // dispatcher's outbox sweep after each commit) by scanning the whole table: see README.
  const tables = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, PREFIX);
  const cases = Math.ceil(ACTIONS / PER_CASE);
  const t0 = performance.now();
  const ids = await seedCases(new TableCaseRepository(tables.cases), 1, cases, CHANNELS, connector.url);
  log(`\n${cases} casussen opgeslagen in ${fmt((performance.now() - t0) / 1000)} s`);
  const action = (round: number, caseId: string, i: number): string => {
    const id = `f-${i}-${round}`;
    if (round === 0)
      return invokeBody(
        connector.url,
        i % CHANNELS,
        'route.kiezen',
        { caseId, version: 1, route: 'bijstellen', clientRef: `ECD-${i}` },
        id,
      );
    if (round === 1)
      return invokeBody(
        connector.url,
        i % CHANNELS,
        'signaal.vastleggen',
        { caseId, version: 2, datum: '2025-03-03', actielijn: 'wonen', toelichting: 'afspraken lopen niet' },
        id,
      );
    return invokeBody(connector.url, i % CHANNELS, 'status.tonen', { caseId, version: 3 }, id);
  };
  const bodies = Array.from({ length: PER_CASE }, (_, round) => ids.map((caseId, i) => action(round, caseId, i)))
    .flat()
    .slice(0, ACTIONS);
  const echoBodies = Array.from({ length: ACTIONS }, (_, i) =>
    invokeBody(connector.url, i % CHANNELS, 'echo', { caseId: 'CAS-2026-0001', version: 1 }, `e-${i}`),
  );

  const memory = async (child: RunningChild, load: readonly string[], ok: (s: number, t: string) => boolean) => {
    await sleep(1_000);
    const start = child.rssMb();
    // In 10 chunks, with RSS after each: a plateau is heap sizing, steady growth would be a leak.
    const curve: number[] = [];
    const parts: LoadResult[] = [];
    const chunk = Math.ceil(load.length / 10);
    for (let i = 0; i < load.length; i += chunk) {
      parts.push(await runLoad(child.port, load.slice(i, i + chunk), CONNECTIONS, ok));
      curve.push(child.rssMb());
    }
    const after = child.rssMb();
    const seconds = parts.reduce((t, p) => t + p.summary.seconds, 0);
    const r = {
      errors: parts.reduce((t, p) => t + p.summary.errors, 0),
      perSecond: load.length / seconds,
      failures: parts.flatMap((p) => p.failures).slice(0, 3),
    };
    await sleep(5_000); // background work (outbox delivery) settles
    const settled = child.rssMb();
    const peak = child.peakMb();
    await child.stop();
    return { start, after, settled, peak, r, curve };
  };
  const app = await memory(await spawnUntilHealthy(APP, appEnv), bodies, appOk);
  const echo = await memory(await spawnUntilHealthy(BARE, { BARE: 'echo' }), echoBodies, echoOk);
  for (const f of [...app.r.failures, ...echo.r.failures]) log(`  fout: ${f}`);
  log(`\n| proces | RSS na start | RSS na ${ACTIONS} acties | 5 s later | piek (VmHWM) | acties/s | fouten |`);
  log('|---|---|---|---|---|---|---|');
  for (const [name, m] of [
    ['Escaleer', app],
    ['kale botbuilder-echo', echo],
  ] as const) {
    log(
      `| ${name} | ${fmt(m.start)} MB | ${fmt(m.after)} MB | ${fmt(m.settled)} MB | ${fmt(m.peak)} MB | ${fmt(m.r.perSecond, 0)} | ${m.r.errors} |`,
    );
  }
  for (const [name, m] of [
    ['Escaleer', app],
    ['echo', echo],
  ] as const)
    log(`RSS per ${ACTIONS / 10} acties, ${name}: ${m.curve.map((x) => fmt(x, 0)).join(' ')} MB`);
  log(`connector-aanroepen (outbox-levering door het kind): ${connector.calls.length}`);
  verdicts.check(
    `${ACTIONS} acties zonder fouten`,
    app.r.errors === 0 && echo.r.errors === 0,
    `Escaleer ${app.r.errors}, echo ${echo.r.errors} fouten`,
  );
  verdicts.check(
    'geheugen gemeten',
    Number.isFinite(app.after) && Number.isFinite(echo.after),
    `Escaleer ${fmt(app.after)} MB na ${ACTIONS} acties = ${fmt(app.after / app.start, 2)}× na start, ${fmt(app.after / echo.after, 2)}× echo (${fmt(echo.after)} MB)`,
  );

  log(`\n${verdicts.misses === 0 ? 'alles gemeten' : `${verdicts.misses} meting(en) mislukt`}`);
  return verdicts.misses;
};

runBench(main, () => {
  for (const c of children) c.kill('SIGKILL');
});
