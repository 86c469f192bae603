import { type E2e, startE2e } from '../support/app';
import { CaseDriver, DEMO, type DemoUser } from '../support/caseDriver';
import { cardText, inputIds } from '../support/playgroundClient';
import { sevenConditions } from '../support/routeWalk';

const TEAMLEIDERS = '19:zorgteam-noord-teamleiders@thread.tacv2';

/** The whole settings as the first save stores them: two teamleiders notified in their own channel, one gebiedsteam. */
const SETTINGS = {
  'rol.teamleider': `${DEMO.mohamed.aad},${DEMO.joost.aad}`,
  'kanaal.teamleider': TEAMLEIDERS,
  'rol.sleutelfiguur': DEMO.sanne.aad,
  'rol.coordinator_verstevigingsteam': DEMO.fatma.aad,
  'gebied.1.naam': 'Gebiedsteam Noord',
  'gebied.1.teamleider': DEMO.mohamed.aad,
};

describe('/instellingen, escalatiemeldingen en /tafels in de Agents Playground', () => {
  let e: E2e;
  let general: string;
  let botId: string;

  beforeAll(async () => {
    e = await startE2e();
    const cfg = await e.pg.config();
    general = cfg.teams[0]?.id ?? '';
    botId = cfg.bot.id;
  }, 60_000);

  afterAll(async () => e?.close());

  const cardFromBot = async (conversation: string, after: number) =>
    (
      await e.pg.waitFor(
        (ev) =>
          ev.actionConversationId.startsWith(conversation) &&
          ev.message.from.id === botId &&
          ev.message.timestamp >= after &&
          Boolean(ev.message.attachments?.length),
      )
    ).message;

  /**
   * Anouk posts `command` in General: the bot's card, and `act(user, verb, data)`, a card action on
   * it by `user` that returns the card the bot answers with.
   */
  const postInGeneral = async (command: string) => {
    const post = await e.pg.say(general, DEMO.anouk.id, command);
    const msg = await cardFromBot(post.postConversationId, Number(post.messageId));
    const act = async (user: DemoUser, verb: string, data: Record<string, unknown>): Promise<unknown> =>
      (await e.pg.execute(post.postConversationId, user.id, msg.messageId, verb, data)).body?.value;
    return { card: msg.attachments?.[0]?.content, act };
  };
  type BotCard = Awaited<ReturnType<typeof postInGeneral>>;

  /** The functioneel beheerder opens one section of the settings from `on`. */
  const openSection = (on: BotCard, sectie: string) => on.act(DEMO.pieter, 'instellingen.sectie', { teamId: general, sectie });
  /** `user` saves the settings from `on`: `fields` of one section, or (`sectie` null) the whole settings. */
  const save = (on: BotCard, sectie: string | null, fields: Record<string, string>, user: DemoUser = DEMO.pieter) =>
    on.act(user, 'instellingen.opslaan', { teamId: general, ...(sectie ? { sectie } : {}), ...fields });
  /** The kalenderbeheerder (Pieter) adds a table from `on`. */
  const addTable = (on: BotCard, regio: string, inleverdatum: string, overlegdatum: string) =>
    on.act(DEMO.pieter, 'tafel.toevoegen', {
      'tafel.toevoegen.regio': regio,
      'tafel.toevoegen.inleverdatum': inleverdatum,
      'tafel.toevoegen.overlegdatum': overlegdatum,
    });

  it('de eerste die de instellingen opslaat wordt functioneel beheerder; daarna mag een ander teamlid niets wijzigen', async () => {
    // The Playground posts every message as its current user (Anouk); card actions can be anyone's.
    const settings = await postInGeneral('/instellingen');
    expect(cardText(settings.card)).toContain('nog geen rollen ingesteld');
    expect(inputIds(settings.card)).toEqual([]);
    // The beheerder's overview has a button per section; each section is its own small card.
    const opened = await settings.act(DEMO.pieter, 'instellingen.openen', { teamId: general });
    expect(inputIds(opened)).toEqual([]);
    expect(cardText(opened)).toContain('Teamleider wijzigen');
    const card = await openSection(settings, 'teamleider');
    const text = cardText(card);
    expect(text).toContain('Mohamed El Amrani');
    expect(text).toContain('Teamleiders');
    expect(inputIds(card)).toEqual(['rol.teamleider', 'kanaal.teamleider']);
    expect(inputIds(await openSection(settings, 'gebieden'))).toEqual(expect.arrayContaining(['gebied.1.naam', 'gebied.1.teamleider']));

    expect(cardText(await save(settings, null, SETTINGS))).toContain('Instellingen opgeslagen.');
    const forged = await save(settings, null, { 'rol.teamleider': DEMO.joost.aad }, DEMO.joost);
    expect(cardText(forged)).toContain('Alleen een functioneel beheerder');
    const outsider = await save(settings, null, { 'rol.teamleider': 'iemand-buiten-het-team' });
    expect(cardText(outsider)).toContain('Kies alleen leden van dit team: één gekozen persoon is geen lid.');
    const notAllowed = await settings.act(DEMO.joost, 'instellingen.openen', { teamId: general });
    expect(inputIds(notAllowed)).toEqual([]);
    expect(cardText(notAllowed)).toContain('Alleen een functioneel beheerder');
    const summaryText = cardText((await postInGeneral('/instellingen')).card);
    expect(summaryText).toContain('Mohamed El Amrani, Joost Visser · meldingen in Teamleiders');
    expect(summaryText).toContain('Gebiedsteam Noord: Mohamed El Amrani');
  });

  it('een casus die op de teamleider wacht geeft een melding met @mention van de teamleider van het gebiedsteam in het kanaal Teamleiders, zonder cliëntgegevens', async () => {
    const since = Date.now();
    const c = await CaseDriver.open(e, general, DEMO.anouk);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'bijstellen', clientRef: 'ECD-9' });
    expect(cardText(await c.open(DEMO.anouk, 'signaal.vastleggen'))).toContain('Gebiedsteam Noord');
    await c.act(DEMO.anouk, 'signaal.vastleggen', {
      datum: new Date().toISOString().slice(0, 10),
      actielijn: 'GEHEIM actielijn',
      gebiedsteam: 'Gebiedsteam Noord',
    });
    await c.act(DEMO.anouk, 'actielijnen.bijstellen', {
      datum: new Date().toISOString().slice(0, 10),
      samenMetClient: 'true',
      bijstelling: 'GEHEIM',
      resultaat: 'onvoldoende',
    });
    const notice = await e.pg.waitFor(
      (ev) => ev.actionConversationId.startsWith(TEAMLEIDERS) && ev.message.from.id === botId && ev.message.timestamp >= since,
      30_000,
      'melding in Teamleiders',
    );
    const card = notice.message.attachments?.[0]?.content as { msteams?: { entities?: { mentioned: { id: string } }[] } };
    const text = cardText(card);
    expect(text).toContain(`Casus ${c.caseId} wacht op de teamleider (Gebiedsteam Noord)`);
    expect(text).toContain('<at>Mohamed El Amrani</at>');
    expect(card.msteams?.entities?.map((m) => m.mentioned.id)).toEqual([DEMO.mohamed.aad]);
    expect(JSON.stringify(notice.message)).not.toMatch(/GEHEIM|ECD-9/);
  }, 60_000);

  it('de teamleider van het gebiedsteam kan de stap zetten ook zonder de teamrol; een andere teamleider mag invallen en de tijdlijn zegt voor wie', async () => {
    const settings = await postInGeneral('/instellingen');
    expect(cardText(await openSection(settings, 'gebieden'))).toContain('Pieter Jansen (nog geen teamleider)');
    const saved = await save(settings, null, {
      ...SETTINGS,
      'rol.functioneel_beheerder': DEMO.pieter.aad,
      'gebied.2.naam': 'Gebiedsteam Zuid',
      'gebied.2.teamleider': DEMO.pieter.aad,
    });
    expect(cardText(saved)).toContain('Instellingen opgeslagen.');
    const zuidCase = async () => {
      const c = await CaseDriver.open(e, general, DEMO.anouk);
      const today = new Date().toISOString().slice(0, 10);
      await c.act(DEMO.anouk, 'route.kiezen', { route: 'bijstellen', clientRef: 'ECD-10' });
      await c.act(DEMO.anouk, 'signaal.vastleggen', { datum: today, actielijn: 'wonen', gebiedsteam: 'Gebiedsteam Zuid' });
      await c.act(DEMO.anouk, 'actielijnen.bijstellen', {
        datum: today,
        samenMetClient: 'true',
        bijstelling: 'x',
        resultaat: 'onvoldoende',
      });
      return c;
    };
    const own = await zuidCase();
    expect(own.text).toContain('Teamleider gebiedsteam Gebiedsteam Zuid: Pieter Jansen');
    const byPieter = await own.act(DEMO.pieter, 'teamleider.besluit', { besluit: 'opplussen' });
    expect(byPieter.text).toContain('Opgeslagen');
    expect(byPieter.text).toContain('Nu: Stap 3: inzet evalueren');

    const stand = await zuidCase();
    const byJoost = await stand.act(DEMO.joost, 'teamleider.besluit', { besluit: 'opplussen' });
    expect(byJoost.text).toContain('Joost Visser (voor Pieter Jansen, gebiedsteam Gebiedsteam Zuid)');
    const line = await e.pg.waitFor(
      (ev) => ev.actionConversationId === stand.thread && /teamleider vastleggen/.test(ev.message.text ?? ''),
      30_000,
      'tijdlijnregel van het besluit',
    );
    expect(line.message.text).toContain('(door Joost Visser (voor Pieter Jansen, gebiedsteam Gebiedsteam Zuid))');
    const other = await stand.act(DEMO.anouk, 'inzet.evalueren', {
      datum: new Date().toISOString().slice(0, 10),
      resultaat: 'onvoldoende',
    });
    expect(other.text).toContain('Nu: Stap 3: bespreken met de teamleider');
  }, 90_000);

  it('een onderdeel van de instellingen opslaan wijzigt alleen dat onderdeel', async () => {
    const settings = await postInGeneral('/instellingen');
    const text = cardText(
      await save(settings, 'sleutelfiguur', {
        'rol.sleutelfiguur': `${DEMO.sanne.aad},${DEMO.fatma.aad}`,
        'kanaal.sleutelfiguur': 'thread',
        // A forged field of another section on this card changes nothing.
        'rol.teamleider': DEMO.anouk.aad,
      }),
    );
    expect(text).toContain('Instellingen opgeslagen.');
    expect(text).toContain('Sanne Bakker, Fatma Yilmaz');
    expect(text).toContain('Mohamed El Amrani, Joost Visser · meldingen in Teamleiders');
    expect(cardText(await save(settings, 'iedereen', {}))).toContain('niet (meer) geldig');
  });

  it("de personenkiezer: de kaart zoekt in de leden van het kanaal; gekozen AAD-id's worden via de ledenlijst teamleden, iemand buiten het team wordt geweigerd en er verandert niets", async () => {
    const settings = await postInGeneral('/instellingen');
    const card = JSON.stringify(await openSection(settings, 'sleutelfiguur'));
    expect(card).toContain('"choices.data":{"type":"Data.Query","dataset":"graph.microsoft.com/users?scope=currentContext"}');
    // The fallback choices (what the Playground shows) are the roster, by AAD object id.
    expect(card).toContain(`"value":"${DEMO.sanne.aad}"`);
    const holders = async (ids: string) =>
      cardText(await save(settings, 'sleutelfiguur', { 'rol.sleutelfiguur': ids, 'kanaal.sleutelfiguur': 'thread' }));
    // Upper case (another client's spelling) and the same person twice: one member.
    const upper = await holders(`${DEMO.sanne.aad.toUpperCase()},${DEMO.sanne.aad}`);
    expect(upper).toContain('Instellingen opgeslagen.');
    expect(upper).toContain('Sleutelfiguur | Sanne Bakker |');
    const refused = await holders(`${DEMO.fatma.aad},0a0a0a0a-0000-4000-8000-00000000b171,0a0a0a0a-0000-4000-8000-00000000b172`);
    expect(refused).toContain(
      'Kies alleen leden van dit team: 2 gekozen personen zijn geen lid. Voeg ze eerst toe aan het team in Teams, of kies iemand anders.',
    );
    expect(refused).toContain('Er is niets opgeslagen.');
    const after = cardText((await postInGeneral('/instellingen')).card);
    expect(after).toContain('Sleutelfiguur | Sanne Bakker |');
    expect(await holders(`${DEMO.sanne.aad},${DEMO.fatma.aad}`)).toContain('Instellingen opgeslagen.');
  });

  it('/tafels toont de kalender; alleen de kalenderbeheerder (de eerste functioneel beheerder die hem wijzigt) kan tafels toevoegen en verwijderen', async () => {
    const tables = await postInGeneral('/tafels');
    expect(cardText(tables.card)).toContain('Regionale overlegtafels');
    expect(inputIds(tables.card)).toEqual([]);
    const refused = cardText(await tables.act(DEMO.anouk, 'tafels.beheren', {}));
    expect(refused).toContain('Alleen een kalenderbeheerder');
    expect(refused).toContain('Er is er nog geen');
    expect(inputIds(await tables.act(DEMO.pieter, 'tafels.beheren', {}))).toContain('tafel.toevoegen.regio');
    const year = new Date().getUTCFullYear() + 1;
    const bad = await addTable(tables, 'Twente', `${year}-03-22`, `${year}-03-21`);
    expect(cardText(bad)).toContain('De inleverdatum moet op of vóór de datum van het overleg liggen.');
    const added = await addTable(tables, 'Twente', `${year}-03-07`, `${year}-03-21`);
    expect(cardText(added)).toContain(`21 maart ${year}`);
    // The same table again (another deadline) does not silently overwrite; a table in the past is refused.
    const twice = await addTable(tables, 'Twente', `${year}-03-14`, `${year}-03-21`);
    expect(cardText(twice)).toContain(`Er staat al een tafel Twente op 21 maart ${year} (inleveren uiterlijk 7 maart ${year})`);
    expect(cardText(await addTable(tables, 'Twente', '2020-03-07', '2020-03-21'))).toContain('Deze tafel is al geweest');
    const remove = (user: DemoUser) => tables.act(user, 'tafel.verwijderen', { 'tafel.verwijderen.tafel': `twente-${year}-03-21` });
    const forged = cardText(await remove(DEMO.anouk));
    expect(forged).toContain('Alleen een kalenderbeheerder');
    expect(forged).toContain('Kalenderbeheerder: Pieter Jansen');
    // The kalenderbeheerder can name colleagues of this team.
    expect(inputIds(added)).toContain('kalender.beheerders.toevoegen');
    expect(cardText(added)).toContain('Kalenderbeheerder (voor alle teams): Pieter Jansen');
    const removed = cardText(await remove(DEMO.pieter));
    expect(removed).toContain('Tafel verwijderd.');
    expect(removed).not.toContain(`21 maart ${year}`);
  });

  it("een casus biedt de regio's en tafels van de eigen kalender aan, niet de voorbeeldtafels uit het stappenplan", async () => {
    const year = new Date().getUTCFullYear() + 1;
    const added = await addTable(await postInGeneral('/tafels'), 'Zwolle', `${year}-04-02`, `${year}-04-16`);
    expect(cardText(added)).toContain(`16 april ${year}`);

    const c = await CaseDriver.open(e, general, DEMO.anouk);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'zorgkantoor', clientRef: 'ECD-31' });
    const circle = {
      datum: '2026-01-12',
      deelnemers: 'begeleider,teamleider',
      vraag: 'vraag',
      afspraken: 'afspraken',
      uitkomst: 'onvoldoende',
    };
    await c.act(DEMO.anouk, 'cirkel1.vastleggen', circle);
    await c.act(DEMO.anouk, 'cirkel2.vastleggen', { ...circle, deelnemers: 'gedragsdeskundige' });
    const r = await c.act(DEMO.anouk, 'cirkel3.vastleggen', {
      datum: '2026-01-13',
      geconsulteerdeAanbieder: 'aanbieder',
      risicofactoren: 'risico',
      beschermendeFactoren: 'bescherming',
      context: 'context',
      plan: 'plan',
      nodig: 'nodig',
      zorgadviesGecontacteerd: 'true',
      afspraken: 'afspraken 3',
      vervolgdatum: '2026-01-20',
      uitkomst: 'onvoldoende',
    });
    expect(r.text).toContain('voorwaarden');
    // The region choice of the conditions form lists the team's calendar (the new Zwolle table) …
    expect(JSON.stringify(await c.open(DEMO.anouk, 'voorwaarden.vastleggen'))).toContain('"value":"Zwolle"');
    // … and once chosen, the channel's status card names the next Zwolle table's deadline.
    const conditions = sevenConditions('Zwolle', () => 'dossier');
    await c.act(DEMO.anouk, 'voorwaarden.vastleggen', conditions);
    await c.channelShows(`2 april ${year}: inleverdatum tafel Zwolle`);
  }, 90_000);
});
