/**
 * `npm run tafels:import -- --tenant <tenant-id> bestand.csv`
 * Imports regional table dates (columns regio; inleverdatum; overlegdatum) into a tenant's calendar,
 * all or nothing. Uses the same storage settings as the bot (see .env.example); locally it uses the
 * running Azurite of `npm start`, or starts one on the configured data folder.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { CalendarService, systemClock } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { DEFAULT_TABLES, mergeTables, parseCalendarCsv } from '../src/domain';
import { TableCalendarStore, type TableConnection, openTables } from '../src/storage';
import { devConnectionString, startAzurite } from '../src/storage/azurite';

export interface ImportResult {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

const isOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

const storageFor = async (config: Config): Promise<{ conn: TableConnection; stop: () => Promise<void> }> => {
  if (config.storage.kind !== 'azurite') return { conn: config.storage, stop: async () => undefined };
  if (await isOpen(config.storage.port)) return { conn: { kind: 'connectionString', connectionString: devConnectionString(config.storage.port) }, stop: async () => undefined };
  const azurite = await startAzurite({ location: config.storage.location, port: config.storage.port });
  return { conn: { kind: 'connectionString', connectionString: azurite.connectionString }, stop: () => azurite.close() };
};

/** Runs the import for command-line arguments and an environment; never throws for bad input. */
export const runImport = async (argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<ImportResult> => {
  const tenantAt = argv.indexOf('--tenant');
  const tenant = tenantAt >= 0 ? argv[tenantAt + 1] : undefined;
  const file = argv.find((a, i) => !a.startsWith('--') && i !== tenantAt + 1);
  if (!tenant || !file) {
    return { ok: false, lines: ['Gebruik: npm run tafels:import -- --tenant <tenant-id> bestand.csv', 'Kolommen: regio; inleverdatum; overlegdatum.'] };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, lines: [`Bestand ${file} is niet te lezen.`] };
  }
  const parsed = parseCalendarCsv(text);
  if (!parsed.ok) return { ok: false, lines: ['Niets geïmporteerd:', ...parsed.error] };
  const config = loadConfig({ ...env, PLAYGROUND: 'off' });
  const { conn, stop } = await storageFor(config);
  try {
    const tables = await openTables(conn, config.tablePrefix);
    const calendar = new CalendarService(new TableCalendarStore(tables.cases), systemClock, DEFAULT_TABLES, 0);
    const merged = await calendar.update(tenant, (current) => mergeTables(current, parsed.value));
    return { ok: true, lines: [`${parsed.value.length} tafel(s) geïmporteerd voor tenant ${tenant}; de kalender telt nu ${merged.length} tafel(s).`] };
  } finally {
    await stop();
  }
};

if (require.main === module) {
  runImport(process.argv.slice(2), process.env)
    .then((r) => {
      for (const line of r.lines) (r.ok ? process.stdout : process.stderr).write(`${line}\n`);
      process.exit(r.ok ? 0 : 1);
    })
    .catch((e: unknown) => {
      process.stderr.write(`Import mislukt: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
