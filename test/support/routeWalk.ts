/**
 * The one route walk: a valid sample input per verb and, for every state of both routes, the
 * actions that lead there from `nieuw`. Unit tests, the card tests, `scripts/render-cards.ts` and
 * the benchmarks walk the routes with it (the e2e and browser tests act as people and stay as they
 * are). A new step needs its sample input here and its path in `ROUTE_PATHS`:
 * test/unit/domain/routeWalk.test.ts fails until both are there.
 *
 * No jest here: scripts and benchmarks import it (tsconfig.build.json compiles it along).
 */
import { CONDITIONS, type RouteId, type StateId, STEPS } from '../../src/domain';

/** One action of a walk: the verb, fields that pick a branch, and the earliest moment it may be taken. */
export type WalkStep = readonly [verb: string, overrides?: Readonly<Record<string, unknown>>, notBefore?: Date];

/** A walk's input per verb (values as a card sends them). */
export type WalkInputs = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The moment the sample inputs are valid at: Friday 15 September 2023, 12:00 Amsterdam (CEST). */
export const WALK_NOW = new Date('2023-09-15T10:00:00Z');
/** The day after the sample table (groningen-2023-10-19): its outcome may be recorded from then on. */
const AFTER_TABLE = new Date('2023-10-20T10:00:00Z');

const circle = (uitkomst: string) => ({
  datum: '2023-09-01',
  deelnemers: 'begeleider,teamleider',
  vraag: 'Zie dossier',
  afspraken: 'Zie dossier',
  uitkomst,
});

/**
 * The seven conditions all confirmed, each with `explain(key)` as its explanation, for `regio`: the
 * input of `voorwaarden.vastleggen` as the people-like tests send it (with their own marker text).
 */
export const sevenConditions = (regio: string, explain: (key: string) => string): Record<string, string> => ({
  regio,
  ...Object.fromEntries(
    CONDITIONS.flatMap((c) => [
      [c.key, 'true'],
      [`${c.key}Toelichting`, explain(c.key)],
    ]),
  ),
});

export const ALL_CONDITIONS = {
  geenCrisis: 'true',
  geenCrisisToelichting: 'Geen crisis',
  stappenDoorlopen: 'true',
  stappenDoorlopenToelichting: 'Zie dossier',
  alternatieveWoonplek: 'true',
  alternatieveWoonplekToelichting: 'Onderzocht',
  overdrachtGeprobeerd: 'true',
  overdrachtGeprobeerdToelichting: 'Geprobeerd',
  overplaatsingNoodzakelijk: 'true',
  overplaatsingNoodzakelijkToelichting: 'Zie dossier',
  inZorgGehouden: 'true',
  inZorgGehoudenToelichting: 'Blijft in zorg',
  cceBetrokken: 'true',
  regio: 'Groningen',
};

