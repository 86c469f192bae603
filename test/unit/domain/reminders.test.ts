import {
  DEFAULT_TABLES,
  REMINDER_POLICY,
  caseReminders,
  evaluationReminders,
  followUpOf,
  isOfficeHours,
  nextKeyDate,
} from '../../../src/domain';
import { TO_AANGEMELD, TO_AKKOORD, TO_FORMULIER, TO_STAP5, TO_VOORWAARDEN, freshCase, walk } from './fixtures';

const ctx = { now: new Date('2023-09-01T10:00:00Z'), tables: DEFAULT_TABLES };
/** The table and evaluation reminders (the fixture's cirkel 3 also records a follow-up date: tested below). */
const tableOnly = <R extends { kind: string }>(rs: readonly R[]): R[] => rs.filter((r) => r.kind !== 'followup');
const times = (rs: readonly { kind: string; at: Date }[]) => tableOnly(rs).map((r) => [r.kind, r.at.toISOString()]);

describe('herinneringen', () => {
  it('voor een aangemelde casus: 7 dagen, 2 werkdagen en de dag zelf vóór de inleverdatum, de werkdag erna als het te laat is, 1 werkdag vóór de tafel, daarna de uitkomst', () => {
    const c = walk(TO_AANGEMELD);
    expect(times(caseReminders(c, ctx))).toEqual([
      ['deadline', '2023-09-28T07:00:00.000Z'],
      ['deadline', '2023-10-03T07:00:00.000Z'],
      ['deadline', '2023-10-05T07:00:00.000Z'],
      ['deadline_passed', '2023-10-06T07:00:00.000Z'],
      ['meeting', '2023-10-18T07:00:00.000Z'],
      ['outcome', '2023-10-20T07:00:00.000Z'],
    ]);
  });

  it('na inleveren blijven alleen de tafel en de uitkomst over, ook over de wintertijd heen', () => {
    const c = walk([...TO_AANGEMELD, ['tafel.wijzigen'], ['aanmelding.ingediend']]);
    expect(times(caseReminders(c, ctx))).toEqual([
      ['meeting', '2023-11-08T08:00:00.000Z'],
      ['outcome', '2023-11-10T08:00:00.000Z'],
    ]);
  });

  it('na een gemiste inleverdatum wordt de eerstvolgende tafel van de regio aangeboden', () => {
    const c = walk(TO_AANGEMELD);
    const passed = caseReminders(c, ctx).find((r) => r.kind === 'deadline_passed');
    expect(passed?.message).toContain('verstreken');
    expect(passed?.message).toContain('14 december 2023');
    const last = walk([...TO_AANGEMELD]);
    const noNext = caseReminders(last, { ...ctx, tables: DEFAULT_TABLES.filter((t) => t.id === 'groningen-2023-10-19') }).find(
      (r) => r.kind === 'deadline_passed',
    );
    expect(noNext?.message).toContain('functioneel beheerder');
  });

  it('kantooruren: werkdagen 08:00–18:00 in Amsterdam, ook in de zomertijd', () => {
    expect(isOfficeHours(new Date('2023-10-06T06:00:00Z'))).toBe(true); // vr 08:00 CEST
    expect(isOfficeHours(new Date('2023-10-06T05:59:00Z'))).toBe(false);
    expect(isOfficeHours(new Date('2023-12-08T16:59:00Z'))).toBe(true); // vr 17:59 CET
    expect(isOfficeHours(new Date('2023-12-08T17:00:00Z'))).toBe(false);
    expect(isOfficeHours(new Date('2023-10-07T10:00:00Z'))).toBe(false); // zaterdag
  });

  it('21 dagen vóór de inleverdatum alleen zolang de adviseur nog niet heeft geoordeeld', () => {
    const before = walk([...TO_AKKOORD, ['voorwaarden.goedkeuren']]);
    expect(times(caseReminders(before, ctx))).toEqual([['adviseur', '2023-09-14T07:00:00.000Z']]);
    const after = walk(TO_FORMULIER);
    expect(tableOnly(caseReminders(after, ctx)).map((r) => r.kind)).toEqual(['deadline', 'deadline', 'deadline']);
  });

  it('maandelijkse evaluatie van onplanbare zorg tot 6 maanden', () => {
    const c = walk([
      ...TO_STAP5,
      ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Zuid', startdatum: '2023-08-31' }],
    ]);
    const rs = caseReminders(c, ctx);
    expect(rs.map((r) => r.at.toISOString().slice(0, 10))).toEqual([
      '2023-09-30',
      '2023-10-31',
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
    ]);
    expect(rs.every((r) => r.role === 'sleutelfiguur')).toBe(true);
    expect(rs.at(-1)?.message).toContain('Einde periode');
    expect(evaluationReminders(c, '2023-01-01', { ...REMINDER_POLICY, evaluationEveryMonths: 2 })).toHaveLength(3);
  });

  it('geen herinneringen zonder regio, tafel of in andere stappen', () => {
    expect(caseReminders(freshCase(), ctx)).toEqual([]);
    const c = walk(TO_AANGEMELD);
    expect(tableOnly(caseReminders(c, { ...ctx, tables: [] }))).toEqual([]);
    const noRegion = walk([...TO_AKKOORD.slice(0, -1), ['voorwaarden.vastleggen', { regio: '' }]]);
    expect(tableOnly(caseReminders(noRegion, ctx))).toEqual([]);
    const noStart = {
      ...walk([
        ...TO_STAP5,
        ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Z', startdatum: '2023-09-01' }],
      ]),
    };
    expect(caseReminders({ ...noStart, steps: { ...noStart.steps, stap5_afweging: {} } }, ctx)).toEqual([]);
  });

  it('heeft stabiele sleutels; op de inleverdatum zelf: vandaag', () => {
    const c = walk(TO_AANGEMELD);
    const rs = tableOnly(caseReminders(c, ctx));
    expect(new Set(rs.map((r) => r.key)).size).toBe(rs.length);
    expect(rs[0]?.key).toBe('CAS-2023-0007:deadline:groningen-2023-10-19:2023-09-28');
    expect(rs.find((r) => r.at.toISOString().startsWith('2023-10-05'))?.message).toContain('Vandaag');
  });
});

