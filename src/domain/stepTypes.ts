import type { Case, RouteId } from './case';
import type { RegionalTable } from './calendar';
import type { FieldDescriptor, FieldValue, FormData } from './fields';
import type { Refusal } from './refusal';
import type { Actor, Role } from './roles';
import type { StateId, StepKey } from './stateIds';

/** What rules may look at besides the case: the moment and the regional calendar. */
export interface RuleContext {
  readonly now: Date;
  readonly tables: readonly RegionalTable[];
  /** Names of the team's Siem gebiedsteams (from the team settings). */
  readonly gebiedsteams: readonly string[];
}

/**
 * One thing a user can do in a state; its form is `fields`, validated by the schema derived from them.
 * `T` is the union of the states it leads to; build one with {@link action} so the compiler checks
 * that `next` only returns one of `targets`.
 */
export interface ActionDef<T extends StateId = StateId> {
  readonly verb: string;
  /** Dutch button label. */
  readonly label: string;
  /** Roles of which the actor needs one; defaults to the step's `role`. */
  readonly roles?: readonly Role[];
  readonly fields: readonly FieldDescriptor[];
  /** Every state `next` can return; the diagram and tests rely on it. */
  readonly targets: readonly T[];
  readonly next: (data: FormData, c: Case) => T;
  /** Cross-field validation; Dutch error per field, or `null`. Refused as `invalid_input`. */
  readonly check?: (data: FormData, c: Case, ctx: RuleContext) => Record<string, string> | null;
  /**
   * Who may take it beyond the role (e.g. "the one who opened the case"); refused as `wrong_role`
   * with `notAllowed`. Cards use it too, so nobody is offered a form they may not submit.
   */
  readonly mayTake?: (c: Case, actor: Actor) => boolean;
  readonly notAllowed?: string;
  /** Business rule; a refusal, or `null` when the action may proceed. */
  readonly guard?: (data: FormData, c: Case, ctx: RuleContext) => Refusal | null;
  /** Key in `Case.steps` under which the data is merged; defaults to the current state. */
  readonly stepKey?: StepKey;
  /** Fixed values merged into the stored step data, e.g. `{besluit: 'goedgekeurd'}`. */
  readonly stamp?: Readonly<Record<string, FieldValue>>;
  /**
   * Choices made in an earlier step that this form starts with (changeable), so nobody is asked
   * twice: e.g. the opschalingsaanbod the teamleider chose. Only chosen options, never free text.
   */
  readonly defaults?: (c: Case) => FormData;
  /** Each submit is a new record (a follow-up, a monthly evaluation): its form starts empty, never with the earlier input. */
  readonly recurring?: boolean;
  /** Extra case fields the action sets (only `route.kiezen` uses it). */
  readonly update?: (data: FormData) => Partial<Pick<Case, 'route' | 'clientRef'>>;
}

/** Position in the route's progress picture. */
export interface StepPosition {
  /** Zorgkantoor: circle 1–4; Bijstellen: step 1–7; 0 before a route is chosen. */
  readonly phase: number;
  /** Sub-step within circle 4 of route Zorgkantoor (1–7), else absent. */
  readonly subStep?: number;
}

/** A follow-up date the team records in a step, and what the reminder on it asks. */
export interface FollowUpSource {
  /** Where the date is stored: the step data key and the field. */
  readonly key: StepKey;
  readonly field: string;
  /** Channel-safe: "opvolging afspraken cirkel 3". */
  readonly label: string;
  /** Dutch, channel-safe: what the team is asked to do. */
  readonly ask: string;
}

/**
 * The dates a state works towards, declared with the step: `reminders.ts` turns them into the
 * reminders and `keyDate.ts` into the status card's "Volgende datum".
 */
export interface StepDates {
  /**
   * The next table of the region chosen with the conditions: `adviseur` reminds to contact the
   * adviseur in time for it, `deadline` reminds of its submission deadline.
   */
  readonly nextTable?: 'adviseur' | 'deadline';
  /** The table the case is registered for: its deadline while not submitted, its meeting, the outcome after it. */
  readonly registeredTable?: boolean;
  /** The monthly evaluations of tijdelijke onplanbare zorg. */
  readonly evaluations?: boolean;
  /** A follow-up date recorded earlier. */
  readonly followUp?: FollowUpSource;
}

/** One state of a route with everything the cards and the server need to know about it. */
export interface StepDef<Id extends StateId = StateId> {
  readonly id: Id;
  /** `null` for states shared by both routes (`nieuw` and the end states). */
  readonly route: RouteId | null;
  readonly label: string;
  /** Role that may act here (per action overridable); the server checks it on every action. */
  readonly role: Role;
  /** Who must act next, or `null` in an end state. */
  readonly awaiting: Role | null;
  /** Dutch guidance and contact hints shown with the step. */
  readonly instructions: readonly string[];
  readonly actions: readonly ActionDef[];
  readonly terminal: boolean;
  readonly position: StepPosition;
  /** Reminders and key dates of the state; absent when it has none. */
  readonly dates?: StepDates;
}

/**
 * Defines an action. `targets` fixes the states it may lead to: a misspelled state does not
 * compile, and neither does a `next` that returns a state outside `targets` (`NoInfer`: the
 * targets alone decide `T`). See test/unit/domain/stepTypes.test.ts.
 */
export const action = <const T extends StateId>(
  def: Omit<ActionDef<T>, 'next'> & { readonly next: (data: FormData, c: Case) => NoInfer<T> },
): ActionDef<T> => def;
