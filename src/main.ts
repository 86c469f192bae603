// First: telemetry must patch node:http before restify and the Azure SDK load it.
import { telemetry } from './telemetry/preload';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  CachedTeamSettings,
  CalendarService,
  CaseService,
  DashboardService,
  DossierService,
  RetentionService,
  TeamAdminService,
  TeamPresence,
  type Clock,
  type Logger,
  type Metrics,
  noMetrics,
  systemClock,
  timeOrderedIds,
} from './app';
import {
  AdminHandlers,
  type AuthOverrides,
  ConnectorNotifier,
  ConnectorTeamMembership,
  EscaleerBot,
  SettingsRoleDirectory,
  createAdapter,
} from './bot';
import { CardChannelViews } from './cards';
import { type Config, ConfigError, configFromProcess } from './config';
import { DEFAULT_TABLES } from './domain';
import { createHttpServer, listen, tabRoutes } from './http';
import { JobLeases, OutboxDispatcher, ReminderScheduler, RetentionScheduler } from './scheduler';
import { otelMetrics, pinoLogger } from './telemetry';
import {
  type TableConnection,
  TableCaseQueries,
  TableCalendarStore,
  TableCaseRepository,
  TableDossierTokenStore,
  TableLeaseStore,
  TableOutboxStore,
  TableReminderIndex,
  TableRetentionStore,
  TableTeamSettingsStore,
  openTables,
} from './storage';

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
  /** `false` keeps the reminder and retention loops off (tests drive `reminders.tick()` and `retention.tick()` themselves). */
  readonly reminders?: boolean;
  /** Dispatcher settings for tests (e.g. a short probe pause after a 403). */
  readonly dispatcher?: Partial<import('./scheduler').DispatcherOptions>;
  /**
   * Called when something the bot cannot do without is lost for good (the local Azurite keeps
   * dying); `npm start` exits with the message. Default: only the log line.
   */
  readonly onFatal?: (message: string) => void;
  /** Dashboard tab: OpenID metadata URL of the SSO token issuer (tests: a local JWKS server). */
  readonly tabOpenIdMetadataUrl?: string;
}

export interface Escaleer {
  readonly port: number;
  readonly storageConnection: TableConnection;
  readonly playgroundUrl: string | null;
  readonly dispatcher: OutboxDispatcher;
  readonly reminders: ReminderScheduler;
  /** The daily retention purge (under a job lease); tests call `tick()`. */
  readonly retention: RetentionScheduler;
  /** The local storage child (`npm start` without a connection string), else `null`. */
  readonly azurite: import('./storage/azurite').RunningAzurite | null;
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
  const host = publicHostname
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return host ? `https://${host}/kaart/voortgang/` : undefined;
};

