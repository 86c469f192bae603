import {
  type ActionView as DomainAction,
  type Case,
  CONDITIONS,
  CRISIS_INSTRUCTIONS,
  ROLE_LABELS,
  type RegionalTable,
  availableActions,
  publicSummary,
  stepOf,
} from '../domain';
import { type FormState, fieldView, inputId } from './fieldView';
import { progressPicture } from './picture';
import { CARD_CONTENT_TYPE, render } from './templates';

export type NoticeStyle = 'attention' | 'good' | 'warning' | 'emphasis';

export interface RootCardOptions {
  /** Values and errors of a submitted form, shown back to the user who submitted it. */
  readonly form?: FormState | null;
  readonly notice?: { readonly text: string; readonly style: NoticeStyle } | null;
  /** With `now`, only tables whose deadline has not passed are offered. */
  readonly now?: Date;
  /** The tenant's regional tables (its /tafels calendar): required, so a card never falls back to example data. */
  readonly tables: readonly RegionalTable[];
  /** The team's Siem gebiedsteams (names), offered at the signal step. */
  readonly gebiedsteams?: readonly string[];
}

const amsterdam = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Formats an instant for Dutch readers in Europe/Amsterdam. */
export const formatMoment = (iso: string): string => amsterdam.format(new Date(iso));

const CRISIS_VERB = 'crisis.melden';

/** "Cirkel 2", "Stap 3": the part of a step's label before the colon, to tell facts of steps apart. */
const stepShort = (stepKey: string): string => (stepOf(stepKey)?.label ?? stepKey).split(':')[0] ?? stepKey;
const CHECKLIST_VERB = 'voorwaarden.vastleggen';

const execute = (title: string, verb: string, c: Case, style: 'default' | 'positive' | 'destructive' = 'default', withInputs = true) => ({
  type: 'Action.Execute',
  title,
  verb,
  style,
  associatedInputs: withInputs ? 'auto' : 'none',
  data: { caseId: c.id, version: c.version },
});

const whoMay = (a: DomainAction): string =>
  a.roles.includes('begeleider') ? '' : ` (${a.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' of ')})`;

/** The form body of one action: the seven-conditions checklist, or the generic form. */
const formItems = (c: Case, a: DomainAction, form: FormState | null, intro: string): unknown[] => {
  if (a.verb === CHECKLIST_VERB) {
    const mine = form?.verb === a.verb ? form : null;
    const known = new Set<string>(CONDITIONS.flatMap((k) => [k.key, `${k.key}Toelichting`]));
    const conditions = CONDITIONS.map((k, i) => {
      const toggle = fieldView(a.verb, { name: k.key, label: k.label, kind: 'toggle', required: false, private: false }, mine);
      const explanationField = a.fields.find((f) => f.name === `${k.key}Toelichting`);
      const explanation = explanationField ? fieldView(a.verb, explanationField, mine) : null;
      const error = mine?.fieldErrors[k.key] ?? mine?.fieldErrors[`${k.key}Toelichting`] ?? '';
      return {
        number: i + 1,
        toggleId: inputId(a.verb, k.key),
        label: k.label,
        toggleValue: toggle.value,
        explanationId: inputId(a.verb, `${k.key}Toelichting`),
        explanationLabel: explanation?.label ?? 'Korte toelichting',
        maxLength: explanation?.maxLength ?? 300,
        explanationValue: explanation?.value ?? '',
        hasError: Boolean(error),
        error,
      };
    });
    const extra = a.fields.filter((f) => !known.has(f.name));
    const extraItems = extra.length
      ? [render('form', { title: 'Overig', hasIntro: false, intro: '', fields: extra.map((f) => fieldView(a.verb, f, mine)) })]
      : [];
    return [render('checklist', { title: a.label + whoMay(a), intro, conditions, extraItems })];
  }
  return [render('form', { title: a.label + whoMay(a), hasIntro: Boolean(intro), intro, fields: a.fields.map((f) => fieldView(a.verb, f, form)) })];
};

