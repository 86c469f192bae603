import { type ActionView, type Case, CONDITIONS, CRISIS_VERB, ROUTE_LABELS, crisisGuidance, stepOf } from '../domain';
import { type FormState, fieldView, inputId } from './fieldView';
import { type Notice, caseData, execute, withNotice } from './format';
import { STATUS_VERB, whoMay } from './statusCard';
import { render } from './templates';

const CHECKLIST_VERB = 'voorwaarden.vastleggen';

/** The submit button's title where "Opslaan" would not say what happens. */
const SUBMIT_LABELS: ReadonlyMap<string, string> = new Map([
  ['route.kiezen', 'Route vastleggen'],
  [CRISIS_VERB, 'Crisis bevestigen en route stoppen'],
  [CHECKLIST_VERB, 'Voorleggen aan teamleider'],
  ['voorwaarden.terug', 'Terug naar cirkel 3'],
  ['voorwaarden.goedkeuren', 'Akkoord geven'],
  ['voorwaarden.afwijzen', 'Niet akkoord geven'],
  ['casus.afsluiten', 'Casus afsluiten'],
  ['casus.intrekken', 'Casus intrekken'],
]);

/** The submit button of an action's form. */
const submitLabel = (verb: string): string => SUBMIT_LABELS.get(verb) ?? 'Opslaan';

/** The seven-conditions checklist: each condition a toggle with its short explanation. */
const checklistItems = (a: ActionView, form: FormState | null): unknown[] => {
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
    ? [
        render('form', {
          hasTitle: true,
          title: 'Overig',
          hasIntro: false,
          intro: '',
          fields: extra.map((f) => fieldView(a.verb, f, mine)),
        }),
      ]
    : [];
  return [
    render('checklist', {
      title: 'De zeven voorwaarden',
      intro: 'Zet elke voorwaarde die vervuld is aan en licht kort toe waar het is vastgelegd.',
      conditions,
      extraItems,
    }),
  ];
};

export interface StepViewOptions {
  /** What the user entered and what was wrong with it (kept on a refused submit). */
  readonly form?: FormState | null;
  readonly notice?: Notice | null;
}

/**
 * One action's form as a user-specific view (the invoke answer, seen only by the clicking user):
 * a short header, the step's guidance, the inputs, and exactly two buttons: the submit, which
 * sends this card's inputs, and "Annuleren" (back to the status card), which sends none. Nothing
 * is nested in a ShowCard, so no input elsewhere can block a button (Adaptive Cards validate the
 * inputs of a ShowCard's parent cards too).
 */
export const stepFormCard = (c: Case, a: ActionView, opts: StepViewOptions = {}): Record<string, unknown> => {
  const form = opts.form ?? null;
  const step = stepOf(c.state);
  const crisis = a.verb === CRISIS_VERB;
  const where = [`Casus ${c.id}`, c.route ? ROUTE_LABELS[c.route] : null, step?.label ?? null].filter(Boolean).join(' · ');
  const instructions = crisis ? crisisGuidance(c.route) : (step?.instructions ?? []);
  const formItems =
    a.verb === CHECKLIST_VERB
      ? checklistItems(a, form)
      : [
          render('form', {
            hasTitle: false,
            title: '',
            hasIntro: false,
            intro: '',
            fields: a.fields.map((f) => fieldView(a.verb, f, form)),
          }),
        ];
  const card = render('view', {
    title: a.label + whoMay(a),
    titleColor: crisis ? 'Attention' : 'Default',
    subtitle: `${where}. Alleen jij ziet dit formulier.`,
    hasInstructions: instructions.length > 0,
    instructions,
    formItems,
    actions: [
      execute(submitLabel(a.verb), a.verb, caseData(c), { style: crisis ? 'destructive' : 'positive', withInputs: true }),
      execute('Annuleren', STATUS_VERB, caseData(c)),
    ],
  });
  // No open table to offer: say so, and who adds them, instead of an empty choice.
  const noTables = a.fields.some((f) => f.optionsFrom === 'tables' && (f.options ?? []).length === 0);
  const notice =
    opts.notice ??
    (noTables
      ? {
          text: 'Er staat geen komende overlegtafel in de kalender waarvoor nog ingeleverd kan worden. Vraag de kalenderbeheerder van je organisatie de data toe te voegen met /tafels.',
          style: 'warning' as const,
        }
      : null);
  return withNotice(card, notice);
};
