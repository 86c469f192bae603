import type { TableClient } from '@azure/data-tables';
import type { TeamSettings } from '../../src/app';
import type { CaseId } from '../../src/domain';
import { TableCaseRepository, openTables } from '../../src/storage';
import { channelActivity } from '../support/connectorStandIn';
import { delivered, sleep } from '../support/delivery';
import type { Direct } from '../support/direct';
import { cardText } from '../support/playgroundClient';
import { seedTeam } from '../support/teamSettings';

export { delivered, sleep, waitUntil } from '../support/delivery';

/** Where an activity comes from: tenant, team and channel as Teams sends them. */
export interface Place {
  readonly tenantId: string;
  readonly teamId: string;
  readonly channelId: string;
}

export const TEAM_A: Place = { tenantId: 'tenant-a', teamId: '19:team-a@thread.tacv2', channelId: '19:kanaal-a@thread.tacv2' };
export const TEAM_B: Place = { tenantId: 'tenant-a', teamId: '19:team-b@thread.tacv2', channelId: '19:kanaal-b@thread.tacv2' };
/** Another organisation whose team and channel happen to carry the same ids as team A. */
export const OTHER_TENANT: Place = { ...TEAM_A, tenantId: 'tenant-z' };

export const USERS = {
  anouk: 'user-anouk',
  mohamed: 'user-mohamed-teamleider',
  joost: 'user-joost',
} as const;

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Every string in the answered card, joined. */
  readonly text: string;
}

let seq = 0;
/** A fresh activity id, unique within the run. */
export const activityId = (tag = 'act'): string => `${tag}-${Date.now().toString(36)}-${(++seq).toString(36)}`;

/** Posts an Action.Execute invoke as Teams would; `value` replaces the whole invoke value when given. */
export const invoke = async (
  d: Direct,
  place: Place,
  verb: string,
  data: Record<string, unknown>,
  /** `replyToId`: the message the card is on; by default the named case's root card (as Teams sends it). */
  over: { id?: string; from?: string; value?: unknown; headers?: Record<string, string>; replyToId?: string | undefined } = {},
): Promise<Reply> => {
  const value = 'value' in over ? over.value : { action: { type: 'Action.Execute', verb, data } };
  const activity = channelActivity({
    serviceUrl: d.connector.url,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value,
    id: over.id ?? activityId('inv'),
    from: over.from ?? USERS.anouk,
    ...place,
    ...('replyToId' in over ? { replyToId: over.replyToId } : {}),
  });
  const r = await d.post(activity, over.headers);
  const card = (r.body as { value?: unknown } | null)?.value;
  return { status: r.status, body: r.body, text: cardText(card) };
};

/** Card data for `verb` with the case reference and the inputs named `<verb>.<field>`. */
export const cardData = (
  verb: string,
  ref: { caseId: string; version: number },
  fields: Record<string, unknown>,
): Record<string, unknown> => {
  const data: Record<string, unknown> = { ...ref };
  for (const [k, v] of Object.entries(fields)) data[`${verb}.${k}`] = v;
  return data;
};

/** Picks route Bijstellen with `clientRef` on the new case `caseId` (version 1), from its own card. */
export const routeBijstellen = (d: Direct, place: Place, caseId: string, clientRef: string, over: Parameters<typeof invoke>[4] = {}) =>
  invoke(d, place, 'route.kiezen', cardData('route.kiezen', { caseId, version: 1 }, { route: 'bijstellen', clientRef }), over);

/** Posts `/escaleer` in `place` and returns the id of the new case (read from the posted root card). */
export const openCase = async (d: Direct, place: Place, from: string = USERS.anouk, id = activityId('msg')): Promise<CaseId> => {
  const before = d.connector.calls.length;
  const r = await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', from, id, ...place }));
  if (r.status >= 300) throw new Error(`/escaleer gaf ${r.status}`);
  for (let i = 0; i < 100; i++) {
    for (const call of d.connector.calls.slice(before)) {
      const caseId =
        call.method === 'POST' && call.activityId === id ? /Casus (CAS-\d{4}-\d{4,6})/.exec(JSON.stringify(call.body))?.[1] : undefined;
      if (caseId) return caseId as CaseId;
    }
    await sleep(30);
  }
  throw new Error('geen hoofdkaart ontvangen');
};

