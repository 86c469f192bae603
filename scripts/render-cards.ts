// `npm run cards:render`: renders every card view in headless Debian chromium (playwright-core,
// adaptivecards' browser bundle, a Teams-like host config; no network) and writes PNGs of the card
// element to docs/cards/<name>.png. Inputs are fixed: clock, case ids, demo users and form values.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  type FormState,
  type Notice,
  detailsCard,
  notificationActivity,
  settingsCard,
  settingsSummaryCard,
  statusCard,
  stepFormCard,
  tablesCard,
  withNotice,
} from '../src/cards';
import { type TeamSettings, waitingOn } from '../src/app';
import {
  type Actor,
  type Case,
  CONDITIONS,
  DEFAULT_TABLES,
  type FormData,
  type RouteId,
  type StateId,
  applyAction,
  availableActions,
  formatCaseId,
  newCase,
} from '../src/domain';
import { type CardView, openCardPage, showCard } from '../test/support/cardPage';
import { blockOutside, launchBrowser } from '../test/support/chromium';
import { compactPng } from '../test/support/pngCompact';
import { SAMPLE_INPUT, type WalkInputs, actionsAlong, pathTo } from '../test/support/routeWalk';

/** The status card with the stappenplan's example tables (the pictures use its 2023 dates) and the demo team's roles. */
const exampleStatus = (c: Case, now: Date, notice: Notice | null = null): Record<string, unknown> =>
  withNotice(statusCard(c, { tables: DEFAULT_TABLES, now, waiting: waitingOn(c, settings) }), notice);

/** One action's form as the clicking user sees it. */
const exampleForm = (
  c: Case,
  now: Date,
  verb: string,
  actor: Actor,
  state: { form?: FormState; notice?: Notice } = {},
): Record<string, unknown> => {
  const a = availableActions(c, { actor, tables: DEFAULT_TABLES, now, gebiedsteams: settings.gebiedsteams.map((g) => g.name) }).find(
    (x) => x.verb === verb,
  );
  if (!a) throw new Error(`${c.id}: ${verb} niet aangeboden`);
  return stepFormCard(c, a, state);
};

const T0 = new Date('2023-09-18T08:30:00Z');
const hours = (n: number): Date => new Date(T0.getTime() + n * 3_600_000);
const hash = (s: string): string => createHash('sha256').update(s).digest('hex');

const ANOUK: Actor = { userId: '11111111-1111-4111-8111-000000000001', name: 'Anouk de Vries', roles: [] };
const MOHAMED: Actor = { userId: '11111111-1111-4111-8111-000000000002', name: 'Mohamed El Amrani', roles: ['teamleider'] };

const location = {
  tenantId: '00000000-0000-4000-8000-00000000e5ca',
  teamId: '19:zorgteam-noord-algemeen@thread.tacv2',
  channelId: '19:zorgteam-noord-algemeen@thread.tacv2',
  conversationId: '19:zorgteam-noord-algemeen@thread.tacv2;messageid=1695025800000',
  serviceUrl: 'http://127.0.0.1/_connector',
  rootActivityId: '1695025800000',
};

const fresh = (n: number): Case => newCase({ id: formatCaseId(2023, n), location, ownerId: ANOUK.userId, ownerName: ANOUK.name, now: T0 });

/** Walks a case through the real domain engine; each step one hour later. Throws on a refusal. */
class Walk {
  private n = 0;
  constructor(public c: Case) {}
  act(verb: string, input: Readonly<Record<string, unknown>>, actor: Actor = ANOUK): this {
    const r = applyAction(this.c, { verb, input }, actor, { now: hours(++this.n), hash, tables: DEFAULT_TABLES });
    if (!r.ok) throw new Error(`${this.c.id} ${verb}: ${r.error.code} ${r.error.message}`);
    this.c = r.value.case;
    return this;
  }
  /** The refusal of an action that should fail (input kept, nothing changed). */
  refuse(verb: string, input: FormData, actor: Actor = ANOUK) {
    const r = applyAction(this.c, { verb, input }, actor, { now: hours(this.n + 1), hash, tables: DEFAULT_TABLES });
    if (r.ok) throw new Error(`${this.c.id} ${verb}: werd onverwacht geaccepteerd`);
    return r.error;
  }
  get now(): Date {
    return hours(this.n);
  }
}

const circle = (datum: string, deelnemers: string) => ({
  datum,
  deelnemers,
  vraag: 'Hoe houden we de begeleiding veilig nu de onrust in de woning toeneemt?',
  afspraken: 'Extra avondbegeleiding twee weken; evaluatie in het teamoverleg.',
  uitkomst: 'onvoldoende',
});

const CONDITION_KEYS = CONDITIONS.map((c) => c.key);
const conditions = (met: number): Record<string, string> =>
  Object.fromEntries(
    CONDITION_KEYS.flatMap((k, i) =>
      i < met
        ? [
            [k, 'true'],
            [`${k}Toelichting`, 'Zie verslag in het dossier.'],
          ]
        : [[k, 'false']],
    ),
  );

