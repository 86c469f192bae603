import { choiceField, dataChoiceField, dateField, textareaField, textField, toggleField } from '../fields';
import { action } from '../stepTypes';
import {
  BW_MAIL,
  CASUISTIEK_OUTCOMES,
  FINANCIERS,
  OPSCHALINGSAANBOD,
  RESULT,
  TEAMLEIDER_HINTS,
  TEAMLEIDER_OPTIONS,
  requiredWhen,
} from './bijstellenOptions';
import { defineStep } from './common';
import { BIJSTELLEN_VERVOLG_STEPS } from './bijstellenVervolg';

/** The state each outcome of the casuïstiekoverleg leads to. */
const OUTCOME_STATE = {
  tijdelijke_onplanbare_zorg: 'onplanbare_zorg',
  gesprek_sleutelfiguur: 'stap6_overbrugging',
  verstevigingsteam: 'verstevigingsteam',
  domeinoverstijgend: 'domeinoverstijgend',
} as const;
const outcomeState = (uitkomst: unknown) => Object.entries(OUTCOME_STATE).find(([k]) => k === uitkomst)?.[1];

export const BIJSTELLEN_STEPS = [
  defineStep({
    id: 'stap1_signaal',
    route: 'bijstellen',
    label: 'Stap 1: signaal veranderde hulpvraag',
    role: 'begeleider',
    position: { phase: 1 },
    instructions: ['Begeleiding of onderaannemer signaleert dat de hulpvraag verandert ten opzichte van de afgesproken actielijnen.'],
    actions: [
      action({
        verb: 'signaal.vastleggen',
        label: 'Signaal vastleggen',
        fields: [
          dateField('datum', 'Datum signaal'),
          textField('actielijn', 'Welke actielijn is veranderd'),
          textareaField('toelichting', 'Toelichting', { required: false }),
          // The seed: the leveringsovereenkomst names the client's gebiedsteam, and with it the
          // teamleider to approach in step 3; the bot then notifies that teamleider.
          dataChoiceField('gebiedsteam', 'Gebiedsteam (zie de leveringsovereenkomst)', 'gebiedsteams', {
            required: false,
            help: 'Bepaalt welke teamleider bij stap 3 een melding krijgt. Gebiedsteams stelt de functioneel beheerder in met /instellingen.',
          }),
        ],
        check: (d, _c, ctx) =>
          d.gebiedsteam !== undefined && !ctx.gebiedsteams.includes(String(d.gebiedsteam))
            ? { gebiedsteam: 'Kies een gebiedsteam uit de lijst.' }
            : null,
        targets: ['stap2_actielijnen'],
        next: () => 'stap2_actielijnen',
      }),
    ],
  }),
  defineStep({
    id: 'stap2_actielijnen',
    route: 'bijstellen',
    label: 'Stap 2: actielijnen opnieuw bepalen',
    role: 'begeleider',
    position: { phase: 2 },
    instructions: ['Bepaal samen met de cliënt opnieuw de actielijnen en stel de zorg bij volgens de methodiek van Siem.'],
    actions: [
      action({
        verb: 'actielijnen.bijstellen',
        label: 'Bijstelling vastleggen',
        fields: [
          dateField('datum', 'Datum'),
          toggleField('samenMetClient', 'Samen met de cliënt bepaald', { required: true }),
          textareaField('bijstelling', 'Bijgestelde actielijnen'),
          choiceField('resultaat', 'Is dit voldoende?', RESULT),
        ],
        targets: ['opgelost', 'stap3_teamleider'],
        next: (d) => (d.resultaat === 'voldoende' ? 'opgelost' : 'stap3_teamleider'),
      }),
    ],
  }),
  defineStep({
    id: 'stap3_teamleider',
    route: 'bijstellen',
    label: 'Stap 3: bespreken met de teamleider',
    role: 'teamleider',
    position: { phase: 3 },
    instructions: ['Stap 2 is niet voldoende: bespreek met de teamleider welke optie wordt ingezet.', ...TEAMLEIDER_HINTS],
    actions: [
      action({
        verb: 'teamleider.besluit',
        label: 'Besluit teamleider vastleggen',
        fields: [
          choiceField('besluit', 'Besluit teamleider', TEAMLEIDER_OPTIONS),
          textareaField('toelichting', 'Toelichting', { required: false }),
        ],
        targets: ['inzet_evaluatie', 'aanvraag_bw', 'stap4_formulier'],
        next: (d) =>
          d.besluit === 'aanvraag_bw' ? 'aanvraag_bw' : d.besluit === 'casuistiekoverleg' ? 'stap4_formulier' : 'inzet_evaluatie',
      }),
    ],
  }),
  defineStep({
    id: 'inzet_evaluatie',
    route: 'bijstellen',
    label: 'Stap 3: inzet evalueren',
    role: 'begeleider',
    position: { phase: 3 },
    instructions: ['Evalueer of het opplussen van begeleidingsmomenten of de inzet van digicontact voldoende is.'],
    actions: [
      action({
        // Seed silent after opplussen/digicontact: the begeleider evaluates; enough closes the case, not enough goes back to the teamleider.
        verb: 'inzet.evalueren',
        label: 'Evaluatie vastleggen',
        fields: [
          dateField('datum', 'Datum evaluatie'),
          choiceField('resultaat', 'Resultaat', RESULT),
          textareaField('toelichting', 'Toelichting', { required: false }),
        ],
        targets: ['opgelost', 'stap3_teamleider'],
        next: (d) => (d.resultaat === 'voldoende' ? 'opgelost' : 'stap3_teamleider'),
      }),
    ],
  }),
  defineStep({
    id: 'aanvraag_bw',
    route: 'bijstellen',
    label: 'Stap 3: directe aanvraag BW',
    role: 'begeleider',
    position: { phase: 3 },
    instructions: [
      `Vul tabblad 1 en 2 van het ondersteuningsplan BW in en stuur het naar ${BW_MAIL} (beveiligd, buiten Teams).`,
      'Daar wordt een sleutelfiguur gekoppeld die de aanvraag in behandeling neemt.',
    ],
    actions: [
      action({
        verb: 'aanvraag_bw.verstuurd',
        label: 'Aanvraag BW vastleggen',
        fields: [
          dateField('verstuurdOp', 'Verstuurd op'),
          toggleField('tabbladen', `Tabblad 1 en 2 van het ondersteuningsplan BW zijn ingevuld en naar ${BW_MAIL} gestuurd`, {
            required: true,
          }),
        ],
        targets: ['stap6_overbrugging'],
        next: () => 'stap6_overbrugging',
      }),
    ],
  }),
  defineStep({
    id: 'stap4_formulier',
    route: 'bijstellen',
    label: 'Stap 4: formulier casuïstiekoverleg',
    role: 'begeleider',
    position: { phase: 4 },
    instructions: ['De teamleider adviseert de casus in te brengen in het casuïstiekoverleg. Vul het formulier casuïstiekoverleg in.'],
    actions: [
      action({
        verb: 'casuistiek.aanmelden',
        label: 'Inbrengen in casuïstiekoverleg',
        fields: [
          dateField('datumOverleg', 'Datum casuïstiekoverleg'),
          textareaField('situatie', 'Situatie en veranderde hulpvraag'),
          textareaField('geprobeerd', 'Wat is al geprobeerd'),
          textareaField('vraag', 'Vraag aan het overleg'),
        ],
        targets: ['stap5_afweging'],
        next: () => 'stap5_afweging',
      }),
    ],
  }),
  defineStep({
    id: 'stap5_afweging',
    route: 'bijstellen',
    label: 'Stap 5: afweging casuïstiekoverleg',
    role: 'teamleider',
    position: { phase: 5 },
    instructions: ['Leg de afweging van het casuïstiekoverleg vast: één van de vier uitkomsten.'],
    actions: [
      action({
        verb: 'casuistiek.uitkomst',
        label: 'Uitkomst casuïstiekoverleg vastleggen',
        fields: [
          dateField('datum', 'Datum overleg'),
          choiceField('uitkomst', 'Uitkomst', CASUISTIEK_OUTCOMES),
          textField('woonlocatie', 'Dichtstbijzijnde woonlocatie (bij onplanbare zorg)', { required: false }),
          dateField('startdatum', 'Start onplanbare zorg', { required: false }),
          choiceField('aanbod', 'Opschalingsaanbod regio HvB (bij verstevigingsteam)', OPSCHALINGSAANBOD, { required: false }),
          choiceField('financier', 'Financier (bij domeinoverstijgend)', FINANCIERS, { required: false }),
          textareaField('afspraken', 'Afspraken', { required: false }),
        ],
        targets: ['onplanbare_zorg', 'stap6_overbrugging', 'verstevigingsteam', 'domeinoverstijgend'],
        next: (d) => outcomeState(d.uitkomst) ?? 'domeinoverstijgend',
        check: (d) => {
          const errors = {
            ...requiredWhen(
              d,
              d.uitkomst === 'tijdelijke_onplanbare_zorg',
              ['woonlocatie', 'startdatum'],
              'Nodig bij tijdelijke onplanbare zorg.',
            ),
            ...requiredWhen(d, d.uitkomst === 'verstevigingsteam', ['aanbod'], 'Kies het opschalingsaanbod.'),
            ...requiredWhen(d, d.uitkomst === 'domeinoverstijgend', ['financier'], 'Kies de financier.'),
          };
          return Object.keys(errors).length ? errors : null;
        },
      }),
    ],
  }),
  ...BIJSTELLEN_VERVOLG_STEPS,
];
