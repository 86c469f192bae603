import { type StatusView, refreshUsers } from '../app';
import {
  type ActionView,
  type Case,
  CRISIS_VERB,
  amsterdamDate,
  caseReminders,
  ROLE_LABELS,
  rolesFor,
  crisisGuidance,
  formatDutchDate,
  nextKeyDate,
  primaryVerb,
  CONDITIONS,
  stepData,
  ROUTE_LABELS,
  conditionsMetCount,
  conditionsToReconfirm,
  isOpen,
  progress,
  actionLabel,
  stepOf,
} from '../domain';
import { caseData, execute, formatMoment } from './format';
import { inert } from './fieldView';
import { progressPicture } from './picture';
import { caseLink } from './notification';
import { render } from './templates';

/** The verb that answers with one action's form (or the crisis confirmation) for the clicking user. */
export const OPEN_VERB = 'formulier.openen';
/** The verb that answers with the status card (fresh) for the clicking user. */
export const STATUS_VERB = 'status.tonen';
export const DETAILS_VERB = 'details.bekijken';

/** How many names "Aan zet" lists before "en N anderen": the card stays small whatever the team's size. */
const NAMES_SHOWN = 3;
const NAME_MAX = 40;

const shortName = (name: string, max = NAME_MAX): string => inert(name.length > max ? `${name.slice(0, max - 1)}…` : name);

/** "Teamleider: Pieter Jansen", "Begeleider (iedereen in het team)", "Sleutelfiguur (nog niet ingesteld …)". */
export const awaitingText = (waiting: StatusView['waiting']): string | null => {
  if (!waiting) return null;
  const role = ROLE_LABELS[waiting.role];
  if (waiting.role === 'begeleider') return `${role} (iedereen in het team)`;
  const who = waiting.area ? `${role} gebiedsteam ${inert(waiting.area)}` : role;
  if (waiting.people.length === 0) return `${who} (nog niet ingesteld: gebruik /instellingen)`;
  const names = waiting.people.slice(0, NAMES_SHOWN).map((m) => shortName(m.name));
  const more = waiting.people.length - names.length;
  return `${who}: ${names.join(', ')}${more > 0 ? ` en ${more} ${more === 1 ? 'ander' : 'anderen'}` : ''}`;
};

/** The role hint on a button: "(teamleider)" unless anyone in the team may. */
export const whoMay = (a: Pick<ActionView, 'roles'>): string =>
  a.roles.includes('begeleider') ? '' : ` (${a.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' of ')})`;

const lastChangeText = (c: Case): string => {
  const at = formatMoment(c.lastChange?.at ?? c.updatedAt);
  if (!c.lastChange) return at;
  // Room for a stand-in's "(voor …, gebiedsteam …)".
  return `${shortName(c.lastChange.by, 2 * NAME_MAX + 40)}: ${actionLabel(c.lastChange.action)} (${at})`;
};

/**
 * The status card of a case, the same for everyone in the channel: where it stands, who must act,
 * the next date that matters, the checklist and the last change. No inputs and never free text;
 * the step's form opens per user (`formulier.openen`, the invoke answer) and, where Teams
 * supports it, by itself for the people the case waits on (`refresh.userIds`).
 */
export const statusCard = (c: Case, view: StatusView): Record<string, unknown> => {
  const step = stepOf(c.state);
  // Labels and roles only: the options of the forms are resolved when a form opens.
  const all = step && !step.terminal ? step.actions.map((a) => ({ verb: a.verb, label: a.label, roles: rolesFor(step, a) })) : [];
  const mainVerb = primaryVerb(c);
  const main = all.find((a) => a.verb === mainVerb) ?? null;
  const secondary = all.filter((a) => a.verb !== mainVerb && a.verb !== CRISIS_VERB);
  const crisis = all.find((a) => a.verb === CRISIS_VERB);
  const open = (a: Pick<ActionView, 'verb' | 'label' | 'roles'>, style: 'positive' | 'default' | 'destructive' = 'default') =>
    execute(a.label + whoMay(a), OPEN_VERB, caseData(c, { actie: a.verb }), { style });
  const actions: Record<string, unknown>[] = [];
  if (main) actions.push(open(main, 'positive'));
  if (c.route) actions.push(execute('Details', DETAILS_VERB, caseData(c)));
  if (crisis) actions.push(open(crisis, 'destructive'));
  actions.push({
    type: 'Action.ShowCard',
    title: 'Meer',
    card: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'TextBlock',
          text: secondary.length ? 'Andere acties in deze stap' : 'Geen andere acties in deze stap.',
          wrap: true,
          isSubtle: true,
          size: 'Small',
        },
      ],
      actions: [...secondary.map((a) => open(a)), execute('Vernieuwen', STATUS_VERB, caseData(c))],
    },
  });
  // The step's first line of guidance says what to do next; the rest is in the form.
  const card = renderStatus(c, view, actions, isOpen(c) ? (step?.instructions[0] ?? '') : '');
  const userIds = main ? refreshUsers(c, view.waiting) : [];
  if (main && userIds.length) {
    card.refresh = {
      action: { type: 'Action.Execute', title: main.label, verb: OPEN_VERB, data: caseData(c, { actie: main.verb }) },
      userIds,
    };
  }
  return card;
};