/** Realistic texts for the pictures, per verb; the shared route walk supplies the path (and any other step's input). */
const ZORGKANTOOR_INPUT: WalkInputs = {
  'route.kiezen': { route: 'zorgkantoor', clientRef: 'ECD-40213' },
  'cirkel1.vastleggen': circle('2023-09-18', 'begeleider,teamleider'),
  'cirkel2.vastleggen': circle('2023-09-25', 'begeleider,gedragsdeskundige'),
  'cirkel3.vastleggen': {
    datum: '2023-10-02',
    geconsulteerdeAanbieder: 'Consultatie bij een aanbieder met een specialistische woonvorm.',
    risicofactoren: 'Toenemende agressie in de avonduren.',
    beschermendeFactoren: 'Goede band met de vaste begeleider.',
    context: 'Groepswoning met acht bewoners.',
    plan: 'Gezamenlijk plan voor overplaatsing naar een passende plek.',
    nodig: 'Een plek met intensieve begeleiding.',
    zorgadviesGecontacteerd: 'true',
    afspraken: 'Voorwaarden voor de overlegtafel nalopen.',
    vervolgdatum: '2023-10-09',
    uitkomst: 'onvoldoende',
  },
  'voorwaarden.vastleggen': { ...conditions(7), regio: 'Groningen' },
};

const BIJSTELLEN_INPUT: WalkInputs = {
  'route.kiezen': { route: 'bijstellen', clientRef: 'ECD-51877' },
  'signaal.vastleggen': {
    datum: '2023-09-18',
    actielijn: 'Wonen: de huidige ondersteuning is onvoldoende.',
    toelichting: 'Signaal uit het teamoverleg.',
  },
  'actielijnen.bijstellen': {
    datum: '2023-09-20',
    samenMetClient: 'true',
    bijstelling: 'Extra contactmomenten ingepland.',
    resultaat: 'onvoldoende',
  },
};

/** A case walked along the shared route walk to `stop` (test/support/routeWalk.ts), with the realistic texts above. */
const walkTo = (n: number, route: RouteId, stop: StateId): Walk => {
  const w = new Walk(fresh(n));
  for (const a of actionsAlong(pathTo(route, stop), {
    ...SAMPLE_INPUT,
    ...(route === 'zorgkantoor' ? ZORGKANTOOR_INPUT : BIJSTELLEN_INPUT),
  })) {
    w.act(a.verb, a.input);
  }
  return w;
};
const zorgkantoorTo = (n: number, stop: StateId): Walk => walkTo(n, 'zorgkantoor', stop);
const bijstellenTo = (n: number, stop: StateId): Walk => walkTo(n, 'bijstellen', stop);

const team = {
  members: [
    { id: ANOUK.userId, name: ANOUK.name },
    { id: MOHAMED.userId, name: MOHAMED.name },
    { id: '11111111-1111-4111-8111-000000000003', name: 'Sanne Bakker' },
    { id: '11111111-1111-4111-8111-000000000006', name: 'Pieter Jansen' },
  ],
  channels: [
    { channelId: location.channelId, name: 'General' },
    { channelId: '19:zorgteam-noord-teamleiders@thread.tacv2', name: 'Teamleiders' },
  ],
};

const settings: TeamSettings = {
  tenantId: location.tenantId,
  teamId: location.teamId,
  serviceUrl: location.serviceUrl,
  roleHolders: {
    teamleider: [{ id: MOHAMED.userId, name: MOHAMED.name }],
    sleutelfiguur: [{ id: '11111111-1111-4111-8111-000000000003', name: 'Sanne Bakker' }],
    functioneel_beheerder: [{ id: '11111111-1111-4111-8111-000000000006', name: 'Pieter Jansen' }],
  },
  roleChannels: { teamleider: { channelId: '19:zorgteam-noord-teamleiders@thread.tacv2', name: 'Teamleiders' } },
  gebiedsteams: [{ name: 'Noord', teamleider: { id: MOHAMED.userId, name: MOHAMED.name } }],
  updatedAt: T0.toISOString(),
  updatedBy: '11111111-1111-4111-8111-000000000006',
};

const TABLES = [
  { id: 'groningen-2023-10-19', region: 'Groningen', deadline: '2023-10-05', meeting: '2023-10-19' },
  { id: 'groningen-2023-12-14', region: 'Groningen', deadline: '2023-11-30', meeting: '2023-12-14' },
  { id: 'twente-2023-11-02', region: 'Twente', deadline: '2023-10-19', meeting: '2023-11-02' },
];

