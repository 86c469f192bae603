import { TableCaseRepository, openTables } from '../../src/storage';
import type { RunningAzurite } from '../../src/storage/azurite';
import type { ConnectorStandIn } from '../../test/support/connectorStandIn';
import { type EchoWrite, invokeBody, startApp } from './app';
import { CountingProxy, type StorageCall } from './countingProxy';
import { seedCases } from './seed';
import { type Verdicts, log } from './stats';

const describe = (calls: readonly StorageCall[]): string => {
  const by = new Map<string, number>();
  for (const c of calls) by.set(c.kind, (by.get(c.kind) ?? 0) + 1);
  return [...by].map(([k, n]) => `${n} ${k}`).join(' + ') || 'geen';
};

/**
 * Storage requests per action, counted by a proxy between the app and Azurite, after one warm-up
 * action (settings cache, calendar cache and tenant registry filled, as in a running instance).
 */
export const roundTrips = async (azurite: RunningAzurite, connector: ConnectorStandIn, verdicts: Verdicts): Promise<EchoWrite> => {
  const shapes: EchoWrite[] = [];
  const proxy = new CountingProxy(azurite.port);
  const proxyPort = await proxy.start();
  const viaProxy = azurite.connectionString.replace(`:${azurite.port}/`, `:${proxyPort}/`);
  const app = await startApp(viaProxy, 'benchR');
  const direct = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, 'benchR');
  const ids = await seedCases(new TableCaseRepository(direct.cases), 1, 12, 1, connector.url);
  const post = async (body: string): Promise<string> => {
    const r = await fetch(`http://127.0.0.1:${app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return r.text();
  };
  let n = 0;
  const route = (caseId: string, id = `rt-${++n}`) =>
    invokeBody(connector.url, 0, 'route.kiezen', { caseId, version: 1, route: 'bijstellen', clientRef: 'ECD-1' }, id);
  const signal = (caseId: string, id = `rt-${++n}`) =>
    invokeBody(
      connector.url,
      0,
      'signaal.vastleggen',
      { caseId, version: 2, datum: '2025-03-03', actielijn: 'wonen', toelichting: 'x' },
      id,
    );
  const measure = async (label: string, bodies: readonly string[], max: number, exact = false): Promise<void> => {
    const counts: number[] = [];
    let kinds = '';
    for (const b of bodies) {
      proxy.reset();
      await post(b);
      counts.push(proxy.calls.length);
      kinds = describe(proxy.calls);
    }
    const batches = proxy.calls.filter((c) => c.kind === 'batch');
    if (label.startsWith('overgang'))
      shapes.push(...batches.map((b) => ({ entities: b.entities, bytes: b.bytes, operations: b.operations })));
    if (batches.length)
      kinds += ` (batch: ${batches.map((b) => `${b.entities} entiteiten, ${(b.bytes / 1024).toFixed(1)} KB`).join(', ')})`;
    const lo = Math.min(...counts);
    const hi = Math.max(...counts);
    log(`| ${label} | ${lo === hi ? lo : `${lo}–${hi}`} | ${kinds} |`);
    verdicts.check(
      `opslagverzoeken: ${label}`,
      exact ? lo === max && hi === max : hi <= max,
      `${lo === hi ? lo : `${lo}–${hi}`} per actie (${exact ? '=' : '≤'} ${max})`,
    );
  };
  await post(route(ids[0] ?? ''));
  log('\n| actie | opslagverzoeken | soort |');
  log('|---|---|---|');
  const cases = ids.slice(1, 11);
  await measure(
    'overgang route.kiezen',
    cases.map((c) => route(c)),
    2,
    true,
  );
  await measure(
    'overgang signaal.vastleggen',
    cases.map((c) => signal(c)),
    2,
    true,
  );
  await measure(
    'kaart tonen (status.tonen)',
    cases.map((c) => invokeBody(connector.url, 0, 'status.tonen', { caseId: c, version: 3 }, `rt-${++n}`)),
    1,
  );
  await measure(
    'details bekijken (met auditregel)',
    cases.map((c) => invokeBody(connector.url, 0, 'details.bekijken', { caseId: c, version: 3 }, `rt-${++n}`)),
    2,
  );
  await measure(
    'verouderde klik (oude versie)',
    cases.map((c) => route(c)),
    2,
  );
  const again = `rt-${++n}`;
  await post(route(ids[11] ?? '', again));
  await measure('herbezorging na commit (zelfde activity id)', [route(ids[11] ?? '', again)], 2);
  await app.close();
  await proxy.close();
  const avg = (f: (w: EchoWrite) => number) => Math.round(shapes.reduce((t, w) => t + f(w), 0) / Math.max(1, shapes.length));
  // B replays the operations of Escaleer's last transition batch (same entities, other keys).
  return { entities: avg((w) => w.entities), bytes: avg((w) => w.bytes), operations: shapes.at(-1)?.operations ?? [] };
};