describe('opvolging: elke vastgelegde opvolgdatum wordt een herinnering', () => {
  it('na cirkel 3: de datum opvolging, om 09:00 op die dag, voor wie de casus opende (begeleider)', () => {
    const c = walk([...TO_VOORWAARDEN.slice(0, -1), ['cirkel3.vastleggen', { vervolgdatum: '2023-10-04' }]]);
    const rs = caseReminders(c, ctx).filter((r) => r.kind === 'followup');
    expect(times(rs)).toEqual([]);
    expect(rs.map((r) => [r.at.toISOString(), r.role, r.label])).toEqual([
      ['2023-10-04T07:00:00.000Z', 'begeleider', 'opvolging afspraken cirkel 3'],
    ]);
    expect(rs[0]?.message).toMatch(/^Vandaag staat de opvolging afspraken cirkel 3 gepland\. Ga na/);
    expect(isOfficeHours(rs[0]!.at)).toBe(true);
  });

  it('valt de datum in het weekend, dan herinnert Escaleer de vrijdag ervoor en noemt de datum', () => {
    const c = walk(TO_VOORWAARDEN); // vervolgdatum zondag 1 oktober 2023
    const [r] = caseReminders(c, ctx).filter((x) => x.kind === 'followup');
    expect(r?.at.toISOString()).toBe('2023-09-29T07:00:00.000Z');
    expect(r?.message).toContain('Op 1 oktober 2023 staat de opvolging afspraken cirkel 3 gepland');
  });

  it('geldt tot de aanmelding; na de tafel telt de datum opvolging van de uitkomst, daarna de laatste "volgende opvolging"', () => {
    const key = (c: ReturnType<typeof walk>) => followUpOf(c);
    expect(key(walk(TO_FORMULIER))?.label).toBe('opvolging afspraken cirkel 3');
    expect(key(walk(TO_AANGEMELD))).toBeNull();
    const registered = walk([...TO_AANGEMELD, ['aanmelding.ingediend']]);
    const besproken = walk([['bespreking.vastleggen']], registered, { now: new Date('2023-10-20T10:00:00Z') });
    expect(key(besproken)).toMatchObject({ date: '2023-11-01', label: 'opvolging afspraken overlegtafel' });
    const later = { now: new Date('2023-11-01T10:00:00Z'), tables: DEFAULT_TABLES };
    const withNext = walk([['opvolging.vastleggen', { volgendeDatum: '2023-11-15' }]], besproken, later);
    expect(key(withNext)?.date).toBe('2023-11-15');
    expect(caseReminders(withNext, later).map((r) => [r.kind, r.at.toISOString()])).toEqual([['followup', '2023-11-15T08:00:00.000Z']]);
    // A new opvolging without a next date ends the follow-up reminders (the old date is not kept).
    const none = walk([['opvolging.vastleggen', { volgendeDatum: '' }]], withNext, later);
    expect(key(none)).toBeNull();
    expect(caseReminders(none, later)).toEqual([]);
    const closed = walk([['casus.afsluiten']], withNext, later);
    expect(caseReminders(closed, later)).toEqual([]);
  });

  it('de sleutel hoort bij stap en datum: een nieuwe datum is een nieuwe herinnering, dezelfde datum niet', () => {
    const a = walk(TO_VOORWAARDEN);
    const b = walk([...TO_VOORWAARDEN.slice(0, -1), ['cirkel3.vastleggen', { vervolgdatum: '2023-10-04' }]]);
    const keyOf = (c: typeof a) => caseReminders(c, ctx).find((r) => r.kind === 'followup')?.key;
    expect(keyOf(a)).toBe('CAS-2023-0007:followup:voorwaarden:2023-10-01');
    expect(keyOf(b)).not.toBe(keyOf(a));
    expect(keyOf(walk(TO_VOORWAARDEN))).toBe(keyOf(a));
  });

  it('de statuskaart-datum en de herinnering volgen dezelfde opvolgdatum', () => {
    const c = walk([...TO_VOORWAARDEN.slice(0, -1), ['cirkel3.vastleggen', { vervolgdatum: '2023-09-20' }]]);
    expect(nextKeyDate(c, { now: ctx.now, tables: [] })).toEqual({ date: '2023-09-20', label: 'opvolging afspraken cirkel 3' });
  });
});
