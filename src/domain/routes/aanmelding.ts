import { amsterdamDate, formatDutchDate, startOfAmsterdamDay } from '../amsterdamTime';
import type { Case } from '../case';
import { type RegionalTable, deadlinePassed, describeTable, findTable, rollOver } from '../calendar';
import { type FormData, dataChoiceField, choiceField, dateField, options, textareaField, textOf } from '../fields';
import { type Refusal, refuse } from '../refusal';
import { stepData, stepText } from '../stepData';
import { type FollowUpSource, type RuleContext, action } from '../stepTypes';
import { ZORGADVIES, defineStep } from './common';
import { conditionsMetCount } from './voorwaarden';
import { CIRKEL3_FOLLOW_UP } from './zorgkantoor';

const ADVISEUR_MAIL = 'ziawlz@menzis.nl';

/** The table the case is registered for (its latest choice), or `null`. */
export const registeredTable = (c: Case, tables: readonly RegionalTable[]): RegionalTable | null => {
  const id = stepText(c, 'formulier', 'tafel');
  return id ? findTable(tables, id) : null;
};

/** True once the registration form was submitted to the zorgkantoor for the current table. */
export const isSubmitted = (c: Case): boolean => stepText(c, 'aangemeld', 'ingediendOp') !== undefined;

const notInFuture = (d: FormData, name: string, now: Date): Record<string, string> => {
  const v = textOf(d, name);
  return v && v > amsterdamDate(now) ? { [name]: 'Deze datum ligt in de toekomst.' } : {};
};

const nonEmpty = (errors: Record<string, string>): Record<string, string> | null => (Object.keys(errors).length ? errors : null);

const tableErrors = (d: FormData, ctx: RuleContext): Record<string, string> => {
  const t = findTable(ctx.tables, textOf(d, 'tafel') ?? '');
  if (!t) return { tafel: 'Kies een tafel uit de kalender.' };
  if (d.regio !== undefined && d.regio !== t.region)
    return { tafel: `Deze tafel hoort bij regio ${t.region}; kies een tafel van de gekozen regio.` };
  return {};
};

/** Refusal when the submission deadline of `t` has passed at `now`, naming the next feasible table of the region. */
const deadlineRefusal = (t: RegionalTable, ctx: RuleContext): Refusal | null => {
  if (!deadlinePassed(t, ctx.now)) return null;
  const next = rollOver(ctx.tables, t, ctx.now);
  return refuse(
    'deadline_passed',
    `De inleverdatum voor deze tafel (${formatDutchDate(t.deadline)}) is verstreken. ` +
      (next
        ? `Eerstvolgende mogelijkheid: ${describeTable(next)}.`
        : `Er staat nog geen volgende tafel voor ${t.region} in de kalender; vraag de functioneel beheerder de data toe te voegen.`),
  );
};

const chosenTableGuard = (d: FormData, _c: Case, ctx: RuleContext): Refusal | null => {
  const t = findTable(ctx.tables, textOf(d, 'tafel') ?? '');
  return t ? deadlineRefusal(t, ctx) : null;
};

/** Belt and braces: registration needs the seven conditions and the teamleider's approval on record, and never a crisis. */
const registrationRefusal = (c: Case): Refusal | null => {
  if (c.steps.crisis) return refuse('crisis', 'Bij een crisis wordt een casus niet aangemeld bij de overlegtafel.');
  if (conditionsMetCount(stepData(c, 'voorwaarden')) < 7 || stepText(c, 'akkoord_teamleider', 'besluit') !== 'goedgekeurd') {
    return refuse(
      'conditions_not_met',
      'Aanmelden kan pas als alle zeven voorwaarden vervuld zijn en de teamleider akkoord heeft gegeven.',
    );
  }
  return null;
};

const tableFields = [dataChoiceField('regio', 'Regio', 'regions'), dataChoiceField('tafel', 'Regionale overlegtafel', 'tables')];

/** After the table: the agreements of the table, from the date recorded with its outcome, then from each follow-up's next date. */
const tableFollowUp = (key: 'besproken' | 'opvolging', field: string): FollowUpSource => ({
  key,
  field,
  label: 'opvolging afspraken overlegtafel',
  ask: 'Leg de stand van zaken vast met "Opvolging vastleggen" en plan zo nodig de volgende opvolging.',
});