/** The title of the summary's button that gives the clicker the case's status card. */
export const SUMMARY_OPEN = 'Casus openen';

/**
 * What `/status CAS-…` posts: a snapshot of the status card (the same facts, as of now) that
 * stays as it is, a link to the case's own thread and one button that gives only the clicker
 * the live status card (the invoke answer). The channel so keeps one live card per case: the
 * root card in the case's thread.
 */
export const summaryCard = (c: Case, view: StatusView): Record<string, unknown> =>
  renderStatus(
    c,
    view,
    [{ type: 'Action.OpenUrl', title: 'Naar de casus in het kanaal', url: caseLink(c) }, execute(SUMMARY_OPEN, STATUS_VERB, caseData(c))],
    `Momentopname van ${formatMoment(view.now.toISOString())}; deze kaart verandert niet. De actuele kaart staat in de thread van de casus. "${SUMMARY_OPEN}" toont alleen jou de actuele stand en je stap.`,
  );

/** The status template with the case's facts, the progress picture and `actions`. */
const renderStatus = (c: Case, view: StatusView, actions: readonly Record<string, unknown>[], hint: string): Record<string, unknown> => {
  const step = stepOf(c.state);
  const summary = {
    open: isOpen(c),
    stateLabel: step?.label ?? c.state,
    routeLabel: c.route ? ROUTE_LABELS[c.route] : null,
    progress: progress(c),
    checklist: c.steps.voorwaarden ? { met: conditionsMetCount(stepData(c, 'voorwaarden')), total: CONDITIONS.length } : null,
  };
  const keyDate = nextKeyDate(c, view);
  const reminder = summary.open ? (view.reminders ?? caseReminders(c, view)).find((r) => r.at.getTime() > view.now.getTime()) : undefined;
  const awaiting = summary.open ? awaitingText(view.waiting) : null;
  const facts = [
    ...(awaiting ? [{ title: 'Aan zet', value: awaiting }] : []),
    ...(keyDate ? [{ title: 'Volgende datum', value: `${formatDutchDate(keyDate.date)}: ${keyDate.label}` }] : []),
    ...(reminder ? [{ title: 'Volgende herinnering', value: `${formatDutchDate(amsterdamDate(reminder.at))} — ${reminder.label}` }] : []),
    ...(summary.checklist
      ? [
          {
            title: 'Voorwaarden',
            value: conditionsToReconfirm(c)
              ? `opnieuw te bevestigen (eerder ${summary.checklist.met} van ${summary.checklist.total})`
              : `${summary.checklist.met} van ${summary.checklist.total} voldaan`,
          },
        ]
      : []),
    { title: 'Laatste wijziging', value: lastChangeText(c) },
  ];
  const picture = progressPicture(summary.progress, c.state === 'crisis');
  return render('status', {
    caseId: c.id,
    routeLabel: summary.routeLabel ? `Route ${summary.routeLabel}` : 'Nieuwe casus: kies de route',
    // Step labels already say where ('Cirkel 1: …', 'Stap 3: …'): no extra 'Stap:' in front.
    stepLabel: summary.open ? `Nu: ${summary.stateLabel}` : `Status: ${summary.stateLabel}`,
    stepColor: c.state === 'crisis' ? 'Attention' : summary.open ? 'Accent' : c.state === 'ingetrokken' ? 'Default' : 'Good',
    hasPicture: Boolean(picture),
    picture: picture ? (view.imageBase ? `${view.imageBase}${picture.file}` : picture.dataUri) : '',
    pictureAlt: picture?.altText ?? '',
    pictureWidth: picture?.width ?? '96px',
    facts,
    hasHint: Boolean(hint),
    hint,
    hasGuidance: c.state === 'crisis',
    guidance: c.state === 'crisis' ? crisisGuidance(c.route) : [],
    actions,
  });
};
