import { channelActivity } from '../support/connectorStandIn';
import { directForSuite } from '../support/direct';
import { cardText } from '../support/playgroundClient';
import { DUTCH, TEAM_A, USERS, activityId, cardData, delivered, openCase, repliesTo, routeBijstellen, watchRows } from './harness';

type Activity = Record<string, unknown>;

/** Ways a forged activity can carry fields Teams never sends in that shape (each applied to a message and to a card action). */
const MALFORMED: [string, (a: Activity) => Activity, boolean][] = [
  // [name, change, a reply is possible (conversation and sender are intact)]
  ['entities als tekst', (a) => ({ ...a, entities: 'mention' }), true],
  ['entities met een getal', (a) => ({ ...a, entities: [1, null] }), true],
  ['tenantId als object', (a) => ({ ...a, conversation: { ...(a.conversation as Activity), tenantId: { id: 'tenant-a' } } }), true],
  [
    'tenant in channelData als getal',
    (a) => ({
      ...a,
      conversation: { ...(a.conversation as Activity), tenantId: undefined },
      channelData: { ...(a.channelData as Activity), tenant: { id: 7 } },
    }),
    true,
  ],
  ['team-id als lijst', (a) => ({ ...a, channelData: { ...(a.channelData as Activity), team: { id: ['19:team-a@thread.tacv2'] } } }), true],
  ['channelData als tekst', (a) => ({ ...a, channelData: 'team-a' }), true],
  ['conversation.id als getal', (a) => ({ ...a, conversation: { ...(a.conversation as Activity), id: 12345 } }), false],
  ['conversation als tekst', (a) => ({ ...a, conversation: '19:kanaal-a@thread.tacv2' }), false],
  ['from.id als getal', (a) => ({ ...a, from: { id: 42, name: 'x', aadObjectId: 42 } }), false],
  ['from ontbreekt', (a) => ({ ...a, from: undefined }), false],
  ['serviceUrl als getal', (a) => ({ ...a, serviceUrl: 8080 }), false],
  ['replyToId als object', (a) => ({ ...a, replyToId: { id: 'x' } }), true],
];

describe('misvormde velden in de activiteit zelf (envelop)', () => {
  const d = directForSuite({ LOG_LEVEL: 'warn' });

  it('worden aan de rand geweigerd: geen 5xx, geen casusnummer, geen opgeslagen rij, geen foutafhandeling; een Nederlands antwoord waar dat kan', async () => {
    const caseId = await openCase(d, TEAM_A);
    const rows = await watchRows(d);
    const errorsBefore = d.log.lines.filter((l) => l.level === 'error').length;

    const outcomes: { name: string; kind: string; status: number; dutch: boolean; canReply: boolean }[] = [];
    for (const [name, change, canReply] of MALFORMED) {
      const id = activityId('env');
      const message = change(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from: USERS.anouk, id, ...TEAM_A }));
      const r = await d.post(message);
      await delivered(d);
      outcomes.push({ name, kind: 'bericht', status: r.status, dutch: DUTCH.test(repliesTo(d, id).join(' ')), canReply });
      const value = {
        action: {
          type: 'Action.Execute',
          verb: 'route.kiezen',
          data: cardData('route.kiezen', { caseId, version: 1 }, { route: 'bijstellen', clientRef: 'ECD-9' }),
        },
      };
      const card = change(
        channelActivity({
          serviceUrl: d.connector.url,
          type: 'invoke',
          name: 'adaptiveCard/action',
          value,
          id: activityId('env-inv'),
          from: USERS.anouk,
          ...TEAM_A,
        }),
      );
      const ir = await d.post(card);
      const text = cardText((ir.body as { value?: unknown } | null)?.value);
      outcomes.push({ name, kind: 'kaartactie', status: ir.status, dutch: DUTCH.test(text), canReply: true });
    }
    const { changed } = await rows.now();
    const errors = d.log.lines.filter((l) => l.level === 'error').slice(errorsBefore);
    const fiveXx = outcomes.filter((o) => o.status >= 500);
    const silent = outcomes.filter((o) => o.canReply && !o.dutch && o.status < 400);
    // The case opened before is untouched and still accepts a proper action.
    const proper = await routeBijstellen(d, TEAM_A, caseId, 'ECD-9');
    console.log(
      `Envelop: ${outcomes.length} misvormde activiteiten (${MALFORMED.length} soorten × bericht en kaartactie) → ${fiveXx.length} × 5xx, ` +
        `${outcomes.filter((o) => o.dutch).length} Nederlandse antwoorden (${silent.length} zonder waar het kon), gewijzigde rijen ${changed.length}, foutregels ${errors.length}`,
    );
    expect(fiveXx.map((o) => `${o.kind}: ${o.name}`)).toEqual([]);
    expect(changed).toEqual([]);
    expect(errors.map((l) => l.msg)).toEqual([]);
    expect(silent.map((o) => `${o.kind}: ${o.name} (${o.status})`)).toEqual([]);
    expect(proper.text).toContain('Stap 1');
  });
});
