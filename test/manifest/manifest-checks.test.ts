import { ENV, filledManifest, firstBot, lib, makePng, readIcons } from './helpers';

const WHITE = [255, 255, 255, 255] as const;
const CLEAR = [0, 0, 0, 0] as const;

describe('eigen manifestcontroles', () => {
  it('weigert een RSC-permissie die niet op de toegestane lijst staat', () => {
    const manifest = filledManifest();
    manifest['authorization'] = {
      permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.All', type: 'Application' }] },
    };
    expect(lib.checkManifest(manifest, readIcons())).toEqual([
      expect.stringContaining('RSC-permissie "ChannelMessage.Read.All" staat niet op de toegestane lijst'),
    ]);
  });

  it('weigert een kleuricoon dat niet 192×192 is', () => {
    const icons = { ...readIcons(), 'color.png': makePng(96, 96, () => [14, 124, 134, 255]) };
    expect(lib.checkManifest(filledManifest(), icons)).toEqual(['icons.color: 96×96, verwacht 192×192']);
  });

  it('weigert een ontbrekend icoonbestand', () => {
    const { 'outline.png': _dropped, ...icons } = readIcons();
    expect(lib.checkManifest(filledManifest(), icons)).toEqual(['icons.outline: bestand "outline.png" ontbreekt']);
  });

  it('weigert een omtrekicoon met een dichte achtergrond', () => {
    const icons = { ...readIcons(), 'outline.png': makePng(32, 32, () => WHITE) };
    expect(lib.checkManifest(filledManifest(), icons)).toEqual(['icons.outline: achtergrond is niet transparant']);
  });

  it('weigert een omtrekicoon met gekleurde pixels', () => {
    const icons = { ...readIcons(), 'outline.png': makePng(32, 32, (x) => (x < 16 ? CLEAR : [0, 120, 212, 255])) };
    expect(lib.checkManifest(filledManifest(), icons)).toEqual(['icons.outline: 512 zichtbare pixels zijn niet wit']);
  });

  it('weigert een bestand dat geen PNG is als icoon', () => {
    const icons = { ...readIcons(), 'color.png': Buffer.from('<svg/>') };
    expect(lib.checkManifest(filledManifest(), icons)).toEqual(['icons.color: geen PNG-bestand']);
  });

  it('weigert 11 opdrachten in één scope', () => {
    const manifest = filledManifest();
    const list = firstBot(manifest).commandLists[0];
    for (let i = 0; list && list.commands.length < 11; i++) list.commands.push({ title: `extra${i}`, description: 'x' });
    const problems = lib.checkManifest(manifest, readIcons());
    expect(problems).toContain('bots[0] scope team: 11 opdrachten, maximaal 10');
    expect(problems).toHaveLength(1);
  });

  it('telt opdrachten per scope over alle opdrachtlijsten heen en weigert dubbele titels', () => {
    const manifest = filledManifest();
    firstBot(manifest).commandLists.push({ scopes: ['personal'], commands: [{ title: 'Help', description: 'nogmaals' }] });
    expect(lib.checkManifest(manifest, readIcons())).toEqual(['bots[0] scope personal: opdracht "help" staat er dubbel in']);
  });

  it('weigert een URL waarvan de host niet in validDomains staat', () => {
    const manifest = filledManifest();
    (manifest['configurableTabs'] as Record<string, string>[])[0]!['configurationUrl'] = 'https://elders.example.org/tab/config';
    expect(lib.checkManifest(manifest, readIcons())).toEqual([
      '.configurableTabs[0].configurationUrl: host "elders.example.org" staat niet in validDomains',
    ]);
  });

  it('weigert een http-URL', () => {
    const manifest = filledManifest();
    (manifest['developer'] as Record<string, string>)['websiteUrl'] = `http://${ENV.PUBLIC_HOSTNAME}/`;
    expect(lib.checkManifest(manifest, readIcons())).toEqual([
      `.developer.websiteUrl: "http://${ENV.PUBLIC_HOSTNAME}/" moet https gebruiken`,
    ]);
  });

  it('weigert een validDomain met poort of schema', () => {
    const manifest = filledManifest();
    manifest['validDomains'] = [ENV.PUBLIC_HOSTNAME, 'localhost:3978'];
    expect(lib.checkManifest(manifest, readIcons())).toEqual(['validDomains: "localhost:3978" mag geen schema, poort of pad bevatten']);
  });

  it('accepteert een wildcard-domein in validDomains', () => {
    const manifest = filledManifest();
    manifest['validDomains'] = ['*.azurewebsites.net'];
    expect(lib.checkManifest(manifest, readIcons())).toEqual([]);
  });

  it('weigert ids die geen GUID zijn', () => {
    const manifest = filledManifest();
    manifest['id'] = 'escaleer';
    expect(lib.checkManifest(manifest, readIcons())).toEqual(['.id: "escaleer" is geen GUID']);
  });

  it('weigert een niet-ingevulde placeholder', () => {
    const manifest = filledManifest();
    (manifest['name'] as Record<string, string>)['full'] = 'Escaleer {{OMGEVING}}';
    expect(lib.checkManifest(manifest, readIcons())).toEqual(['.name.full: placeholder niet ingevuld']);
  });

  it('weigert een opdrachtlijst voor een scope waarin de bot niet beschikbaar is', () => {
    const manifest = filledManifest();
    firstBot(manifest).commandLists.push({ scopes: ['groupChat'], commands: [{ title: 'help', description: 'x' }] });
    expect(lib.checkManifest(manifest, readIcons())).toEqual([
      'bots[0]: opdrachtlijst voor scope groupChat, maar de bot is daar niet beschikbaar',
    ]);
  });

  it('eist precies manifest.json, color.png en outline.png in het pakket', () => {
    expect(lib.checkPackageEntries(['outline.png', 'manifest.json', 'color.png'])).toEqual([]);
    expect(lib.checkPackageEntries(['manifest.json', 'color.png'])).toHaveLength(1);
    expect(lib.checkPackageEntries(['manifest.json', 'color.png', 'outline.png', 'notes.txt'])).toHaveLength(1);
    expect(lib.checkPackageEntries(['app/manifest.json', 'color.png', 'outline.png'])).toHaveLength(1);
  });
});

