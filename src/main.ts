// First: telemetry must patch node:http before restify and the Azure SDK load it.
import { telemetry } from './telemetry/preload';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CachedTeamSettings, CalendarService, CaseService, DashboardService, TeamAdminService, type Clock, type Logger, type Metrics, noMetrics, systemClock, timeOrderedIds } from './app';
import { AdminHandlers, type AuthOverrides, ConnectorNotifier, ConnectorTeamMembership, EscaleerBot, SettingsRoleDirectory, createAdapter } from './bot';
import { CardChannelViews } from './cards';
import { type Config, ConfigError, configFromProcess } from './config';
import { createHttpServer, listen, tabRoutes } from './http';
import { JobLeases, OutboxDispatcher, ReminderScheduler } from './scheduler';
import { otelMetrics, pinoLogger } from './telemetry';
import { type TableConnection, TableCaseQueries, TableCalendarStore, TableCaseRepository, TableLeaseStore, TableOutboxStore, TableReminderIndex, TableTeamSettingsStore, openTables } from './storage';

export interface StartOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Counters; default: OpenTelemetry when telemetry runs, else none. */
  readonly metrics?: Metrics;
  readonly authOverrides?: AuthOverrides;
  /** Host to bind; tests use 127.0.0.1. */
  readonly host?: string;
  /** Outbox poll interval (ms). */
  readonly pollMs?: number;
  /** `false` keeps the reminder loop off (tests drive `reminders.tick()` themselves). */
  readonly reminders?: boolean;
  /** Dashboard tab: OpenID metadata URL of the SSO token issuer (tests: a local JWKS server). */
  readonly tabOpenIdMetadataUrl?: string;
}

export interface Escaleer {
  readonly port: number;
  readonly storageConnection: TableConnection;
  readonly playgroundUrl: string | null;
  readonly dispatcher: OutboxDispatcher;
  readonly reminders: ReminderScheduler;
  close(): Promise<void>;
}

/** The folder holding package.json (works from src/ under ts and from dist/src/). */
const projectRoot = (): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
};

/** The composition root: config → storage → services → bot → http → scheduler (→ Playground locally). */
/** Where the bot serves the progress pictures: its public HTTPS address, when it has one (Teams loads card images by URL). */
const pictureBase = (publicHostname: string): string | undefined => {
  const host = publicHostname.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return host ? `https://${host}/kaart/voortgang/` : undefined;
};

