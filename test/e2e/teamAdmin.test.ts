import { type E2e, startE2e } from '../support/app';
import { CaseDriver, DEMO } from '../support/caseDriver';
import { cardText, inputIds } from '../support/playgroundClient';
import { sevenConditions } from '../support/routeWalk';

const TEAMLEIDERS = '19:zorgteam-noord-teamleiders@thread.tacv2';

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

  const settingsData = (values: Record<string, string>) => ({ teamId: general, ...values });

  it('de eerste die de instellingen opslaat wordt functioneel beheerder; daarna mag een ander teamlid niets wijzigen', async () => {
    // The Playground posts every message as its current user (Anouk); card actions can be anyone's.
    const post = await e.pg.say(general, DEMO.anouk.id, '/instellingen');
    const msg = await cardFromBot(post.postConversationId, Number(post.messageId));
    expect(cardText(msg.attachments?.[0]?.content)).toContain('nog geen rollen ingesteld');
    expect(inputIds(msg.attachments?.[0]?.content)).toEqual([]);
    // The beheerder's overview has a button per section; each section is its own small card.
    const opened = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.openen', { teamId: general });
    expect(inputIds(opened.body?.value)).toEqual([]);
    expect(cardText(opened.body?.value)).toContain('Teamleider wijzigen');
    const section = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.sectie', {
      teamId: general,
      sectie: 'teamleider',
    });
    const card = section.body?.value;
    const text = cardText(card);
    expect(text).toContain('Mohamed El Amrani');
    expect(text).toContain('Teamleiders');
    expect(inputIds(card)).toEqual(['rol.teamleider', 'kanaal.teamleider']);
    const areas = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.sectie', {
      teamId: general,
      sectie: 'gebieden',
    });
    expect(inputIds(areas.body?.value)).toEqual(expect.arrayContaining(['gebied.1.naam', 'gebied.1.teamleider']));

    const saved = await e.pg.execute(
      post.postConversationId,
      DEMO.pieter.id,
      msg.messageId,
      'instellingen.opslaan',
      settingsData({
        'rol.teamleider': `${DEMO.mohamed.aad},${DEMO.joost.aad}`,
        'kanaal.teamleider': TEAMLEIDERS,
        'rol.sleutelfiguur': DEMO.sanne.aad,
        'rol.coordinator_verstevigingsteam': DEMO.fatma.aad,
        'gebied.1.naam': 'Gebiedsteam Noord',
        'gebied.1.teamleider': DEMO.mohamed.aad,
      }),
    );
    expect(cardText(saved.body?.value)).toContain('Instellingen opgeslagen.');

    const forged = await e.pg.execute(
      post.postConversationId,
      DEMO.joost.id,
      msg.messageId,
      'instellingen.opslaan',
      settingsData({ 'rol.teamleider': DEMO.joost.aad }),
    );
    expect(cardText(forged.body?.value)).toContain('Alleen een functioneel beheerder');

    const outsider = await e.pg.execute(
      post.postConversationId,
      DEMO.pieter.id,
      msg.messageId,
      'instellingen.opslaan',
      settingsData({ 'rol.teamleider': 'iemand-buiten-het-team' }),
    );
    expect(cardText(outsider.body?.value)).toContain('Kies alleen leden van dit team: één gekozen persoon is geen lid.');
    const notAllowed = await e.pg.execute(post.postConversationId, DEMO.joost.id, msg.messageId, 'instellingen.openen', {
      teamId: general,
    });
    expect(inputIds(notAllowed.body?.value)).toEqual([]);
    expect(cardText(notAllowed.body?.value)).toContain('Alleen een functioneel beheerder');
    const summary = await e.pg.say(general, DEMO.anouk.id, '/instellingen');
    const summaryText = cardText((await cardFromBot(summary.postConversationId, Number(summary.messageId))).attachments?.[0]?.content);
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
    const post = await e.pg.say(general, DEMO.anouk.id, '/instellingen');
    const msg = await cardFromBot(post.postConversationId, Number(post.messageId));
    const opened = cardText(
      (
        await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.sectie', {
          teamId: general,
          sectie: 'gebieden',
        })
      ).body?.value,
    );
    expect(opened).toContain('Pieter Jansen (nog geen teamleider)');
    const saved = await e.pg.execute(
      post.postConversationId,
      DEMO.pieter.id,
      msg.messageId,
      'instellingen.opslaan',
      settingsData({
        'rol.teamleider': `${DEMO.mohamed.aad},${DEMO.joost.aad}`,
        'kanaal.teamleider': TEAMLEIDERS,
        'rol.sleutelfiguur': DEMO.sanne.aad,
        'rol.coordinator_verstevigingsteam': DEMO.fatma.aad,
        'rol.functioneel_beheerder': DEMO.pieter.aad,
        'gebied.1.naam': 'Gebiedsteam Noord',
        'gebied.1.teamleider': DEMO.mohamed.aad,
        'gebied.2.naam': 'Gebiedsteam Zuid',
        'gebied.2.teamleider': DEMO.pieter.aad,
      }),
    );
    expect(cardText(saved.body?.value)).toContain('Instellingen opgeslagen.');
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
    const post = await e.pg.say(general, DEMO.anouk.id, '/instellingen');
    const msg = await cardFromBot(post.postConversationId, Number(post.messageId));
    const saved = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.opslaan', {
      teamId: general,
      sectie: 'sleutelfiguur',
      'rol.sleutelfiguur': `${DEMO.sanne.aad},${DEMO.fatma.aad}`,
      'kanaal.sleutelfiguur': 'thread',
      // A forged field of another section on this card changes nothing.
      'rol.teamleider': DEMO.anouk.aad,
    });
    const text = cardText(saved.body?.value);
    expect(text).toContain('Instellingen opgeslagen.');
    expect(text).toContain('Sanne Bakker, Fatma Yilmaz');
    expect(text).toContain('Mohamed El Amrani, Joost Visser · meldingen in Teamleiders');
    const bogus = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.opslaan', {
      teamId: general,
      sectie: 'iedereen',
    });
    expect(cardText(bogus.body?.value)).toContain('niet (meer) geldig');
  });

  it("de personenkiezer: de kaart zoekt in de leden van het kanaal; gekozen AAD-id's worden via de ledenlijst teamleden, iemand buiten het team wordt geweigerd en er verandert niets", async () => {
    const post = await e.pg.say(general, DEMO.anouk.id, '/instellingen');
    const msg = await cardFromBot(post.postConversationId, Number(post.messageId));
    const section = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.sectie', {
      teamId: general,
      sectie: 'sleutelfiguur',
    });
    const card = JSON.stringify(section.body?.value);
    expect(card).toContain('"choices.data":{"type":"Data.Query","dataset":"graph.microsoft.com/users?scope=currentContext"}');
    // The fallback choices (what the Playground shows) are the roster, by AAD object id.
    expect(card).toContain(`"value":"${DEMO.sanne.aad}"`);
    const save = (holders: string) =>
      e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'instellingen.opslaan', {
        teamId: general,
        sectie: 'sleutelfiguur',
        'rol.sleutelfiguur': holders,
        'kanaal.sleutelfiguur': 'thread',
      });
    // Upper case (another client's spelling) and the same person twice: one member.
    const upper = cardText((await save(`${DEMO.sanne.aad.toUpperCase()},${DEMO.sanne.aad}`)).body?.value);
    expect(upper).toContain('Instellingen opgeslagen.');
    expect(upper).toContain('Sleutelfiguur | Sanne Bakker |');
    const refused = cardText(
      (await save(`${DEMO.fatma.aad},0a0a0a0a-0000-4000-8000-00000000b171,0a0a0a0a-0000-4000-8000-00000000b172`)).body?.value,
    );
    expect(refused).toContain(
      'Kies alleen leden van dit team: 2 gekozen personen zijn geen lid. Voeg ze eerst toe aan het team in Teams, of kies iemand anders.',
    );
    expect(refused).toContain('Er is niets opgeslagen.');
    const summary = await e.pg.say(general, DEMO.anouk.id, '/instellingen');
    const after = cardText((await cardFromBot(summary.postConversationId, Number(summary.messageId))).attachments?.[0]?.content);
    expect(after).toContain('Sleutelfiguur | Sanne Bakker |');
    expect(cardText((await save(`${DEMO.sanne.aad},${DEMO.fatma.aad}`)).body?.value)).toContain('Instellingen opgeslagen.');
  });

  it('/tafels toont de kalender; alleen de kalenderbeheerder (de eerste functioneel beheerder die hem wijzigt) kan tafels toevoegen en verwijderen', async () => {
    const post = await e.pg.say(general, DEMO.anouk.id, '/tafels');
    const msg = await cardFromBot(post.postConversationId, Number(post.messageId));
    expect(cardText(msg.attachments?.[0]?.content)).toContain('Regionale overlegtafels');
    expect(inputIds(msg.attachments?.[0]?.content)).toEqual([]);
    const refused = await e.pg.execute(post.postConversationId, DEMO.anouk.id, msg.messageId, 'tafels.beheren', {});
    expect(cardText(refused.body?.value)).toContain('Alleen een kalenderbeheerder');
    expect(cardText(refused.body?.value)).toContain('Er is er nog geen');
    const manage = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'tafels.beheren', {});
    expect(inputIds(manage.body?.value)).toContain('tafel.toevoegen.regio');
    const year = new Date().getUTCFullYear() + 1;
    const bad = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'tafel.toevoegen', {
      'tafel.toevoegen.regio': 'Twente',
      'tafel.toevoegen.inleverdatum': `${year}-03-22`,
      'tafel.toevoegen.overlegdatum': `${year}-03-21`,
    });
    expect(cardText(bad.body?.value)).toContain('De inleverdatum moet op of vóór de datum van het overleg liggen.');
    const added = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'tafel.toevoegen', {
      'tafel.toevoegen.regio': 'Twente',
      'tafel.toevoegen.inleverdatum': `${year}-03-07`,
      'tafel.toevoegen.overlegdatum': `${year}-03-21`,
    });
    expect(cardText(added.body?.value)).toContain(`21 maart ${year}`);
    // The same table again (another deadline) does not silently overwrite; a table in the past is refused.
    const twice = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'tafel.toevoegen', {
      'tafel.toevoegen.regio': 'Twente',
      'tafel.toevoegen.inleverdatum': `${year}-03-14`,
      'tafel.toevoegen.overlegdatum': `${year}-03-21`,
    });
    expect(cardText(twice.body?.value)).toContain(`Er staat al een tafel Twente op 21 maart ${year} (inleveren uiterlijk 7 maart ${year})`);
    const past = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'tafel.toevoegen', {
      'tafel.toevoegen.regio': 'Twente',
      'tafel.toevoegen.inleverdatum': '2020-03-07',
      'tafel.toevoegen.overlegdatum': '2020-03-21',
    });
    expect(cardText(past.body?.value)).toContain('Deze tafel is al geweest');
    const forged = await e.pg.execute(post.postConversationId, DEMO.anouk.id, msg.messageId, 'tafel.verwijderen', {
      'tafel.verwijderen.tafel': `twente-${year}-03-21`,
    });
    expect(cardText(forged.body?.value)).toContain('Alleen een kalenderbeheerder');
    expect(cardText(forged.body?.value)).toContain('Kalenderbeheerder: Pieter Jansen');
    // The kalenderbeheerder can name colleagues of this team.
    expect(inputIds(added.body?.value)).toContain('kalender.beheerders.toevoegen');
    expect(cardText(added.body?.value)).toContain('Kalenderbeheerder (voor alle teams): Pieter Jansen');
    const removed = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'tafel.verwijderen', {
      'tafel.verwijderen.tafel': `twente-${year}-03-21`,
    });
    expect(cardText(removed.body?.value)).toContain('Tafel verwijderd.');
    expect(cardText(removed.body?.value)).not.toContain(`21 maart ${year}`);
  });

  it("een casus biedt de regio's en tafels van de eigen kalender aan, niet de voorbeeldtafels uit het stappenplan", async () => {
    const post = await e.pg.say(general, DEMO.anouk.id, '/tafels');
    const msg = await cardFromBot(post.postConversationId, Number(post.messageId));
    const year = new Date().getUTCFullYear() + 1;
    const added = await e.pg.execute(post.postConversationId, DEMO.pieter.id, msg.messageId, 'tafel.toevoegen', {
      'tafel.toevoegen.regio': 'Zwolle',
      'tafel.toevoegen.inleverdatum': `${year}-04-02`,
      'tafel.toevoegen.overlegdatum': `${year}-04-16`,
    });
    expect(cardText(added.body?.value)).toContain(`16 april ${year}`);

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
