import { BSN_MESSAGE, findBsn, freeTextProblem, passesElfproef } from '../../../src/domain';

describe('BSN-herkenning (elfproef)', () => {
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['012345672', true],
    ['123456789', false],
    ['000000000', false],
    ['12345678', false],
  ])('elfproef %s → %s', (digits, expected) => {
    expect(passesElfproef(digits)).toBe(expected);
  });

  it.each([
    ['zonder scheiding', 'BSN 123456782 in dossier', '123456782'],
    ['met enkele spaties', 'nummer 123 456 782', '123456782'],
    ['met punten', '1234.56.782', '123456782'],
    ['met punten per twee cijfers', '12.34.56.782', '123456782'],
    ['met streepjes', '12-34-56-782', '123456782'],
    ['met schuine strepen', '111/222/333', '111222333'],
    ['met lage streepjes', '111_222_333', '111222333'],
    ['met komma’s zonder spatie', '111,222,333', '111222333'],
    ['met dubbele spaties', '111  222  333', '111222333'],
    ['met tabs', '111\t222\t333', '111222333'],
    ['met harde spaties', '111\u00A0222\u00A0333', '111222333'],
    ['met smalle harde spaties', '111\u202F222\u202F333', '111222333'],
    ['met en-streepjes', '111\u2013222\u2013333', '111222333'],
    ['met em-streepjes', '111\u2014222\u2014333', '111222333'],
    ['met mintekens', '111\u2212222\u2212333', '111222333'],
    ['met een mix van scheidingstekens', '111 - 222 . 333', '111222333'],
    ['met zero-width spaces', '111\u200B222\u200B333', '111222333'],
    ['met zachte afbreekstreepjes', '111\u00AD222\u00AD333', '111222333'],
    ['verdeeld over regels', '111\n222\r\n333', '111222333'],
    ['met een RTL-override in het nummer', '111\u202E222\u202C333', '111222333'],
    ['in fullwidth cijfers', '\uFF11\uFF11\uFF11 \uFF12\uFF12\uFF12 \uFF13\uFF13\uFF13', '111222333'],
    ['in Arabisch-Indische cijfers', '\u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663', '111222333'],
    ['in Perzische cijfers', '\u06F1\u06F1\u06F1\u06F2\u06F2\u06F2\u06F3\u06F3\u06F3', '111222333'],
    ['van acht cijfers (voorloopnul weggevallen)', 'bsn 12345672', '012345672'],
    ['van acht cijfers in groepen', '1234 5672', '012345672'],
    ['van acht cijfers met het label BSN ervoor', 'BSN-12345672', '012345672'],
    ['na een datum', 'op 12-03 2024 111222333', '111222333'],
    ['direct na een datum met streepjes', '01-12-2026 123456782', '123456782'],
    ['direct na een telefoonnummer', '+31 6 12345671 / 123 456 782', '123456782'],
  ])('weigert een BSN %s', (_form, text, bsn) => {
    expect(findBsn(text)).toBe(bsn);
    expect(freeTextProblem(text)).toBe(BSN_MESSAGE);
  });

  it.each([
    ['een mobiel nummer met +31', '+31 6 12345671'],
    ['een mobiel nummer met +31 in groepen', '+31 612 345 671'],
    ['een mobiel nummer met +31 (0)', '+31 (0)612 345 671'],
    ['een mobiel nummer met 0031', '0031 612 345 671'],
    ['een mobiel nummer met 06', '06-12345671'],
    ['een vast nummer', 'Zorgadvies 088 222 42 42'],
    ['een datum jjjj-mm-dd', '2026-01-06'],
    ['een datum dd-mm-jjjj', '12-01-2026'],
    ['een datum dd/mm/jjjj', '12/01/2026'],
    ['een datum dd.mm.jjjj', '12.01.2026'],
    ['een datum met voorloopnul (acht cijfers)', '01-12-2026'],
    ['een datum in tekst', 'datum 2023-10-05'],
    ['een datum die niet bestaat', '2023-02-30'],
    ['een datum met tijd', '12-01-2026 10.00'],
    ['twee tijden', '10.00 17.00'],
    ['een tijdvak', '10.00-17.00'],
    ['bedragen', '18.250,00 19.300,50'],
    ['een reeks jaren', '2008-2009'],
    ['een schooljaar', 'schooljaar 2008/2009'],
    ['een casusnummer', 'CAS-2026-0003'],
    ['een casusnummer met vijf cijfers', 'zie cas-2026-10007'],
    ['een opsomming met komma en spatie', 'kamers 14, 15, 16, 100'],
    ['losse cijfers', '1 2 3 4 5 6 7 8 2'],
    ['acht cijfers in een kenmerk', 'ECD-12345672'],
    ['een AGB-code', 'AGB-code 12345672'],
    ['een KvK-nummer', 'KvK-nummer: 12345672'],
    ['acht cijfers met voorloopnul', '01234560'],
    ['negen cijfers zonder elfproef', 'cliëntnummer 123456789'],
    ['tien cijfers', '1234567820 (tien cijfers)'],
    ['tekst zonder cijfers', 'geen cijfers'],
  ])('ziet %s niet als BSN', (_form, text) => {
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
