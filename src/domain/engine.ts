import type { z } from 'zod';
import type { Case, CaseEvent, StepData } from './case';
import { type RegionalTable, deadlinePassed, offeredTables, regionsOf } from './calendar';
import { canonicalJson } from './canonicalJson';
import { type FieldDescriptor, type FormData, fieldErrorsOf, schemaFor } from './fields';
import { BSN_MESSAGE, freeTextProblem } from './privacy';
import { type Refusal, refuse } from './refusal';
import { type Result, err, ok } from './result';
import { type Actor, ROLE_LABELS, hasRole } from './roles';
import { ALL_VERBS, rolesFor, stepOf } from './steps';
import { inState } from './stateIds';
import type { ActionDef, RuleContext } from './stepTypes';

/** An action on a case as the edge parsed it: a verb and untrusted input. */
export interface CaseAction {
  readonly verb: string;
  readonly input: unknown;
  /** The case version the user saw (from the card); when given and different, the action is refused as stale. */
  readonly expectedVersion?: number;
}

/** What the engine needs from outside: the moment, a hash for the audit trail and the regional calendar. */
export interface ActionContext {
  readonly now: Date;
  /** SHA-256 (hex) of a string; injected so the domain stays free of I/O modules. */
  readonly hash: (text: string) => string;
  /** The tenant's regional tables (the calendar the cards offered). */
  readonly tables: readonly RegionalTable[];
  /** The team's Siem gebiedsteams (names); defaults to none. */
  readonly gebiedsteams?: readonly string[];
}

export interface Applied {
  readonly case: Case;
  /** Exactly one audit event per applied action. */
  readonly events: readonly CaseEvent[];
}

const schemas = new WeakMap<ActionDef, z.ZodType<FormData>>();
const schemaOf = (a: ActionDef): z.ZodType<FormData> => {
  let s = schemas.get(a);
  if (!s) {
    s = schemaFor(a.fields);
    schemas.set(a, s);
  }
  return s;
};

const roleList = (roles: readonly string[]): string =>
  roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS].toLowerCase()).join(' of ');

const privacyErrors = (fields: readonly FieldDescriptor[], data: FormData): Record<string, string> | null => {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = data[f.name];
    if (!f.private || typeof v !== 'string') continue;
    const problem = freeTextProblem(v, f.maxLength);
    if (problem) errors[f.name] = problem;
  }
  return Object.keys(errors).length ? errors : null;
};

/**
 * Choices whose options come from data (regions, tables, gebiedsteams) are checked here against
 * what the card offered from the same data; static options are checked by the field's schema.
 * A table must be one the form offered at `now`, or one whose deadline has passed: that one gets
 * the deadline refusal, which names the next table.
 */
const NOT_OFFERED: Readonly<Record<NonNullable<FieldDescriptor['optionsFrom']>, string>> = {
  tables: 'Kies een tafel uit de kalender.',
  regions: 'Kies een regio uit de lijst.',
  gebiedsteams: 'Kies een gebiedsteam uit de lijst.',
};

const notOffered = (fields: readonly FieldDescriptor[], data: FormData, ctx: RuleContext): Record<string, string> | null => {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = data[f.name];
    if (!f.optionsFrom || typeof v !== 'string') continue;
    const allowed =
      f.optionsFrom === 'tables'
        ? offeredTables(ctx.tables, ctx.now).some((t) => t.id === v) || ctx.tables.some((t) => t.id === v && deadlinePassed(t, ctx.now))
        : f.optionsFrom === 'regions'
          ? regionsOf(ctx.tables).includes(v)
          : ctx.gebiedsteams.includes(v);
    if (!allowed) errors[f.name] = NOT_OFFERED[f.optionsFrom];
  }
  return Object.keys(errors).length ? errors : null;
};

const storedData = (previous: StepData | undefined, a: ActionDef, data: FormData): StepData => {
  const kept = Object.fromEntries(Object.entries(previous ?? {}).filter(([k]) => !a.fields.some((f) => f.name === k)));
  return { ...kept, ...data, ...a.stamp };
};

