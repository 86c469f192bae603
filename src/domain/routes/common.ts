import type { RouteId } from '../case';
import type { ActionDef, StepDef } from '../stepTypes';
import { textareaField, toggleField } from '../fields';
import { hasRole } from '../roles';

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
        'Het proces bijstellen ondersteuning stopt voor deze casus; de teamleider en de sleutelfiguur krijgen een melding.',
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

/**
 * Withdraws a case opened by mistake (or no longer needed), in every open state: only the one who
 * opened it or a teamleider, with a reason (free text: never on the channel's cards). Seed silent;
 * a care team expects a case that should not exist not to stay on its open list.
 */
export const WITHDRAW_ACTION: ActionDef = {
  verb: 'casus.intrekken',
  label: 'Casus intrekken',
  roles: ['begeleider'],
  fields: [textareaField('reden', 'Waarom wordt de casus ingetrokken')],
  targets: ['ingetrokken'],
  next: () => 'ingetrokken',
  stepKey: 'ingetrokken',
  mayTake: (c, actor) => actor.userId === c.ownerId || hasRole(actor, 'teamleider'),
  notAllowed: 'Alleen wie de casus opende of een teamleider kan de casus intrekken.',
};

/** The ways out of every open state: the crisis exit (not before a route is chosen) and withdrawal. */
export const withExits = (step: StepDef): StepDef => ({ ...step, actions: [...step.actions, CRISIS_ACTION, WITHDRAW_ACTION] });

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
  endStep('ingetrokken', 'Ingetrokken', ['De casus is ingetrokken en staat niet meer bij de open casussen.']),
];

export const END_STATES = END_STEPS.map((s) => s.id);
