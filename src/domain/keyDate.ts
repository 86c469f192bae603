import { type CivilDate, addMonths, amsterdamDate, formatDutchDate } from './amsterdamTime';
import type { Case } from './case';
import { type RegionalTable, nextFeasibleTable } from './calendar';
import { isSubmitted, registeredTable } from './routes/aanmelding';
import { ONPLANBARE_ZORG_MAX_MONTHS, onplanbareZorgStart } from './routes/bijstellenOptions';
import { followUpOf } from './reminders';
import { stepText } from './stepData';
import { isOpen, stepOf } from './steps';

/** The next date that matters for a case, as the status card shows it. */
export interface KeyDate {
  /** Europe/Amsterdam calendar date. */
  readonly date: CivilDate;
  /** Dutch, channel-safe: what happens on that date (a table, an evaluation, a follow-up). */
  readonly label: string;
}

const deadlineLabel = (t: RegionalTable): string => `inleverdatum tafel ${t.region} (overleg ${formatDutchDate(t.meeting)})`;

/**
 * The earliest date from today on that the team works towards, as the case's step declares it
 * (`dates`; a state without dates has none): the submission deadline or the
 * meeting of the table the case is registered for (or, before registration, the next table of the
 * region chosen with the conditions), the next monthly evaluation of tijdelijke onplanbare zorg,
 * or a recorded follow-up date. `null` for a closed case or when nothing is planned.
 */
export const nextKeyDate = (c: Case, ctx: { readonly now: Date; readonly tables: readonly RegionalTable[] }): KeyDate | null => {
  const dates = stepOf(c.state)?.dates;
  if (!isOpen(c) || !dates) return null;
  const today = amsterdamDate(ctx.now);
  const candidates: KeyDate[] = [];
  const add = (date: string | undefined, label: string): void => {
    if (date && date >= today) candidates.push({ date, label });
  };
  if (dates.registeredTable) {
    const t = registeredTable(c, ctx.tables);
    if (t && !isSubmitted(c)) add(t.deadline, deadlineLabel(t));
    else if (t) add(t.meeting, `overlegtafel ${t.region}`);
  } else if (dates.nextTable) {
    const region = stepText(c, 'voorwaarden', 'regio');
    const target = region ? nextFeasibleTable(ctx.tables, region, ctx.now) : null;
    if (target) add(target.deadline, deadlineLabel(target));
  }
  if (dates.evaluations) {
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
