import {
  type Actor,
  type Case,
  type CaseEvent,
  type Refusal,
  type RegionalTable,
  type Role,
  ROLES,
  applyAction,
  formatCaseId,
  newCase,
} from '../../../src/domain';

/** Fixed clock: Friday 15 September 2023, 12:00 Amsterdam (CEST). */
export const NOW = new Date('2023-09-15T10:00:00Z');

export const hash = (text: string): string => `h(${text})`;

export const actor = (...roles: Role[]): Actor => ({ userId: `u-${roles.join('-') || 'begeleider'}`, name: 'Test', roles });
export const BEGELEIDER = actor();
export const TEAMLEIDER = actor('teamleider');
export const SLEUTELFIGUUR = actor('sleutelfiguur');
export const COORDINATOR = actor('coordinator_verstevigingsteam');
export const EVERYONE = actor(...ROLES);

export const freshCase = (now: Date = NOW): Case =>
  newCase({
    id: formatCaseId(2023, 7),
    location: { tenantId: 't1', teamId: 'team', channelId: 'chan', conversationId: 'conv', serviceUrl: 'https://smba.example', rootActivityId: null },
    ownerId: 'u-owner',
    now,
  });

export interface Ctx {
  readonly now?: Date;
  readonly tables?: readonly RegionalTable[];
}

export const apply = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE, ctx: Ctx = {}) =>
  applyAction(c, { verb, input }, who, { now: ctx.now ?? NOW, hash, ...(ctx.tables ? { tables: ctx.tables } : {}) });

/** Applies an action that must succeed. */
export const step = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE, ctx: Ctx = {}): Case => {
  const r = apply(c, verb, input, who, ctx);
  if (!r.ok) throw new Error(`${verb} geweigerd: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`);
  return r.value.case;
};

/** Applies an action that must be refused, and returns the refusal. */
export const refusal = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE, ctx: Ctx = {}): Refusal => {
  const r = apply(c, verb, input, who, ctx);
  if (r.ok) throw new Error(`${verb} had geweigerd moeten worden maar leidde naar ${r.value.case.state}`);
  return r.error;
};

export const events = (c: Case, verb: string, input: unknown, who: Actor = EVERYONE): readonly CaseEvent[] => {
  const r = apply(c, verb, input, who);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.events;
};

const circle = (uitkomst: string) => ({ datum: '2023-09-01', deelnemers: 'begeleider,teamleider', vraag: 'Zie dossier', afspraken: 'Zie dossier', uitkomst });

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

/** A valid input per verb; the walk helpers pick branches through overrides. */
export const INPUT: Readonly<Record<string, Record<string, unknown>>> = {
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
  'signaal.vastleggen': { datum: '2023-09-01', actielijn: 'Wonen' },
  'actielijnen.bijstellen': { datum: '2023-09-05', samenMetClient: 'true', bijstelling: 'Zie ondersteuningsplan', resultaat: 'onvoldoende' },
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

/** Runs a list of `[verb, overrides]` from a fresh case (or `from`) with an actor who holds every role. */
export const walk = (path: readonly (readonly [string, Record<string, unknown>?])[], from: Case = freshCase(), ctx: Ctx = {}): Case =>
  path.reduce((c, [verb, overrides]) => step(c, verb, { ...INPUT[verb], ...overrides }, EVERYONE, ctx), from);

export const TO_VOORWAARDEN = [['route.kiezen'], ['cirkel1.vastleggen'], ['cirkel2.vastleggen'], ['cirkel3.vastleggen']] as const;
export const TO_AKKOORD = [...TO_VOORWAARDEN, ['voorwaarden.vastleggen']] as const;
export const TO_FORMULIER = [...TO_AKKOORD, ['voorwaarden.goedkeuren'], ['adviseur.oordeel']] as const;
export const TO_AANGEMELD = [...TO_FORMULIER, ['aanmelding.indienen']] as const;
export const TO_STAP3 = [['route.kiezen', { route: 'bijstellen' }], ['signaal.vastleggen'], ['actielijnen.bijstellen']] as const;
export const TO_STAP5 = [...TO_STAP3, ['teamleider.besluit'], ['casuistiek.aanmelden']] as const;
