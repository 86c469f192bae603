import type { RouteId } from '../case';
import type { ActionDef, StepDef } from '../stepTypes';
import { toggleField } from '../fields';

export const ZORGADVIES = 'Zorgadvies van Menzis zorgkantoor: 088 222 42 42.';

export const CRISIS_INSTRUCTIONS = [
  'Bij een crisissituatie zijn de crisisregeling of de zorgconferentie voorliggend; volg de crisisafspraken van je organisatie en regio.',
  'Een crisiscasus wordt niet ingebracht bij de regionale overlegtafel.',
  `Advies nodig? ${ZORGADVIES}`,
];

/**
 * Crisis guidance per route. Wlz (Menzis): crisisregeling or zorgconferentie, never the regional
 * table, Zorgadvies for advice. Wmo (Siem): the organisation's and the municipality's crisis
 * arrangements; Menzis and its tables have no part in it.
 */
export const crisisGuidance = (route: RouteId | null): readonly string[] =>
  route === 'bijstellen'
    ? [
        'Bij een crisissituatie gaan de crisisafspraken van je organisatie en de crisisregeling van de gemeente voor; volg die.',
        'Het proces bijstellen ondersteuning stopt voor deze casus; overleg met je teamleider.',
      ]
    : CRISIS_INSTRUCTIONS;

/** Available in every open state of both routes; ends the escalation route for good. */
export const CRISIS_ACTION: ActionDef = {
  verb: 'crisis.melden',
  label: 'Crisis melden',
  roles: ['begeleider'],
  fields: [toggleField('bevestigd', 'Ik bevestig dat er nu sprake is van een crisissituatie', { required: true })],
  targets: ['crisis'],
  next: () => 'crisis',
  stepKey: 'crisis',
};

/** Adds the crisis exit to an open step. */
export const withCrisis = (step: StepDef): StepDef => ({ ...step, actions: [...step.actions, CRISIS_ACTION] });

const endStep = (id: string, label: string, instructions: readonly string[]): StepDef => ({
  id,
  route: null,
  label,
  role: 'begeleider',
  awaiting: null,
  instructions,
  actions: [],
  terminal: true,
  position: { phase: 0 },
});

export const END_STEPS: readonly StepDef[] = [
  endStep('opgelost', 'Opgelost', ['De situatie is opgelost; de casus is gesloten.']),
  endStep('afgesloten', 'Afgesloten', ['De casus is afgesloten.']),
  endStep('crisis', 'Crisis', CRISIS_INSTRUCTIONS),
];

export const END_STATES = END_STEPS.map((s) => s.id);
