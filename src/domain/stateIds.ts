/**
 * The ids of every state of both routes, in registry order. The step registry (`steps.ts`) must
 * have exactly one step per id, in this order: the compiler checks that every id has a step, and
 * `steps.ts` checks the order when it loads. Ids are the seeds' Dutch vocabulary; never rename one,
 * stored cases carry them.
 */
export const STATE_IDS = [
  'nieuw',
  // Route Zorgkantoor (Menzis stappenplan): circles 1–3, then circle 4 up to the table and after it.
  'cirkel1',
  'cirkel2',
  'cirkel3',
  'voorwaarden',
  'akkoord_teamleider',
  'contact_adviseur',
  'formulier',
  'aangemeld',
  'besproken',
  'opvolging',
  // Route Bijstellen ondersteuning (Siem).
  'stap1_signaal',
  'stap2_actielijnen',
  'stap3_teamleider',
  'inzet_evaluatie',
  'aanvraag_bw',
  'stap4_formulier',
  'stap5_afweging',
  'onplanbare_zorg',
  'verstevigingsteam',
  'domeinoverstijgend',
  'stap6_overbrugging',
  'stap7_vastleggen',
  // End states, shared by both routes.
  'opgelost',
  'afgesloten',
  'crisis',
  'ingetrokken',
] as const;

/** A state of a route (`Case.state` is stored as a string; narrow it with {@link isStateId}). */
export type StateId = (typeof STATE_IDS)[number];

/** Keys of `Case.steps` that are not a state: data an action stores under its own name. */
type ExtraStepKey = 'evaluatie';

/** A key of `Case.steps`: the state whose action stored the data, or an {@link ExtraStepKey}. */
export type StepKey = StateId | ExtraStepKey;

const IDS: ReadonlySet<string> = new Set(STATE_IDS);

/** Narrows a stored state (or any string) to a known state id. */
export const isStateId = (s: string): s is StateId => IDS.has(s);

/** True when a case is in one of `states` (a misspelled state does not compile, unlike `c.state === '…'`). */
export const inState = (c: { readonly state: string }, ...states: readonly StateId[]): boolean => states.some((s) => s === c.state);
