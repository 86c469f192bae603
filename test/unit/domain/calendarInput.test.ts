import { mergeTables, parseCalendarCsv, parseDutchDate, planCalendarImport, tableFromInput } from '../../../src/domain';

describe('tafeldata invoeren', () => {
  it.each([
    ['2024-03-07', '2024-03-07'],
    ['7-3-2024', '2024-03-07'],
    ['07/03/2024', '2024-03-07'],
    ['7 maart 2024', '2024-03-07'],
    [' 29 Februari 2024 ', '2024-02-29'],
  ])('leest %s als %s', (input, iso) => expect(parseDutchDate(input)).toBe(iso));

  it.each(['2023-02-29', '31-4-2024', '7 maa 2024', 'morgen', '', '2024/03/07'])('weigert %s', (input) =>
    expect(parseDutchDate(input)).toBeNull(),
  );

  it('maakt een tafel met een id van regio en overlegdatum', () => {
    expect(tableFromInput({ region: ' groningen ', deadline: '5 oktober 2023', meeting: '19-10-2023' })).toEqual({
      ok: true,
      value: { id: 'groningen-2023-10-19', region: 'Groningen', deadline: '2023-10-05', meeting: '2023-10-19' },
    });
  });

  it('weigert een inleverdatum na het overleg en een lege regio, per veld', () => {
    const r = tableFromInput({ region: '', deadline: '2024-03-22', meeting: '2024-03-21' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.error).sort()).toEqual(['inleverdatum', 'regio']);
    const html = tableFromInput({ region: '<script>', deadline: '2024-03-01', meeting: '2024-03-21' });
    expect(html.ok).toBe(false);
  });

  it('leest een CSV zoals Excel hem schrijft (puntkomma, BOM, kolommen in andere volgorde)', () => {
    const csv = '\uFEFFOverlegdatum;Regio;Inleverdatum\r\n21 maart 2024;Twente;7 maart 2024\r\n2024-04-18;Arnhem;2024-04-04\r\n';
    const r = parseCalendarCsv(csv);
    expect(r).toEqual({
      ok: true,
      value: [
        { id: 'twente-2024-03-21', region: 'Twente', deadline: '2024-03-07', meeting: '2024-03-21' },
        { id: 'arnhem-2024-04-18', region: 'Arnhem', deadline: '2024-04-04', meeting: '2024-04-18' },
      ],
    });
  });

  it('importeert alles of niets en noemt de regelnummers', () => {
    const r = parseCalendarCsv(
      'regio,inleverdatum,overlegdatum\nTwente,7-3-2024,21-3-2024\nArnhem,gisteren,18-4-2024\nTwente,7-3-2024,21-3-2024\n',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error[0]).toMatch(/^Regel 3:/);
      expect(r.error).toContain('Regel 4: dubbele tafel, dezelfde als regel 2 (Twente op 21 maart 2024).');
    }
    expect(parseCalendarCsv('')).toEqual({ ok: false, error: ['Het bestand is leeg.'] });
    expect(parseCalendarCsv('naam;datum\n')).toEqual({
      ok: false,
      error: ['De eerste regel moet de kolommen regio, inleverdatum en overlegdatum noemen.'],
    });
    expect(parseCalendarCsv('regio;inleverdatum;overlegdatum\n')).toEqual({ ok: false, error: ['Er staan geen tafels in het bestand.'] });
  });

  it('noemt de echte regelnummers, ook na lege regels', () => {
    const r = parseCalendarCsv('regio;inleverdatum;overlegdatum\n\nTwente;7-3-2024;21-3-2024\n\nArnhem;x;18-4-2024\n');
    expect(r).toEqual({ ok: false, error: [expect.stringMatching(/^Regel 5:/)] });
  });

  describe('import tegen de huidige kalender (dezelfde regels als de kaart)', () => {
    const twente = { id: 'twente-2027-03-21', region: 'Twente', deadline: '2027-03-07', meeting: '2027-03-21' } as const;
    const header = 'regio;inleverdatum;overlegdatum\n';

    it('weigert een tafel die al geweest is en een andere inleverdatum voor een tafel die er al staat, met een regel per geweigerde regel; niets wordt toegevoegd', () => {
      const r = planCalendarImport(
        `${header}Arnhem;2027-04-01;2027-04-15\nTwente;2020-03-07;2020-03-21\nTwente;14-3-2027;21-3-2027\n`,
        [twente],
        '2026-12-02',
      );
      expect(r).toEqual({
        ok: false,
        error: [
          'Regel 3: Twente op 21 maart 2020 is al geweest; importeer alleen komende tafels.',
          'Regel 4: er staat al een tafel Twente op 21 maart 2027 (inleveren uiterlijk 7 maart 2027). Verwijder die eerst met /tafels als de inleverdatum anders is.',
        ],
      });
    });

    it('laat dezelfde tafel nog eens weg en meldt dat; voegt de rest toe', () => {
      const r = planCalendarImport(`${header}Twente;7 maart 2027;21 maart 2027\nArnhem;2027-04-01;2027-04-15\n`, [twente], '2026-12-02');
      expect(r).toEqual({
        ok: true,
        value: {
          add: [{ id: 'arnhem-2027-04-15', region: 'Arnhem', deadline: '2027-04-01', meeting: '2027-04-15' }],
          skipped: ['Regel 2: Twente op 21 maart 2027 staat al in de kalender; overgeslagen.'],
        },
      });
    });

    it('een tafel van vandaag is nog niet geweest', () => {
      const r = planCalendarImport(`${header}Zwolle;2026-11-20;2026-12-02\n`, [], '2026-12-02');
      expect(r.ok && r.value.add.map((t) => t.id)).toEqual(['zwolle-2026-12-02']);
    });
  });

  it('voegt tafels toe en vervangt een tafel met hetzelfde id', () => {
    const a = { id: 'x-2024-01-01', region: 'X', deadline: '2023-12-20', meeting: '2024-01-01' };
    const b = { ...a, deadline: '2023-12-18' };
    expect(mergeTables([a], [b])).toEqual([b]);
  });
});
