import type { Activity } from 'botbuilder';
import type { Actor, CaseLocation, Role } from '../domain';

/** Team roles per user, from the team settings (none configured → only `begeleider`). */
export interface RoleDirectory {
  rolesOf(tenantId: string, teamId: string, userId: string): Promise<readonly Role[]>;
}

interface TeamsChannelData {
  readonly tenant?: { readonly id?: string };
  readonly team?: { readonly id?: string };
  readonly channel?: { readonly id?: string };
}

export type ChannelPlace = Omit<CaseLocation, 'rootActivityId'>;

/** The team channel an activity came from, or `null` for personal and group chats. */
export const channelPlace = (activity: Activity): ChannelPlace | null => {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const teamId = data.team?.id;
  const channelId = data.channel?.id;
  const tenantId = activity.conversation?.tenantId ?? data.tenant?.id;
  if (activity.conversation?.conversationType !== 'channel' || !teamId || !channelId || !tenantId) return null;
  return {
    tenantId,
    teamId,
    channelId,
    conversationId: activity.conversation.id,
    serviceUrl: activity.serviceUrl,
  };
};

/** Ids as they may appear in a log line: Teams/Bot Framework id characters only, bounded; anything else is not logged. */
const loggableId = (v: unknown): string => (typeof v === 'string' && /^[A-Za-z0-9:@._;=|-]{1,160}$/.test(v) ? v : 'onbekend');

/** What every log line of a turn carries: tenant and activity id (never text from the activity). */
export const turnBindings = (activity: Partial<Activity>): Record<string, string> => ({
  tenant: loggableId(activity.conversation?.tenantId ?? (activity.channelData as TeamsChannelData | undefined)?.tenant?.id),
  activity: loggableId(activity.id),
});

/** Display names made plain recently: the same people act again and again (normalising costs microseconds). */
const plainNames = new Map<string, string>();

/**
 * A display name from Teams as plain text: no markup that could become a mention or HTML, no
 * control or format characters, at most 100 characters. Cards show it as data only.
 */
export const plainName = (name: unknown): string => {
  if (typeof name !== 'string') return 'Onbekend';
  const hit = plainNames.get(name);
  if (hit !== undefined) return hit;
  const text =
    name
      .normalize('NFKC')
      .replace(/[\p{Cc}\p{Cf}<>]/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || 'Onbekend';
  // Only names of a sensible length are remembered: the memo stays small whatever a client sends.
  if (name.length <= 256) {
    if (plainNames.size >= 1024) plainNames.clear();
    plainNames.set(name, text);
  }
  return text;
};

/**
 * The team of an install event: Teams names the team but no channel there (the conversation is the
 * team's General channel, whose id is the team id). `null` outside a team.
 */
export const teamPlace = (activity: Activity): ChannelPlace | null => {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const teamId = data.team?.id;
  const tenantId = activity.conversation?.tenantId ?? data.tenant?.id;
  if (activity.conversation?.conversationType !== 'channel' || !teamId || !tenantId) return null;
  return {
    tenantId,
    teamId,
    channelId: data.channel?.id ?? teamId,
    conversationId: activity.conversation.id,
    serviceUrl: activity.serviceUrl,
  };
};

/** The acting user: AAD object id when Teams provides it, else the channel user id. */
export const actorOf = async (activity: Activity, directory: RoleDirectory, place: ChannelPlace | null): Promise<Actor> => {
  const userId = activity.from.aadObjectId ?? activity.from.id;
  const roles = place ? await directory.rolesOf(place.tenantId, place.teamId, userId) : [];
  return { userId, name: plainName(activity.from.name), roles, ...(activity.from.id ? { mri: activity.from.id } : {}) };
};
