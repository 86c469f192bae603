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
    const r = await runImport(['--tenant', 'tenant-x', file], e);
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

  it('legt het gebruik uit zonder tenant of bestand', async () => {
    expect((await runImport([], env())).lines[0]).toContain('Gebruik: npm run tafels:import');
    expect((await runImport(['--tenant', 't', join(dir, 'bestaat-niet.csv')], env())).lines[0]).toContain('niet te lezen');
  });
});
