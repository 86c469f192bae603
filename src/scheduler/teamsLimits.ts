import { SlidingWindowLimiter, type Ticket, type WindowRule } from './rateLimiter';

/** Teams' limits for one bot: per conversation, and per app per tenant. */
export interface TeamsLimits {
  readonly perConversation: readonly WindowRule[];
  readonly perTenant: readonly WindowRule[];
}

/**
 * Microsoft's published limits: per conversation 7 / 1 s, 8 / 2 s, 60 / 30 s, 1800 / hour;
 * per tenant 50 requests / s. Enforced per instance: with N instances, give each `perTenant` max 50/N.
 */
export const TEAMS_LIMITS: TeamsLimits = {
  perConversation: [
    { windowMs: 1_000, max: 7 },
    { windowMs: 2_000, max: 8 },
    { windowMs: 30_000, max: 60 },
    { windowMs: 3_600_000, max: 1800 },
  ],
  perTenant: [{ windowMs: 1_000, max: 50 }],
};

/** The rate-limit key of a conversation: a channel thread (`…;messageid=…`) counts as its channel. */
export const conversationKey = (conversationId: string): string => {
  const i = conversationId.indexOf(';messageid=');
  return i < 0 ? conversationId : conversationId.slice(0, i);
};

export interface TeamsTicket {
  readonly conversation: Ticket;
  readonly tenant: Ticket;
}

/** Both limiters at once: a send needs room in its conversation and in its tenant. */
export class TeamsRateLimiter {
  private readonly conversations: SlidingWindowLimiter;
  private readonly tenants: SlidingWindowLimiter;

  constructor(limits: TeamsLimits = TEAMS_LIMITS) {
    this.conversations = new SlidingWindowLimiter(limits.perConversation);
    this.tenants = new SlidingWindowLimiter(limits.perTenant);
  }

  /** Milliseconds until a send to `conversation` (a {@link conversationKey}) of `tenant` may start. */
  waitMs(tenant: string, conversation: string, now: number): number {
    return Math.max(this.conversations.waitMs(conversation, now), this.tenants.waitMs(tenant, now));
  }

  begin(tenant: string, conversation: string, now: number): TeamsTicket {
    return { conversation: this.conversations.begin(conversation, now), tenant: this.tenants.begin(tenant, now) };
  }

  end(t: TeamsTicket, at: number): void {
    this.conversations.end(t.conversation, at);
    this.tenants.end(t.tenant, at);
  }

  cancel(t: TeamsTicket): void {
    this.conversations.cancel(t.conversation);
    this.tenants.cancel(t.tenant);
  }

  /** Honours Retry-After: nothing to this conversation before `until`. */
  block(conversation: string, until: number): void {
    this.conversations.block(conversation, until);
  }
}
