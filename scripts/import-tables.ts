/**
 * `npm run tafels:import -- --tenant <tenant-id> bestand.csv`
 * Imports regional table dates (columns regio; inleverdatum; overlegdatum) into a tenant's calendar,
 * with the rules of the `/tafels` card: a table that has been already, or one in the calendar with
 * another deadline, is refused with its line number, and then nothing is imported; the same table
 * again is left out and reported. Uses the same storage settings as the bot (see .env.example); locally it uses the
 * running Azurite of `npm start`, or starts one on the configured data folder.
 */
import { readFileSync } from 'node:fs';
import { CalendarService, type Clock, systemClock } from '../src/app';
import { loadConfig } from '../src/config';
import { DEFAULT_TABLES, amsterdamDate, formatDutchDate, parseCalendarCsv, planCalendarImport } from '../src/domain';
import { TableCalendarStore, openTables } from '../src/storage';
import { type ToolResult, runTool, storageFor } from './storage';

/** Tables per write (one transaction holds at most 100 rows). */
const IMPORT_BATCH = 100;

export type ImportResult = ToolResult;

/** Runs the import for command-line arguments and an environment; never throws for bad input. */
export const runImport = async (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  clock: Clock = systemClock,
): Promise<ImportResult> => {
  const tenantAt = argv.indexOf('--tenant');
  const tenant = tenantAt >= 0 ? argv[tenantAt + 1] : undefined;
  const file = argv.find((a, i) => !a.startsWith('--') && i !== tenantAt + 1);
  if (!tenant || !file) {
    return {
      ok: false,
      lines: ['Gebruik: npm run tafels:import -- --tenant <tenant-id> bestand.csv', 'Kolommen: regio; inleverdatum; overlegdatum.'],
    };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, lines: [`Bestand ${file} is niet te lezen.`] };
  }
  const parsed = parseCalendarCsv(text);
  if (!parsed.ok) return { ok: false, lines: ['Niets geïmporteerd:', ...parsed.error] };
  const now = clock.now();
  const config = loadConfig({ ...env, PLAYGROUND: 'off' });
  const { conn, stop } = await storageFor(config);
  try {
    const tables = await openTables(conn, config.tablePrefix);
    const calendar = new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES, 0);
    const plan = planCalendarImport(text, (await calendar.read(tenant)).tables, amsterdamDate(now));
    if (!plan.ok) return { ok: false, lines: ['Niets geïmporteerd:', ...plan.error] };
    // A hundred at a time (one transaction each), so a storage fault halfway reports what is in.
    let added = 0;
    const raced: string[] = [];
    for (let i = 0; i < plan.value.add.length; i += IMPORT_BATCH) {
      const part = plan.value.add.slice(i, i + IMPORT_BATCH);
      try {
        const done = await calendar.add(tenant, part);
        added += done.length;
        for (const t of part)
          if (!done.some((d) => d.id === t.id))
            raced.push(`${t.region} op ${formatDutchDate(t.meeting)} is intussen door iemand anders toegevoegd; overgeslagen.`);
      } catch {
        return {
          ok: false,
          lines: [
            `Import afgebroken: de opslag gaf een fout. ${added} van de ${plan.value.add.length} nieuwe tafel(s) staan in de kalender, de rest niet.`,
            'Draai de import opnieuw met hetzelfde bestand: tafels die er al staan worden overgeslagen.',
          ],
        };
      }
    }
    const total = (await calendar.read(tenant)).tables.length;
    return {
      ok: true,
      lines: [
        `${added} tafel(s) geïmporteerd voor tenant ${tenant}; de kalender telt nu ${total} tafel(s).`,
        ...plan.value.skipped,
        ...raced,
      ],
    };
  } finally {
    await stop();
  }
};

if (require.main === module) runTool('Import', () => runImport(process.argv.slice(2), process.env));