/**
 * Applies one action to a case: the new case plus one audit event, or a refusal (nothing changed).
 * Checks in order: case open (`closed`, or `crisis` for a crisis case), version (`stale_version`),
 * verb known (`unknown_action`), verb allowed in this state (`wrong_step`), role (`wrong_role`),
 * input (`invalid_input` with `fieldErrors`), privacy (`privacy`), business rules
 * (`conditions_not_met`, `deadline_passed`, `crisis`, `wrong_step`).
 */
export const applyAction = (c: Case, action: CaseAction, actor: Actor, ctx: ActionContext): Result<Applied, Refusal> => {
  const step = stepOf(c.state);
  if (!step) return err(refuse('wrong_step', `Onbekende stap "${c.state}".`));
  if (step.terminal) {
    return err(
      inState(c, 'crisis')
        ? refuse(
            'crisis',
            'Deze casus is als crisis gemeld: volg de crisisregeling of de zorgconferentie. Aanmelden bij de overlegtafel kan niet.',
          )
        : refuse('closed', inState(c, 'ingetrokken') ? 'Deze casus is ingetrokken.' : 'Deze casus is afgesloten.'),
    );
  }
  if (action.expectedVersion !== undefined && action.expectedVersion !== c.version) {
    return err(refuse('stale_version', 'Iemand anders heeft de casus intussen bijgewerkt. Bekijk de nieuwe stand en probeer het opnieuw.'));
  }
  if (!ALL_VERBS.has(action.verb)) return err(refuse('unknown_action', 'Deze actie bestaat niet.'));
  const def = step.actions.find((a) => a.verb === action.verb);
  if (!def) return err(refuse('wrong_step', `Deze actie hoort niet bij de huidige stap (${step.label}).`));
  const roles = rolesFor(step, def);
  if (!roles.some((r) => hasRole(actor, r))) {
    return err(refuse('wrong_role', `Alleen de ${roleList(roles)} kan deze stap zetten.`));
  }
  if (def.mayTake && !def.mayTake(c, actor)) return err(refuse('wrong_role', def.notAllowed ?? 'Jij kunt deze actie niet uitvoeren.'));
  const parsed = schemaOf(def).safeParse(action.input ?? {});
  if (!parsed.success) return err(refuse('invalid_input', 'Controleer de invoer.', fieldErrorsOf(parsed.error)));
  const data = parsed.data;
  const privacy = privacyErrors(def.fields, data);
  if (privacy) return err(refuse('privacy', BSN_MESSAGE, privacy));
  const rules: RuleContext = { now: ctx.now, tables: ctx.tables, gebiedsteams: ctx.gebiedsteams ?? [] };
  const offered = notOffered(def.fields, data, rules);
  if (offered) return err(refuse('invalid_input', 'Controleer de invoer.', offered));
  const fieldErrors = def.check?.(data, c, rules);
  if (fieldErrors) return err(refuse('invalid_input', 'Controleer de invoer.', fieldErrors));
  const refusal = def.guard?.(data, c, rules);
  if (refusal) return err(refusal);

  const to = def.next(data, c);
  if (!def.targets.includes(to)) throw new Error(`${def.verb} leidde naar ${to}, niet in targets`);
  const key = def.stepKey ?? c.state;
  const at = ctx.now.toISOString();
  const next: Case = {
    ...c,
    ...def.update?.(data),
    state: to,
    version: c.version + 1,
    updatedAt: at,
    participants: c.participants.includes(actor.userId) ? c.participants : [...c.participants, actor.userId],
    steps: { ...c.steps, [key]: storedData(c.steps[key], def, data) },
    lastChange: { by: actor.name, action: def.verb, at },
  };
  const event: CaseEvent = {
    caseId: c.id,
    version: next.version,
    at,
    actorId: actor.userId,
    actorName: actor.name,
    actorRoles: actor.roles,
    action: def.verb,
    fromState: c.state,
    toState: to,
    dataHash: ctx.hash(canonicalJson(data)),
  };
  return ok({ case: next, events: [event] });
};
