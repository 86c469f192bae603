import { BSN_MESSAGE, findBsn, freeTextProblem, passesElfproef } from '../../../src/domain';

describe('BSN-herkenning (elfproef)', () => {
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['123456789', false],
    ['000000000', false],
    ['12345678', false],
  ])('elfproef %s → %s', (digits, expected) => {
    expect(passesElfproef(digits)).toBe(expected);
  });

  it.each([
    ['BSN 123456782 in dossier', '123456782'],
    ['nummer 123 456 782', '123456782'],
    ['1234.56.782', '123456782'],
    ['12-34-56-782', '123456782'],
    ['op 12-03 2024 111222333', '111222333'],
  ])('vindt een BSN in "%s"', (text, bsn) => {
    expect(findBsn(text)).toBe(bsn);
  });

  it.each([
    ['cliëntnummer 123456789'],
    ['Zorgadvies 088 222 42 42'],
    ['1234567820 (tien cijfers)'],
    ['datum 2023-10-05'],
    ['geen cijfers'],
  ])('ziet "%s" niet als BSN', (text) => {
    expect(findBsn(text)).toBeNull();
  });

  it('geeft een Nederlandse melding voor BSN en lengte', () => {
    expect(freeTextProblem('bsn 111222333')).toBe(BSN_MESSAGE);
    expect(BSN_MESSAGE).toMatch(/^Dit lijkt op een BSN/);
    expect(freeTextProblem('x'.repeat(11), 10)).toBe('Maximaal 10 tekens.');
    expect(freeTextProblem('x'.repeat(1001))).toBe('Maximaal 1000 tekens.');
    expect(freeTextProblem('zie dossier')).toBeNull();
  });
});
