import type { ReminderScheduler } from '../../src/scheduler';
import { openTables } from '../../src/storage';
import { type Direct, startDirect } from '../support/direct';
import { DirectCase, toOnplanbareZorg } from '../support/directCase';
import { tableScheduler } from '../support/scheduler';
import { FakeClock, RecordingLogger } from '../support/fakes';
import { sevenConditions } from '../support/routeWalk';
import { seedTeam } from '../support/teamSettings';

const TENANT = 'tenant-a';
const TEAM = '19:team-a@thread.tacv2';

/** Walks a Zorgkantoor case to `aangemeld` for Groningen, 14 December 2023 (deadline 30 November). */
const registerCase = async (d: Direct, clock: FakeClock): Promise<DirectCase> => {
  clock.set('2023-10-02T08:00:00Z');
  const c = await DirectCase.open(d, 'begeleider-1');
  await c.act('begeleider-1', 'route.kiezen', { route: 'zorgkantoor' });
  const circle = { datum: '2023-10-02', deelnemers: 'begeleider', vraag: 'v', uitkomst: 'onvoldoende' };
  await c.act('begeleider-1', 'cirkel1.vastleggen', circle);
  await c.act('begeleider-1', 'cirkel2.vastleggen', circle);
  await c.act('begeleider-1', 'cirkel3.vastleggen', {
    datum: '2023-10-02',
    geconsulteerdeAanbieder: 'a',
    risicofactoren: 'r',
    beschermendeFactoren: 'b',
    context: 'c',
    plan: 'p',
    nodig: 'n',
    afspraken: 'x',
    vervolgdatum: '2023-10-02',
    uitkomst: 'onvoldoende',
  });
  const conditions = sevenConditions('Groningen', () => 'zie dossier');
  await c.act('begeleider-1', 'voorwaarden.vastleggen', conditions);
  await c.act('teamleider-1', 'voorwaarden.goedkeuren', {});
  await c.act('begeleider-1', 'adviseur.oordeel', { contactdatum: '2023-10-02', oordeel: 'passend' });
  const text = await c.act('begeleider-1', 'aanmelding.indienen', {
    formulierOntvangenOp: '2023-10-02',
    regio: 'Groningen',
    tafel: 'groningen-2023-12-14',
  });
  expect(text).toContain('14 december 2023');
  return c;
};

describe('herinneringen voor een tafelcyclus', () => {
  let d: Direct;
  const clock = new FakeClock(new Date('2023-10-02T08:00:00Z'));
  let second: ReminderScheduler;

  beforeAll(async () => {
    d = await startDirect({}, { clock, reminders: false });
    const tables = await openTables(d.app.storageConnection, d.prefix);
    await seedTeam(tables.cases, { tenantId: TENANT, teamId: TEAM }, { serviceUrl: d.connector.url });
    // A second bot instance against the same storage.
    second = tableScheduler(tables, clock, new RecordingLogger(), 'instantie-2', (t) => d.app.dispatcher.kick(t));
  }, 30_000);

  afterAll(async () => d?.close());

  it('stuurt elke herinnering één keer, op het juiste moment, in de thread van de casus, binnen kantooruren — ook met twee instanties', async () => {
    const c = await registerCase(d, clock);
    const fired: { text: string; at: string }[] = [];
    const seen = new Set<string>();
    const collect = async () => {
      await d.app.dispatcher.sweepAll();
      for (const call of d.connector.calls) {
        const body = JSON.stringify(call.body);
        if (!body.includes('Herinnering casus') || seen.has(`${call.at}:${body}`)) continue;
        seen.add(`${call.at}:${body}`);
        fired.push({ text: body, at: clock.now().toISOString() });
        expect(call.conversationId).toBe('19:kanaal-a@thread.tacv2;messageid=1');
      }
    };
    // Walk from 20 November to 16 December 2023 in steps of an hour, both instances ticking.
    for (let t = Date.parse('2023-11-20T00:00:00Z'); t <= Date.parse('2023-12-16T00:00:00Z'); t += 3_600_000) {
      clock.set(new Date(t));
      const [a, b] = await Promise.all([d.app.reminders.tick(), second.tick()]);
      expect(a.ran && b.ran).toBe(false);
      if (a.sent + b.sent > 0) await collect();
    }
    const kinds = fired.map((f) => [f.at, /inleverdatum|overlegtafel|uitkomst|verstreken/.exec(f.text)?.[0]]);
    console.log('herinneringen verstuurd', kinds);
    expect(fired.map((f) => f.at)).toEqual([
      '2023-11-23T08:00:00.000Z', // 7 dagen vóór de inleverdatum, 09:00 CET
      '2023-11-28T08:00:00.000Z', // 2 werkdagen ervoor
      '2023-11-30T08:00:00.000Z', // de dag zelf
      '2023-12-01T08:00:00.000Z', // verstreken zonder indienen: volgende tafel aangeboden
      '2023-12-13T08:00:00.000Z', // 1 werkdag vóór de tafel
      '2023-12-15T08:00:00.000Z', // uitkomst vastleggen
    ]);
    expect(fired[3]?.text).toContain('verstreken');
    expect(d.connector.calls.filter((x) => JSON.stringify(x.body).includes('Herinnering casus'))).toHaveLength(6);
    expect(c.caseId).toMatch(/^CAS-2023-/);
  }, 60_000);

  it('stuurt buiten kantooruren niets en haalt het de eerstvolgende werkdag om 08:00 in', async () => {
    clock.set('2024-01-02T08:00:00Z');
    // Monthly evaluation: start 3 January → first evaluation 3 February 2024, a Saturday.
    await toOnplanbareZorg(d);
    const before = d.connector.calls.length;
    for (const at of ['2024-02-03T09:00:00Z', '2024-02-04T12:00:00Z', '2024-02-05T06:59:00Z']) {
      clock.set(at);
      expect((await d.app.reminders.tick()).sent).toBe(0);
    }
    clock.set('2024-02-05T07:00:00Z'); // maandag 08:00 CET
    expect((await d.app.reminders.tick()).sent).toBe(1);
    await d.app.dispatcher.sweepAll();
    const sent = d.connector.calls.slice(before).filter((x) => JSON.stringify(x.body).includes('Herinnering casus'));
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.body)).toContain('evaluatie');
  }, 30_000);
});
