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
  it('maakt en leest CAS-JJJJ-NNNN', () => {
    expect(formatCaseId(2023, 42)).toBe('CAS-2023-0042');
    expect(parseCaseId(' cas-2023-0042 ')).toBe('CAS-2023-0042');
    expect(parseCaseId('CAS-23-1')).toBeNull();
    expect(() => formatCaseId(1999, 1)).toThrow(RangeError);
    expect(() => formatCaseId(2023, 0)).toThrow(RangeError);
  });

  it('gebruikt het Amsterdamse jaar rond oudejaarsnacht', () => {
    expect(amsterdamYear(new Date('2023-12-31T22:59:59Z'))).toBe(2023);
    expect(amsterdamYear(new Date('2023-12-31T23:00:00Z'))).toBe(2024);
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
