import { DEFAULT_TABLES, REMINDER_POLICY, caseReminders, dueReminders, evaluationReminders, isOfficeHours } from '../../../src/domain';
import { TO_AANGEMELD, TO_AKKOORD, TO_FORMULIER, TO_STAP5, freshCase, walk } from './fixtures';

const ctx = { now: new Date('2023-09-01T10:00:00Z'), tables: DEFAULT_TABLES };
const times = (rs: readonly { kind: string; at: Date }[]) => rs.map((r) => [r.kind, r.at.toISOString()]);

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
    const noNext = caseReminders(last, { ...ctx, tables: DEFAULT_TABLES.filter((t) => t.id === 'groningen-2023-10-19') }).find((r) => r.kind === 'deadline_passed');
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
    expect(caseReminders(after, ctx).map((r) => r.kind)).toEqual(['deadline', 'deadline', 'deadline']);
  });

  it('maandelijkse evaluatie van onplanbare zorg tot 6 maanden', () => {
    const c = walk([...TO_STAP5, ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Zuid', startdatum: '2023-08-31' }]]);
    const rs = caseReminders(c, ctx);
    expect(rs.map((r) => r.at.toISOString().slice(0, 10))).toEqual(['2023-09-30', '2023-10-31', '2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29']);
    expect(rs.every((r) => r.role === 'sleutelfiguur')).toBe(true);
    expect(rs.at(-1)?.message).toContain('Einde periode');
    expect(evaluationReminders(c, '2023-01-01', { ...REMINDER_POLICY, evaluationEveryMonths: 2 })).toHaveLength(3);
  });

  it('geen herinneringen zonder regio, tafel of in andere stappen', () => {
    expect(caseReminders(freshCase(), ctx)).toEqual([]);
    const c = walk(TO_AANGEMELD);
    expect(caseReminders(c, { ...ctx, tables: [] })).toEqual([]);
    const noRegion = walk([...TO_AKKOORD.slice(0, -1), ['voorwaarden.vastleggen', { regio: '' }]]);
    expect(caseReminders(noRegion, ctx)).toEqual([]);
    const noStart = { ...walk([...TO_STAP5, ['casuistiek.uitkomst', { uitkomst: 'tijdelijke_onplanbare_zorg', woonlocatie: 'Z', startdatum: '2023-09-01' }]]) };
    expect(caseReminders({ ...noStart, steps: { ...noStart.steps, stap5_afweging: {} } }, ctx)).toEqual([]);
  });

  it('heeft stabiele sleutels en filtert op een venster', () => {
    const c = walk(TO_AANGEMELD);
    const rs = caseReminders(c, ctx);
    expect(new Set(rs.map((r) => r.key)).size).toBe(rs.length);
    expect(rs[0]?.key).toBe('CAS-2023-0007:deadline:groningen-2023-10-19:2023-09-28');
    expect(dueReminders(rs, new Date('2023-09-28T07:00:00Z'), new Date('2023-10-05T07:00:00Z')).map((r) => r.at.toISOString())).toEqual([
      '2023-10-03T07:00:00.000Z',
      '2023-10-05T07:00:00.000Z',
    ]);
    expect(rs.find((r) => r.at.toISOString().startsWith('2023-10-05'))?.message).toContain('Vandaag');
  });
});
