/**
 * Type test: the step registry's typos do not compile. `npx tsc -p tsconfig.json --noEmit` checks
 * this file; each `@ts-expect-error` line must be an error, and an unused one fails tsc, so when the
 * builders stop catching a mistake, the type check fails. Jest runs the runtime half.
 */
import {
  DEFAULT_TABLES,
  STATE_IDS,
  STEPS,
  type StateId,
  type StepKey,
  action,
  followUpOf,
  inState,
  isStateId,
  nextKeyDate,
  stepData,
  stepOf,
} from '../../../src/domain';
import { freshCase } from './fixtures';
import { defineStep } from '../../../src/domain/routes/common';

const base = { verb: 'test.actie', label: 'Test', fields: [] } as const;

/** Well-formed: `next` returns one of `targets`. */
const good = action({ ...base, targets: ['opgelost', 'cirkel2'], next: (d) => (d.uitkomst === 'opgelost' ? 'opgelost' : 'cirkel2') });

// A `next` that returns a state outside `targets`:
// @ts-expect-error 'crisis' is not one of the targets
const outsideTargets = action({ ...base, targets: ['opgelost'], next: () => 'crisis' });

// A branch of `next` that leads somewhere `targets` does not list:
const oneBranchOutside = action({
  ...base,
  targets: ['opgelost'],
  // @ts-expect-error 'stap3_teamleider' is not one of the targets
  next: (d) => (d.resultaat === 'voldoende' ? 'opgelost' : 'stap3_teamleider'),
});

// A misspelled state in `targets` (and so in `next`):
// @ts-expect-error 'opgelots' is not a state
const misspelledTarget = action({ ...base, targets: ['opgelots'], next: () => 'opgelost' });

// A misspelled `stepKey`:
// @ts-expect-error 'voorwaarde' is not a step key
const misspelledKey = action({ ...base, targets: ['opgelost'], next: () => 'opgelost', stepKey: 'voorwaarde' });

// A step with a misspelled id:
// @ts-expect-error 'cirkel5' is not a state
const misspelledStep = defineStep({ id: 'cirkel5', route: 'zorgkantoor', label: 'x', instructions: [] });

// Reading another step's data by a misspelled key:
// @ts-expect-error 'voorwaarde' is not a step key
const misspelledRead = (c: Parameters<typeof stepData>[0]) => stepData(c, 'voorwaarde');

// Comparing a case's state with a misspelled state:
// @ts-expect-error 'aangmeld' is not a state
const misspelledCompare = inState({ state: 'aangemeld' }, 'aangmeld');

// A state id is not any string:
// @ts-expect-error a plain string is not a StateId
const anyString: StateId = 'iets' as string;

describe('getypeerde stappen', () => {
  it('de registry heeft precies één stap per StateId, in de volgorde van STATE_IDS', () => {
    expect(STEPS.map((s) => s.id)).toEqual([...STATE_IDS]);
  });

  it('elke target en elke stepKey van elke actie is een bekende toestand of sleutel', () => {
    const keys: readonly StepKey[] = [...STATE_IDS, 'evaluatie'];
    for (const s of STEPS) {
      for (const a of s.actions) {
        for (const t of a.targets) expect([a.verb, isStateId(t)]).toEqual([a.verb, true]);
        if (a.stepKey) expect(keys).toContain(a.stepKey);
      }
    }
  });

  it('isStateId vernauwt een opgeslagen toestand; stepOf kent alleen bekende toestanden', () => {
    expect(isStateId('voorwaarden')).toBe(true);
    expect(isStateId('Voorwaarden')).toBe(false);
    expect(stepOf('cirkel5')).toBeNull();
  });

  it('de builders geven bij uitvoering terug wat ze kregen (ook de regels die niet compileren)', () => {
    expect(good.next({ uitkomst: 'opgelost' }, {} as never)).toBe('opgelost');
    expect(good.targets).toEqual(['opgelost', 'cirkel2']);
    expect([outsideTargets, oneBranchOutside, misspelledTarget, misspelledKey].map((a) => a.verb)).toEqual(Array(4).fill('test.actie'));
    expect(misspelledStep.actions.map((a) => a.verb)).toEqual(['crisis.melden', 'casus.intrekken']);
    expect(misspelledRead({ steps: { voorwaarde: { regio: 'Twente' } } })).toEqual({ regio: 'Twente' });
    expect(anyString).toBe('iets');
    expect(misspelledCompare).toBe(false);
    expect(inState({ state: 'aangemeld' }, 'formulier', 'aangemeld')).toBe(true);
  });

  it('een opvolgdatum komt uit wat de stap zelf verklaart (dates.followUp), en de statuskaart toont hem', () => {
    const withFollowUp = STEPS.filter((s) => s.dates?.followUp);
    expect(withFollowUp.length).toBeGreaterThan(0);
    for (const s of withFollowUp) {
      const f = s.dates?.followUp;
      if (!f) continue;
      const c = { ...freshCase(), route: s.route, state: s.id, steps: { [f.key]: { [f.field]: '2023-09-20' } } };
      expect([s.id, followUpOf(c)]).toEqual([s.id, { date: '2023-09-20', label: f.label, ask: f.ask }]);
      expect(nextKeyDate(c, { now: new Date('2023-09-15T10:00:00Z'), tables: DEFAULT_TABLES })).toEqual({
        date: '2023-09-20',
        label: f.label,
      });
    }
    const without = STEPS.find((s) => !s.dates && !s.terminal && s.id !== 'nieuw');
    if (!without) throw new Error('elke stap heeft datums');
    expect(followUpOf({ ...freshCase(), state: without.id, steps: { cirkel3: { vervolgdatum: '2023-09-20' } } })).toBeNull();
  });
});
