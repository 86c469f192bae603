import { type FieldDescriptor, type FormData, dataChoiceField, flagOf, textField, textOf, toggleField } from '../fields';
import { inState } from '../stateIds';

/** The seven conditions (Menzis stappenplan) before a case may go to the regionale overlegtafel. */
export const CONDITIONS = [
  { key: 'geenCrisis', label: 'Het is geen crisissituatie; daarvoor zijn de crisisregeling of de zorgconferentie voorliggend.' },
  {
    key: 'stappenDoorlopen',
    label: 'Cirkel 1, 2 en 3 zijn doorlopen en in de documentatie vastgelegd, met onvoldoende of geen resultaat.',
  },
  { key: 'alternatieveWoonplek', label: 'Alternatieve woonplekken binnen de eigen organisatie (ook landelijk) zijn onderzocht.' },
  { key: 'overdrachtGeprobeerd', label: 'Er is geprobeerd de cliënt over te dragen aan een andere zorgaanbieder.' },
  {
    key: 'overplaatsingNoodzakelijk',
    label:
      'De situatie is zo complex dat overplaatsing noodzakelijk is; wachten op reguliere (landelijke) aanmelding of plaatsing op een wachtlijst kan niet.',
  },
  {
    key: 'inZorgGehouden',
    label: 'Tot de overplaatsing gerealiseerd is en/of de overlegtafel gehouden is, houden wij de cliënt in zorg, zonder crisisplaatsing.',
  },
  { key: 'cceBetrokken', label: 'Het CCE is betrokken (of er is een duidelijke onderbouwing waarom niet).' },
] as const;

export type ConditionKey = (typeof CONDITIONS)[number]['key'];

const toelichting = (key: string): string => `${key}Toelichting`;

export const CONDITION_FIELDS: readonly FieldDescriptor[] = [
  ...CONDITIONS.flatMap((c) => [
    toggleField(c.key, c.label),
    textField(
      toelichting(c.key),
      c.key === 'cceBetrokken' ? 'Toelichting, of onderbouwing waarom het CCE niet betrokken is' : 'Korte toelichting',
      { required: false, maxLength: 300 },
    ),
  ]),
  dataChoiceField('regio', 'Regio van de overlegtafel', 'regions', { required: false, help: 'Voor herinneringen aan de inleverdatum.' }),
];

export interface ConditionStatus {
  readonly key: ConditionKey;
  readonly label: string;
  readonly met: boolean;
}

/**
 * A condition holds when it is confirmed. CCE holds when the CCE is betrokken, or when a written
 * onderbouwing explains why not (the seed's "of er is een duidelijke onderbouwing").
 */
export const evaluateConditions = (data: FormData | undefined): readonly ConditionStatus[] =>
  CONDITIONS.map((c) => ({
    key: c.key,
    label: c.label,
    met: flagOf(data, c.key) || (c.key === 'cceBetrokken' && (textOf(data, toelichting(c.key)) ?? '') !== ''),
  }));

/** Number of the seven conditions that hold (for the public checklist n/7). */
export const conditionsMetCount = (data: FormData | undefined): number => evaluateConditions(data).filter((c) => c.met).length;

/** Each confirmed condition needs its short explanation (the seed asks for documentation); CCE "ja" may go without. */
export const missingExplanations = (data: FormData): Record<string, string> | null => {
  const errors: Record<string, string> = {};
  for (const c of CONDITIONS) {
    if (c.key !== 'cceBetrokken' && flagOf(data, c.key) && !textOf(data, toelichting(c.key))) {
      errors[toelichting(c.key)] = 'Licht kort toe waar dit is vastgelegd.';
    }
  }
  return Object.keys(errors).length ? errors : null;
};

/**
 * True when the case came back before the conditions (the teamleider's "Niet akkoord", the
 * adviseur's "niet passend", or the team's own "Terug naar cirkel 3"): the seven conditions on
 * record no longer count and must be confirmed again.
 */
export const conditionsToReconfirm = (c: { readonly state: string; readonly steps: Readonly<Record<string, unknown>> }): boolean =>
  c.steps.voorwaarden !== undefined && inState(c, 'voorwaarden', 'cirkel3');
