import { amsterdamYear, formatCaseId, parseCaseId } from '../../src/domain';

describe('casusnummers', () => {
  it('maakt CAS-JJJJ-NNNN met voorloopnullen', () => {
    expect(formatCaseId(2026, 7)).toBe('CAS-2026-0007');
    expect(formatCaseId(2026, 12345)).toBe('CAS-2026-12345');
  });

  it('weigert onzinnige jaren en volgnummers', () => {
    expect(() => formatCaseId(1999, 1)).toThrow(RangeError);
    expect(() => formatCaseId(2026, 0)).toThrow(RangeError);
    expect(() => formatCaseId(2026, 1.5)).toThrow(RangeError);
  });

  it('leest nummers uit gebruikersinvoer, ook in kleine letters', () => {
    expect(parseCaseId(' cas-2026-0042 ')).toBe('CAS-2026-0042');
    expect(parseCaseId('CAS-2026-42')).toBeNull();
    expect(parseCaseId('CAS-2026-0042; DROP')).toBeNull();
    expect(parseCaseId('CAS-0000-0000')).toBeNull();
    expect(parseCaseId('CAS-2026-0000')).toBeNull();
    expect(parseCaseId('CAS-9999-999999')).toBe('CAS-9999-999999');
  });

  it('gebruikt het jaar in Europe/Amsterdam rond de jaarwisseling', () => {
    expect(amsterdamYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
    expect(amsterdamYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });
});
