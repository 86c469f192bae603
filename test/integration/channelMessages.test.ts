import { channelActivity } from '../support/connectorStandIn';
import { type Direct, startDirect } from '../support/direct';

describe('berichten in een kanaal met RSC (de bot hoort alles)', () => {
  let d: Direct;
  beforeAll(async () => {
    d = await startDirect();
  });
  afterAll(async () => d?.close());

  const sentAfter = async (activity: Record<string, unknown>) => {
    const before = d.connector.calls.length;
    const r = await d.post(activity);
    expect(r.status).toBeLessThan(300);
    return d.connector.calls.slice(before);
  };

  it('negeert gewone kanaalberichten zonder vermelding of slash-commando, zonder te loggen', async () => {
    const logBefore = d.log.lines.length;
    const calls = await sentAfter(channelActivity({ serviceUrl: d.connector.url, text: 'Wie heeft er morgen dienst?', mention: false }));
    expect(calls).toHaveLength(0);
    expect(d.log.lines.slice(logBefore).filter((l) => JSON.stringify(l).includes('dienst'))).toHaveLength(0);
  });

  it('negeert een onbekend slash-commando zonder vermelding (dat is voor een andere app)', async () => {
    expect(await sentAfter(channelActivity({ serviceUrl: d.connector.url, text: '/poll lunch?', mention: false }))).toHaveLength(0);
  });

  it('reageert op /escaleer zonder vermelding met een hoofdkaart in de thread', async () => {
    const calls = await sentAfter(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', mention: false }));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.conversationId).toBe('19:kanaal-a@thread.tacv2;messageid=1');
    expect(JSON.stringify(calls[0]?.body)).toMatch(/Casus CAS-\d{4}-0001/);
  });

  it('geeft bij een vermelding met onbekende tekst een korte Nederlandse hint', async () => {
    const calls = await sentAfter(channelActivity({ serviceUrl: d.connector.url, text: 'hallo' }));
    expect(calls).toHaveLength(1);
    expect(String(calls[0]?.body.text)).toContain('/help');
  });

  it('maakt bij herhaalde levering van hetzelfde /escaleer-bericht maar één casus', async () => {
    const activity = channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', id: 'dubbel-1' });
    const calls = [...(await sentAfter(activity)), ...(await sentAfter(activity)), ...(await sentAfter(activity)), ...(await sentAfter(activity))];
    expect(calls).toHaveLength(1);
  });
});

describe('/status in een kanaal', () => {
  let d: Direct;
  beforeAll(async () => {
    d = await startDirect();
  });
  afterAll(async () => d?.close());

  it('toont de open casussen van dit kanaal met wie aan zet is, en de kaart van één casus', async () => {
    const before = d.connector.calls.length;
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer' }));
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', channelId: '19:ander-kanaal@thread.tacv2' }));
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/status' }));
    const list = d.connector.calls.slice(before).map((c) => String(c.body.text ?? '')).find((t) => t.startsWith('Open casussen'));
    expect(list).toMatch(/CAS-\d{4}-0001: Route kiezen|CAS-\d{4}-0001/);
    expect(list).not.toContain('0002');
    const id = /CAS-\d{4}-0001/.exec(list ?? '')?.[0] ?? '';
    const n = d.connector.calls.length;
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: `/status ${id.toLowerCase()}` }));
    expect(JSON.stringify(d.connector.calls.slice(n))).toContain(`Casus ${id}`);
    const m = d.connector.calls.length;
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/status CAS-2026-9999' }));
    expect(String(d.connector.calls[m]?.body.text)).toContain('niet gevonden in dit kanaal');
  });
});
