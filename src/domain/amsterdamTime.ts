/**
 * Civil-date arithmetic in Europe/Amsterdam without a date library. A civil date is a
 * `YYYY-MM-DD` string; instants are `Date`s. Conversions use `Intl` with the IANA zone, so they
 * follow CET/CEST (DST) changes.
 */
const TIME_ZONE = 'Europe/Amsterdam';

/** A calendar date `YYYY-MM-DD` without a time zone of its own. */
export type CivilDate = string;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const localParts = (instant: Date): LocalParts => {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year ?? 0, month: p.month ?? 0, day: p.day ?? 0, hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0 };
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** True for a well-formed, existing calendar date (`2023-02-29` is false). */
export const isCivilDate = (value: string): boolean => {
  const m = CIVIL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
};

/**
 * A bounded memo for the pure conversions below. A tenant's calendar (hundreds of tables) and a
 * case's reminders convert the same few dates on every card action, and each conversion through
 * `Intl` costs microseconds (`amsterdamInstant` several of them). Keys are calendar dates, so it
 * rarely fills; when it does it starts over. A conversion that throws is not remembered.
 */
const memo = <V>(max: number) => {
  const values = new Map<string, V>();
  return (key: string, compute: () => V): V => {
    const hit = values.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (values.size >= max) values.clear();
    values.set(key, value);
    return value;
  };
};

const utcMidnights = memo<number>(4096);

const civilToUtcMidnight = (date: CivilDate): number =>
  utcMidnights(date, () => {
    if (!isCivilDate(date)) throw new RangeError(`ongeldige datum ${date}`);
    return Date.parse(`${date}T00:00:00Z`);
  });

const fromUtcMidnight = (ms: number): CivilDate => new Date(ms).toISOString().slice(0, 10);

/** The Amsterdam calendar date of an instant. */
export const amsterdamDate = (instant: Date): CivilDate => {
  const p = localParts(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
};

/** Offset of Amsterdam local time from UTC at an instant, in milliseconds (+1 h or +2 h). */
const offsetAt = (ms: number): number => {
  const p = localParts(new Date(ms));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
};

const instants = memo<number>(4096);

/**
 * The instant at which the Amsterdam wall clock shows `date` `hour:minute`. Times that do not
 * exist (the skipped hour on the last Sunday of March) resolve to one hour later; ambiguous
 * times (the repeated hour in October) resolve to the first occurrence.
 */
export const amsterdamInstant = (date: CivilDate, hour = 0, minute = 0): Date =>
  new Date(
    instants(`${date} ${hour}:${minute}`, () => {
      const wall = civilToUtcMidnight(date) + (hour * 60 + minute) * 60_000;
      const offsets = [...new Set([offsetAt(wall - 86_400_000), offsetAt(wall + 86_400_000)])].sort((a, b) => b - a);
      for (const offset of offsets) if (offsetAt(wall - offset) === offset) return wall - offset;
      return wall - Math.min(...offsets);
    }),
  );

/** First instant of an Amsterdam calendar day (00:00 local). */
export const startOfAmsterdamDay = (date: CivilDate): Date => amsterdamInstant(date);

/** Last instant of an Amsterdam calendar day: 23:59:59.999 local time. */
export const endOfAmsterdamDay = (date: CivilDate): Date => new Date(startOfAmsterdamDay(addDays(date, 1)).getTime() - 1);

const shifted = memo<CivilDate>(4096);

export const addDays = (date: CivilDate, days: number): CivilDate =>
  shifted(`${date} ${days}`, () => fromUtcMidnight(civilToUtcMidnight(date) + days * 86_400_000));

/** Adds calendar months; a day that does not exist in the target month becomes its last day. */
export const addMonths = (date: CivilDate, months: number): CivilDate => {
  const d = new Date(civilToUtcMidnight(date));
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtcMidnight(target.getTime());
};

/**
 * Working days are Monday to Friday. Dutch public holidays (Koningsdag, Pasen, Kerst, …) are
 * deliberately not modelled: a reminder on a holiday is harmless, and a holiday list would need
 * yearly maintenance.
 */
export const isWorkingDay = (date: CivilDate): boolean => {
  const weekday = new Date(civilToUtcMidnight(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** Moves `count` working days away from `date` (negative: backwards); `date` itself is not counted. */
export const addWorkingDays = (date: CivilDate, count: number): CivilDate => {
  const step = count < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(count); left > 0;) {
    current = addDays(current, step);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
};

const MONTHS_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** `2023-10-05` → `5 oktober 2023`. */
export const formatDutchDate = (date: CivilDate): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `${d ?? ''} ${MONTHS_NL[(m ?? 1) - 1] ?? ''} ${y ?? ''}`;
};

/** Office hours for reminders: Monday–Friday, 08:00–18:00 Europe/Amsterdam (public holidays not modelled). */
const OFFICE_HOURS = { startHour: 8, endHour: 18 } as const;

/** Whether `instant` falls within office hours in Amsterdam. */
export const isOfficeHours = (instant: Date): boolean => {
  if (!isWorkingDay(amsterdamDate(instant))) return false;
  const hour = localParts(instant).hour;
  return hour >= OFFICE_HOURS.startHour && hour < OFFICE_HOURS.endHour;
};
