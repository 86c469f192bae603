import { plainName } from '../../src/bot/context';
import { formatMoment } from '../../src/cards';

describe('tijdstippen op de kaarten', () => {
  it('schrijft een tijdstip in Amsterdamse tijd, ook rond de wisseling naar wintertijd', () => {
    expect(formatMoment('2026-10-25T00:59:59.999Z')).toBe('25 oktober 2026 om 02:59');
    expect(formatMoment('2026-10-25T01:00:00.000Z')).toBe('25 oktober 2026 om 02:00');
    expect(formatMoment('2026-07-01T10:15:00Z')).toBe('1 juli 2026 om 12:15');
  });

  it('elk tijdstip binnen dezelfde minuut leest hetzelfde, de volgende minuut niet', () => {
    const seen = ['2026-12-02T04:45:00.000Z', '2026-12-02T04:45:31.250Z', '2026-12-02T04:45:59.999Z'].map(formatMoment);
    expect(seen).toEqual(['2 december 2026 om 05:45', '2 december 2026 om 05:45', '2 december 2026 om 05:45']);
    expect(formatMoment('2026-12-02T04:46:00.000Z')).toBe('2 december 2026 om 05:46');
    expect(formatMoment('2026-12-02T04:45:10.000Z')).toBe('2 december 2026 om 05:45');
  });

  it('een onleesbaar tijdstip blijft een fout, hoe vaak ook gevraagd', () => {
    expect(() => formatMoment('geen datum')).toThrow(RangeError);
    expect(() => formatMoment('geen datum')).toThrow(RangeError);
  });
});

describe('namen uit Teams als platte tekst', () => {
  it('geeft voor dezelfde naam steeds hetzelfde, zonder opmaak of stuurtekens', () => {
    for (let i = 0; i < 3; i++) {
      expect(plainName('  <b>Anouk</b>\u200b  de   Vries\u0007 ')).toBe('bAnouk/b de Vries');
      expect(plainName('Ｐｉｅｔｅｒ')).toBe('Pieter');
    }
  });

  it('kort lange namen in en geeft Onbekend voor wat geen naam is', () => {
    expect(plainName('x'.repeat(300))).toBe('x'.repeat(100));
    expect(plainName('x'.repeat(300))).toBe('x'.repeat(100));
    expect(plainName('\u0000\u0001')).toBe('Onbekend');
    expect(plainName(42)).toBe('Onbekend');
    expect(plainName(undefined)).toBe('Onbekend');
  });
});
