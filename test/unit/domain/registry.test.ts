import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_TABLES,
  PRIVACY_HINT,
  ROLES,
  STEPS,
  availableActions,
  awaitingRole,
  isOpen,
  progress,
  publicSummary,
  routeDiagram,
  routeSteps,
  routesMarkdown,
  schemaFor,
  stepOf,
} from '../../../src/domain';
import { BEGELEIDER, NOW, TEAMLEIDER, TO_AANGEMELD, TO_AKKOORD, TO_FORMULIER, freshCase, step, walk } from './fixtures';

describe('stappenregister', () => {
  const actions = STEPS.flatMap((s) => s.actions.map((a) => ({ step: s, action: a })));

  it('elke overgang leidt naar een bestaande stap van dezelfde route', () => {
    for (const { step: s, action } of actions) {
      for (const t of action.targets) {
        const target = stepOf(t);
        expect(target).not.toBeNull();
        if (s.route && target?.route) expect(target.route).toBe(s.route);
      }
    }
  });

  it('vrije tekst is altijd privé en draagt de privacy-hint; keuzes, datums en toggles zijn openbaar', () => {
    for (const { action } of actions) {
      for (const f of action.fields) {
        const freeText = f.kind === 'text' || f.kind === 'textarea';
        expect(f.private).toBe(freeText);
        if (freeText) {
          expect(f.help).toContain(PRIVACY_HINT);
          expect(f.placeholder).toBe(PRIVACY_HINT);
          expect(f.maxLength).toBeGreaterThan(0);
        }
        if (f.kind === 'choice' || f.kind === 'multichoice') expect(f.options?.length || f.optionsFrom).toBeTruthy();
      }
    }
  });

  it('elke open stap van beide routes kent crisis melden; eindstappen hebben geen acties', () => {
    for (const s of STEPS) {
      if (s.terminal) expect(s.actions).toEqual([]);
      else if (s.route) expect(s.actions.map((a) => a.verb)).toContain('crisis.melden');
      if (!s.terminal) expect(ROLES).toContain(s.awaiting);
    }
  });

  it('elk werkwoord is uniek binnen een stap en elke rol bestaat', () => {
    for (const s of STEPS) {
      expect(new Set(s.actions.map((a) => a.verb)).size).toBe(s.actions.length);
      for (const a of s.actions) for (const r of a.roles ?? [s.role]) expect(ROLES).toContain(r);
    }
  });

  it('het zod-schema volgt de velddescriptors', () => {
    const schema = schemaFor([
      {
        name: 'm',
        label: 'M',
        kind: 'multichoice',
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
        required: false,
        private: false,
      },
      { name: 't', label: 'T', kind: 'toggle', required: false, private: false },
    ]);
    expect(schema.parse({ m: 'a,b,a', t: 'true' })).toEqual({ m: ['a', 'b'], t: true });
    expect(schema.parse({ m: [], t: undefined })).toEqual({ t: false });
    expect(schema.safeParse({ t: 'misschien' }).success).toBe(false);
  });

  it('routeSteps bevat de stappen van één route plus de eindstappen', () => {
    expect(routeSteps('bijstellen').map((s) => s.id)).toContain('stap7_vastleggen');
    expect(routeSteps('bijstellen').map((s) => s.id)).not.toContain('cirkel1');
    expect(routeSteps('zorgkantoor').map((s) => s.id)).toEqual(expect.arrayContaining(['opgelost', 'afgesloten', 'crisis']));
  });
});

describe('availableActions, awaitingRole, isOpen', () => {
  it('toont acties met rechten per gebruiker', () => {
    const c = walk(TO_AKKOORD);
    const forBegeleider = availableActions(c, { actor: BEGELEIDER });
    expect(forBegeleider.map((a) => [a.verb, a.allowed])).toEqual([
      ['voorwaarden.goedkeuren', false],
      ['voorwaarden.afwijzen', false],
      ['crisis.melden', true],
      // Withdrawal is for the one who opened the case or a teamleider.
      ['casus.intrekken', false],
    ]);
    expect(availableActions(c, { actor: TEAMLEIDER }).every((a) => a.allowed)).toBe(true);
    expect(availableActions(c).every((a) => a.allowed)).toBe(true);
    expect(awaitingRole(c)).toBe('teamleider');
  });

  it('vult tafels en regio’s uit de kalender, met now alleen haalbare tafels', () => {
    const c = walk(TO_FORMULIER);
    const fields = (now?: Date) => availableActions(c, now ? { now, tables: DEFAULT_TABLES } : { tables: DEFAULT_TABLES })[0]?.fields ?? [];
    expect(
      fields()
        .find((f) => f.name === 'regio')
        ?.options?.map((o) => o.value),
    ).toEqual(['Arnhem', 'Groningen', 'Twente']);
    expect(fields().find((f) => f.name === 'tafel')?.options).toHaveLength(5);
    expect(
      fields(new Date('2023-11-20T12:00:00Z'))
        .find((f) => f.name === 'tafel')
        ?.options?.map((o) => o.value),
    ).toEqual(['groningen-2023-12-14', 'twente-2024-01-04']);
  });

  it('een afgesloten of onbekende casus heeft geen acties en wacht op niemand', () => {
    const closed = walk([['route.kiezen'], ['cirkel1.vastleggen', { uitkomst: 'opgelost' }]]);
    expect(isOpen(closed)).toBe(false);
    expect(availableActions(closed)).toEqual([]);
    expect(awaitingRole(closed)).toBeNull();
    const unknown = { ...freshCase(), state: 'kwijt' };
    expect(isOpen(unknown)).toBe(false);
    expect(availableActions(unknown)).toEqual([]);
    expect(awaitingRole(unknown)).toBeNull();
  });
});