export const AANMELDING_STEPS = [
  defineStep({
    id: 'contact_adviseur',
    route: 'zorgkantoor',
    label: 'Cirkel 4: contact zorginhoudelijk adviseur',
    instructions: [
      `Neem contact op met de zorginhoudelijk adviseurs van Menzis zorgkantoor (${ADVISEUR_MAIL}). Zij bepalen of bespreking aan de regionale overlegtafel passend is.`,
      'Is het passend, dan ontvang je het aanmeldformulier. Dat gaat via beveiligde mail buiten Teams; leg hier alleen de data vast.',
      ZORGADVIES,
    ],
    position: { phase: 4, subStep: 3 },
    dates: { nextTable: 'adviseur', followUp: CIRKEL3_FOLLOW_UP },
    actions: [
      action({
        verb: 'adviseur.oordeel',
        label: 'Oordeel adviseur vastleggen',
        fields: [
          dateField('contactdatum', 'Datum contact met adviseur'),
          choiceField(
            'oordeel',
            'Oordeel adviseur',
            options({ passend: 'Bespreking is passend', niet_passend: 'Bespreking is niet passend' }),
          ),
          textareaField('advies', 'Advies van de adviseur (bij niet passend: waarom, en wat het plan nodig heeft)', { required: false }),
        ],
        // Seed silent on "niet passend": the adviseur's advice goes back into the plan of circle 3; the team closes from there if solved.
        targets: ['formulier', 'cirkel3'],
        next: (d) => (d.oordeel === 'passend' ? 'formulier' : 'cirkel3'),
        check: (d, _c, ctx) =>
          nonEmpty({
            ...notInFuture(d, 'contactdatum', ctx.now),
            ...(d.oordeel === 'niet_passend' && !textOf(d, 'advies')
              ? { advies: 'Noteer waarom het niet passend is: het team werkt het plan in cirkel 3 daarmee bij.' }
              : {}),
          }),
      }),
    ],
  }),
  defineStep({
    id: 'formulier',
    route: 'zorgkantoor',
    label: 'Cirkel 4: aanmeldformulier en tafel kiezen',
    instructions: [
      'Vul het aanmeldformulier van het zorgkantoor in en stuur het via beveiligde mail; zet hier geen cliëntgegevens.',
      'Kies de regionale overlegtafel; de inleverdatum moet nog niet verstreken zijn.',
    ],
    position: { phase: 4, subStep: 4 },
    dates: { nextTable: 'deadline', followUp: CIRKEL3_FOLLOW_UP },
    actions: [
      action({
        verb: 'aanmelding.indienen',
        // The region chosen with the conditions; its tables are the ones offered.
        defaults: (c): FormData => {
          const regio = stepText(c, 'voorwaarden', 'regio');
          return regio ? { regio } : {};
        },
        label: 'Aanmelden voor tafel',
        fields: [dateField('formulierOntvangenOp', 'Aanmeldformulier ontvangen op'), ...tableFields],
        targets: ['aangemeld'],
        next: () => 'aangemeld',
        check: (d, _c, ctx) => nonEmpty({ ...notInFuture(d, 'formulierOntvangenOp', ctx.now), ...tableErrors(d, ctx) }),
        guard: (d, c, ctx) => registrationRefusal(c) ?? chosenTableGuard(d, c, ctx),
      }),
    ],
  }),
  defineStep({
    id: 'aangemeld',
    route: 'zorgkantoor',
    label: 'Cirkel 4: aangemeld voor de regionale overlegtafel',
    instructions: ['Lever het aanmeldformulier in vóór de inleverdatum en leg de datum hier vast. Na de tafel leg je de uitkomst vast.'],
    position: { phase: 4, subStep: 5 },
    dates: { registeredTable: true },
    actions: [
      action({
        verb: 'aanmelding.ingediend',
        label: 'Formulier ingeleverd',
        fields: [dateField('ingediendOp', 'Ingeleverd bij het zorgkantoor op')],
        targets: ['aangemeld'],
        next: () => 'aangemeld',
        check: (d, _c, ctx) => nonEmpty(notInFuture(d, 'ingediendOp', ctx.now)),
        guard: (_d, c, ctx) => {
          const t = registeredTable(c, ctx.tables);
          return t ? deadlineRefusal(t, ctx) : refuse('wrong_step', 'Kies eerst een tafel.');
        },
      }),
      action({
        verb: 'tafel.wijzigen',
        label: 'Andere tafel kiezen',
        fields: tableFields,
        targets: ['aangemeld'],
        next: () => 'aangemeld',
        stepKey: 'formulier',
        check: (d, _c, ctx) => nonEmpty(tableErrors(d, ctx)),
        guard: chosenTableGuard,
      }),
      action({
        verb: 'bespreking.vastleggen',
        label: 'Uitkomst tafel vastleggen',
        fields: [
          dateField('datum', 'Datum overleg'),
          choiceField(
            'uitkomst',
            'Uitkomst',
            options({
              overplaatsing: 'Overplaatsing wordt geregeld',
              advies: 'Advies en afspraken, geen overplaatsing',
              geen_bespreking: 'Niet besproken',
            }),
          ),
          textareaField('afspraken', 'Afspraken'),
          dateField('vervolgdatum', 'Datum opvolging'),
        ],
        targets: ['besproken'],
        next: () => 'besproken',
        stepKey: 'besproken',
        guard: (_d, c, ctx) => {
          const t = registeredTable(c, ctx.tables);
          if (!isSubmitted(c)) return refuse('wrong_step', 'Leg eerst vast wanneer het aanmeldformulier is ingeleverd.');
          if (t && ctx.now < startOfAmsterdamDay(t.meeting)) {
            return refuse('wrong_step', `De overlegtafel is op ${formatDutchDate(t.meeting)}; leg de uitkomst daarna vast.`);
          }
          return null;
        },
      }),
    ],
  }),
  defineStep({
    id: 'besproken',
    route: 'zorgkantoor',
    label: 'Cirkel 4: besproken aan de overlegtafel',
    instructions: ['Voer de afspraken van de overlegtafel uit en leg de opvolging vast.'],
    position: { phase: 4, subStep: 6 },
    dates: { followUp: tableFollowUp('besproken', 'vervolgdatum') },
    actions: [opvolgingAction()],
  }),
  defineStep({
    id: 'opvolging',
    route: 'zorgkantoor',
    label: 'Cirkel 4: opvolging',
    instructions: ['Volg de afspraken op tot de situatie stabiel is; sluit daarna de casus af.'],
    position: { phase: 4, subStep: 7 },
    dates: { followUp: tableFollowUp('opvolging', 'volgendeDatum') },
    actions: [
      opvolgingAction(),
      action({
        verb: 'casus.afsluiten',
        label: 'Casus afsluiten',
        fields: [
          dateField('datum', 'Datum afsluiting'),
          choiceField(
            'reden',
            'Reden',
            options({
              overgeplaatst: 'Cliënt is overgeplaatst',
              stabiel: 'Situatie is stabiel bij de huidige aanbieder',
              anders: 'Anders',
            }),
          ),
          textareaField('toelichting', 'Toelichting', { required: false }),
        ],
        targets: ['afgesloten'],
        next: () => 'afgesloten',
        stepKey: 'afgesloten',
      }),
    ],
  }),
];

function opvolgingAction() {
  return action({
    verb: 'opvolging.vastleggen',
    recurring: true,
    label: 'Opvolging vastleggen',
    fields: [
      dateField('datum', 'Datum'),
      choiceField(
        'stand',
        'Stand van zaken',
        options({ volgens_afspraak: 'Loopt volgens afspraak', vertraagd: 'Vertraagd', bijsturen: 'Bijsturen nodig' }),
      ),
      textareaField('toelichting', 'Toelichting', { required: false }),
      dateField('volgendeDatum', 'Volgende opvolging', { required: false }),
    ],
    targets: ['opvolging'],
    next: () => 'opvolging',
    stepKey: 'opvolging',
  });
}
