import type { RecordedCall } from '../support/connectorStandIn';
import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { cardText } from '../support/playgroundClient';
import { TEAM_A, USERS, activityId, delivered, repository, routeBijstellen, waitUntil } from './harness';

const isRootCard = (c: RecordedCall): boolean =>
  c.method === 'POST' &&
  Array.isArray(c.body.attachments) &&
  /Casus CAS-/.test(JSON.stringify(c.body)) &&
  !/Herinnering|wacht op/.test(JSON.stringify(c.body));
const ok = (c: RecordedCall): boolean => (c.status ?? 200) < 300;

describe('de hoofdkaart van een nieuwe casus gaat niet verloren', () => {
  const d = directForSuite({ LOG_LEVEL: 'silent' });
  beforeAll(async () => {});
  afterEach(() => {
    d.connector.responder = () => null;
  });

  it('weigert de connector de hoofdkaart (500), dan hoort de gebruiker dat de casus er is en komt de kaart één keer zodra Teams herstelt', async () => {
    const place = { ...TEAM_A, channelId: '19:kanaal-hoofdkaart-500@thread.tacv2' };
    let down = true;
    d.connector.responder = (call) =>
      down && isRootCard(call) ? { status: 500, body: { error: { code: 'ServiceError', message: 'tijdelijk' } } } : null;
    const id = activityId('msg');
    const msg = channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: USERS.anouk, id, ...place });
    const first = await d.post(msg);
    const told = d.connector.calls
      .filter((c) => c.method === 'POST' && c.activityId === id && !c.body.attachments)
      .map((c) => String(c.body.text ?? ''));
    const refusedWhileDown = d.connector.calls.filter(
      (c) => isRootCard(c) && c.conversationId.startsWith(place.channelId) && !ok(c),
    ).length;
    down = false;
    const posted = await waitUntil(
      () => d.connector.calls.some((c) => isRootCard(c) && ok(c) && c.conversationId.startsWith(place.channelId)),
      15_000,
    );
    const again = await d.post(msg);
    await delivered(d);

    const { repo } = await repository(d);
    const cases = await repo.listByChannel(place.tenantId, place.channelId);
    const roots = d.connector.calls.filter((c) => isRootCard(c) && c.conversationId.startsWith(place.channelId));
    const placed = roots.filter(ok);
    console.log(
      `Hoofdkaart bij een falende connector: pogingen ${roots.length} (${roots.length - placed.length} × 500), geplaatst ${placed.length}, ` +
        `casussen ${cases.length}, id vastgelegd ${cases[0]?.location.rootActivityId === placed[0]?.answeredId ? 'ja' : 'nee'}; gebruiker las: „${told.join(' | ')}”`,
    );

    expect(first.status).toBeLessThan(300);
    expect(again.status).toBeLessThan(300);
    expect(refusedWhileDown).toBeGreaterThan(0);
    expect(told.join(' ')).not.toMatch(/niets gewijzigd/i);
    expect(told.join(' ')).toMatch(/Casus CAS-\d{4}-\d{4,6} is aangemaakt.*kaart verschijnt/i);
    expect(posted).toBe(true);
    expect(placed).toHaveLength(1);
    expect(placed[0]?.activityId).toBe(id);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.location.rootActivityId).toBe(placed[0]?.answeredId);
  }, 40_000);

  it('een actie terwijl de hoofdkaart nog onderweg is (trage connector) werkt de kaart bij en zet haar tijdlijnregel in de draad', async () => {
    const place = { ...TEAM_A, channelId: '19:kanaal-hoofdkaart-traag@thread.tacv2' };
    d.connector.responder = (call) => (isRootCard(call) && call.conversationId.startsWith(place.channelId) ? { delayMs: 2500 } : null);
    const id = activityId('msg');
    const opening = d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: USERS.anouk, id, ...place }));
    const { repo } = await repository(d);
    let caseId = '';
    await waitUntil(async () => {
      caseId = (await repo.listByChannel(place.tenantId, place.channelId))[0]?.id ?? '';
      return caseId !== '' && d.connector.calls.some((c) => isRootCard(c) && c.conversationId.startsWith(place.channelId));
    }, 5_000);
    const stored = await repo.get(place.tenantId, caseId as never);
    const rootKnownAtClick = stored?.value.location.rootActivityId ?? null;
    const chosen = await routeBijstellen(d, place, caseId, 'ECD-11');
    await opening;
    await waitUntil(() => d.connector.calls.some((c) => c.method === 'PUT' && c.conversationId.startsWith(place.channelId)), 10_000);
    await delivered(d);

    const root = d.connector.calls.find((c) => isRootCard(c) && ok(c) && c.conversationId.startsWith(place.channelId));
    const mine = d.connector.calls.filter(
      (c) => c.conversationId.startsWith(place.channelId) && c !== root && JSON.stringify(c.body).includes(caseId),
    );
    const updates = mine.filter((c) => c.method === 'PUT');
    const inThread = mine.filter((c) => c.method === 'POST' && c.activityId !== null && c.activityId === root?.answeredId);
    const topLevel = mine.filter((c) => c.method === 'POST' && c.activityId === null);
    console.log(
      `Actie vóór het id van de hoofdkaart bekend was (id bij klik: ${rootKnownAtClick ?? 'geen'}): kaartupdates ${updates.length} (op de hoofdkaart ${updates.filter((u) => u.activityId === root?.answeredId).length}), ` +
        `tijdlijnregels in de draad ${inThread.length}, los in het kanaal ${topLevel.length}; berichten: ${mine.map((c) => `${c.method} ${cardText(c.body).slice(0, 20)}`).join(', ')}`,
    );

    expect(rootKnownAtClick).toBeNull();
    expect(chosen.text).toContain('Stap 1');
    expect(root).toBeDefined();
    expect(updates).toHaveLength(1);
    expect(updates[0]?.activityId).toBe(root?.answeredId);
    expect(inThread).toHaveLength(1);
    expect(topLevel).toHaveLength(0);
  }, 40_000);
});