describe('instellingen uit de omgeving', () => {
  it('haalt de poort weg voor validDomains maar houdt hem in URLs', () => {
    expect(lib.normalizeHost('localhost:3978')).toEqual({ host: 'localhost:3978', domain: 'localhost' });
    expect(lib.normalizeHost('https://Escaleer.azurewebsites.net/')).toEqual({
      host: 'escaleer.azurewebsites.net',
      domain: 'escaleer.azurewebsites.net',
    });
  });

  it('weigert een hostnaam met pad of rare tekens', () => {
    expect(() => lib.normalizeHost('escaleer.example/tab')).toThrow(/geen hostnaam/);
    expect(() => lib.normalizeHost('escaleer example')).toThrow(/geen hostnaam/);
  });

  it('weigert een app-id die geen GUID is en een ongeldige versie', () => {
    expect(() => lib.resolveSettings({ ...ENV, MICROSOFT_APP_ID: 'bot' })).toThrow(/MICROSOFT_APP_ID "bot" is geen GUID/);
    expect(() => lib.resolveSettings({ ...ENV, APP_VERSION: 'v1' })).toThrow(/APP_VERSION/);
  });

  it('gebruikt zonder omgeving duidelijk nep-demowaarden, of weigert met requireEnv', () => {
    const s = lib.resolveSettings({}, { packageVersion: '0.1.0' });
    expect(s).toMatchObject({ botAppId: lib.DEMO.appId, host: 'localhost:3978', version: '0.1.0' });
    expect(s.usedDefaults).toEqual(['MICROSOFT_APP_ID', 'PUBLIC_HOSTNAME']);
    expect(() => lib.resolveSettings({}, { requireEnv: true })).toThrow(/MICROSOFT_APP_ID, PUBLIC_HOSTNAME/);
  });
});