export const startEscaleer = async (config: Config, options: StartOptions = {}): Promise<Escaleer> => {
  const log = options.logger ?? pinoLogger(config.logLevel);
  const metrics = options.metrics ?? (telemetry ? otelMetrics() : noMetrics);
  const clock = options.clock ?? systemClock;
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (e) {
        log.warn('afsluiten: onderdeel stopte niet netjes', { error: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  try {
    let connection: TableConnection;
    if (config.storage.kind === 'azurite') {
      // Local development only: the Azurite package is a dev dependency, loaded on demand.
      const { startAzurite } = await import('./storage/azurite');
      const azurite = await startAzurite({ location: config.storage.location, port: config.storage.port });
      stops.push(() => azurite.close());
      connection = { kind: 'connectionString', connectionString: azurite.connectionString };
      log.info('Azurite (Table) gestart', { port: azurite.port, location: config.storage.location });
    } else {
      connection = config.storage;
    }
    const tables = await openTables(connection, config.tablePrefix);
    const repo = new TableCaseRepository(tables.cases);
    const outbox = new TableOutboxStore(tables.cases);

    const adapter = createAdapter(config.bot, log, options.authOverrides);
    const notifier = new ConnectorNotifier(adapter, config.bot.appId);
    // Teams' rate limits are about real time: the dispatcher always uses the system clock, even
    // when the business clock is injected (tests walk cases through months in seconds).
    const dispatcher = new OutboxDispatcher(outbox, notifier, systemClock, log, {
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      // Shared conversation claims keep Teams' per-conversation limits across scaled-out instances.
      conversationLeases: new TableLeaseStore(tables.leases),
      metrics,
    });
    // One settings cache for the whole instance (roles, notices, cards, admin saves invalidate it).
    const settings = new CachedTeamSettings(new TableTeamSettingsStore(tables.cases));
    const calendar = new CalendarService(new TableCalendarStore(tables.cases), clock);
    const imageBase = pictureBase(config.publicHostname);
    const views = new CardChannelViews(imageBase);
    const cases = new CaseService({ repo, views, calendar, settings, clock, ids: timeOrderedIds(clock), log, metrics });
    const directory = new SettingsRoleDirectory(settings);
    const admin = new AdminHandlers(new TeamAdminService(settings, calendar, outbox, clock), directory, clock);
    const bot = new EscaleerBot({ cases, admin, directory, log, clock, kick: (tenant) => dispatcher.kick(tenant), ...(imageBase ? { imageBase } : {}) });

    // Dashboard tab: read-only overview per team, with the tenant's calendar.
    const dashboard = new DashboardService(new TableCaseQueries(tables.cases), (tenant) => calendar.tablesFor(tenant), clock, settings);
    const caseQueries = new TableCaseQueries(tables.cases);
    const membership = new ConnectorTeamMembership(adapter, config.bot.appId, async (tenant, team) =>
      (await settings.get(tenant, team))?.value.serviceUrl || ((await caseQueries.listByTeam(tenant, team))[0]?.location.serviceUrl ?? null), systemClock);
    const tab = tabRoutes({ ...config.tab, publicHostname: config.publicHostname, openIdMetadataUrl: options.tabOpenIdMetadataUrl, dashboard, membership, clock, log });

    const http = await listen(createHttpServer({ adapter, bot, storagePing: () => repo.ping(), log, tab }), config.port, options.host);
    stops.push(() => http.close());
    dispatcher.start();
    stops.push(() => dispatcher.stop());
    const reminders = new ReminderScheduler({
      index: new TableReminderIndex(tables.cases),
      repo,
      settings,
      calendar,
      views,
      tenants: () => outbox.tenants(),
      leases: new JobLeases(new TableLeaseStore(tables.leases), clock, log, `${hostname()}:${process.pid}`),
      clock,
      log,
      kick: (tenant) => dispatcher.kick(tenant),
      metrics,
    });
    if (options.reminders !== false) reminders.start();
    stops.push(() => reminders.stop());
    log.info('Escaleer luistert', { port: http.port, endpoint: `http://127.0.0.1:${http.port}/api/messages` });

    let playgroundUrl: string | null = null;
    if (config.playground.enabled) {
      const { startPlayground } = await import('./dev/playground');
      const pg = await startPlayground(
        {
          botEndpoint: `http://127.0.0.1:${http.port}/api/messages`,
          port: config.playground.port,
          configPath: join(projectRoot(), 'playground', 'm365agentsplayground.yml'),
          workDir: resolve('.data/playground'),
        },
        log,
      );
      stops.push(() => pg.close());
      playgroundUrl = pg.url;
    }
    return { port: http.port, storageConnection: connection, playgroundUrl, dispatcher, reminders, close };
  } catch (e) {
    await close();
    throw e;
  }
};

const main = async () => {
  let config: Config;
  try {
    config = configFromProcess();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nZie .env.example voor alle instellingen.\n`);
      process.exit(78);
    }
    throw e;
  }
  const app = await startEscaleer(config);
  if (app.playgroundUrl) {
    process.stdout.write(
      `\n  Escaleer draait. Open de Agents Playground: ${app.playgroundUrl}\n` +
        `  Kies het team "Zorgteam Noord", noem @Escaleer en typ /escaleer.\n\n`,
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} ontvangen, Escaleer stopt…\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Telemetry last: what the shutdown itself records still leaves.
    void app
      .close()
      .then(() => telemetry?.shutdown())
      .catch(() => undefined)
      .then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
};

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`Escaleer kon niet starten: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
