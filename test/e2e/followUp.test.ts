import { isOfficeHours } from '../../src/domain';
import type { ReminderScheduler } from '../../src/scheduler';
import { openTables } from '../../src/storage';
import type { E2e } from '../support/app';
import { CaseDriver, DEMO, startSeededTeam } from '../support/caseDriver';
import { FakeClock, RecordingLogger } from '../support/fakes';
import { cardText } from '../support/playgroundClient';
import { tableScheduler } from '../support/scheduler';

/**
 * The seed: "Uitkomsten en afspraken worden vastgelegd en opgevolgd". A recorded follow-up date
 * becomes one reminder in the case's thread, @mentioning who opened the case, in office hours,
 * once even with two bot instances; the status card says when it comes.
 */
describe('Opvolging: een vastgelegde opvolgdatum wordt één herinnering in de thread, via de Agents Playground', () => {
  let e: E2e;
  let channel: string;
  let botId: string;
  let second: ReminderScheduler;
  const clock = new FakeClock(new Date('2023-09-18T08:00:00Z')); // maandag 10:00

  beforeAll(async () => {
    ({ e, channel, botId } = await startSeededTeam(clock));
    const tables = await openTables(e.app.storageConnection, e.prefix);
    second = tableScheduler(tables, clock, new RecordingLogger(), 'instantie-2', (t) => e.app.dispatcher.kick(t));
  }, 60_000);
  afterAll(async () => e?.close());

  it('datum opvolging van cirkel 3 op zaterdag: de statuskaart noemt de herinnering, die komt vrijdag 09:00 één keer in de thread', async () => {
    const c = await CaseDriver.open(e, channel, DEMO.anouk);
    await c.act(DEMO.anouk, 'route.kiezen', { route: 'zorgkantoor', clientRef: 'ECD-77' });
    const circle = { datum: '2023-09-18', deelnemers: 'begeleider', vraag: 'vraag', uitkomst: 'onvoldoende' };
    await c.act(DEMO.anouk, 'cirkel1.vastleggen', circle);
    await c.act(DEMO.anouk, 'cirkel2.vastleggen', circle);
    const r = await c.act(DEMO.anouk, 'cirkel3.vastleggen', {
      datum: '2023-09-18',
      geconsulteerdeAanbieder: 'a',
      risicofactoren: 'r',
      beschermendeFactoren: 'b',
      context: 'c',
      plan: 'p',
      nodig: 'n',
      afspraken: 'af',
      vervolgdatum: '2023-09-23',
      uitkomst: 'onvoldoende',
    });
    expect(r.text).toContain('Volgende herinnering');
    expect(r.text).toContain('22 september 2023 — opvolging afspraken cirkel 3');
    await c.channelShows('Volgende herinnering');

    const reminders = () =>
      e.pg
        .fromBot(botId)
        .filter(
          (ev) => ev.action === 'createMessage' && cardText(ev.message.attachments?.[0]?.content).includes(`Herinnering casus ${c.caseId}`),
        );
    const sentAt: string[] = [];
    // Monday to Tuesday a week later in steps of an hour, both instances ticking at once.
    for (let t = Date.parse('2023-09-18T09:00:00Z'); t <= Date.parse('2023-09-26T09:00:00Z'); t += 3_600_000) {
      clock.set(new Date(t));
      const [a, b] = await Promise.all([e.app.reminders.tick(), second.tick()]);
      expect(a.ran && b.ran).toBe(false);
      if (a.sent + b.sent > 0) {
        sentAt.push(clock.now().toISOString());
        await e.app.dispatcher.sweepAll();
      }
    }
    await e.pg.waitFor((ev) => reminders().includes(ev), 15_000, 'herinnering in de thread');
    console.log('opvolgherinnering verstuurd op', sentAt, '— berichten in de thread:', reminders().length);
    expect(sentAt).toEqual(['2023-09-22T07:00:00.000Z']);
    expect(sentAt.every((at) => isOfficeHours(new Date(at)))).toBe(true);
    const sent = reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.actionConversationId).toBe(c.thread);
    const text = cardText(sent[0]?.message.attachments?.[0]?.content);
    expect(text).toContain('<at>Anouk de Vries</at>: Op 23 september 2023 staat de opvolging afspraken cirkel 3 gepland.');
    // Channel-safe: no free text of the case in the reminder.
    expect(JSON.stringify(sent[0]?.message)).not.toMatch(/"af"|ECD-77/);
    // Once sent, the status card no longer announces it.
    expect((await c.view(DEMO.anouk, 'status.tonen')).text).not.toContain('Volgende herinnering');
  }, 120_000);
});