/** Opens a case in `place` (as Anouk) and picks route Bijstellen with `clientRef`: the case at version 2 and the answer. */
export const bijstellenCase = async (d: Direct, place: Place, clientRef: string): Promise<{ caseId: CaseId; chosen: Reply }> => {
  const caseId = await openCase(d, place);
  return { caseId, chosen: await routeBijstellen(d, place, caseId, clientRef) };
};

/** The bot's direct replies (not outbox deliveries) to the activity with this id. */
export const repliesTo = (d: Direct, id: string): string[] =>
  d.connector.calls.filter((c) => c.method === 'POST' && c.activityId === id).map((c) => cardText(c.body));

export const repository = async (d: Direct): Promise<{ repo: TableCaseRepository; table: TableClient }> => {
  const tables = await openTables(d.app.storageConnection, d.prefix);
  return { repo: new TableCaseRepository(tables.cases), table: tables.cases };
};

/** Stores team settings with these role holders (ids are the stand-in's user ids) for `place`. */
export const seedSettings = async (d: Direct, place: Place, roleHolders: TeamSettings['roleHolders']): Promise<void> =>
  seedTeam((await openTables(d.app.storageConnection, d.prefix)).cases, place, {
    serviceUrl: d.connector.url,
    roleHolders,
    updatedBy: USERS.mohamed,
  });

/** Gives `mohamed` the teamleider role in `place`'s team. */
export const seedTeamleider = (d: Direct, place: Place): Promise<void> =>
  seedSettings(d, place, { teamleider: [{ id: USERS.mohamed, name: 'Mohamed' }] });

/**
 * Every stored row except outbox items (the dispatcher consumes those), keyed by partition and row,
 * with its data columns: two snapshots are equal exactly when no case, event, counter or dedupe
 * marker changed.
 */
const snapshot = async (table: TableClient): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for await (const e of table.listEntities<Record<string, unknown>>()) {
    const rowKey = String(e.rowKey);
    if (rowKey.startsWith('outbox_') || rowKey.startsWith('lease_')) continue;
    const { etag: _etag, timestamp: _ts, ...rest } = e;
    out.set(`${String(e.partitionKey)}|${rowKey}`, JSON.stringify(rest));
  }
  return out;
};

const diff = (a: Map<string, string>, b: Map<string, string>): string[] => {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k));
};

/** The stored rows at one moment (see {@link snapshot}), to compare with later. */
export interface RowWatch {
  readonly before: Map<string, string>;
  /** The rows now, and the keys of those that differ from `before`. */
  now(): Promise<{ rows: Map<string, string>; changed: string[] }>;
}

/**
 * Snapshots the store once everything owed is {@link delivered} (a late delivery records the root
 * card's id on its case: it must not show as a change); `now()` waits likewise before it compares.
 */
export const watchRows = async (d: Direct): Promise<RowWatch> => {
  const { table } = await repository(d);
  await delivered(d);
  const before = await snapshot(table);
  return {
    before,
    now: async () => {
      await delivered(d);
      const rows = await snapshot(table);
      return { rows, changed: diff(before, rows) };
    },
  };
};

/**
 * A case of team A on route Bijstellen with `clientRef` (version 2) and a new case of team B, all
 * delivered; `rows` watches the store from then on.
 */
export const casesInTwoTeams = async (d: Direct, clientRef: string): Promise<{ own: CaseId; foreign: CaseId; rows: RowWatch }> => {
  const { caseId: own } = await bijstellenCase(d, TEAM_A, clientRef);
  const foreign = await openCase(d, TEAM_B);
  return { own, foreign, rows: await watchRows(d) };
};

/** Dutch, judged by common words of the bot's messages. */
export const DUTCH = /\b(niet|niets|casus|kaart|opnieuw|gewijzigd|onbekend|geen|kanaal|typ|gebruik|probeer|opslag|stap|route|deze)\b/i;

/** The stand-in's successful outbox deliveries for a case: root card updates (PUT) and thread replies (POST). */
export const deliveries = (d: Direct, caseId: string): { updates: number; replies: number } => {
  const mine = d.connector.delivered().filter((c) => JSON.stringify(c.body).includes(caseId));
  return {
    updates: mine.filter((c) => c.method === 'PUT').length,
    replies: mine.filter((c) => c.method === 'POST' && c.activityId !== null && !JSON.stringify(c.body).includes('"attachments"')).length,
  };
};
