import { type CivilDate, formatDutchDate, isCivilDate } from './amsterdamTime';
import type { RegionalTable } from './calendar';
import { type Result, err, ok } from './result';

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/**
 * Reads a date as functioneel beheerders write it: `2024-03-07`, `7-3-2024`, `07/03/2024` or
 * `7 maart 2024` (the seed's notation). Returns `null` for anything else or a date that does not exist.
 */
export const parseDutchDate = (input: string): CivilDate | null => {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2}) ([a-z]+) (\d{4})$/.exec(s)) && MONTHS.includes(match[2] ?? '')) {
    [d, m, y] = [Number(match[1]), MONTHS.indexOf(match[2] ?? '') + 1, Number(match[3])];
  } else return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCivilDate(iso) ? iso : null;
};

/** A region name: letters, spaces, hyphens and apostrophes, 2–40 characters. */
const REGION = /^[\p{L}][\p{L} '’-]{1,39}$/u;

/** Validates one table as entered; the id is derived (region + meeting date). Errors are Dutch, per field. */
export const tableFromInput = (input: {
  region: string;
  deadline: string;
  meeting: string;
}): Result<RegionalTable, Record<string, string>> => {
  const errors: Record<string, string> = {};
  const region = input.region.trim().replace(/\s+/g, ' ');
  if (!REGION.test(region)) errors.regio = 'Vul een regionaam in (letters, 2 tot 40 tekens).';
  const deadline = parseDutchDate(input.deadline);
  const meeting = parseDutchDate(input.meeting);
  if (!deadline) errors.inleverdatum = 'Geen geldige datum (bijv. 2024-03-07 of 7 maart 2024).';
  if (!meeting) errors.overlegdatum = 'Geen geldige datum (bijv. 2024-03-21 of 21 maart 2024).';
  if (deadline && meeting && deadline > meeting) errors.inleverdatum = 'De inleverdatum moet op of vóór de datum van het overleg liggen.';
  if (Object.keys(errors).length || !deadline || !meeting) return err(errors);
  const name = region.charAt(0).toUpperCase() + region.slice(1);
  return ok({ id: `${name.toLowerCase().replace(/[^\p{L}]+/gu, '-')}-${meeting}`, region: name, deadline, meeting });
};

/** One table of a calendar CSV with the line it is on (1 = the header). */
interface CsvTable {
  readonly line: number;
  readonly table: RegionalTable;
}

/** The rows of a calendar CSV with their real line numbers, or the problems (a line each). */
const parseRows = (text: string): Result<CsvTable[], string[]> => {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l, i) => ({ text: l.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
  const [header, ...rows] = lines;
  if (!header) return err(['Het bestand is leeg.']);
  const sep = header.text.includes(';') ? ';' : ',';
  const cols = header.text.split(sep).map((c) => c.trim().toLowerCase().replace(/^"|"$/g, ''));
  const at = { region: cols.indexOf('regio'), deadline: cols.indexOf('inleverdatum'), meeting: cols.indexOf('overlegdatum') };
  if (at.region < 0 || at.deadline < 0 || at.meeting < 0)
    return err(['De eerste regel moet de kolommen regio, inleverdatum en overlegdatum noemen.']);
  const tables: CsvTable[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const cells = row.text.split(sep).map((c) => c.trim().replace(/^"|"$/g, ''));
    const r = tableFromInput({ region: cells[at.region] ?? '', deadline: cells[at.deadline] ?? '', meeting: cells[at.meeting] ?? '' });
    if (r.ok) tables.push({ line: row.line, table: r.value });
    else problems.push(`Regel ${row.line}: ${Object.values(r.error).join(' ')}`);
  }
  const first = new Map<string, number>();
  for (const { line, table: t } of tables) {
    const earlier = first.get(t.id);
    if (earlier !== undefined)
      problems.push(`Regel ${line}: dubbele tafel, dezelfde als regel ${earlier} (${t.region} op ${formatDutchDate(t.meeting)}).`);
    else first.set(t.id, line);
  }
  if (rows.length === 0) problems.push('Er staan geen tafels in het bestand.');
  return problems.length ? err(problems.sort((a, b) => lineOf(a) - lineOf(b))) : ok(tables);
};

const lineOf = (problem: string): number => Number(/^Regel (\d+)/.exec(problem)?.[1] ?? 0);

/**
 * Parses a calendar CSV: a header line with `regio`, `inleverdatum` and `overlegdatum` (any order,
 * `;` or `,` separated, as Excel writes them), then one table per line. All or nothing: any bad
 * line makes the whole import fail, with the line numbers in Dutch.
 */
export const parseCalendarCsv = (text: string): Result<RegionalTable[], string[]> => {
  const r = parseRows(text);
  return r.ok ? ok(r.value.map((t) => t.table)) : r;
};

/** What an import adds, and the lines it leaves out because the calendar has them already (a report line each). */
export interface CalendarImportPlan {
  readonly add: readonly RegionalTable[];
  readonly skipped: readonly string[];
}

/**
 * The same rules as the `/tafels` card, for a CSV against the current calendar at `today`
 * (Amsterdam): a table that has been already is refused, and so is one whose region and meeting
 * are in the calendar with another deadline; the same table again is left out and reported. Any
 * refused line means nothing is imported; every refused line is named with its number.
 */
export const planCalendarImport = (
  text: string,
  existing: readonly RegionalTable[],
  today: CivilDate,
): Result<CalendarImportPlan, string[]> => {
  const rows = parseRows(text);
  if (!rows.ok) return rows;
  const known = new Map(existing.map((t) => [t.id, t] as const));
  const problems: string[] = [];
  const skipped: string[] = [];
  const add: RegionalTable[] = [];
  for (const { line, table: t } of rows.value) {
    const same = known.get(t.id);
    if (t.meeting < today)
      problems.push(`Regel ${line}: ${t.region} op ${formatDutchDate(t.meeting)} is al geweest; importeer alleen komende tafels.`);
    else if (same && same.deadline !== t.deadline) {
      problems.push(
        `Regel ${line}: er staat al een tafel ${same.region} op ${formatDutchDate(same.meeting)} (inleveren uiterlijk ${formatDutchDate(same.deadline)}). Verwijder die eerst met /tafels als de inleverdatum anders is.`,
      );
    } else if (same) skipped.push(`Regel ${line}: ${t.region} op ${formatDutchDate(t.meeting)} staat al in de kalender; overgeslagen.`);
    else add.push(t);
  }
  return problems.length ? err(problems) : ok({ add, skipped });
};

/** Adds or replaces (same id) tables in a calendar. */
export const mergeTables = (current: readonly RegionalTable[], added: readonly RegionalTable[]): RegionalTable[] => {
  const byId = new Map(current.map((t) => [t.id, t] as const));
  for (const t of added) byId.set(t.id, t);
  return [...byId.values()];
};
