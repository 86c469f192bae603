import { ENV, filledManifest, lib, readIcons, readTemplate } from './helpers';

describe('Teams-manifest', () => {
  it('voldoet offline aan het JSON-schema van de gedeclareerde manifestversie', async () => {
    const manifest = filledManifest();
    expect(manifest['manifestVersion']).toBe('1.22');
    expect(String(manifest['$schema'])).toContain('/v1.22/');
    await expect(lib.validateSchema(manifest)).resolves.toEqual([]);
  });

  it('voldoet ook met de demowaarden voor lokaal gebruik (localhost met poort)', async () => {
    const manifest = filledManifest({});
    await expect(lib.validateSchema(manifest)).resolves.toEqual([]);
    expect(lib.checkManifest(manifest, readIcons())).toEqual([]);
    expect(manifest['validDomains']).toEqual(['localhost']);
  });

  it('het schema keurt een manifest zonder verplichte velden echt af', async () => {
    const manifest = filledManifest();
    delete manifest['developer'];
    const errors = await lib.validateSchema(manifest);
    expect(errors.join('\n')).toContain("required property 'developer'");
  });

  it('doorstaat onze eigen controles', () => {
    expect(lib.checkManifest(filledManifest(), readIcons())).toEqual([]);
  });

  it('bevat geen vaste ids of hostnamen: alles komt uit placeholders', () => {
    const text = JSON.stringify(readTemplate());
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toMatch(/azurewebsites|localhost/);
    expect(text).toContain('{{BOT_APP_ID}}');
    expect(text).toContain('{{HOST}}');
  });

  it('biedt de bot in het team met alle opdrachten en persoonlijk alleen met help; niet in groepschats (daar werkt niets)', () => {
    const manifest = filledManifest();
    const bots = manifest['bots'] as {
      botId: string;
      scopes: string[];
      commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
    }[];
    expect(bots).toHaveLength(1);
    expect(bots[0]?.botId).toBe(ENV.MICROSOFT_APP_ID);
    expect(bots[0]?.scopes.sort()).toEqual(['personal', 'team']);
    const perScope = (scope: string) =>
      bots[0]?.commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    expect(perScope('team')).toEqual(['escaleer', 'status', 'tafels', 'instellingen', 'help']);
    expect(perScope('personal')).toEqual(['help']);
    expect(perScope('groupChat')).toEqual([]);
  });

  it("wijst de privacy- en gebruiksvoorwaarden naar de pagina's van de bot, of naar DEVELOPER_*-adressen van de organisatie", () => {
    const host = ENV.PUBLIC_HOSTNAME;
    expect(filledManifest()['developer']).toEqual({
      name: 'Escaleer',
      websiteUrl: `https://${host}/`,
      privacyUrl: `https://${host}/privacy`,
      termsOfUseUrl: `https://${host}/voorwaarden`,
    });
    const own = {
      ...ENV,
      DEVELOPER_NAME: 'Zorggroep Noord',
      DEVELOPER_WEBSITE_URL: 'https://www.zorggroep-noord.example/',
      DEVELOPER_PRIVACY_URL: 'https://www.zorggroep-noord.example/privacy',
      DEVELOPER_TERMS_URL: 'https://www.zorggroep-noord.example/voorwaarden',
    };
    const manifest = filledManifest(own);
    expect(manifest['developer']).toEqual({
      name: 'Zorggroep Noord',
      websiteUrl: 'https://www.zorggroep-noord.example/',
      privacyUrl: 'https://www.zorggroep-noord.example/privacy',
      termsOfUseUrl: 'https://www.zorggroep-noord.example/voorwaarden',
    });
    // Links that open in the browser need not be in validDomains.
    expect(lib.checkManifest(manifest, readIcons())).toEqual([]);
    expect(manifest['validDomains']).toEqual([host]);
  });

  it('weigert een developer-URL zonder https of een te lange naam', () => {
    expect(() => lib.resolveSettings({ ...ENV, DEVELOPER_PRIVACY_URL: 'http://www.example.org/privacy' })).toThrow(
      /DEVELOPER_PRIVACY_URL .* moet met https:\/\/ beginnen/,
    );
    expect(() => lib.resolveSettings({ ...ENV, DEVELOPER_TERMS_URL: 'voorwaarden' })).toThrow(
      /DEVELOPER_TERMS_URL "voorwaarden" is geen URL/,
    );
    expect(() => lib.resolveSettings({ ...ENV, DEVELOPER_NAME: 'Stichting Zorg en Welzijn Regio Noord-Oost' })).toThrow(
      /langer dan 32 tekens/,
    );
  });

  it('vraagt RSC ChannelMessage.Read.Group zodat de bot /escaleer zonder vermelding hoort', () => {
    const auth = filledManifest()['authorization'] as { permissions: { resourceSpecific: { name: string; type: string }[] } };
    expect(auth.permissions.resourceSpecific).toEqual([{ name: 'ChannelMessage.Read.Group', type: 'Application' }]);
  });

  it('heeft het dashboard als configureerbaar teamtabblad en SSO-gegevens bij de host', () => {
    const manifest = filledManifest();
    const host = ENV.PUBLIC_HOSTNAME;
    expect(manifest['configurableTabs']).toEqual([
      expect.objectContaining({ configurationUrl: `https://${host}/tab/config`, scopes: ['team'] }),
    ]);
    expect(manifest['validDomains']).toEqual([host]);
    expect(manifest['webApplicationInfo']).toEqual({
      id: ENV.MICROSOFT_APP_ID,
      resource: `api://${host}/${ENV.MICROSOFT_APP_ID}`,
    });
  });

  it('gebruikt TEAMS_APP_ID en TAB_SSO_APP_ID als die gezet zijn', () => {
    const teams = 'a1b2c3d4-0000-4000-8000-000000000001';
    const sso = 'a1b2c3d4-0000-4000-8000-000000000002';
    const manifest = filledManifest({ ...ENV, TEAMS_APP_ID: teams, TAB_SSO_APP_ID: sso });
    expect(manifest['id']).toBe(teams);
    expect((manifest['webApplicationInfo'] as { id: string }).id).toBe(sso);
    expect(lib.checkManifest(manifest, readIcons())).toEqual([]);
  });
});
