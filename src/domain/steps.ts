import { type Case, type RouteId, NEW_STATE, ROUTE_LABELS } from './case';
import { type RegionalTable, describeTable, offeredTables, regionsOf } from './calendar';
import { type FieldDescriptor, choiceField, options, textField, textOf } from './fields';
import { clientRefProblem } from './privacy';
import { type Actor, type Role, hasRole } from './roles';
import { AANMELDING_STEPS, isSubmitted } from './routes/aanmelding';
import { BIJSTELLEN_STEPS } from './routes/bijstellen';
import { CRISIS_ACTION, END_STEPS, defineStep } from './routes/common';
import { ZORGKANTOOR_CIRCLE_STEPS } from './routes/zorgkantoor';
import { STATE_IDS, type StateId, inState } from './stateIds';
import { stepText } from './stepData';
import { type ActionDef, type StepDef, action } from './stepTypes';

/** First state of each route (the state `route.kiezen` leads to). */
export const FIRST_STATE = { zorgkantoor: 'cirkel1', bijstellen: 'stap1_signaal' } as const satisfies Readonly<Record<RouteId, StateId>>;

const ROUTE_ACTION = action({
  verb: 'route.kiezen',
  label: 'Route kiezen',
  fields: [
    choiceField('route', 'Route', options(ROUTE_LABELS), {
      help: 'Zorgkantoor (Wlz): Menzis stappenplan. Bijstellen ondersteuning (Wmo): proces van Siem.',
    }),
    textField('clientRef', 'Cliëntreferentie (pseudoniem)', {
      required: false,
      maxLength: 20,
      help: 'Bijvoorbeeld het cliëntnummer uit het ECD, maximaal 20 tekens.',
    }),
  ],
  targets: [FIRST_STATE.zorgkantoor, FIRST_STATE.bijstellen],
  next: (d) => FIRST_STATE[d.route === 'zorgkantoor' ? 'zorgkantoor' : 'bijstellen'],
  check: (d) => {
    const problem = clientRefProblem(textOf(d, 'clientRef') ?? '');
    return problem ? { clientRef: problem } : null;
  },
  update: (d) => ({ route: d.route as RouteId, clientRef: textOf(d, 'clientRef') ?? null }),
});

const NEW_STEP = defineStep({
  id: NEW_STATE,
  route: null,
  label: 'Nieuwe casus: route kiezen',
  instructions: ['Kies de route die bij de situatie past. Gebruik nooit een naam of BSN; verwijs naar het dossier.'],
  actions: [ROUTE_ACTION],
  exits: 'withdraw',
});

const REGISTRY = [NEW_STEP, ...ZORGKANTOOR_CIRCLE_STEPS, ...AANMELDING_STEPS, ...BIJSTELLEN_STEPS, ...END_STEPS];

/** Compile time: a state id without a step is an error here (`{ missing: … }` names it). */
type MissingSteps = Exclude<StateId, (typeof REGISTRY)[number]['id']>;
const everyStateHasAStep: [MissingSteps] extends [never] ? true : { readonly missing: MissingSteps } = true;

// Load time: one step per id, in the order of STATE_IDS (cards, details and the diagrams follow it).
if (!everyStateHasAStep || REGISTRY.map((s) => s.id).join() !== STATE_IDS.join()) {
  throw new Error(`De stappen volgen STATE_IDS niet: ${REGISTRY.map((s) => s.id).join()}`);
}

/** Every state of both routes, `nieuw` first and the shared end states last (the order of `STATE_IDS`). */
export const STEPS: readonly StepDef[] = REGISTRY;

const BY_ID: ReadonlyMap<string, StepDef> = new Map(STEPS.map((s) => [s.id, s]));

/** Every verb any state accepts. */
export const ALL_VERBS: ReadonlySet<string> = new Set(STEPS.flatMap((s) => s.actions.map((a) => a.verb)));

/** The step definition of a state, or `null` for an unknown state. */
export const stepOf = (state: string): StepDef | null => BY_ID.get(state) ?? null;

/** The states of one route in registry order, including the shared end states. */
export const routeSteps = (route: RouteId): readonly StepDef[] =>
  STEPS.filter((s) => s.route === route || (s.route === null && s.terminal));

