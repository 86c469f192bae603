import { type CivilDate, amsterdamDate, endOfAmsterdamDay, formatDutchDate } from './amsterdamTime';

/**
 * One regional overlegtafel of Menzis zorgkantoor. Dates are Europe/Amsterdam calendar dates.
 * A case may be submitted until the end of the deadline day: 23:59:59.999 Amsterdam time
 * (CET or CEST, whichever applies on that day). Invariant: `deadline` ≤ `meeting`.
 */
export interface RegionalTable {
  /** Stable id, e.g. `groningen-2023-10-19` (region + meeting date). */
  readonly id: string;
  readonly region: string;
  /** Uiterlijke inleverdatum casuïstiek. */
  readonly deadline: CivilDate;
  /** Datum overleg. */
  readonly meeting: CivilDate;
}

const table = (region: string, deadline: CivilDate, meeting: CivilDate): RegionalTable => ({
  id: `${region.toLowerCase()}-${meeting}`,
  region,
  deadline,
  meeting,
});

/**
 * "Data regionale tafels 2023" from the Menzis stappenplan, verbatim: the seed and demo calendar
 * (a tenant's calendar until a beheerder saves one, see `main.ts`; tests and pictures). The domain
 * never falls back to it: callers pass the tenant's tables.
 */
export const DEFAULT_TABLES: readonly RegionalTable[] = [
  table('Groningen', '2023-10-05', '2023-10-19'),
  table('Twente', '2023-10-26', '2023-11-09'),
  table('Arnhem', '2023-11-09', '2023-11-23'),
  table('Groningen', '2023-11-30', '2023-12-14'),
  table('Twente', '2023-12-22', '2024-01-04'),
];

/** The last instant a case may be submitted for `t` (23:59:59.999 Amsterdam on the deadline day). */
export const endOfDeadline = (t: RegionalTable): Date => endOfAmsterdamDay(t.deadline);

/** True once the submission deadline has passed at `now` (strictly after 23:59:59.999 local). */
export const deadlinePassed = (t: RegionalTable, now: Date): boolean => now.getTime() > endOfAmsterdamDay(t.deadline).getTime();

const byMeeting = (a: RegionalTable, b: RegionalTable): number =>
  a.meeting === b.meeting ? a.region.localeCompare(b.region) : a.meeting < b.meeting ? -1 : 1;

/** Distinct regions of the calendar, sorted alphabetically. */
export const regionsOf = (tables: readonly RegionalTable[]): readonly string[] => [...new Set(tables.map((t) => t.region))].sort();

export const findTable = (tables: readonly RegionalTable[], id: string): RegionalTable | null => tables.find((t) => t.id === id) ?? null;

/** All tables whose deadline has not passed at `now`, earliest meeting first. */
export const feasibleTables = (tables: readonly RegionalTable[], now: Date): readonly RegionalTable[] =>
  tables.filter((t) => !deadlinePassed(t, now)).sort(byMeeting);

/** How many upcoming tables the `/tafels` card offers for removal. */
const TABLES_REMOVABLE = 60;

/** The tables the `/tafels` card offers for removal at `now`: the upcoming ones (meeting today or later, Amsterdam), earliest first, at most {@link TABLES_REMOVABLE}. */
export const removableTables = (tables: readonly RegionalTable[], now: Date): readonly RegionalTable[] => {
  const today = amsterdamDate(now);
  return tables
    .filter((t) => t.meeting >= today)
    .sort(byMeeting)
    .slice(0, TABLES_REMOVABLE);
};

/** How many open tables per region a form offers: enough to choose from, small enough for a card. */
const TABLES_OFFERED_PER_REGION = 3;

/**
 * The tables a registration form offers at `now`: per region the next
 * {@link TABLES_OFFERED_PER_REGION} whose deadline has not passed, earliest meeting first. Keeps
 * the form within Teams' message limit whatever the size of the calendar.
 */
export const offeredTables = (tables: readonly RegionalTable[], now: Date): readonly RegionalTable[] => {
  const perRegion = new Map<string, number>();
  return feasibleTables(tables, now).filter((t) => {
    const n = perRegion.get(t.region) ?? 0;
    perRegion.set(t.region, n + 1);
    return n < TABLES_OFFERED_PER_REGION;
  });
};

/** The earliest table of `region` whose deadline has not passed at `now`, or `null`. */
export const nextFeasibleTable = (tables: readonly RegionalTable[], region: string, now: Date): RegionalTable | null =>
  feasibleTables(tables, now).find((t) => t.region === region) ?? null;

/**
 * For a case registered for `current` whose deadline passed before the form was submitted: the
 * next table of the same region with a later meeting whose deadline has not passed at `now`, or
 * `null` when the calendar has none yet (the functioneel beheerder must add dates).
 */
export const rollOver = (tables: readonly RegionalTable[], current: RegionalTable, now: Date): RegionalTable | null =>
  feasibleTables(tables, now).find((t) => t.region === current.region && t.meeting > current.meeting) ?? null;

/** `Groningen, overleg 19 oktober 2023 (inleveren uiterlijk 5 oktober 2023)`. */
export const describeTable = (t: RegionalTable): string =>
  `${t.region}, overleg ${formatDutchDate(t.meeting)} (inleveren uiterlijk ${formatDutchDate(t.deadline)})`;
