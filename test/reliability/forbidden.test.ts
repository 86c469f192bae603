import { TableOutboxStore, openTables } from '../../src/storage';
import { type RecordedCall, channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { TEAM_A, cardData, delivered, invoke, openCase, routeBijstellen } from './harness';

const SIGNAL = { datum: '2025-03-03', actielijn: 'actielijn dagstructuur', toelichting: 'zie dossier' };
const ok = (c: RecordedCall): boolean => (c.status ?? 200) < 300;

describe('een 403 van Teams', () => {
  // A short probe pause keeps the test quick; the default is seconds, not hours.
  const d = directForSuite({ LOG_LEVEL: 'silent' }, { dispatcher: { forbiddenPause: { baseMs: 300, maxMs: 1_000 } } });

  /** A conversationUpdate as Teams sends it when the bot is added to or removed from the team. */
  const membership = (place: typeof TEAM_A, change: 'membersAdded' | 'membersRemoved') => ({
    ...channelActivity({ serviceUrl: d.connector.url, type: 'conversationUpdate', ...place, channelId: place.teamId }),
    [change]: [{ id: 'bot-escaleer', name: 'Escaleer' }],
    channelData: {
      tenant: { id: place.tenantId },
      team: { id: place.teamId },
      eventType: change === 'membersAdded' ? 'teamMemberAdded' : 'teamMemberRemoved',
    },
  });

  it('stopt alleen dat ene bericht; het kanaal gaat na een korte pauze verder, en alleen „bot verwijderd” stopt het tot herinstallatie', async () => {
    const place = { ...TEAM_A, teamId: '19:team-403@thread.tacv2', channelId: '19:kanaal-403@thread.tacv2' };
    const here = (c: RecordedCall) => c.conversationId.startsWith(place.channelId);
    const a = await openCase(d, place);
    await delivered(d);

    let refusals = 0;
    d.connector.responder = (call) =>
      here(call) && call.method === 'PUT' && refusals++ === 0
        ? { status: 403, body: { error: { code: 'Forbidden', message: 'geweigerd' } } }
        : null;
    const from403 = d.connector.calls.length;
    await routeBijstellen(d, place, a, 'ECD-10');
    await delivered(d);
    const b = await openCase(d, place);
    await delivered(d);
    const after403 = d.connector.calls.slice(from403).filter(here);

    await d.post(membership(place, 'membersRemoved'));
    const fromRemoved = d.connector.calls.length;
    await invoke(d, place, 'signaal.vastleggen', cardData('signaal.vastleggen', { caseId: a, version: 2 }, SIGNAL));
    await delivered(d);
    const whileRemoved = d.connector.calls.slice(fromRemoved).filter(here);

    await d.post(membership(place, 'membersAdded'));
    const fromBack = d.connector.calls.length;
    await routeBijstellen(d, place, b, 'ECD-11');
    await delivered(d);
    const afterBack = d.connector.calls.slice(fromBack).filter((c) => here(c) && JSON.stringify(c.body).includes(b));

    const tables = await openTables(d.app.storageConnection, d.prefix);
    const dead = (await new TableOutboxStore(tables.cases).deadLetters(place.tenantId)).filter((x) =>
      x.message.conversation.conversationId.startsWith(place.channelId),
    );
    const byReason = (r: string) => dead.filter((x) => x.reason === r).length;
    console.log(
      `403 op één kaartupdate: daarna ${after403.filter(ok).length} van ${after403.length - 1} berichten geleverd (tijdlijnregel + hoofdkaart van een nieuwe casus), ` +
        `dode brieven ${byReason('permanent')} (403); bot verwijderd: ${whileRemoved.length} verstuurd, ${byReason('gone')} dode brieven; ` +
        `na herinstallatie ${afterBack.filter(ok).length} van 2 geleverd`,
    );

    expect(after403.filter((c) => !ok(c))).toHaveLength(1);
    expect(after403.filter(ok).some((c) => c.method === 'POST' && JSON.stringify(c.body).includes(a))).toBe(true);
    expect(after403.filter(ok).some((c) => c.method === 'POST' && JSON.stringify(c.body).includes(b))).toBe(true);
    expect(byReason('permanent')).toBe(1);
    expect(whileRemoved).toHaveLength(0);
    expect(byReason('gone')).toBe(2);
    expect(
      afterBack
        .filter(ok)
        .map((c) => c.method)
        .sort(),
    ).toEqual(['POST', 'PUT']);
  }, 45_000);

  it('installationUpdate remove stopt de kanalen van het team ook, installationUpdate add hervat ze', async () => {
    const place = { ...TEAM_A, teamId: '19:team-installatie@thread.tacv2', channelId: '19:kanaal-installatie@thread.tacv2' };
    const here = (c: RecordedCall) => c.conversationId.startsWith(place.channelId);
    const install = (action: 'add' | 'remove') => ({
      ...channelActivity({ serviceUrl: d.connector.url, type: 'installationUpdate', ...place, channelId: place.teamId }),
      action,
      channelData: { tenant: { id: place.tenantId }, team: { id: place.teamId } },
    });
    const c = await openCase(d, place);
    await delivered(d);
    await d.post(install('remove'));
    const fromRemoved = d.connector.calls.length;
    await routeBijstellen(d, place, c, 'ECD-12');
    await delivered(d);
    const whileRemoved = d.connector.calls.slice(fromRemoved).filter(here);
    await d.post(install('add'));
    const fromBack = d.connector.calls.length;
    await invoke(d, place, 'signaal.vastleggen', cardData('signaal.vastleggen', { caseId: c, version: 2 }, SIGNAL));
    await delivered(d);
    const afterBack = d.connector.calls.slice(fromBack).filter((x) => here(x) && ok(x) && JSON.stringify(x.body).includes(c));
    console.log(`installationUpdate: verwijderd ${whileRemoved.length} verstuurd; na toevoegen ${afterBack.length} van 2 geleverd`);
    expect(whileRemoved).toHaveLength(0);
    expect(afterBack.map((x) => x.method).sort()).toEqual(['POST', 'PUT']);
  }, 30_000);
});
