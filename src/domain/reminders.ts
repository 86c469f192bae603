import { type CivilDate, addDays, addMonths, addWorkingDays, amsterdamInstant, formatDutchDate, isWorkingDay } from './amsterdamTime';
import type { Case } from './case';
import { type RegionalTable, describeTable, endOfDeadline, nextFeasibleTable, rollOver } from './calendar';
import type { Role } from './roles';
import { isSubmitted, registeredTable } from './routes/aanmelding';
import { onplanbareZorgStart } from './routes/bijstellenOptions';
import { stepText } from './stepData';
import { stepOf } from './steps';

/**
 * When reminders go out. Days before a deadline are calendar days; working days are Monday–Friday
 * (public holidays not modelled). All reminders are sent at `hour:minute` Europe/Amsterdam time.
 */
export interface ReminderPolicy {
  readonly hour: number;
  readonly minute: number;
  /** Days before the deadline to remind about contacting the adviseur; only while no verdict exists. */
  readonly adviseurDaysBeforeDeadline: readonly number[];
  /** Calendar days before the deadline, while the form is not submitted. */
  readonly deadlineDaysBefore: readonly number[];
  /** Working days before the deadline, while the form is not submitted. */
  readonly deadlineWorkingDaysBefore: readonly number[];
  /** Also remind on the deadline day itself. */
  readonly onDeadlineDay: boolean;
  /** Working days before the meeting. */
  readonly meetingWorkingDaysBefore: readonly number[];
  /** Working days after the meeting to ask for the outcome. */
  readonly outcomeWorkingDaysAfter: number;
  /** Tijdelijke onplanbare zorg: evaluate every `evaluationEveryMonths` months, until `evaluationMaxMonths`. */
  readonly evaluationEveryMonths: number;
  readonly evaluationMaxMonths: number;
}

export const REMINDER_POLICY: ReminderPolicy = {
  hour: 9,
  minute: 0,
  adviseurDaysBeforeDeadline: [21],
  deadlineDaysBefore: [7],
  deadlineWorkingDaysBefore: [2],
  onDeadlineDay: true,
  meetingWorkingDaysBefore: [1],
  outcomeWorkingDaysAfter: 1,
  evaluationEveryMonths: 1,
  evaluationMaxMonths: 6,
};

export type ReminderKind = 'adviseur' | 'deadline' | 'deadline_passed' | 'meeting' | 'outcome' | 'evaluation' | 'followup';

/** A reminder for a case's channel. `key` is stable, so a scheduler can send each one once. */
export interface Reminder {
  readonly key: string;
  readonly kind: ReminderKind;
  readonly at: Date;
  /** Who should act on it. */
  readonly role: Role;
  /** Dutch, channel-safe (dates and table only). */
  readonly message: string;
  /** Short Dutch label for the status card's "Volgende herinnering" ("inleverdatum Twente"). */
  readonly label: string;
  readonly tableId?: string;
}

const at = (date: CivilDate, p: ReminderPolicy): Date => amsterdamInstant(date, p.hour, p.minute);

const deadlineReminders = (c: Case, t: RegionalTable, p: ReminderPolicy): Reminder[] => {
  const dates = [
    ...p.deadlineDaysBefore.map((d) => addDays(t.deadline, -d)),
    ...p.deadlineWorkingDaysBefore.map((d) => addWorkingDays(t.deadline, -d)),
    ...(p.onDeadlineDay ? [t.deadline] : []),
  ];
  return [...new Set(dates)].map((d) => ({
    key: `${c.id}:deadline:${t.id}:${d}`,
    kind: 'deadline',
    at: at(d, p),
    role: 'begeleider',
    label: `inleverdatum ${t.region}`,
    message:
      d === t.deadline
        ? `Vandaag is de uiterlijke inleverdatum voor de tafel ${describeTable(t)}.`
        : `Lever het aanmeldformulier uiterlijk ${formatDutchDate(t.deadline)} in voor de tafel ${describeTable(t)}.`,
    tableId: t.id,
  }));
};

/**
 * The working day after a missed deadline the team is told, and offered the next table of the
 * region (the seed: a case not submitted in time goes to a later table).
 */
const deadlinePassedReminder = (c: Case, t: RegionalTable, tables: readonly RegionalTable[], p: ReminderPolicy): Reminder => {
  const d = addWorkingDays(t.deadline, 1);
  const next = rollOver(tables, t, endOfDeadline(t));
  return {
    key: `${c.id}:deadline_passed:${t.id}`,
    kind: 'deadline_passed',
    at: at(d, p),
    role: 'begeleider',
    label: `inleverdatum ${t.region} verstreken`,
    message:
      `De inleverdatum voor de tafel ${describeTable(t)} is verstreken zonder dat het formulier is ingediend. ` +
      (next
        ? `Eerstvolgende tafel: ${describeTable(next)}. Kies die via "Tafel wijzigen".`
        : 'Vraag de functioneel beheerder de volgende tafeldata toe te voegen.'),
    tableId: t.id,
  };
};