/** Roles of which an actor needs one for an action in a step. */
export const rolesFor = (step: StepDef, action: ActionDef): readonly Role[] => action.roles ?? [step.role];

/** True while the case can still change (not in `opgelost`, `afgesloten` or `crisis`). */
export const isOpen = (c: Case): boolean => {
  const step = stepOf(c.state);
  return step !== null && !step.terminal;
};

/** The role that must act next, or `null` for a closed case. */
export const awaitingRole = (c: Case): Role | null => stepOf(c.state)?.awaiting ?? null;

/** An action as the cards layer renders it: options resolved, and whether the given actor may take it. */
export interface ActionView {
  readonly verb: string;
  readonly label: string;
  readonly roles: readonly Role[];
  /** `true` when no actor was given, else whether the actor holds one of `roles`. */
  readonly allowed: boolean;
  readonly fields: readonly FieldDescriptor[];
}

export interface ActionViewOptions {
  readonly actor?: Actor;
  /** With `now`, table choices list only tables whose deadline has not passed. */
  readonly now?: Date;
  /** The tenant's calendar; without it (a caller that wants only verbs and labels) calendar choices have no options. */
  readonly tables?: readonly RegionalTable[];
  /** The team's Siem gebiedsteams, for the gebiedsteam choice. */
  readonly gebiedsteams?: readonly string[];
}

const resolveField = (
  f: FieldDescriptor,
  tables: readonly RegionalTable[],
  now: Date | undefined,
  gebiedsteams: readonly string[],
  region: string | undefined,
): FieldDescriptor => {
  if (f.optionsFrom === 'gebiedsteams') return { ...f, options: gebiedsteams.map((g) => ({ value: g, label: g })) };
  if (f.optionsFrom === 'regions') return { ...f, options: regionsOf(tables).map((r) => ({ value: r, label: r })) };
  if (f.optionsFrom === 'tables') {
    const offered = now ? offeredTables(tables, now) : tables;
    // The region chosen with the conditions first (stable: the calendar order within each part).
    const list = region ? [...offered.filter((t) => t.region === region), ...offered.filter((t) => t.region !== region)] : offered;
    return { ...f, options: list.map((t) => ({ value: t.id, label: describeTable(t) })) };
  }
  return f;
};

/** The actions of the case's current state (none when closed). */
export const availableActions = (c: Case, opts: ActionViewOptions = {}): readonly ActionView[] => {
  const step = stepOf(c.state);
  if (!step) return [];
  const tables = opts.tables ?? [];
  return step.actions.map((a) => {
    const roles = rolesFor(step, a);
    const actor = opts.actor;
    return {
      verb: a.verb,
      label: a.label,
      roles,
      allowed: actor ? roles.some((r) => hasRole(actor, r)) && (a.mayTake?.(c, actor) ?? true) : true,
      fields: a.fields
        .map((f) => resolveField(f, tables, opts.now, opts.gebiedsteams ?? [], stepText(c, 'voorwaarden', 'regio')))
        .filter((f) => f.optionsFrom !== 'gebiedsteams' || (f.options ?? []).length > 0),
    };
  });
};

/** The crisis exit's verb (every open state offers it). */
export const CRISIS_VERB = CRISIS_ACTION.verb;

/**
 * The step's main action, the one the status card offers first: the state's first action other
 * than the crisis exit; at `aangemeld`, once the form is submitted, recording the table's outcome.
 * `null` in an end state.
 */
export const primaryVerb = (c: Case): string | null => {
  const step = stepOf(c.state);
  if (!step || step.terminal) return null;
  if (inState(c, 'aangemeld') && isSubmitted(c)) return 'bespreking.vastleggen';
  return step.actions.find((a) => a.verb !== CRISIS_VERB)?.verb ?? null;
};

const ACTION_LABELS: ReadonlyMap<string, string> = new Map([
  ['casus.openen', 'Casus geopend'],
  ...STEPS.flatMap((s) => s.actions.map((a) => [a.verb, a.label] as const)),
]);

/** The Dutch label of an action's verb (for timelines and "Laatste wijziging"); the verb itself when unknown. */
export const actionLabel = (verb: string): string => ACTION_LABELS.get(verb) ?? verb;
