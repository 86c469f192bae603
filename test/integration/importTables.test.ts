import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../../scripts/import-tables';
import { TableCalendarStore, openTables } from '../../src/storage';
import { testConnectionString, uniquePrefix } from '../support/storage';

describe('npm run tafels:import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tafels-'));
  const env = () => ({ STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() });

  it('importeert een CSV in de kalender van de tenant en vult de standaardtafels aan', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, 'regio;inleverdatum;overlegdatum\nTwente;7 maart 2027;21 maart 2027\nArnhem;2027-04-01;2027-04-15\n');
    const e = env();
    const r = await runImport(['--tenant', 'tenant-x', file], e, clock);
    expect(r).toEqual({ ok: true, lines: ['2 tafel(s) geïmporteerd voor tenant tenant-x; de kalender telt nu 7 tafel(s).'] });
    const tables = await openTables({ kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING }, e.TABLE_PREFIX);
    const stored = await new TableCalendarStore(tables.cases).read('tenant-x');
    expect(stored.tables.map((t) => t.id)).toContain('twente-2027-03-21');
    expect((await new TableCalendarStore(tables.cases).read('tenant-y')).etag).toBeNull();
  });

  it('importeert niets bij één foute regel en noemt die regel', async () => {
    const file = join(dir, 'fout.csv');
    writeFileSync(file, 'regio;inleverdatum;overlegdatum\nTwente;7 maart 2027;21 maart 2027\nArnhem;2027-04-31;2027-04-15\n');
    const e = env();
    const r = await runImport(['--tenant', 'tenant-x', file], e);
    expect(r.ok).toBe(false);
    expect(r.lines.join('\n')).toMatch(/Regel 3/);
    const tables = await openTables({ kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING }, e.TABLE_PREFIX);
    expect((await new TableCalendarStore(tables.cases).read('tenant-x')).etag).toBeNull();
  });

  const clock = { now: () => new Date('2026-12-02T10:00:00Z') };
  const stored = async (e: { STORAGE_CONNECTION_STRING: string; TABLE_PREFIX: string }, tenant: string) => {
    const tables = await openTables({ kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING }, e.TABLE_PREFIX);
    return (await new TableCalendarStore(tables.cases).read(tenant)).tables.map((t) => `${t.id}:${t.deadline}`).sort();
  };

  it('weigert een tafel die al geweest is en een andere inleverdatum voor een tafel die er al staat, met een regel per geweigerde regel; er wordt niets geïmporteerd', async () => {
    const e = env();
    const first = join(dir, 'eerst.csv');
    writeFileSync(first, 'regio;inleverdatum;overlegdatum\nTwente;7 maart 2027;21 maart 2027\n');
    expect((await runImport(['--tenant', 'tenant-x', first], e, clock)).ok).toBe(true);
    const before = await stored(e, 'tenant-x');
    const file = join(dir, 'geweigerd.csv');
    writeFileSync(
      file,
      'regio;inleverdatum;overlegdatum\nArnhem;2027-04-01;2027-04-15\n\nTwente;2020-03-07;2020-03-21\nTwente;14 maart 2027;21 maart 2027\n',
    );
    const r = await runImport(['--tenant', 'tenant-x', file], e, clock);
    console.log(
      `Import: 3 regels (1 nieuw, 1 al geweest, 1 met een andere inleverdatum) → ${r.ok ? 'geïmporteerd' : 'niets geïmporteerd'}; ${r.lines.length - 1} geweigerde regels genoemd`,
    );
    expect(r).toEqual({
      ok: false,
      lines: [
        'Niets geïmporteerd:',
        'Regel 4: Twente op 21 maart 2020 is al geweest; importeer alleen komende tafels.',
        'Regel 5: er staat al een tafel Twente op 21 maart 2027 (inleveren uiterlijk 7 maart 2027). Verwijder die eerst met /tafels als de inleverdatum anders is.',
      ],
    });
    expect(await stored(e, 'tenant-x')).toEqual(before);
  });

  it('hetzelfde bestand nog eens: de tafels die er al staan worden overgeslagen en genoemd, nieuwe regels toegevoegd', async () => {
    const e = env();
    const file = join(dir, 'twee-keer.csv');
    writeFileSync(file, 'regio;inleverdatum;overlegdatum\nTwente;7 maart 2027;21 maart 2027\n');
    await runImport(['--tenant', 'tenant-x', file], e, clock);
    writeFileSync(file, 'regio;inleverdatum;overlegdatum\nTwente;7 maart 2027;21 maart 2027\nZwolle;2027-05-06;2027-05-20\n');
    const r = await runImport(['--tenant', 'tenant-x', file], e, clock);
    expect(r).toEqual({
      ok: true,
      lines: [
        '1 tafel(s) geïmporteerd voor tenant tenant-x; de kalender telt nu 7 tafel(s).',
        'Regel 2: Twente op 21 maart 2027 staat al in de kalender; overgeslagen.',
      ],
    });
  });

  it('legt het gebruik uit zonder tenant of bestand', async () => {
    expect((await runImport([], env())).lines[0]).toContain('Gebruik: npm run tafels:import');
    expect((await runImport(['--tenant', 't', join(dir, 'bestaat-niet.csv')], env())).lines[0]).toContain('niet te lezen');
  });
});
