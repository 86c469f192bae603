import { LRUCache } from 'lru-cache';
import { type CloudAdapter, type ConversationReference, TeamsInfo } from 'botbuilder';
import type { Clock, TeamMembership } from '../app';

interface HttpishError {
  readonly statusCode?: number;
}

/**
 * Asks Teams (GET /v3/conversations/{team}/members/{aadObjectId}, proactively) whether a user is a
 * member of a team. Answers are cached per user and team: yes for 5 minutes, no for 1 minute.
 */
export class ConnectorTeamMembership implements TeamMembership {
  private readonly cache: LRUCache<string, { member: boolean }>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    /** The Bot Framework service URL the bot knows for the team (from its settings or cases). */
    private readonly serviceUrlFor: (tenantId: string, teamId: string) => Promise<string | null>,
    private readonly clock: Clock,
  ) {
    // Bounded: the least recently asked users go first.
    this.cache = new LRUCache({ max: 20_000, ttl: 300_000, perf: { now: () => this.clock.now().getTime() }, ttlResolution: 0 });
  }

  async isMember(tenantId: string, teamId: string, userObjectId: string): Promise<boolean> {
    const key = `${tenantId}\n${teamId}\n${userObjectId}`;
    const hit = this.cache.get(key);
    if (hit) return hit.member;
    const serviceUrl = await this.serviceUrlFor(tenantId, teamId);
    if (!serviceUrl) return false;
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: teamId, tenantId, isGroup: true, conversationType: 'channel', name: '' },
    };
    let member = false;
    let failure: unknown = null;
    await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
      try {
        await TeamsInfo.getTeamMember(ctx, teamId, userObjectId);
        member = true;
      } catch (e) {
        const status = (e as HttpishError).statusCode;
        if (status !== 404 && status !== 403) failure = e;
      }
    });
    if (failure) throw failure instanceof Error ? failure : new Error('lidmaatschap niet op te vragen');
    this.cache.set(key, { member }, { ttl: member ? 300_000 : 60_000 });
    return member;
  }
}
