import { TableCaseRepository, openTables } from '../../src/storage';
import { type E2e, startE2e } from '../support/app';
import { CaseDriver, DEMO } from '../support/caseDriver';
import { cardText, fill, inputIds } from '../support/playgroundClient';

describe('Escaleer in een teamkanaal van de Agents Playground', () => {
  let e: E2e;
  let general: string;
  let botId: string;
  let users: { id: string; name: string; aadObjectId: string }[];
  let tenantId: string;

  beforeAll(async () => {
    e = await startE2e();
    const cfg = await e.pg.config();
    const team = cfg.teams[0];
    if (!team) throw new Error('geen team in de Playground-config');
    general = team.id;
    botId = cfg.bot.id;
    users = [...cfg.users];
    tenantId = cfg.tenantId;
  }, 60_000);

  afterAll(async () => {
    await e?.close();
  });

  it('wie Escaleer aan een team toevoegt krijgt een welkomstkaart met de eerste stap (rollen instellen); een team met instellingen niet opnieuw', async () => {
    const since = Date.now();
    // The Playground announces the bot (installationUpdate + conversationUpdate with the bot added) as Teams does on install.
    const r = await fetch(`${e.pg.baseUrl}/_debug/conversation/${encodeURIComponent(general)}/installation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(200);
    const welcome = await e.pg.waitFor(
      (ev) =>
        ev.action === 'createMessage' &&
        ev.message.from.id === botId &&
        ev.message.timestamp >= since &&
        cardText(ev.message.attachments?.[0]?.content).includes('Welkom bij Escaleer'),
      8000,
      'welkomstkaart',
    );
    const text = cardText(welcome.message.attachments?.[0]?.content);
    expect(text).toContain('Zet nooit namen, BSN of medische details in Teams');
    expect(text).toContain('/instellingen');
    expect(text).toContain('instellingen.openen');

    // Once the team has settings, announcing the bot again (a reinstall, a client reconnecting) welcomes nobody.
    const post = await e.pg.say(general, 'user-anouk', '/instellingen');
    const card = await e.pg.waitFor(
      (ev) =>
        ev.action === 'createMessage' && ev.actionConversationId === post.postConversationId && Boolean(ev.message.attachments?.length),
      8000,
      'instellingenkaart',
    );
    const saved = await e.pg.execute(post.postConversationId, 'user-anouk', card.message.messageId, 'instellingen.opslaan', {
      teamId: general,
    });
    expect(cardText(saved.body?.value)).toContain('Instellingen opgeslagen.');
    const again = Date.now();
    await fetch(`${e.pg.baseUrl}/_debug/conversation/${encodeURIComponent(general)}/installation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await new Promise((res) => setTimeout(res, 1500));
    const later = e.pg.events.filter((ev) => ev.message.timestamp >= again);
    expect(later.filter((ev) => cardText(ev.message.attachments?.[0]?.content).includes('Welkom bij Escaleer'))).toEqual([]);
  });

  it('maakt met @Escaleer /escaleer een casus, en de routekeuze werkt de kaart voor iedereen bij', async () => {
    const anouk = 'user-anouk';
    const sanne = users.find((u) => u.name.startsWith('Sanne'));
    if (!sanne) throw new Error('Sanne ontbreekt');
    const post = await e.pg.say(general, anouk, '/Escaleer');
    const rootEvent = await e.pg.waitFor(
      (ev) =>
        ev.action === 'createMessage' && ev.actionConversationId === post.postConversationId && Boolean(ev.message.attachments?.length),
      8000,
      'hoofdkaart',
    );
    const root = rootEvent.message.attachments?.[0]?.content;
    const shown = cardText(root);
    const caseId = /Casus (CAS-\d{4}-\d{4})/.exec(shown)?.[1];
    expect(caseId).toBeDefined();
    // The channel card holds no inputs; its button opens the route form for the one who clicks.
    expect(inputIds(root)).toEqual([]);
    const opened = await e.pg.execute(post.postConversationId, sanne.id, rootEvent.message.messageId, 'formulier.openen', {
      caseId: caseId ?? '',
      version: 1,
      actie: 'route.kiezen',
    });
    const form = opened.body?.value;
    expect(cardText(form)).toContain('Zorgkantoor (Wlz)');
    expect(cardText(form)).toContain('Bijstellen ondersteuning (Wmo)');

    const response = await e.pg.execute(
      post.postConversationId,
      sanne.id,
      rootEvent.message.messageId,
      'route.kiezen',
      fill(form, 'route.kiezen', { route: 'bijstellen', clientRef: 'ECD-4711' }, { caseId: caseId ?? '', version: 1 }),
    );
    expect(response.status).toBe(200);
    expect(response.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(response.body?.value)).toContain('Route Bijstellen ondersteuning (Wmo)');

    const updated = await e.pg.waitFor(
      (ev) => ev.action === 'updateMessage' && ev.message.messageId === rootEvent.message.messageId,
      8000,
      'bijgewerkte hoofdkaart',
    );
    expect(cardText(updated.message.attachments?.[0]?.content)).toContain('Route Bijstellen ondersteuning (Wmo)');
    const timeline = await e.pg.waitFor(
      (ev) =>
        ev.action === 'createMessage' && ev.actionConversationId === post.postConversationId && /route gekozen/.test(ev.message.text ?? ''),
      8000,
      'tijdlijnregel',
    );
    expect(timeline.message.text).toContain(caseId);
    expect(timeline.message.text).not.toContain('ECD-4711');

    const tables = await openTables(e.app.storageConnection, e.prefix);
    const stored = await new TableCaseRepository(tables.cases).get(tenantId, caseId as never);
    expect(stored?.value.route).toBe('bijstellen');
    expect(stored?.value.clientRef).toBe('ECD-4711');
    expect(stored?.value.location.rootActivityId).toBe(rootEvent.message.messageId);
  }, 30_000);

  it('zegt zonder vermelding niets: een kanaalbericht zonder @Escaleer bereikt de bot niet', async () => {
    const before = e.pg.fromBot(botId).length;
    await e.pg.say(general, 'user-anouk', '/escaleer', false);
    await new Promise((r) => setTimeout(r, 800));
    expect(e.pg.fromBot(botId).length).toBe(before);
  });

  it('toont met /help de commando’s en geeft bij onzin een korte Nederlandse hint', async () => {
    const help = await e.pg.say(general, 'user-anouk', 'HELP');
    const helpReply = await e.pg.waitFor((ev) => ev.actionConversationId === help.postConversationId && ev.message.from.id === botId);
    expect(helpReply.message.text).toContain('/escaleer');
    expect(helpReply.message.text).toContain('/tafels');
    const junk = await e.pg.say(general, 'user-anouk', 'wat is het weer');
    const hint = await e.pg.waitFor((ev) => ev.actionConversationId === junk.postConversationId && ev.message.from.id === botId);
    expect(hint.message.text).toMatch(/ken ik niet.*\/help/);
  });

  it('legt in een persoonlijke chat uit dat /escaleer in een teamkanaal werkt', async () => {
    const cfg = await e.pg.config();
    const dm = await e.pg.say(cfg.personalChat.id, 'user-anouk', 'escaleer', false);
    const reply = await e.pg.waitFor(
      (ev) =>
        ev.actionConversationId.startsWith(cfg.personalChat.id) &&
        ev.message.from.id === botId &&
        ev.message.timestamp >= Number(dm.messageId),
    );
    expect(reply.message.text).toMatch(/teamkanaal/);
  });

  it('een knop op de kaart van casus A met het nummer van casus B wordt geweigerd; B verandert niet', async () => {
    const a = await CaseDriver.open(e, general, DEMO.anouk);
    const b = await CaseDriver.open(e, general, DEMO.anouk);
    // The Playground sends the card's own message as replyToId, as Teams does.
    const forged = await e.pg.execute(a.thread, DEMO.anouk.id, a.rootMessageId, 'route.kiezen', {
      caseId: b.caseId,
      version: 1,
      'route.kiezen.route': 'bijstellen',
      'route.kiezen.clientRef': 'ECD-88',
    });
    expect(cardText(forged.body?.value)).toContain(`Deze kaart hoort niet bij casus ${b.caseId}`);
    const tables = await openTables(e.app.storageConnection, e.prefix);
    expect((await new TableCaseRepository(tables.cases).get(tenantId, b.caseId as never))?.value.version).toBe(1);
    const own = await e.pg.execute(b.thread, DEMO.anouk.id, b.rootMessageId, 'route.kiezen', {
      caseId: b.caseId,
      version: 1,
      'route.kiezen.route': 'bijstellen',
      'route.kiezen.clientRef': 'ECD-88',
    });
    expect(cardText(own.body?.value)).toContain('Stap 1');
  }, 30_000);
});