/** A secondary action on the card: its form in a ShowCard, or a plain button when it has none. */
const secondaryAction = (c: Case, a: DomainAction, form: FormState | null): Record<string, unknown> => {
  if (a.fields.length === 0) return execute(a.label + whoMay(a), a.verb, c, 'default', false);
  return {
    type: 'Action.ShowCard',
    title: a.label + whoMay(a),
    card: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: formItems(c, a, form, ''),
      actions: [execute(`${a.label} bevestigen`, a.verb, c, 'positive')],
    },
  };
};

const crisisAction = (c: Case, form: FormState | null): Record<string, unknown> => {
  const mine = form?.verb === CRISIS_VERB ? form : null;
  const error = mine ? Object.values(mine.fieldErrors)[0] ?? '' : '';
  return {
    type: 'Action.ShowCard',
    title: 'Crisis melden',
    card: render('crisis', {
      guidance: CRISIS_INSTRUCTIONS,
      confirmId: inputId(CRISIS_VERB, 'bevestigd'),
      confirmLabel: 'Ik bevestig dat er nu sprake is van een crisissituatie',
      hasError: Boolean(error),
      error,
      caseId: c.id,
      version: c.version,
    }),
  };
};

/**
 * The root card of a case, visible to the whole channel: status (no free text, ever) and the
 * current step's empty form. With `form`, the submitting user's own values and errors are shown
 * (that card only goes back to them, as the invoke response).
 */
export const rootCard = (c: Case, opts: RootCardOptions): Record<string, unknown> => {
  const tables = opts.tables;
  const summary = publicSummary(c, tables);
  const step = stepOf(c.state);
  const form = opts.form ?? null;
  const all = availableActions(c, { tables, gebiedsteams: opts.gebiedsteams ?? [], ...(opts.now ? { now: opts.now } : {}) });
  const crisis = all.find((a) => a.verb === CRISIS_VERB);
  const [primary, ...secondary] = all.filter((a) => a.verb !== CRISIS_VERB);
  const picture = progressPicture(summary.progress, c.state === 'crisis');
  const facts = [
    ...(summary.awaitingLabel ? [{ title: 'Aan zet', value: summary.awaitingLabel }] : []),
    ...(summary.checklist ? [{ title: 'Voorwaarden', value: `${summary.checklist.met} van ${summary.checklist.total} voldaan` }] : []),
    // The route itself is in the header; the other facts name their step.
    ...summary.facts.filter((f) => f.stepKey !== 'nieuw').map((f) => ({ title: `${stepShort(f.stepKey)} · ${f.label}`, value: f.value })),
    { title: 'Geopend', value: formatMoment(c.createdAt) },
    { title: 'Bijgewerkt', value: formatMoment(c.updatedAt) },
  ];
  const actions: Record<string, unknown>[] = [];
  if (primary) actions.push(execute(primary.verb === 'route.kiezen' ? 'Route vastleggen' : 'Opslaan', primary.verb, c, 'positive'));
  for (const a of secondary) actions.push(secondaryAction(c, a, form));
  if (c.route) actions.push(execute('Bekijk details', 'details.bekijken', c, 'default', false));
  if (crisis) actions.push(crisisAction(c, form));
  return render('root', {
    caseId: c.id,
    routeLabel: summary.routeLabel ? `Route ${summary.routeLabel}` : 'Nieuwe casus: kies de route',
    // Step labels already say where ('Cirkel 1: …', 'Stap 3: …'): no extra 'Stap:' in front.
    stepLabel: summary.open ? `Nu: ${summary.stateLabel}` : `Status: ${summary.stateLabel}`,
    stepColor: c.state === 'crisis' ? 'Attention' : summary.open ? 'Accent' : 'Good',
    hasPicture: Boolean(picture),
    picture: picture?.dataUri ?? '',
    pictureAlt: picture?.altText ?? '',
    pictureWidth: picture?.width ?? '96px',
    facts,
    hasInstructions: Boolean(step?.instructions.length),
    instructions: step?.instructions ?? [],
    hasNotice: Boolean(opts.notice),
    notice: opts.notice?.text ?? '',
    noticeStyle: opts.notice?.style ?? 'default',
    hasForm: Boolean(primary),
    formItems: primary ? formItems(c, primary, form, '') : [],
    actions,
  });
};

export const cardAttachment = (card: Record<string, unknown>) => ({ contentType: CARD_CONTENT_TYPE, content: card });
