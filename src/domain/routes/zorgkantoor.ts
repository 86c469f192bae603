import { type FieldDescriptor, choiceField, dateField, multichoiceField, options, textareaField, textField, toggleField } from '../fields';
import { refuse } from '../refusal';
import type { StateId } from '../stateIds';
import { stepData } from '../stepData';
import { type FollowUpSource, action } from '../stepTypes';
import { ZORGADVIES, defineStep } from './common';
import { CONDITION_FIELDS, conditionsMetCount, evaluateConditions, missingExplanations } from './voorwaarden';

const PARTICIPANTS = options({
  begeleider: 'Begeleider(s)',
  teamleider: 'Teamleider',
  gedragsdeskundige: 'Gedragsdeskundige',
  sleutelfiguur: 'Sleutelfiguur',
  coordinator_verstevigingsteam: 'Coördinator verstevigingsteam',
  client: 'Cliënt',
  netwerk: 'Netwerk / verwanten',
  andere_aanbieder: 'Andere zorgaanbieder',
});

const OUTCOME = options({ opgelost: 'Opgelost', onvoldoende: 'Onvoldoende resultaat' });

const circleFields: readonly FieldDescriptor[] = [
  dateField('datum', 'Datum overleg'),
  multichoiceField('deelnemers', 'Deelnemers', PARTICIPANTS),
  textareaField('vraag', 'Vraag'),
  textareaField('afspraken', 'Afspraken', { required: false }),
  choiceField('uitkomst', 'Uitkomst', OUTCOME),
];

/** Circles 1 and 2: one meeting form; not solved leads to `nextCircle`. */
const circle = <const Id extends StateId, const Next extends StateId>(
  id: Id,
  label: string,
  phase: number,
  nextCircle: Next,
  instructions: readonly string[],
) =>
  defineStep({
    id,
    route: 'zorgkantoor',
    label,
    instructions,
    position: { phase },
    actions: [
      action({
        verb: `${id}.vastleggen`,
        label: `${label.split(':')[0] ?? label} vastleggen`,
        fields: circleFields,
        targets: ['opgelost', nextCircle],
        next: (d) => (d.uitkomst === 'opgelost' ? 'opgelost' : nextCircle),
      }),
    ],
  });

/** After cirkel 3 until the registration the team follows up the agreements of cirkel 3 (the seed: "Uitkomsten en afspraken worden vastgelegd en opgevolgd"). */
export const CIRKEL3_FOLLOW_UP: FollowUpSource = {
  key: 'cirkel3',
  field: 'vervolgdatum',
  label: 'opvolging afspraken cirkel 3',
  ask: 'Ga na of de afspraken uit cirkel 3 zijn uitgevoerd en wat er nog nodig is.',
};

