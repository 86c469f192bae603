import type { RouteId } from '../case';
import { type ActionDef, type StepDates, type StepDef, type StepPosition, action } from '../stepTypes';
import { textareaField, toggleField } from '../fields';
import { type Role, hasRole } from '../roles';
import type { StateId } from '../stateIds';

export const ZORGADVIES = 'Zorgadvies van Menzis zorgkantoor: 088 222 42 42.';

const CRISIS_INSTRUCTIONS = [
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
export const CRISIS_ACTION = action({
  verb: 'crisis.melden',
  label: 'Crisis melden',
  roles: ['begeleider'],
  fields: [toggleField('bevestigd', 'Ik bevestig dat er nu sprake is van een crisissituatie', { required: true })],
  targets: ['crisis'],
  next: () => 'crisis',
  stepKey: 'crisis',
});

/**
 * Withdraws a case opened by mistake (or no longer needed), in every open state: only the one who
 * opened it or a teamleider, with a reason (free text: never on the channel's cards). Seed silent;
 * a care team expects a case that should not exist not to stay on its open list.
 */
export const WITHDRAW_ACTION = action({
  verb: 'casus.intrekken',
  label: 'Casus intrekken',
  roles: ['begeleider'],
  fields: [textareaField('reden', 'Waarom wordt de casus ingetrokken')],
  targets: ['ingetrokken'],
  next: () => 'ingetrokken',
  stepKey: 'ingetrokken',
  mayTake: (c, actor) => actor.userId === c.ownerId || hasRole(actor, 'teamleider'),
  notAllowed: 'Alleen wie de casus opende of een teamleider kan de casus intrekken.',
});

/** How a step is defined; everything but `id`, `route`, `label` and `instructions` has a default. */
export interface StepOptions<Id extends StateId> {
  readonly id: Id;
  /** `null` for states shared by both routes (`nieuw` and the end states). */
  readonly route: RouteId | null;
  readonly label: string;
  readonly instructions: readonly string[];
  /** Role that may act here; default `begeleider`. */
  readonly role?: Role;
  /** Who must act next; default `role` (`null` in an end state). */
  readonly awaiting?: Role;
  /** Position in the route's progress picture; default phase 0. */
  readonly position?: StepPosition;
  /** Reminders and key dates of the state (see `StepDates`). */
  readonly dates?: StepDates;
  /** The step's own actions; the exits are added by `exits`. */
  readonly actions?: readonly ActionDef[];
  /**
   * `all` (default): the crisis exit and withdrawal follow the step's own actions; `withdraw`:
   * only withdrawal (before a route is chosen there is no crisis route); `end`: an end state, no
   * actions at all.
   */
  readonly exits?: 'all' | 'withdraw' | 'end';
}

/** Defines one state of a route: the only step builder, used by every route file. */
export const defineStep = <const Id extends StateId>(o: StepOptions<Id>): StepDef<Id> => {
  const exits = o.exits ?? 'all';
  const role = o.role ?? 'begeleider';
  const own = exits === 'end' ? [] : (o.actions ?? []);
  return {
    id: o.id,
    route: o.route,
    label: o.label,
    role,
    awaiting: exits === 'end' ? null : (o.awaiting ?? role),
    instructions: o.instructions,
    actions: exits === 'all' ? [...own, CRISIS_ACTION, WITHDRAW_ACTION] : exits === 'withdraw' ? [...own, WITHDRAW_ACTION] : own,
    terminal: exits === 'end',
    position: o.position ?? { phase: 0 },
    ...(o.dates ? { dates: o.dates } : {}),
  };
};

const endStep = <const Id extends StateId>(id: Id, label: string, instructions: readonly string[]) =>
  defineStep({ id, route: null, label, instructions, exits: 'end' });

export const END_STEPS = [
  endStep('opgelost', 'Opgelost', ['De situatie is opgelost; de casus is gesloten.']),
  endStep('afgesloten', 'Afgesloten', ['De casus is afgesloten.']),
  endStep('crisis', 'Crisis', CRISIS_INSTRUCTIONS),
  endStep('ingetrokken', 'Ingetrokken', ['De casus is ingetrokken en staat niet meer bij de open casussen.']),
] as const;

/** The closed states (a case there takes no more actions; the retention purge counts from them). */
export const END_STATES: readonly StateId[] = END_STEPS.map((s) => s.id);