/** Every card view, built from the real card renderers with fixed inputs. */
export const cardViews = (): CardView[] => {
  const nieuw = new Walk(fresh(41));
  const cirkel1 = zorgkantoorTo(42, 'cirkel1');
  const invalid = zorgkantoorTo(43, 'cirkel1');
  const badInput = { datum: '', deelnemers: 'begeleider', vraag: '', uitkomst: '' };
  const invalidRefusal = invalid.refuse('cirkel1.vastleggen', badInput);
  const cirkel3 = zorgkantoorTo(44, 'cirkel3');
  const checklist = zorgkantoorTo(45, 'voorwaarden');
  const checklistInput = { ...conditions(4), regio: 'Groningen' };
  const checklistRefusal = checklist.refuse('voorwaarden.vastleggen', checklistInput);
  const akkoord = zorgkantoorTo(46, 'akkoord_teamleider');
  const stap1 = bijstellenTo(47, 'stap1_signaal');
  const stap3 = bijstellenTo(48, 'stap3_teamleider');
  const notice = notificationActivity({
    case: akkoord.c,
    role: 'teamleider',
    holders: [{ id: MOHAMED.userId, name: MOHAMED.name }],
    due: null,
    title: 'Casus wacht op akkoord teamleider',
    kind: 'escalation',
  });
  const notificationCard = notice.attachments?.[0]?.content as Record<string, unknown> | undefined;
  if (!notificationCard) throw new Error('melding zonder kaart');
  return [
    { name: 'status-nieuw', card: exampleStatus(nieuw.c, T0) },
    { name: 'formulier-route', card: exampleForm(nieuw.c, T0, 'route.kiezen', ANOUK) },
    { name: 'status-zorgkantoor-cirkel1', card: exampleStatus(cirkel1.c, cirkel1.now) },
    { name: 'formulier-cirkel1', card: exampleForm(cirkel1.c, cirkel1.now, 'cirkel1.vastleggen', ANOUK) },
    {
      name: 'formulier-ongeldige-invoer',
      card: exampleForm(invalid.c, invalid.now, 'cirkel1.vastleggen', ANOUK, {
        form: { verb: 'cirkel1.vastleggen', values: badInput, fieldErrors: invalidRefusal.fieldErrors ?? {} },
        notice: { text: `${invalidRefusal.message} Er is niets opgeslagen.`, style: 'attention' },
      }),
    },
    { name: 'status-zorgkantoor-cirkel3', card: exampleStatus(cirkel3.c, cirkel3.now) },
    {
      name: 'formulier-voorwaarden',
      card: exampleForm(checklist.c, checklist.now, 'voorwaarden.vastleggen', ANOUK, {
        form: { verb: 'voorwaarden.vastleggen', values: checklistInput, fieldErrors: checklistRefusal.fieldErrors ?? {} },
        notice: { text: checklistRefusal.message, style: 'warning' },
      }),
    },
    { name: 'status-akkoord-teamleider', card: exampleStatus(akkoord.c, akkoord.now), expand: 'Meer' },
    { name: 'formulier-niet-akkoord', card: exampleForm(akkoord.c, akkoord.now, 'voorwaarden.afwijzen', MOHAMED) },
    { name: 'formulier-crisis', card: exampleForm(cirkel3.c, cirkel3.now, 'crisis.melden', ANOUK) },
    { name: 'status-bijstellen-stap1', card: exampleStatus(stap1.c, stap1.now) },
    { name: 'status-bijstellen-stap3', card: exampleStatus(stap3.c, stap3.now) },
    // As an authorised user gets it: with the single-use dossier link (an example token).
    { name: 'details', card: detailsCard(akkoord.c, DEFAULT_TABLES, 1, `https://escaleer.example.nl/dossier/${'x'.repeat(43)}`) },
    { name: 'escalatiemelding', card: notificationCard },
    { name: 'instellingen', card: settingsCard(location.teamId, 'Zorgteam Noord', settings, team, 0) },
    { name: 'instellingen-samenvatting', card: settingsSummaryCard(location.teamId, 'Zorgteam Noord', settings) },
    { name: 'tafels', card: tablesCard(TABLES, new Date('2023-10-10T08:00:00Z'), true) },
  ];
};

/** Renders `views` and writes `<dir>/<name>.png` of each card element; returns the files and parser warnings. */
export const renderCards = async (
  browser: Browser,
  views: readonly CardView[],
  dir: string,
): Promise<{ files: string[]; warnings: string[] }> => {
  mkdirSync(dir, { recursive: true });
  const context = await browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 760, height: 900 },
    deviceScaleFactor: 1,
  });
  const files: string[] = [];
  const warnings: string[] = [];
  try {
    await blockOutside(context);
    const page = await context.newPage();
    await openCardPage(page);
    for (const view of views) {
      const shown = await showCard(page, view);
      warnings.push(...shown.warnings.map((w) => `${view.name}: ${w}`));
      const file = join(dir, `${view.name}.png`);
      writeFileSync(file, compactPng(await shown.card.screenshot({ animations: 'disabled' })));
      files.push(file);
    }
  } finally {
    await context.close();
  }
  return { files, warnings };
};

const main = async (): Promise<void> => {
  const root = resolve(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../..' : '..');
  const browser = await launchBrowser();
  try {
    const { files, warnings } = await renderCards(browser, cardViews(), join(root, 'docs', 'cards'));
    for (const f of files) process.stdout.write(`${f}\n`);
    for (const w of warnings) process.stderr.write(`waarschuwing: ${w}\n`);
  } finally {
    await browser.close();
  }
};

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