/** A valid input per verb at {@link WALK_NOW}; the paths pick branches through overrides. */
export const SAMPLE_INPUT: WalkInputs = {
  'route.kiezen': { route: 'zorgkantoor', clientRef: 'ECD-4711' },
  'cirkel1.vastleggen': circle('onvoldoende'),
  'cirkel2.vastleggen': circle('onvoldoende'),
  'cirkel3.vastleggen': {
    datum: '2023-09-05',
    geconsulteerdeAanbieder: 'Aanbieder B',
    risicofactoren: 'Zie dossier',
    beschermendeFactoren: 'Zie dossier',
    context: 'Zie dossier',
    plan: 'Zie dossier',
    nodig: 'Gedragsdeskundige',
    zorgadviesGecontacteerd: 'true',
    afspraken: 'Zie dossier',
    vervolgdatum: '2023-10-01',
    uitkomst: 'onvoldoende',
  },
  'voorwaarden.vastleggen': ALL_CONDITIONS,
  'voorwaarden.terug': { reden: 'Eerst woonplekken onderzoeken' },
  'voorwaarden.goedkeuren': {},
  'voorwaarden.afwijzen': { reden: 'Toelichting aanvullen' },
  'adviseur.oordeel': { contactdatum: '2023-09-12', oordeel: 'passend' },
  'aanmelding.indienen': { formulierOntvangenOp: '2023-09-14', regio: 'Groningen', tafel: 'groningen-2023-10-19' },
  'aanmelding.ingediend': { ingediendOp: '2023-09-15' },
  'tafel.wijzigen': { regio: 'Twente', tafel: 'twente-2023-11-09' },
  'bespreking.vastleggen': { datum: '2023-10-19', uitkomst: 'overplaatsing', afspraken: 'Zie dossier', vervolgdatum: '2023-11-01' },
  'opvolging.vastleggen': { datum: '2023-11-01', stand: 'volgens_afspraak' },
  'casus.afsluiten': { datum: '2023-12-01', reden: 'overgeplaatst' },
  'crisis.melden': { bevestigd: 'true' },
  'casus.intrekken': { reden: 'Per vergissing geopend' },
  'signaal.vastleggen': { datum: '2023-09-01', actielijn: 'Wonen' },
  'actielijnen.bijstellen': {
    datum: '2023-09-05',
    samenMetClient: 'true',
    bijstelling: 'Zie ondersteuningsplan',
    resultaat: 'onvoldoende',
  },
  'teamleider.besluit': { besluit: 'casuistiekoverleg' },
  'inzet.evalueren': { datum: '2023-09-10', resultaat: 'voldoende' },
  'aanvraag_bw.verstuurd': { verstuurdOp: '2023-09-10', tabbladen: 'true' },
  'casuistiek.aanmelden': { datumOverleg: '2023-09-12', situatie: 'Zie dossier', geprobeerd: 'Zie dossier', vraag: 'Welke inzet?' },
  'casuistiek.uitkomst': { datum: '2023-09-12', uitkomst: 'gesprek_sleutelfiguur' },
  'evaluatie.vastleggen': { datum: '2023-10-12', uitkomst: 'voortzetten' },
  'versteviging.oppakken': { datum: '2023-09-14', aanbod: 'met' },
  'financier.aangemeld': { datum: '2023-09-14', financier: 'wlz' },
  'overbrugging.besluit': { besluit: 'siem_bw' },
  'overbrugging.vastleggen': { startdatum: '2023-09-14', bwLocatie: 'Locatie Noord', ondersteuningsplan: 'true' },
};

// Route Zorgkantoor, along the main line.
const ZK: readonly WalkStep[] = [['route.kiezen']];
const ZK_CIRKEL2 = [...ZK, ['cirkel1.vastleggen']] as const;
const ZK_CIRKEL3 = [...ZK_CIRKEL2, ['cirkel2.vastleggen']] as const;
const ZK_VOORWAARDEN = [...ZK_CIRKEL3, ['cirkel3.vastleggen']] as const;
const ZK_AKKOORD = [...ZK_VOORWAARDEN, ['voorwaarden.vastleggen']] as const;
const ZK_CONTACT = [...ZK_AKKOORD, ['voorwaarden.goedkeuren']] as const;
const ZK_FORMULIER = [...ZK_CONTACT, ['adviseur.oordeel']] as const;
const ZK_AANGEMELD = [...ZK_FORMULIER, ['aanmelding.indienen']] as const;
const ZK_BESPROKEN = [...ZK_AANGEMELD, ['aanmelding.ingediend'], ['bespreking.vastleggen', {}, AFTER_TABLE]] as const;
const ZK_OPVOLGING = [...ZK_BESPROKEN, ['opvolging.vastleggen']] as const;

// Route Bijstellen, along the casuïstiekoverleg.
const BS: readonly WalkStep[] = [['route.kiezen', { route: 'bijstellen' }]];
const BS_STAP2 = [...BS, ['signaal.vastleggen']] as const;
const BS_STAP3 = [...BS_STAP2, ['actielijnen.bijstellen']] as const;
const BS_STAP4 = [...BS_STAP3, ['teamleider.besluit']] as const;
const BS_STAP5 = [...BS_STAP4, ['casuistiek.aanmelden']] as const;
const BS_STAP6 = [...BS_STAP5, ['casuistiek.uitkomst']] as const;
const BS_STAP7 = [...BS_STAP6, ['overbrugging.besluit']] as const;

