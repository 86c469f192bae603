/**
 * The data lifecycle from the command line, with the bot's own storage settings (see .env.example;
 * locally the Azurite of `npm start`):
 *   npm run export  -- --tenant <tenant-id> [--file <bestand.jsonl>]
 *   npm run restore -- --file <bestand.jsonl>
 *   npm run purge   [-- --tenant <tenant-id>]
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { type Logger, RetentionService, systemClock } from '../src/app';
import { loadConfig } from '../src/config';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  TableOutboxStore,
  TableRetentionStore,
  openTables,
  parseExport,
  restoreRows,
  tenantRows,
} from '../src/storage';
import { type ToolResult, flag, runTool, storageFor } from './storage';

type Env = Readonly<Record<string, string | undefined>>;

const withTables = async <T>(
  env: Env,
  work: (tables: Awaited<ReturnType<typeof openTables>>, config: ReturnType<typeof loadConfig>) => Promise<T>,
): Promise<T> => {
  const config = loadConfig({ ...env, PLAYGROUND: 'off' });
  const { conn, stop } = await storageFor(config);
  try {
    return await work(await openTables(conn, config.tablePrefix), config);
  } finally {
    await stop();
  }
};

const stamp = (d: Date): string => d.toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** Writes every row of a tenant to a new JSON-lines file (never over an existing file). */
export const runExport = async (argv: readonly string[], env: Env, now: Date = new Date()): Promise<ToolResult> => {
  const tenant = flag(argv, '--tenant');
  if (!tenant) return { ok: false, lines: ['Gebruik: npm run export -- --tenant <tenant-id> [--file <bestand.jsonl>]'] };
  const file = flag(argv, '--file') ?? `escaleer-export-${tenant.replace(/[^A-Za-z0-9-]/g, '_')}-${stamp(now)}.jsonl`;
  if (existsSync(file)) return { ok: false, lines: [`${file} bestaat al; kies met --file een nieuwe naam. Er is niets geschreven.`] };
  return withTables(env, async (tables) => {
    // Owner-only: the file holds the free text of cases.
    const fd = openSync(file, 'wx', 0o600);
    let rows = 0;
    let cases = 0;
    try {
      const header: ExportHeader = { format: EXPORT_FORMAT, version: EXPORT_VERSION, tenantId: tenant, exportedAt: now.toISOString() };
      writeSync(fd, `${JSON.stringify(header)}\n`);
      for await (const row of tenantRows(tables.cases, tenant)) {
        writeSync(fd, `${JSON.stringify(row)}\n`);
        rows++;
        if (row.rowKey.startsWith('case_')) cases++;
      }
    } finally {
      closeSync(fd);
    }
    if (rows === 0)
      return { ok: true, lines: [`Geen gegevens gevonden voor tenant ${tenant}; ${file} bevat alleen de kopregel. Klopt de tenant-id?`] };
    return {
      ok: true,
      lines: [
        `${rows} rij(en) van tenant ${tenant} (${cases} casus(sen)) geëxporteerd naar ${file}.`,
        'Het bestand bevat de vrije tekst van casussen: bewaar het versleuteld en alleen zo lang als nodig.',
      ],
    };
  });
};

/** Writes an export back; refuses (and changes nothing) when any of its rows exists already. */
export const runRestore = async (argv: readonly string[], env: Env): Promise<ToolResult> => {
  const file = flag(argv, '--file');
  if (!file) return { ok: false, lines: ['Gebruik: npm run restore -- --file <bestand.jsonl>'] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, lines: [`Bestand ${file} is niet te lezen. Er is niets hersteld.`] };
  }
  const parsed = parseExport(text);
  if (!parsed.ok) return { ok: false, lines: ['Niets hersteld:', ...parsed.error.slice(0, 20)] };
  return withTables(env, async (tables) => {
    const { header, rows } = parsed.value;
    const r = await restoreRows(tables.cases, rows);
    if (!r.ok) {
      return {
        ok: false,
        lines: [
          `Niets hersteld: ${r.error.existingCount} rij(en) uit het bestand bestaan al voor tenant ${header.tenantId}, bijvoorbeeld:`,
          ...r.error.existing.map((k) => `  ${k}`),
          'Herstel overschrijft nooit: herstel in een lege omgeving (een nieuw opslagaccount of een ander TABLE_PREFIX).',
        ],
      };
    }
    return {
      ok: true,
      lines: [`${r.value} rij(en) van tenant ${header.tenantId} hersteld (export van ${header.exportedAt}).`],
    };
  });
};

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs the retention purge now (the bot runs it daily itself); safe beside a running bot. */
export const runPurge = async (argv: readonly string[], env: Env, clock = systemClock): Promise<ToolResult> =>
  withTables(env, async (tables, config) => {
    const { caseMonths, auditMonths } = config.retention;
    const service = new RetentionService(
      new TableRetentionStore(tables.cases),
      () => new TableOutboxStore(tables.cases).tenants(),
      config.retention,
      clock,
      quiet,
    );
    const t = await service.run(undefined, flag(argv, '--tenant'));
    if (caseMonths === 0) {
      return {
        ok: true,
        lines: [`RETENTION_MONTHS=0: gesloten casussen worden niet verwijderd; ${t.links} verlopen of oude dossierlink(s) gewist.`],
      };
    }
    return {
      ok: true,
      lines: [
        `${t.cases} gesloten casus(sen) verwijderd (meer dan ${caseMonths} maanden geleden gesloten), ${t.audits} auditspoor/-sporen verwijderd (${auditMonths === 0 ? 'auditsporen blijven altijd' : `meer dan ${auditMonths} maanden na de verwijdering van de casus`}); ${t.rows} rij(en); ${t.links} verlopen of oude dossierlink(s) gewist.`,
      ],
    };
  });

if (require.main === module) {
  const [command, ...rest] = process.argv.slice(2);
  const run = command === 'export' ? runExport : command === 'restore' ? runRestore : command === 'purge' ? runPurge : null;
  if (!run) {
    process.stderr.write('Gebruik: node dist/scripts/lifecycle.js export|restore|purge …\n');
    process.exit(1);
  }
  runTool(command ?? '', () => run(rest, process.env));
}
