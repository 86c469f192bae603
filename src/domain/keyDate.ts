import { type CivilDate, addMonths, amsterdamDate, formatDutchDate } from './amsterdamTime';
import type { Case } from './case';
import { type RegionalTable, nextFeasibleTable } from './calendar';
import { type FormData, textOf } from './fields';
import { isSubmitted, registeredTable } from './routes/aanmelding';
import { ONPLANBARE_ZORG_MAX_MONTHS, onplanbareZorgStart } from './routes/bijstellenOptions';
import { followUpOf } from './reminders';
import { isOpen } from './steps';

/** The next date that matters for a case, as the status card shows it. */
export interface KeyDate {
  /** Europe/Amsterdam calendar date. */
  readonly date: CivilDate;
  /** Dutch, channel-safe: what happens on that date (a table, an evaluation, a follow-up). */
  readonly label: string;
}

const BEFORE_REGISTRATION = new Set(['voorwaarden', 'akkoord_teamleider', 'contact_adviseur', 'formulier']);

const deadlineLabel = (t: RegionalTable): string => `inleverdatum tafel ${t.region} (overleg ${formatDutchDate(t.meeting)})`;

/** The states that can have a key date (the others skip the time-zone conversion). */
const WITH_DATES = new Set([...BEFORE_REGISTRATION, 'aangemeld', 'onplanbare_zorg', 'besproken', 'opvolging']);

const data = (c: Case, key: string): FormData | undefined => c.steps[key] as FormData | undefined;

/**
 * The earliest date from today on that the team works towards: the submission deadline or the
 * meeting of the table the case is registered for (or, before registration, the next table of the
 * region chosen with the conditions), the next monthly evaluation of tijdelijke onplanbare zorg,
 * or a recorded follow-up date. `null` for a closed case or when nothing is planned.
 */
export const nextKeyDate = (c: Case, ctx: { readonly now: Date; readonly tables: readonly RegionalTable[] }): KeyDate | null => {
  if (!isOpen(c) || !WITH_DATES.has(c.state)) return null;
  const today = amsterdamDate(ctx.now);
  const candidates: KeyDate[] = [];
  const add = (date: string | undefined, label: string): void => {
    if (date && date >= today) candidates.push({ date, label });
  };
  if (c.state === 'aangemeld') {
    const t = registeredTable(c, ctx.tables);
    if (t && !isSubmitted(c)) add(t.deadline, deadlineLabel(t));
    else if (t) add(t.meeting, `overlegtafel ${t.region}`);
  } else if (BEFORE_REGISTRATION.has(c.state)) {
    const region = textOf(data(c, 'voorwaarden'), 'regio');
    const target = region ? nextFeasibleTable(ctx.tables, region, ctx.now) : null;
    if (target) add(target.deadline, deadlineLabel(target));
  }
  if (c.state === 'onplanbare_zorg') {
    const start = onplanbareZorgStart(c);
    for (let m = 1; start && m <= ONPLANBARE_ZORG_MAX_MONTHS; m++) {
      const d = addMonths(start, m);
      if (d >= today) {
        add(d, m === ONPLANBARE_ZORG_MAX_MONTHS ? 'einde periode onplanbare zorg' : `maandevaluatie onplanbare zorg (maand ${m})`);
        break;
      }
    }
  }
  const followUp = followUpOf(c);
  if (followUp) add(followUp.date, followUp.label);
  candidates.sort((a, b) => a.date.localeCompare(b.date));
  return candidates[0] ?? null;
};