/** Reminders for a case registered for `t`: deadline ones while not submitted, the meeting, and the outcome afterwards. */
const registrationReminders = (
  c: Case,
  t: RegionalTable,
  submitted: boolean,
  p: ReminderPolicy = REMINDER_POLICY,
  tables: readonly RegionalTable[] = [],
): Reminder[] => [
  ...(submitted ? [] : [...deadlineReminders(c, t, p), deadlinePassedReminder(c, t, tables, p)]),
  ...p.meetingWorkingDaysBefore.map((n): Reminder => {
    const d = addWorkingDays(t.meeting, -n);
    return {
      key: `${c.id}:meeting:${t.id}:${d}`,
      kind: 'meeting',
      at: at(d, p),
      role: 'begeleider',
      label: `overlegtafel ${t.region}`,
      message: `Binnenkort: regionale overlegtafel ${describeTable(t)}.`,
      tableId: t.id,
    };
  }),
  (() => {
    const d = addWorkingDays(t.meeting, p.outcomeWorkingDaysAfter);
    return {
      key: `${c.id}:outcome:${t.id}:${d}`,
      kind: 'outcome' as const,
      at: at(d, p),
      role: 'begeleider' as const,
      label: 'uitkomst overlegtafel vastleggen',
      message: `Leg de uitkomst van de overlegtafel van ${formatDutchDate(t.meeting)} vast.`,
      tableId: t.id,
    };
  })(),
];

/** Monthly evaluation reminders for tijdelijke onplanbare zorg started on `start`; the last one marks the end of the period. */
export const evaluationReminders = (c: Case, start: CivilDate, p: ReminderPolicy = REMINDER_POLICY): Reminder[] => {
  const out: Reminder[] = [];
  for (let m = p.evaluationEveryMonths; m <= p.evaluationMaxMonths; m += p.evaluationEveryMonths) {
    const d = addMonths(start, m);
    out.push({
      key: `${c.id}:evaluation:${d}`,
      kind: 'evaluation',
      at: at(d, p),
      role: 'sleutelfiguur',
      label:
        m + p.evaluationEveryMonths > p.evaluationMaxMonths
          ? 'einde periode onplanbare zorg'
          : `maandevaluatie onplanbare zorg (maand ${m})`,
      message:
        m + p.evaluationEveryMonths > p.evaluationMaxMonths
          ? `Einde periode onplanbare zorg (${p.evaluationMaxMonths} maanden): kies terug naar BG of een aanvraag BW.`
          : `Maandelijkse evaluatie onplanbare zorg (maand ${m}): is terug naar BG mogelijk of is een aanvraag BW nodig?`,
    });
  }
  return out;
};

/** A recorded follow-up date ("Datum opvolging", "Volgende opvolging") and what is followed up. */
export interface FollowUp {
  readonly date: CivilDate;
  /** Channel-safe: "opvolging afspraken cirkel 3". */
  readonly label: string;
  /** Dutch, channel-safe: what the team is asked to do. */
  readonly ask: string;
}

/**
 * The follow-up date the team recorded, for the case's current state, as its step declares it
 * (`dates.followUp`): after the table the latest opvolging's "Volgende opvolging" (or, right after
 * the table, the "Datum opvolging" of its outcome); after cirkel 3 until the table, the "Datum
 * opvolging" of cirkel 3. `null` when the state has none or none is recorded.
 */
export const followUpOf = (c: Case): FollowUp | null => {
  const source = stepOf(c.state)?.dates?.followUp;
  const date = source ? stepText(c, source.key, source.field) : undefined;
  return source && date ? { date, label: source.label, ask: source.ask } : null;
};

/** The working day a follow-up is reminded on: the date itself, or the Friday before a weekend date. */
const workingDayOnOrBefore = (date: CivilDate): CivilDate => {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
};

/** The reminder of a recorded follow-up date, at the policy's hour on that (working) day. */
const followUpReminder = (c: Case, f: FollowUp, p: ReminderPolicy = REMINDER_POLICY): Reminder => {
  const d = workingDayOnOrBefore(f.date);
  return {
    key: `${c.id}:followup:${c.state}:${f.date}`,
    kind: 'followup',
    at: at(d, p),
    role: 'begeleider',
    label: f.label,
    message: `${d === f.date ? 'Vandaag' : `Op ${formatDutchDate(f.date)}`} staat de ${f.label} gepland. ${f.ask}`,
  };
};

/**
 * All reminder moments for a case in its current state, as its step declares them (`dates`),
 * sorted by time (past ones included; the scheduler sends those it has not sent yet, by `key`).
 * The target table before registration is the next feasible table at `now` of the region chosen
 * with the conditions.
 */
export const caseReminders = (
  c: Case,
  ctx: { readonly now: Date; readonly tables: readonly RegionalTable[] },
  p: ReminderPolicy = REMINDER_POLICY,
): Reminder[] => {
  const dates = stepOf(c.state)?.dates;
  const region = dates?.nextTable ? stepText(c, 'voorwaarden', 'regio') : undefined;
  const target = region ? nextFeasibleTable(ctx.tables, region, ctx.now) : null;
  let out: Reminder[] = [];
  if (dates?.nextTable === 'adviseur' && target) {
    out = p.adviseurDaysBeforeDeadline.map((n) => {
      const d = addDays(target.deadline, -n);
      return {
        key: `${c.id}:adviseur:${target.id}:${d}`,
        kind: 'adviseur',
        at: at(d, p),
        role: 'begeleider',
        label: `contact adviseur (tafel ${target.region})`,
        message: `Wil je de casus inbrengen bij de tafel ${describeTable(target)}? Neem tijdig contact op met de zorginhoudelijk adviseur.`,
        tableId: target.id,
      };
    });
  } else if (dates?.nextTable === 'deadline' && target) {
    out = deadlineReminders(c, target, p);
  } else if (dates?.registeredTable) {
    const t = registeredTable(c, ctx.tables);
    out = t ? registrationReminders(c, t, isSubmitted(c), p, ctx.tables) : [];
  } else if (dates?.evaluations) {
    const start = onplanbareZorgStart(c);
    out = start ? evaluationReminders(c, start, p) : [];
  }
  const followUp = followUpOf(c);
  if (followUp) out = [...out, followUpReminder(c, followUp, p)];
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
};
