/**
 * Notification fan-out: 1,000 outbox items across 100 channels of one tenant, delivered by the real
 * OutboxDispatcher + ConnectorNotifier to a connector stand-in that throttles like Teams (429 with
 * Retry-After: 1 above 7/1 s, 8/2 s, 60/30 s per conversation or 50/1 s per tenant). Measures the
 * wall time from dispatcher start until all 1,000 are delivered, against the theoretical minimum.
 */
import { type OutboxMessage, consoleLogger, systemClock } from '../src/app';
import { ConnectorNotifier, createAdapter } from '../src/bot';
import { type DispatcherOptions, OutboxDispatcher } from '../src/scheduler';
import { TableLeaseStore, TableOutboxStore, openTables, tenantPk } from '../src/storage';
import { outboxRow } from '../src/storage/keys';
import { TENANT, channelOf } from './lib/app';
import { Verdicts, fmt, log, sleep } from './lib/stats';
import { PER_TENANT, TeamsThrottle } from './lib/throttle';
import { Stops, benchAzurite, benchConnector, runBench } from './lib/run';

const CHANNELS = 100;
const PER_CHANNEL = 10;
const TOTAL = CHANNELS * PER_CHANNEL;
/** Theoretical minimum: the tenant limit (50/s) binds; 10 per channel alone would take ~2 s. */
const MINIMUM_S = TOTAL / (PER_TENANT[0]?.max ?? 50);
const TIMEOUT_MS = 120_000;

/** `BENCH_DISPATCHER='{"concurrency":16}'` overrides dispatcher options (numbers only) for experiments. */
const overrides = (): Partial<DispatcherOptions> => {
  const raw = process.env['BENCH_DISPATCHER'];
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  const out: Record<string, number> = {};
  if (typeof parsed === 'object' && parsed !== null) for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number') out[k] = v;
  return out;
};

/** Outbox messages in creation order: round i posts one message to every channel. The text is the id. */
const messagesFor = (serviceUrl: string): OutboxMessage[] => {
  const out: OutboxMessage[] = [];
  const t0 = Date.now();
  for (let i = 0; i < PER_CHANNEL; i++) {
    for (let c = 0; c < CHANNELS; c++) {
      const n = i * CHANNELS + c;
      const id = `${t0.toString(36)}-${String(n).padStart(5, '0')}`;
      out.push({
        id,
        conversation: { serviceUrl, conversationId: `${channelOf(c)};messageid=root-${c}`, tenantId: TENANT },
        kind: 'post',
        activityId: null,
        activity: { text: id },
        createdAt: new Date(t0 + n).toISOString(),
        caseId: null,
      });
    }
  }
  return out;
};

const main = async (stops: Stops): Promise<number> => {
  const verdicts = new Verdicts();
  const azurite = await benchAzurite(stops);
  const connector = await benchConnector(stops);
  const throttle = new TeamsThrottle();
  connector.responder = throttle.responder;

  const tables = await openTables({ kind: 'connectionString', connectionString: azurite.connectionString }, 'benchF');
  const messages = messagesFor(connector.url);
  // Exactly as TableCaseRepository writes them: `outboxRow` creates, and the tenant in the registry.
  await tables.cases.upsertEntity({ partitionKey: 'tenants', rowKey: tenantPk(TENANT), tenantId: TENANT }, 'Merge');
  for (let i = 0; i < messages.length; i += 100) {
    await tables.cases.submitTransaction(messages.slice(i, i + 100).map((m) => ['create', outboxRow(TENANT, m)]));
  }
  log(`${TOTAL} outbox-items opgeslagen (${CHANNELS} kanalen × ${PER_CHANNEL}, 1 tenant)`);

  const silent = consoleLogger('silent');
  const adapter = createAdapter({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, silent);
  const store = new TableOutboxStore(tables.cases);
  const opts = overrides();
  // As main.ts composes it: system clock, shared conversation claims in the leases table.
  const dispatcher = new OutboxDispatcher(store, new ConnectorNotifier(adapter, ''), systemClock, silent, {
    conversationLeases: new TableLeaseStore(tables.leases),
    ...opts,
  });
  stops.add(() => dispatcher.stop());
  if (Object.keys(opts).length > 0) log(`dispatcher-opties: ${JSON.stringify(opts)}`);

  const start = performance.now();
  dispatcher.start();
  while (throttle.accepted.size < TOTAL && performance.now() - start < TIMEOUT_MS) await sleep(10);
  const seconds = (performance.now() - start) / 1000;
  // Give stray retries a chance to show up as duplicates, then stop and look at what is left.
  await sleep(2_000);
  await dispatcher.stop();
  const left = (await store.scan(TENANT, 5_000)).length;
  const ids = new Set(messages.map((m) => m.id));
  const twice = [...throttle.accepted.values()].filter((n) => n > 1).length;
  const lost = [...ids].filter((id) => !throttle.accepted.has(id)).length;
  const strangers = [...throttle.accepted.keys()].filter((id) => !ids.has(id)).length;
  const calls = connector.calls.length;

  log(
    `\nafgeleverd: ${throttle.accepted.size} verschillend, in ${fmt(seconds, 2)} s (minimum ${fmt(MINIMUM_S, 0)} s): ${fmt(seconds / MINIMUM_S, 2)}×`,
  );
  log(
    `verzoeken aan de connector: ${calls}, waarvan 429: ${throttle.throttled}; dispatcher: ${dispatcher.stats.delivered} afgeleverd, ${dispatcher.stats.failedAttempts} mislukte pogingen, ${dispatcher.stats.deadLettered} dode brieven, ${dispatcher.stats.lateCompletions} late afrondingen`,
  );
  log(`per seconde geaccepteerd: ${throttle.perSecond.map((n) => n ?? 0).join(' ')}`);
  log(`outbox-rijen over: ${left}`);
  verdicts.check(
    'fan-out tijd',
    seconds / MINIMUM_S <= 1.2,
    `${fmt(seconds, 2)} s = ${fmt(seconds / MINIMUM_S, 2)}× het minimum van ${fmt(MINIMUM_S, 0)} s (≤ 1.2)`,
  );
  verdicts.check(
    '0 kwijt',
    lost === 0 && left === 0 && dispatcher.stats.deadLettered === 0,
    `${lost} niet afgeleverd, ${left} rijen over, ${dispatcher.stats.deadLettered} dode brieven`,
  );
  verdicts.check('0 dubbel', twice === 0 && strangers === 0, `${twice} twee keer of vaker afgeleverd, ${strangers} onbekende ids`);
  log(`429-antwoorden: ${throttle.throttled}`);

  log(`\n${verdicts.misses === 0 ? 'alle doelen gehaald' : `${verdicts.misses} doel(en) niet gehaald`}`);
  return verdicts.misses;
};

runBench(main);
