import type { Case } from '../case';
import { addMonths } from '../amsterdamTime';
import { type FormData, choiceField, dateField, options, textareaField, textField, textOf, toggleField } from '../fields';
import type { StepKey } from '../stateIds';
import { stepText } from '../stepData';
import { action } from '../stepTypes';
import {
  FINANCIERS,
  ONPLANBARE_ZORG_MAX_MONTHS,
  OPSCHALINGSAANBOD,
  OVERBRUGGING_OPTIONS,
  onplanbareZorgStart,
  requiredWhen,
} from './bijstellenOptions';
import { defineStep } from './common';

/** A choice made in an earlier step, to start a later form with. */
const carried = (c: Case, key: StepKey, field: string): FormData => {
  const v = stepText(c, key, field);
  return v ? { [field]: v } : {};
};

export const BIJSTELLEN_VERVOLG_STEPS = [
  defineStep({
    id: 'onplanbare_zorg',
    route: 'bijstellen',
    label: 'Stap 5: tijdelijke onplanbare zorg (maandelijkse evaluatie)',
    role: 'sleutelfiguur',
    position: { phase: 5 },
    dates: { evaluations: true },
    instructions: [
      'De dichtstbijzijnde woonlocatie zet tijdelijk onplanbare zorg in (3–6 maanden, via Verzoek om Toewijzing), met monitoring door sleutelfiguur en/of teamleider.',
      'Evalueer maandelijks of terug naar BG mogelijk is of toch een aanvraag BW nodig is.',
    ],
    actions: [
      action({
        verb: 'evaluatie.vastleggen',
        recurring: true,
        label: 'Maandevaluatie vastleggen',
        roles: ['sleutelfiguur', 'teamleider'],
        fields: [
          dateField('datum', 'Datum evaluatie'),
          choiceField(
            'uitkomst',
            'Uitkomst',
            options({ voortzetten: 'Onplanbare zorg voortzetten', terug_bg: 'Terug naar BG', aanvraag_bw: 'Toch aanvraag BW' }),
          ),
          textareaField('toelichting', 'Toelichting', { required: false }),
        ],
        // "Terug naar BG" ends this escalation (back to regular begeleiding); the 3-month minimum is guidance, not enforced.
        targets: ['onplanbare_zorg', 'afgesloten', 'aanvraag_bw'],
        next: (d) => (d.uitkomst === 'terug_bg' ? 'afgesloten' : d.uitkomst === 'aanvraag_bw' ? 'aanvraag_bw' : 'onplanbare_zorg'),
        stepKey: 'evaluatie',
        check: (d, c) => {
          const start = onplanbareZorgStart(c);
          const datum = textOf(d, 'datum');
          if (d.uitkomst !== 'voortzetten' || !start || !datum || datum < addMonths(start, ONPLANBARE_ZORG_MAX_MONTHS)) return null;
          return { uitkomst: 'De periode van maximaal 6 maanden is voorbij: kies terug naar BG of een aanvraag BW.' };
        },
      }),
    ],
  }),
  defineStep({
    id: 'verstevigingsteam',
    route: 'bijstellen',
    label: 'Stap 5: doorgezet naar het verstevigingsteam',
    role: 'coordinator_verstevigingsteam',
    position: { phase: 5 },
    instructions: [
      'De coördinator van het verstevigingsteam neemt de casus mee naar het juiste opschalingsaanbod binnen de regio HvB (RET, MET, C&V, Verstevigingsteam).',
    ],
    actions: [
      action({
        // The case leaves this process once the coördinator has placed it with an opschalingsaanbod.
        verb: 'versteviging.oppakken',
        defaults: (c) => carried(c, 'stap5_afweging', 'aanbod'),
        label: 'Opschalingsaanbod bevestigen',
        fields: [dateField('datum', 'Datum'), choiceField('aanbod', 'Opschalingsaanbod', OPSCHALINGSAANBOD)],
        targets: ['afgesloten'],
        next: () => 'afgesloten',
      }),
    ],
  }),
  defineStep({
    id: 'domeinoverstijgend',
    route: 'bijstellen',
    label: 'Stap 5: aanmelden bij de juiste financier',
    role: 'begeleider',
    position: { phase: 5 },
    instructions: [
      'De casus is domeinoverstijgend en wordt met ondersteuning van de gemeente aangemeld bij de juiste financier (Wlz, Zvw, forensisch, verlengde jeugdzorg, levensloopaanpak).',
    ],
    actions: [
      action({
        // The case leaves this process once it is registered with the other financier.
        verb: 'financier.aangemeld',
        defaults: (c) => carried(c, 'stap5_afweging', 'financier'),
        label: 'Aanmelding financier vastleggen',
        fields: [dateField('datum', 'Aangemeld op'), choiceField('financier', 'Financier', FINANCIERS)],
        targets: ['afgesloten'],
        next: () => 'afgesloten',
      }),
    ],
  }),
  defineStep({
    id: 'stap6_overbrugging',
    route: 'bijstellen',
    label: 'Stap 6: afweging overbruggingszorg',
    role: 'sleutelfiguur',
    position: { phase: 6 },
    instructions: [
      'De sleutelfiguur weegt af of overbruggingszorg nodig is. Tot dan blijft de ondersteuning bij het gebiedsteam of de onderaannemer.',
    ],
    actions: [
      action({
        verb: 'overbrugging.besluit',
        label: 'Besluit overbruggingszorg vastleggen',
        fields: [
          choiceField('besluit', 'Overbruggingszorg', OVERBRUGGING_OPTIONS),
          textareaField('toelichting', 'Toelichting', { required: false }),
        ],
        // "Niet nodig" closes this escalation: the BW aanvraag runs its own course with the linked sleutelfiguur.
        targets: ['stap7_vastleggen', 'afgesloten'],
        next: (d) => (d.besluit === 'niet_nodig' ? 'afgesloten' : 'stap7_vastleggen'),
      }),
    ],
  }),
  defineStep({
    id: 'stap7_vastleggen',
    route: 'bijstellen',
    label: 'Stap 7: overbruggingszorg vastleggen',
    role: 'sleutelfiguur',
    position: { phase: 7 },
    instructions: ['Leg de inzet van overbruggingszorg vast in het ondersteuningsplan BW.'],
    actions: [
      action({
        verb: 'overbrugging.vastleggen',
        label: 'Overbruggingszorg vastleggen',
        fields: [
          dateField('startdatum', 'Start overbruggingszorg'),
          textField('bwLocatie', 'BW-locatie (bij inzet door Siem)', { required: false }),
          toggleField('onsProduct', 'Product in ONS met tarief overbruggingszorg aangemaakt (bij onderaannemer)'),
          toggleField('ondersteuningsplan', 'Vastgelegd in het ondersteuningsplan BW', { required: true }),
        ],
        targets: ['afgesloten'],
        next: () => 'afgesloten',
        check: (d, c) => {
          const besluit = stepText(c, 'stap6_overbrugging', 'besluit');
          return (
            requiredWhen(d, besluit === 'siem_bw', ['bwLocatie'], 'Noem de dichtstbijzijnde BW-locatie.') ??
            requiredWhen(d, besluit === 'onderaannemer_ons', ['onsProduct'], 'Bevestig het product in ONS.')
          );
        },
      }),
    ],
  }),
];