/**
 * For each route, the path from `nieuw` to every one of its states, the shared end states included.
 * A state reached by several branches has one path (the first in the route's order).
 */
export const ROUTE_PATHS: { readonly [R in RouteId]: { readonly [S in StateId]?: readonly WalkStep[] } } = {
  zorgkantoor: {
    nieuw: [],
    cirkel1: ZK,
    cirkel2: ZK_CIRKEL2,
    cirkel3: ZK_CIRKEL3,
    voorwaarden: ZK_VOORWAARDEN,
    akkoord_teamleider: ZK_AKKOORD,
    contact_adviseur: ZK_CONTACT,
    formulier: ZK_FORMULIER,
    aangemeld: ZK_AANGEMELD,
    besproken: ZK_BESPROKEN,
    opvolging: ZK_OPVOLGING,
    opgelost: [...ZK, ['cirkel1.vastleggen', { uitkomst: 'opgelost' }]],
    afgesloten: [...ZK_OPVOLGING, ['casus.afsluiten']],
    crisis: [...ZK, ['crisis.melden']],
    ingetrokken: [...ZK, ['casus.intrekken']],
  },
  bijstellen: {
    nieuw: [],
    stap1_signaal: BS,
    stap2_actielijnen: BS_STAP2,
    stap3_teamleider: BS_STAP3,
    inzet_evaluatie: [...BS_STAP3, ['teamleider.besluit', { besluit: 'opplussen' }]],
    aanvraag_bw: [...BS_STAP3, ['teamleider.besluit', { besluit: 'aanvraag_bw' }]],
    stap4_formulier: BS_STAP4,
    stap5_afweging: BS_STAP5,
    onplanbare_zorg: [
      ...BS_STAP5,
      ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Locatie Zuid', startdatum: '2023-09-12' }],
    ],
    verstevigingsteam: [...BS_STAP5, ['casuistiek.uitkomst', { uitkomst: 'verstevigingsteam', aanbod: 'ret' }]],
    domeinoverstijgend: [...BS_STAP5, ['casuistiek.uitkomst', { uitkomst: 'domeinoverstijgend', financier: 'zvw' }]],
    stap6_overbrugging: BS_STAP6,
    stap7_vastleggen: BS_STAP7,
    opgelost: [...BS_STAP2, ['actielijnen.bijstellen', { resultaat: 'voldoende' }]],
    afgesloten: [...BS_STAP7, ['overbrugging.vastleggen']],
    crisis: [...BS, ['crisis.melden']],
    ingetrokken: [...BS, ['casus.intrekken']],
  },
};

/** The path to a state of a route; throws when the state is not on the route. */
export const pathTo = (route: RouteId, state: StateId): readonly WalkStep[] => {
  const path = ROUTE_PATHS[route][state];
  if (!path) throw new Error(`Geen pad naar ${state} in route ${route} (test/support/routeWalk.ts)`);
  return path;
};

/** One action of a walk with its input: the sample (or the caller's) input per verb, the path's overrides on top. */
export interface WalkAction {
  readonly verb: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The earliest moment for this action (and every later one); absent: the walk's own clock. */
  readonly notBefore?: Date;
}

/** The actions along a path; `inputs` replaces the sample input of a verb as a whole (e.g. realistic texts). */
export const actionsAlong = (path: readonly WalkStep[], inputs: WalkInputs = SAMPLE_INPUT): WalkAction[] => {
  let notBefore: Date | undefined;
  return path.map(([verb, overrides, at]) => {
    notBefore = at ?? notBefore;
    return { verb, input: { ...(inputs[verb] ?? SAMPLE_INPUT[verb]), ...overrides }, ...(notBefore ? { notBefore } : {}) };
  });
};

/**
 * Every state of both routes as the cards show it: `nieuw` without a route, a route's own states
 * with it, the shared end states with each route; in registry order.
 */
export const EVERY_STATE: readonly (readonly [RouteId | null, StateId])[] = STEPS.flatMap((s) =>
  (s.id === 'nieuw' ? [null] : s.route ? [s.route] : (['zorgkantoor', 'bijstellen'] as const)).map((r) => [r, s.id] as const),
);
