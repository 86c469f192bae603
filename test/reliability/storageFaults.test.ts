import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningAzurite, freePort, startAzurite } from '../../src/storage/azurite';
import { channelActivity } from '../support/connectorStandIn';
import { type Direct, startDirect } from '../support/direct';
import {
  TEAM_A,
  USERS,
  activityId,
  bijstellenCase,
  cardData,
  delivered,
  deliveries,
  invoke,
  repliesTo,
  repository,
  sleep,
} from './harness';

const SIGNAL = { datum: '2025-03-03', actielijn: 'actielijn dagstructuur', toelichting: 'zie dossier' };

/** Accepts connections and never answers: storage that hangs instead of refusing. */
const blackHole = async (port: number): Promise<{ close(): Promise<void> }> => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
};

const timed = async <T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const t = Date.now();
  const value = await f();
  return { value, ms: Date.now() - t };
};

describe('opslag valt weg midden in een casus', () => {
  let dir: string;
  let port: number;
  let azurite: RunningAzurite;
  let d: Direct;
  const health = async () => (await fetch(`http://127.0.0.1:${d.app.port}/healthz`)).status;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escaleer-storing-'));
    port = await freePort();
    azurite = await startAzurite({ location: dir, port });
    d = await startDirect({ STORAGE_CONNECTION_STRING: azurite.connectionString, LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await d?.close();
    await azurite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('geeft een duidelijke Nederlandse foutmelding, /healthz 503, blijft draaien, en gaat na herstel verder zonder verlies of dubbele berichten', async () => {
    const { caseId } = await bijstellenCase(d, TEAM_A, 'ECD-3');
    await delivered(d);
    expect(await health()).toBe(200);

    await azurite.close();
    const click = cardData('signaal.vastleggen', { caseId, version: 2 }, SIGNAL);
    const down = await timed(() => invoke(d, TEAM_A, 'signaal.vastleggen', click));
    const msgId = activityId('msg');
    const message = channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: USERS.anouk, id: msgId, ...TEAM_A });
    const msgDown = await d.post(message);
    const healthDown = await health();

    const hole = await blackHole(port);
    const hung = await timed(() => invoke(d, TEAM_A, 'signaal.vastleggen', click));
    const healthHung = await timed(health);
    await hole.close();

    azurite = await startAzurite({ location: dir, port });
    let healthUp = 0;
    for (let i = 0; i < 50 && healthUp !== 200; i++) {
      healthUp = await health();
      if (healthUp !== 200) await sleep(100);
    }
    const again = await invoke(d, TEAM_A, 'signaal.vastleggen', click);
    const msgAgain = await d.post(message);
    // After the outage the dispatcher may still be in its backoff: wait until what is owed has
    // arrived (a quiet period proves nothing), then settle so that anything sent twice is counted too.
    await delivered(d, () => {
      const owed = deliveries(d, caseId);
      return owed.updates >= 2 && owed.replies >= 2;
    });

    const { repo } = await repository(d);
    const stored = await repo.get(TEAM_A.tenantId, caseId);
    const events = await repo.events(TEAM_A.tenantId, caseId);
    const cases = await repo.listByChannel(TEAM_A.tenantId, TEAM_A.channelId);
    const sent = deliveries(d, caseId);
    const replies = repliesTo(d, msgId);
    console.log(
      `Opslagstoring: kaartactie zonder opslag beantwoord in ${down.ms} ms, bij hangende opslag in ${hung.ms} ms (healthz ${healthHung.ms} ms); ` +
        `healthz ${healthDown} → ${healthUp}; na herstel: casussen ${cases.length}, gebeurtenissen ${events.length}, ` +
        `verloren 0 van 3 wijzigingen: ${events.map((e) => e.action).join(', ')}; meldingen ${sent.updates} kaartupdates + ${sent.replies} tijdlijnberichten (verwacht 2 + 2)`,
    );

    expect(down.value.status).toBe(200);
    expect(down.value.text).toMatch(/opslag.*niet bereikbaar.*niets gewijzigd/i);
    expect(down.ms).toBeLessThan(5000);
    expect(hung.value.status).toBe(200);
    expect(hung.value.text).toMatch(/opslag.*niet bereikbaar/i);
    expect(hung.ms).toBeLessThan(10_000);
    expect(msgDown.status).toBe(200);
    expect(replies[0]).toMatch(/niets gewijzigd.*probeer het/i);
    expect(healthDown).toBe(503);
    expect(healthHung.value).toBe(503);
    expect(healthUp).toBe(200);

    expect(again.text).toContain('Stap 2');
    expect(msgAgain.status).toBe(200);
    expect(stored?.value.version).toBe(3);
    expect(events.map((e) => e.action)).toEqual(['casus.openen', 'route.kiezen', 'signaal.vastleggen']);
    expect(cases).toHaveLength(2);
    expect(sent).toEqual({ updates: 2, replies: 2 });
    expect(replies.filter((t) => t.includes('Casus CAS-'))).toHaveLength(1);
  }, 45_000);
});
