import {
  DEFAULT_TABLES,
  type RegionalTable,
  addDays,
  addMonths,
  addWorkingDays,
  amsterdamDate,
  amsterdamInstant,
  deadlinePassed,
  describeTable,
  endOfAmsterdamDay,
  feasibleTables,
  findTable,
  formatDutchDate,
  isCivilDate,
  isWorkingDay,
  nextFeasibleTable,
  regionsOf,
  rollOver,
} from '../../../src/domain';

const table = (id: string): RegionalTable => {
  const t = findTable(DEFAULT_TABLES, id);
  if (!t) throw new Error(id);
  return t;
};

describe('regionale tafels 2023', () => {
  it('levert de kalender uit het stappenplan letterlijk mee', () => {
    expect(DEFAULT_TABLES.map((t) => [t.region, t.deadline, t.meeting])).toEqual([
      ['Groningen', '2023-10-05', '2023-10-19'],
      ['Twente', '2023-10-26', '2023-11-09'],
      ['Arnhem', '2023-11-09', '2023-11-23'],
      ['Groningen', '2023-11-30', '2023-12-14'],
      ['Twente', '2023-12-22', '2024-01-04'],
    ]);
    expect(regionsOf(DEFAULT_TABLES)).toEqual(['Arnhem', 'Groningen', 'Twente']);
  });

  it('de inleverdatum geldt tot en met 23:59:59.999 Amsterdamse tijd (zomertijd)', () => {
    const t = table('groningen-2023-10-19');
    expect(deadlinePassed(t, new Date('2023-10-05T21:59:59.999Z'))).toBe(false);
    expect(deadlinePassed(t, new Date('2023-10-05T22:00:00.000Z'))).toBe(true);
  });

  it('de inleverdatum geldt tot en met 23:59:59.999 Amsterdamse tijd (wintertijd)', () => {
    const t = table('twente-2024-01-04');
    expect(deadlinePassed(t, new Date('2023-12-22T22:59:59.999Z'))).toBe(false);
    expect(deadlinePassed(t, new Date('2023-12-22T23:00:00.000Z'))).toBe(true);
  });

  it('een inleverdatum op de dag van de wintertijdovergang duurt 25 uur', () => {
    const t: RegionalTable = { id: 'x', region: 'Test', deadline: '2023-10-29', meeting: '2023-11-09' };
    expect(endOfAmsterdamDay('2023-10-29').toISOString()).toBe('2023-10-29T22:59:59.999Z');
    expect(deadlinePassed(t, new Date('2023-10-29T22:30:00Z'))).toBe(false);
    expect(endOfAmsterdamDay('2023-10-28').getTime() - endOfAmsterdamDay('2023-10-27').getTime()).toBe(24 * 3600_000);
    expect(endOfAmsterdamDay('2023-10-29').getTime() - endOfAmsterdamDay('2023-10-28').getTime()).toBe(25 * 3600_000);
  });

  it('een inleverdatum op de dag van de zomertijdovergang duurt 23 uur', () => {
    expect(endOfAmsterdamDay('2023-03-26').toISOString()).toBe('2023-03-26T21:59:59.999Z');
    expect(endOfAmsterdamDay('2023-03-26').getTime() - endOfAmsterdamDay('2023-03-25').getTime()).toBe(23 * 3600_000);
  });

  it('kiest per regio de eerstvolgende haalbare tafel', () => {
    const now = new Date('2023-10-05T22:00:00Z');
    expect(nextFeasibleTable(DEFAULT_TABLES, 'Groningen', now)?.id).toBe('groningen-2023-12-14');
    expect(nextFeasibleTable(DEFAULT_TABLES, 'Groningen', new Date('2023-10-05T21:00:00Z'))?.id).toBe('groningen-2023-10-19');
    expect(nextFeasibleTable(DEFAULT_TABLES, 'Arnhem', new Date('2023-11-10T12:00:00Z'))).toBeNull();
    expect(feasibleTables(DEFAULT_TABLES, new Date('2023-12-01T00:00:00Z')).map((t) => t.id)).toEqual(['twente-2024-01-04']);
  });

  it('schuift een aanmelding door naar de volgende tafel van dezelfde regio, of naar geen', () => {
    const later = new Date('2023-10-06T08:00:00Z');
    expect(rollOver(DEFAULT_TABLES, table('groningen-2023-10-19'), later)?.id).toBe('groningen-2023-12-14');
    expect(rollOver(DEFAULT_TABLES, table('groningen-2023-12-14'), new Date('2023-12-01T08:00:00Z'))).toBeNull();
    expect(rollOver(DEFAULT_TABLES, table('arnhem-2023-11-23'), later)).toBeNull();
  });

  it('beschrijft een tafel in het Nederlands', () => {
    expect(describeTable(table('twente-2023-11-09'))).toBe('Twente, overleg 9 november 2023 (inleveren uiterlijk 26 oktober 2023)');
  });
});

describe('Amsterdamse kalenderrekenkunde', () => {
  it('bepaalt de Amsterdamse datum rond middernacht', () => {
    expect(amsterdamDate(new Date('2023-10-05T21:59:59Z'))).toBe('2023-10-05');
    expect(amsterdamDate(new Date('2023-10-05T22:00:00Z'))).toBe('2023-10-06');
    expect(amsterdamDate(new Date('2023-12-31T23:00:00Z'))).toBe('2024-01-01');
  });

  it('rekent lokale tijden om, ook in het overgesprongen en het dubbele uur', () => {
    expect(amsterdamInstant('2023-07-01', 9).toISOString()).toBe('2023-07-01T07:00:00.000Z');
    expect(amsterdamInstant('2023-01-02', 9).toISOString()).toBe('2023-01-02T08:00:00.000Z');
    expect(amsterdamInstant('2023-03-26', 2, 30).toISOString()).toBe('2023-03-26T01:30:00.000Z');
    expect(amsterdamInstant('2023-10-29', 2, 30).toISOString()).toBe('2023-10-29T00:30:00.000Z');
  });

  it('geeft bij elke omrekening een eigen tijdstip: een gewijzigd resultaat verandert de volgende niet', () => {
    const first = amsterdamInstant('2023-03-26', 2, 30);
    first.setTime(0);
    expect(amsterdamInstant('2023-03-26', 2, 30).toISOString()).toBe('2023-03-26T01:30:00.000Z');
    expect(endOfAmsterdamDay('2023-10-29').toISOString()).toBe('2023-10-29T22:59:59.999Z');
    expect(endOfAmsterdamDay('2023-10-29').toISOString()).toBe('2023-10-29T22:59:59.999Z');
  });

  it('een ongeldige datum blijft ongeldig, ook na een eerdere poging', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => amsterdamInstant('2023-02-29', 9)).toThrow(RangeError);
  });

  it('telt werkdagen van maandag tot en met vrijdag', () => {
    expect(isWorkingDay('2023-10-07')).toBe(false);
    expect(addWorkingDays('2023-10-09', -2)).toBe('2023-10-05');
    expect(addWorkingDays('2023-10-06', 1)).toBe('2023-10-09');
    expect(addWorkingDays('2023-10-06', 0)).toBe('2023-10-06');
  });

  it('telt maanden op met afkappen naar het einde van de maand', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-09-12', 6)).toBe('2024-03-12');
  });

  it('controleert datums en schrijft ze in het Nederlands', () => {
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2023-02-29')).toBe(false);
    expect(isCivilDate('5 oktober')).toBe(false);
    expect(() => addMonths('nope', 1)).toThrow(RangeError);
    expect(formatDutchDate('2023-10-05')).toBe('5 oktober 2023');
  });
});
