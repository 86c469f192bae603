import { activityEnvelope, checkEnvelope, plainlyValid } from '../../src/bot/envelope';
import { channelActivity } from '../support/connectorStandIn';

type Activity = Record<string, unknown>;

const serviceUrl = 'http://127.0.0.1:9/';

/** Activities as Teams sends them: a mention, a card action, an install with members added and removed. */
const TEAMS: [string, Activity][] = [
  ['bericht', channelActivity({ serviceUrl, text: '/escaleer' })],
  [
    'kaartactie',
    channelActivity({
      serviceUrl,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'route.kiezen', data: { caseId: 'CAS-2026-0001', version: 1 } } },
      replyToId: 'root-1',
    }),
  ],
  [
    'installatie',
    {
      ...channelActivity({ serviceUrl, type: 'conversationUpdate' }),
      membersAdded: [{ id: 'bot-escaleer' }, { id: 'user-1', name: 'x' }],
      membersRemoved: [],
      entities: null,
      replyToId: null,
      channelData: { tenant: { id: 'tenant-a' }, team: null, channel: { id: null }, eventType: 'teamMemberAdded' },
    },
  ],
  [
    'persoonlijk gesprek',
    { ...channelActivity({ serviceUrl }), channelData: undefined, conversation: { id: 'a:1', conversationType: 'personal' } },
  ],
];

/** A value just within and just beyond each limit, and values of the wrong kind. */
const text = (n: number) => 'x'.repeat(n);
const PROBES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  text(64),
  text(65),
  text(128),
  text(129),
  text(256),
  text(257),
  text(1024),
  text(1025),
  text(2048),
  text(2049),
  0,
  42,
  true,
  {},
  { id: 'a' },
  { id: 7 },
  { id: '' },
  { id: null },
  { id: 'a', aadObjectId: 5 },
  { type: 'mention' },
  { type: 3 },
  [],
  ['x'],
  [{ type: 'mention' }],
  [{ type: 'mention' }, null],
  [{ id: 'a' }],
  [{ id: 5 }],
  Array.from({ length: 101 }, () => ({ type: 'x', id: 'a' })),
  Array.from({ length: 1001 }, () => ({ id: 'a' })),
  new Date(0),
  Object.assign(Object.create(null) as object, { id: 'a', type: 'x' }),
  { id: 'a', then: () => undefined, catch: () => undefined },
];

/** Every field the envelope checks, as a path into the activity. */
const FIELDS = [
  [],
  ['type'],
  ['id'],
  ['serviceUrl'],
  ['from'],
  ['from', 'id'],
  ['from', 'name'],
  ['from', 'aadObjectId'],
  ['recipient'],
  ['recipient', 'id'],
  ['conversation'],
  ['conversation', 'id'],
  ['conversation', 'tenantId'],
  ['conversation', 'conversationType'],
  ['channelData'],
  ['channelData', 'tenant'],
  ['channelData', 'tenant', 'id'],
  ['channelData', 'team'],
  ['channelData', 'team', 'id'],
  ['channelData', 'channel'],
  ['channelData', 'channel', 'id'],
  ['entities'],
  ['entities', 0],
  ['entities', 0, 'type'],
  ['replyToId'],
  ['name'],
  ['membersAdded'],
  ['membersAdded', 0],
  ['membersAdded', 0, 'id'],
  ['membersRemoved'],
  ['membersRemoved', 0, 'id'],
] as const;

/** A copy of `a` with the value at `path` replaced (objects and arrays on the way are created as needed). */
const withValue = (a: unknown, path: readonly (string | number)[], value: unknown): unknown => {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const list = Array.isArray(a) ? [...(a as unknown[])] : [];
    list[head] = withValue(list[head], rest, value);
    return list;
  }
  const base = a !== null && typeof a === 'object' && !Array.isArray(a) ? (a as Activity) : {};
  return { ...base, [head]: withValue(base[head], rest, value) };
};

const variants = (): [string, unknown][] =>
  TEAMS.flatMap(([name, activity]) =>
    FIELDS.flatMap((path) =>
      PROBES.map((probe, i): [string, unknown] => [
        `${name} ${path.join('.') || '(activiteit)'} = probe ${i}`,
        withValue(activity, path, probe),
      ]),
    ),
  );

describe('de envelop van een activiteit', () => {
  it('neemt wat Teams stuurt aan zonder het schema (de snelle controle)', () => {
    for (const [name, activity] of TEAMS) {
      expect([name, plainlyValid(activity)]).toEqual([name, true]);
      expect([name, checkEnvelope(activity)]).toEqual([name, { ok: true, value: null }]);
    }
  });

  it('de snelle controle laat nooit iets door dat het schema weigert', () => {
    const all = variants();
    const wrong = all.filter(([, a]) => plainlyValid(a) && !activityEnvelope.safeParse(a).success).map(([name]) => name);
    expect(wrong).toEqual([]);
    // The probes do reach both sides: some variants pass quickly, many are refused.
    expect(all.filter(([, a]) => plainlyValid(a)).length).toBeGreaterThan(100);
    expect(all.filter(([, a]) => !activityEnvelope.safeParse(a).success).length).toBeGreaterThan(100);
  });

  it('weigert precies wat het schema weigert, met de velden die het schema noemt', () => {
    const differ = variants().filter(([, a]) => {
      const schema = activityEnvelope.safeParse(a);
      const check = checkEnvelope(a);
      if (schema.success) return !check.ok;
      const fields = [
        ...new Set(schema.error.issues.map((i) => i.path.map((p) => (typeof p === 'number' ? '#' : p)).join('.') || '(activiteit)')),
      ];
      return check.ok || JSON.stringify(check.error.fields) !== JSON.stringify(fields.slice(0, 5));
    });
    expect(differ.map(([name]) => name)).toEqual([]);
  });

  it('een misvormde envelop noemt de velden, nooit hun waarden', () => {
    const secret = 'BSN 123456782';
    const check = checkEnvelope({ ...TEAMS[0]?.[1], conversation: { id: 5, tenantId: { id: secret } }, entities: secret });
    expect(check).toEqual({ ok: false, error: { fields: ['conversation.id', 'conversation.tenantId', 'entities'], canReply: false } });
    expect(JSON.stringify(check)).not.toContain('123456782');
  });
});