/** `https://<PUBLIC_HOSTNAME>` as a base function, or `undefined` when the bot has no public address. */
const siteBase = (publicHostname: string): (() => string) | undefined => {
  const host = publicHostname
    .trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return host ? () => `https://${host}` : undefined;
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
    let azurite: import('./storage/azurite').RunningAzurite | null = null;
    let reopen: () => Promise<void> = async () => undefined;
    if (config.storage.kind === 'azurite') {
      // Local development only: the Azurite package is a dev dependency, loaded on demand. If the
      // child dies it is started again (with a log line); if it keeps dying the bot gives up.
      const { startAzurite } = await import('./storage/azurite');
      azurite = await startAzurite({
        location: config.storage.location,
        port: config.storage.port,
        supervise: {
          log,
          onGiveUp: (reason) =>
            options.onFatal?.(`De lokale opslag (Azurite) stopt steeds: ${reason}. Escaleer stopt; start hem opnieuw met npm start.`),
          // A killed emulator loses what it had not saved yet (it saves every 5 s), the tables too.
          onRestarted: () => reopen(),
        },
      });
      const running = azurite;
      stops.push(() => running.close());
      connection = { kind: 'connectionString', connectionString: running.connectionString };
      log.info('Azurite (Table) gestart', { port: running.port, location: config.storage.location });
    } else {
      connection = config.storage;
    }
    const tables = await openTables(connection, config.tablePrefix);
    reopen = async () => {
      await Promise.all([tables.cases.createTable(), tables.leases.createTable()]);
    };
    const repo = new TableCaseRepository(tables.cases);
    const outbox = new TableOutboxStore(tables.cases);

    const adapter = createAdapter(config.bot, log, options.authOverrides);
    const notifier = new ConnectorNotifier(adapter, config.bot.appId);
    // One settings cache for the whole instance (roles, notices, cards, admin saves invalidate it).
    const settings = new CachedTeamSettings(new TableTeamSettingsStore(tables.cases));
    const calendar = new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES);
    const imageBase = pictureBase(config.publicHostname);
    const views = new CardChannelViews(imageBase);
    const cases = new CaseService({ repo, views, calendar, settings, clock, ids: timeOrderedIds(clock), log, metrics });
    // Teams' rate limits are about real time: the dispatcher always uses the system clock, even
    // when the business clock is injected (tests walk cases through months in seconds).
    const dispatcher = new OutboxDispatcher(outbox, notifier, systemClock, log, {
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      ...options.dispatcher,
      // Shared conversation claims keep Teams' per-conversation limits across scaled-out instances.
      conversationLeases: new TableLeaseStore(tables.leases),
      // Root cards travel through the outbox: their ids are recorded on the case once posted.
      roots: {
        find: (tenant, id) => cases.rootActivityId(tenant, id),
        record: (tenant, id, activityId) => cases.attachRootCard(tenant, id, activityId),
      },
      metrics,
    });
    const directory = new SettingsRoleDirectory(settings);
    const dossier = new DossierService({ repo, calendar, settings, tokens: new TableDossierTokenStore(tables.cases), clock });
    // The dossier link points at the bot itself: its public address, or locally the port it got.
    let localBase = '';
    const publicBase = siteBase(config.publicHostname);
    // In production without a public address a link to 127.0.0.1 would reach nobody: no link then (the tab still offers the dossier).
    const dossierLinks =
      publicBase || config.env !== 'production' ? { service: dossier, base: publicBase ?? (() => localBase) } : undefined;
    if (!dossierLinks) log.warn('PUBLIC_HOSTNAME ontbreekt: de details bieden geen dossierlink');
    const admin = new AdminHandlers(new TeamAdminService(settings, calendar, outbox, clock), directory, clock);
    const caseQueries = new TableCaseQueries(tables.cases);
    const presence = new TeamPresence(
      outbox,
      async (tenant, team) => [
        ...(await caseQueries.listByTeam(tenant, team)).map((c) => c.location.channelId),
        ...Object.values((await settings.get(tenant, team))?.value.roleChannels ?? {}).map((ch) => ch.channelId),
      ],
      clock,
      log,
      (tenant) => dispatcher.presenceChanged(tenant),
    );
    const bot = new EscaleerBot({
      cases,
      admin,
      directory,
      log,
      clock,
      kick: (tenant) => dispatcher.kick(tenant),
      deliveredSoon: (tenant, id, ms) => dispatcher.deliveredSoon(tenant, id, ms),
      presence,
      ...(imageBase ? { imageBase } : {}),
      ...(dossierLinks ? { dossier: dossierLinks } : {}),
    });

    // Dashboard tab: read-only overview per team, with the tenant's calendar.
    const dashboard = new DashboardService(caseQueries, (tenant) => calendar.tablesFor(tenant), clock, settings);
    const membership = new ConnectorTeamMembership(
      adapter,
      config.bot.appId,
      async (tenant, team) =>
        (await settings.get(tenant, team))?.value.serviceUrl ||
        ((await caseQueries.listByTeam(tenant, team))[0]?.location.serviceUrl ?? null),
      systemClock,
    );
    const tab = tabRoutes({
      ...config.tab,
      publicHostname: config.publicHostname,
      openIdMetadataUrl: options.tabOpenIdMetadataUrl,
      dashboard,
      membership,
      clock,
      log,
      dossier,
    });

    const http = await listen(
      createHttpServer({ adapter, bot, storagePing: (signal) => repo.ping(signal), log, tab, legal: config.retention, dossier }),
      config.port,
      options.host,
    );
    localBase = `http://127.0.0.1:${http.port}`;
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
    const retention = new RetentionScheduler(
      new RetentionService(new TableRetentionStore(tables.cases), () => outbox.tenants(), config.retention, clock, log),
      new JobLeases(new TableLeaseStore(tables.leases), clock, log, `${hostname()}:${process.pid}`),
      clock,
      log,
    );
    if (options.reminders !== false) retention.start();
    stops.push(() => retention.stop());
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
    return { port: http.port, storageConnection: connection, playgroundUrl, dispatcher, reminders, retention, azurite, close };
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
  let started: Escaleer | null = null;
  const app = await startEscaleer(config, {
    onFatal: (message) => {
      process.stderr.write(`${message}\n`);
      void (started?.close() ?? Promise.resolve()).finally(() => process.exit(70));
    },
  });
  started = app;
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
