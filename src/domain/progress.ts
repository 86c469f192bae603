import { formatDutchDate } from './amsterdamTime';
import { type Case, type RouteId, ROUTE_LABELS } from './case';
import { type RegionalTable, describeTable, findTable } from './calendar';
import type { FieldDescriptor, FieldValue } from './fields';
import { type Role, ROLE_LABELS } from './roles';
import { conditionsMetCount, CONDITIONS } from './routes/voorwaarden';
import { stepData } from './stepData';
import { STEPS, awaitingRole, isOpen, stepOf } from './steps';

const PHASE_LABELS: Readonly<Record<RouteId, readonly string[]>> = {
  zorgkantoor: ['Cirkel 1: team', 'Cirkel 2: zorgaanbieder', 'Cirkel 3: andere zorgaanbieder', 'Cirkel 4: regionale overlegtafel'],
  bijstellen: [
    'Signaal',
    'Actielijnen bijstellen',
    'Teamleider',
    'Formulier casuïstiekoverleg',
    'Afweging casuïstiekoverleg',
    'Afweging overbruggingszorg',
    'Overbruggingszorg vastleggen',
  ],
};

/** Number of sub-steps in circle 4 of route Zorgkantoor. */
const CIRCLE4_SUBSTEPS = 7;

/**
 * Where a case stands, for the progress picture. Zorgkantoor: `phase` is the circle (1–4) and
 * circle 4 has `subStep` 1–7; Bijstellen: `phase` is the seed's step 1–7. In an end state the
 * position is the furthest step the case reached.
 */
export interface Progress {
  readonly route: RouteId | null;
  readonly phase: number;
  readonly phases: number;
  readonly phaseLabel: string | null;
  readonly subStep: number | null;
  readonly subSteps: number | null;
  readonly stateLabel: string;
  readonly finished: boolean;
}

const furthest = (c: Case, route: RouteId): { phase: number; subStep: number | null } => {
  let best = { phase: 0, subStep: null as number | null };
  for (const key of Object.keys(c.steps)) {
    const s = stepOf(key);
    if (!s || s.route !== route) continue;
    const sub = s.position.subStep ?? null;
    if (s.position.phase > best.phase || (s.position.phase === best.phase && (sub ?? 0) > (best.subStep ?? 0)))
      best = { phase: s.position.phase, subStep: sub };
  }
  return best;
};

export const progress = (c: Case): Progress => {
  const step = stepOf(c.state);
  const stateLabel = step?.label ?? c.state;
  const route = c.route;
  if (!route) return { route: null, phase: 0, phases: 0, phaseLabel: null, subStep: null, subSteps: null, stateLabel, finished: false };
  const finished = !isOpen(c);
  const pos = finished || !step ? furthest(c, route) : { phase: step.position.phase, subStep: step.position.subStep ?? null };
  const labels = PHASE_LABELS[route];
  return {
    route,
    phase: pos.phase,
    phases: labels.length,
    phaseLabel: labels[pos.phase - 1] ?? null,
    subStep: pos.subStep,
    subSteps: route === 'zorgkantoor' && pos.phase === 4 ? CIRCLE4_SUBSTEPS : null,
    stateLabel,
    finished,
  };
};

/** One public fact: a chosen option, toggle or date of a step (never free text). */
export interface PublicFact {
  readonly stepKey: string;
  readonly field: string;
  readonly label: string;
  readonly value: string;
}

/** What a channel-visible card may show. Contains no free text, by construction. */
export interface PublicSummary {
  readonly caseId: string;
  readonly route: RouteId | null;
  readonly routeLabel: string | null;
  readonly state: string;
  readonly stateLabel: string;
  readonly open: boolean;
  readonly awaitingRole: Role | null;
  readonly awaitingLabel: string | null;
  readonly progress: Progress;
  /** Seven conditions of route Zorgkantoor: how many hold; `null` before they were filled in. */
  readonly checklist: { readonly met: number; readonly total: number } | null;
  readonly facts: readonly PublicFact[];
  readonly updatedAt: string;
}

const FIELDS_BY_KEY: ReadonlyMap<string, ReadonlyMap<string, FieldDescriptor>> = (() => {
  const map = new Map<string, Map<string, FieldDescriptor>>();
  for (const s of STEPS) {
    for (const a of s.actions) {
      const key = a.stepKey ?? s.id;
      const fields = map.get(key) ?? new Map<string, FieldDescriptor>();
      for (const f of a.fields) if (!f.private) fields.set(f.name, f);
      map.set(key, fields);
    }
  }
  return map;
})();

const STEP_ORDER = [...FIELDS_BY_KEY.keys()];

const display = (f: FieldDescriptor, v: FieldValue, tables: readonly RegionalTable[]): string => {
  const label = (x: string): string => {
    if (f.optionsFrom === 'tables') {
      const t = findTable(tables, x);
      return t ? describeTable(t) : x;
    }
    return f.options?.find((o) => o.value === x)?.label ?? x;
  };
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nee';
  if (Array.isArray(v)) return v.map(label).join(', ');
  return f.kind === 'date' ? formatDutchDate(v as string) : label(v as string);
};

/** The channel-safe summary of a case: chosen options, dates, checklist progress; never free text. */
export const publicSummary = (c: Case, tables: readonly RegionalTable[]): PublicSummary => {
  const facts: PublicFact[] = [];
  const keys = Object.keys(c.steps).sort((a, b) => STEP_ORDER.indexOf(a) - STEP_ORDER.indexOf(b));
  for (const key of keys) {
    const fields = FIELDS_BY_KEY.get(key);
    const data = c.steps[key] ?? {};
    if (!fields) continue;
    for (const [name, f] of fields) {
      const v = data[name];
      if (typeof v === 'string' || typeof v === 'boolean' || Array.isArray(v)) {
        facts.push({ stepKey: key, field: name, label: f.label, value: display(f, v as FieldValue, tables) });
      }
    }
  }
  const awaiting = awaitingRole(c);
  const voorwaarden = stepData(c, 'voorwaarden');
  return {
    caseId: c.id,
    route: c.route,
    routeLabel: c.route ? ROUTE_LABELS[c.route] : null,
    state: c.state,
    stateLabel: stepOf(c.state)?.label ?? c.state,
    open: isOpen(c),
    awaitingRole: awaiting,
    awaitingLabel: awaiting ? ROLE_LABELS[awaiting] : null,
    progress: progress(c),
    checklist: voorwaarden ? { met: conditionsMetCount(voorwaarden), total: CONDITIONS.length } : null,
    facts,
    updatedAt: c.updatedAt,
  };
};
