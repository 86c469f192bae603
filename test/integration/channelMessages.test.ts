import { channelActivity } from '../support/connectorStandIn';
import { type Direct, startDirect } from '../support/direct';
import { DirectCase } from '../support/directCase';

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
    const calls = [
      ...(await sentAfter(activity)),
      ...(await sentAfter(activity)),
      ...(await sentAfter(activity)),
      ...(await sentAfter(activity)),
    ];
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
    const list = d.connector.calls
      .slice(before)
      .map((c) => String(c.body.text ?? ''))
      .find((t) => t.startsWith('Open casussen'));
    expect(list).toMatch(/CAS-\d{4}-0001: Route kiezen|CAS-\d{4}-0001/);
    expect(list).not.toContain('0002');
    const id = /CAS-\d{4}-0001/.exec(list ?? '')?.[0] ?? '';
    const n = d.connector.calls.length;
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: `/status ${id.toLowerCase()}` }));
    expect(JSON.stringify(d.connector.calls.slice(n))).toContain(`Casus ${id}`);
    expect(JSON.stringify(d.connector.calls.slice(n))).toContain('Momentopname');
    const m = d.connector.calls.length;
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/status CAS-2026-9999' }));
    expect(String(d.connector.calls[m]?.body.text)).toContain('niet gevonden in dit kanaal');
  });
});

describe('/status CAS-…: een momentopname, de casus houdt één levende kaart', () => {
  let d: Direct;
  beforeAll(async () => {
    d = await startDirect();
  });
  afterAll(async () => d?.close());

  const actionsOf = (card: unknown): { type: string; verb?: string; title: string; url?: string }[] => {
    const out: { type: string; verb?: string; title: string; url?: string }[] = [];
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as unknown as { type: string; title: string });
      Object.values(o).forEach(walk);
    };
    walk(card);
    return out;
  };

  it('plaatst een kaart die niet meebeweegt, met een link naar de thread en één knop die alleen de klikker de actuele kaart geeft', async () => {
    const c = await DirectCase.open(d, 'begeleider-1');
    const n = d.connector.calls.length;
    await d.post(channelActivity({ serviceUrl: d.connector.url, text: `/status ${c.caseId}` }));
    const posted = d.connector.calls.slice(n);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.conversationId).toBe('19:kanaal-a@thread.tacv2;messageid=1');
    const snapshot = (posted[0]?.body.attachments as { content: Record<string, unknown> }[])[0]?.content;
    const text = JSON.stringify(snapshot);
    expect(text).toContain('Momentopname van');
    expect(text).toContain('Nu: Nieuwe casus: route kiezen');
    expect(snapshot?.refresh).toBeUndefined();
    const actions = actionsOf(snapshot);
    expect(actions.map((a) => [a.type, a.verb ?? a.url?.slice(0, 38)])).toEqual([
      ['Action.OpenUrl', 'https://teams.microsoft.com/l/message/'],
      ['Action.Execute', 'status.tonen'],
    ]);
    // Its button answers the clicker with the live status card (with the case's actions) and posts nothing.
    const m = d.connector.calls.length;
    const live = await c.act('begeleider-2', 'status.tonen');
    expect(live).toContain('formulier.openen');
    expect(live).not.toContain('Momentopname');
    // An action afterwards updates the root card (activity of /escaleer), not the snapshot's message.
    await c.act('begeleider-2', 'route.kiezen', { route: 'zorgkantoor' });
    await d.app.dispatcher.sweepAll();
    const after = d.connector.calls.slice(m);
    const updates = after.filter((x) => x.method === 'PUT');
    // One live card: exactly one message is updated (the root card), never with the snapshot's text.
    expect(new Set(updates.map((u) => u.activityId)).size).toBe(1);
    expect(updates.every((u) => !JSON.stringify(u.body).includes('Momentopname'))).toBe(true);
  });

  it('pagineert het overzicht: 25 casussen per bericht, /status 2 toont de volgende', async () => {
    const where = { tenantId: 'tenant-a', teamId: '19:team-p@thread.tacv2', channelId: '19:kanaal-p@thread.tacv2' };
    for (let i = 0; i < 27; i++) await DirectCase.open(d, `begeleider-${i}`, where);
    const say = async (text: string) => {
      const n = d.connector.calls.length;
      await d.post(channelActivity({ serviceUrl: d.connector.url, text, ...where }));
      return String(d.connector.calls[n]?.body.text ?? '');
    };
    const first = await say('/status');
    const second = await say('/status 2');
    console.log(`/status bij 27 open casussen: ${Buffer.byteLength(first)} + ${Buffer.byteLength(second)} bytes`);
    expect(first).toContain('1–25 van 27 (pagina 1 van 2)');
    expect(first.match(/^- CAS-/gm)).toHaveLength(25);
    expect(first).toContain('Typ /status 2 voor de volgende 2.');
    expect(second).toContain('26–27 van 27 (pagina 2 van 2)');
    expect(second.match(/^- CAS-/gm)).toHaveLength(2);
    expect(second).not.toContain('Typ /status 3');
    expect(await say('/status 9')).toContain('pagina 2 van 2');
  }, 60_000);
});
