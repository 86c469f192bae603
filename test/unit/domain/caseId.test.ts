import {
  BW_MAIL,
  FINANCIERS,
  OPSCHALINGSAANBOD,
  SIEM_CONTACT_URL,
  amsterdamYear,
  formatCaseId,
  parseCaseId,
  stepOf,
} from '../../../src/domain';

describe('casusnummers', () => {
  it('maakt CAS-JJJJ-NNNN met voorloopnullen', () => {
    expect(formatCaseId(2023, 42)).toBe('CAS-2023-0042');
    expect(formatCaseId(2026, 7)).toBe('CAS-2026-0007');
    expect(formatCaseId(2026, 12345)).toBe('CAS-2026-12345');
  });

  it('weigert onzinnige jaren en volgnummers', () => {
    expect(() => formatCaseId(1999, 1)).toThrow(RangeError);
    expect(() => formatCaseId(2023, 0)).toThrow(RangeError);
    expect(() => formatCaseId(2026, 0)).toThrow(RangeError);
    expect(() => formatCaseId(2026, 1.5)).toThrow(RangeError);
  });

  it('leest nummers uit gebruikersinvoer, ook in kleine letters', () => {
    expect(parseCaseId(' cas-2023-0042 ')).toBe('CAS-2023-0042');
    expect(parseCaseId(' cas-2026-0042 ')).toBe('CAS-2026-0042');
    expect(parseCaseId('CAS-23-1')).toBeNull();
    expect(parseCaseId('CAS-2026-42')).toBeNull();
    expect(parseCaseId('CAS-2026-0042; DROP')).toBeNull();
    expect(parseCaseId('CAS-0000-0000')).toBeNull();
    expect(parseCaseId('CAS-2026-0000')).toBeNull();
    expect(parseCaseId('CAS-9999-999999')).toBe('CAS-9999-999999');
  });

  it('gebruikt het jaar in Europe/Amsterdam rond de jaarwisseling', () => {
    expect(amsterdamYear(new Date('2023-12-31T22:59:59Z'))).toBe(2023);
    expect(amsterdamYear(new Date('2023-12-31T23:00:00Z'))).toBe(2024);
    expect(amsterdamYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
    expect(amsterdamYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });
});

describe('contactgegevens en keuzelijsten uit de bronteksten', () => {
  it('noemt de adressen van Siem en Menzis in de stappen', () => {
    expect(BW_MAIL).toBe('BW@metsiem.nl');
    expect(stepOf('stap3_teamleider')?.instructions.join(' ')).toContain(SIEM_CONTACT_URL);
    expect(stepOf('contact_adviseur')?.instructions.join(' ')).toContain('ziawlz@menzis.nl');
    expect(stepOf('cirkel3')?.instructions.join(' ')).toContain('088 222 42 42');
    expect(stepOf('crisis')?.instructions.join(' ')).toContain('crisisregeling of de zorgconferentie');
    expect(OPSCHALINGSAANBOD.map((o) => o.label)).toEqual(['RET', 'MET', 'C&V', 'Verstevigingsteam']);
    expect(FINANCIERS.map((o) => o.label)).toEqual(['Wlz', 'Zvw', 'Forensisch', 'Verlengde jeugdzorg', 'Levensloopaanpak']);
  });
});