describe('voortgang en openbare samenvatting', () => {
  it('Zorgkantoor: cirkel 1–4 met substappen in cirkel 4', () => {
    expect(progress(freshCase())).toMatchObject({ route: null, phase: 0 });
    expect(progress(walk([['route.kiezen']]))).toMatchObject({ phase: 1, phases: 4, subStep: null, phaseLabel: 'Cirkel 1: team' });
    expect(progress(walk(TO_AANGEMELD))).toMatchObject({ phase: 4, subStep: 5, subSteps: 7, finished: false });
  });

  it('in een eindstap toont de voortgang de verste stap', () => {
    const closed = walk([['route.kiezen'], ['cirkel1.vastleggen'], ['cirkel2.vastleggen', { uitkomst: 'opgelost' }]]);
    expect(progress(closed)).toMatchObject({ phase: 2, finished: true, stateLabel: 'Opgelost' });
    const crisis = step(walk(TO_AANGEMELD), 'crisis.melden', { bevestigd: true });
    expect(progress(crisis)).toMatchObject({ phase: 4, subStep: 4, finished: true });
  });

  it('toont alleen keuzes, datums en de checklist; nooit vrije tekst', () => {
    const c = walk([...TO_AANGEMELD, ['aanmelding.ingediend']]);
    const s = publicSummary(c, DEFAULT_TABLES);
    expect(s).toMatchObject({
      caseId: 'CAS-2023-0007',
      route: 'zorgkantoor',
      routeLabel: 'Zorgkantoor (Wlz)',
      state: 'aangemeld',
      open: true,
      awaitingRole: 'begeleider',
      awaitingLabel: 'Begeleider',
      checklist: { met: 7, total: 7 },
      updatedAt: NOW.toISOString(),
    });
    const text = JSON.stringify(s);
    for (const secret of ['ECD-4711', 'Zie dossier', 'Aanbieder B', 'Onderzocht', 'Gedragsdeskundige"']) expect(text).not.toContain(secret);
    const values = Object.fromEntries(s.facts.map((f) => [`${f.stepKey}.${f.field}`, f.value]));
    expect(values).toMatchObject({
      'nieuw.route': 'Zorgkantoor (Wlz)',
      'cirkel1.datum': '1 september 2023',
      'cirkel1.deelnemers': 'Begeleider(s), Teamleider',
      'cirkel3.zorgadviesGecontacteerd': 'Ja',
      'formulier.tafel': 'Groningen, overleg 19 oktober 2023 (inleveren uiterlijk 5 oktober 2023)',
      'aangemeld.ingediendOp': '15 september 2023',
    });
    expect(s.facts[0]?.stepKey).toBe('nieuw');
  });

  it('toont een tafel-id als de tafel niet meer in de kalender staat, en geen checklist vóór de voorwaarden', () => {
    const s = publicSummary(walk(TO_AANGEMELD), []);
    expect(s.facts.find((f) => f.field === 'tafel')?.value).toBe('groningen-2023-10-19');
    expect(publicSummary(freshCase(), DEFAULT_TABLES)).toMatchObject({
      checklist: null,
      routeLabel: null,
      awaitingLabel: 'Begeleider',
      facts: [],
    });
  });
});

describe('diagrammen', () => {
  it('docs/routes.md is actueel (npm run diagrams)', () => {
    const file = readFileSync(join(__dirname, '../../../docs/routes.md'), 'utf8');
    expect(file).toBe(routesMarkdown());
  });

  it('tekent elke overgang en de crisisuitgang', () => {
    const d = routeDiagram('zorgkantoor');
    expect(d.startsWith('stateDiagram-v2\n  state "Cirkel 1: overleg in het team" as cirkel1')).toBe(true);
    expect(d).toContain('  [*] --> cirkel1');
    expect(d).toContain('  formulier --> aangemeld: aanmelding.indienen');
    expect(d).toContain('  opvolging --> crisis: crisis.melden');
    expect(routeDiagram('bijstellen')).toContain('  stap5_afweging --> verstevigingsteam: casuistiek.uitkomst');
  });
});