export const ZORGKANTOOR_CIRCLE_STEPS = [
  circle('cirkel1', 'Cirkel 1: overleg in het team', 1, 'cirkel2', [
    'Bespreek de vastgelopen situatie binnen het team en zoek samen een oplossing.',
  ]),
  circle('cirkel2', 'Cirkel 2: consultatie binnen de zorgaanbieder', 2, 'cirkel3', [
    'Regel een interne consultatie binnen de eigen organisatie (bijvoorbeeld de gedragsdeskundige).',
  ]),
  defineStep({
    id: 'cirkel3',
    route: 'zorgkantoor',
    label: 'Cirkel 3: consultatie van een andere zorgaanbieder',
    instructions: [
      'Vraag consultatie van een andere zorgaanbieder en maak een realistische analyse: risicofactoren, beschermende factoren en de context.',
      'Maak een plan hoe de vragen opgelost kunnen worden en wie daarvoor nodig zijn; zoek de samenwerking met hen.',
      `Advies of ondersteuning van het zorgkantoor nodig? ${ZORGADVIES}`,
    ],
    position: { phase: 3 },
    actions: [
      action({
        verb: 'cirkel3.vastleggen',
        label: 'Cirkel 3 vastleggen',
        fields: [
          dateField('datum', 'Datum consultatie'),
          textField('geconsulteerdeAanbieder', 'Geconsulteerde zorgaanbieder'),
          textareaField('risicofactoren', 'Risicofactoren'),
          textareaField('beschermendeFactoren', 'Beschermende factoren'),
          textareaField('context', 'Context'),
          textareaField('plan', 'Plan'),
          textareaField('nodig', 'Wie zijn daarvoor nodig'),
          toggleField('zorgadviesGecontacteerd', 'Contact gehad met Zorgadvies (088 222 42 42)'),
          textareaField('afspraken', 'Uitkomsten en afspraken'),
          dateField('vervolgdatum', 'Datum opvolging'),
          choiceField('uitkomst', 'Resultaat', OUTCOME),
        ],
        targets: ['opgelost', 'voorwaarden'],
        next: (d) => (d.uitkomst === 'opgelost' ? 'opgelost' : 'voorwaarden'),
      }),
    ],
  }),
  defineStep({
    id: 'voorwaarden',
    route: 'zorgkantoor',
    label: 'Cirkel 4: voorwaarden voor de regionale overlegtafel',
    instructions: [
      'Een casus mag pas naar de regionale overlegtafel als aan alle zeven voorwaarden is voldaan. Bevestig elke voorwaarde met een korte toelichting.',
    ],
    position: { phase: 4, subStep: 1 },
    dates: { nextTable: 'adviseur', followUp: CIRKEL3_FOLLOW_UP },
    actions: [
      action({
        verb: 'voorwaarden.vastleggen',
        label: 'Voorleggen aan teamleider',
        fields: CONDITION_FIELDS,
        targets: ['akkoord_teamleider'],
        next: () => 'akkoord_teamleider',
        check: (d) => missingExplanations(d),
        guard: (d) => {
          if (d.geenCrisis !== true) {
            return refuse(
              'crisis',
              'Bij een crisissituatie zijn de crisisregeling of de zorgconferentie voorliggend. Gebruik "Crisis melden".',
            );
          }
          const missing = evaluateConditions(d).filter((c) => !c.met);
          if (missing.length === 0) return null;
          return refuse(
            'conditions_not_met',
            `Nog niet aan alle voorwaarden voldaan. Ontbreekt: ${missing.map((c) => c.label).join(' ')}`,
            Object.fromEntries(missing.map((c) => [c.key, 'Niet vervuld.'])),
          );
        },
      }),
      action({
        // Seed silent: when the conditions cannot (yet) be met, the team goes back to circle 3 and keeps working on the plan.
        verb: 'voorwaarden.terug',
        label: 'Terug naar cirkel 3',
        fields: [textareaField('reden', 'Reden', { required: false })],
        targets: ['cirkel3'],
        next: () => 'cirkel3',
      }),
    ],
  }),
  defineStep({
    id: 'akkoord_teamleider',
    route: 'zorgkantoor',
    label: 'Cirkel 4: akkoord teamleider',
    role: 'teamleider',
    instructions: [
      'De teamleider beoordeelt de zeven voorwaarden en geeft akkoord om contact op te nemen met de zorginhoudelijk adviseur.',
    ],
    position: { phase: 4, subStep: 2 },
    dates: { nextTable: 'adviseur', followUp: CIRKEL3_FOLLOW_UP },
    actions: [
      action({
        verb: 'voorwaarden.goedkeuren',
        label: 'Akkoord',
        fields: [textareaField('toelichting', 'Toelichting', { required: false })],
        targets: ['contact_adviseur'],
        next: () => 'contact_adviseur',
        stamp: { besluit: 'goedgekeurd' },
        guard: (_d, c) =>
          conditionsMetCount(stepData(c, 'voorwaarden')) === 7
            ? null
            : refuse('conditions_not_met', 'Niet alle zeven voorwaarden zijn vervuld.'),
      }),
      action({
        // Seed silent: a teamleider who does not agree sends the checklist back to be completed or corrected.
        verb: 'voorwaarden.afwijzen',
        label: 'Niet akkoord',
        fields: [textareaField('reden', 'Wat moet er anders')],
        targets: ['voorwaarden'],
        next: () => 'voorwaarden',
        stamp: { besluit: 'afgewezen' },
      }),
    ],
  }),
];
