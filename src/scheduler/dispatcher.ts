import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type Clock,
  type LeaseStore,
  type Logger,
  type Metrics,
  type Notifier,
  type OutboxEntry,
  type OutboxStore,
  type RootCards,
  noMetrics,
} from '../app';
import { type DispatchStats, type RunContext, deliverOne, runConversation } from './conversationRun';
import { type BackoffPolicy, DEFAULT_BACKOFF, FORBIDDEN_PAUSE } from './retryPolicy';
import { Semaphore } from './semaphore';
import { TEAMS_LIMITS, type TeamsLimits, TeamsRateLimiter, conversationKey } from './teamsLimits';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DispatcherOptions {
  /** How often every tenant's outbox is swept (ms). */
  readonly pollMs: number;
  /** How long a claimed item stays reserved for this instance (ms); must exceed `deliveryTimeoutMs`. */
  readonly leaseMs: number;
  /**
   * A send that has not answered after this long is slow (ms): it is logged and its lease extended,
   * and the dispatcher keeps waiting for the answer instead of sending again (Teams may have posted it).
   */
  readonly deliveryTimeoutMs: number;
  /** A send still unanswered after this long is aborted and retried (ms): the one window for a duplicate post. */
  readonly abandonAfterMs: number;
  /** Outbox rows read per tenant per sweep (oldest first). */
  readonly batch: number;
  /** Conversations delivered in parallel by this instance. */
  readonly concurrency: number;
  /** Attempts per item before it becomes a dead letter. */
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly limits: TeamsLimits;
  /** Rate-limit waits up to this long are slept through; longer ones end the run and a sweep follows (ms). */
  readonly inlineWaitMaxMs: number;
  /** After a 403 the conversation pauses (growing with consecutive 403s) before the next message probes it. */
  readonly forbiddenPause: BackoffPolicy;
  /** How long the list of conversations whose team removed the bot is kept before it is read again (ms). */
  readonly presenceTtlMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Shared conversation ownership (the `leases` table). With several instances, give every one the
   * same store: a conversation is then sent to by one instance at a time, so its rate limits hold
   * across instances. `null`: single instance, no claims.
   */
  readonly conversationLeases: LeaseStore | null;
  /** How long an instance keeps a conversation after its last claim (ms); covers the 30 s window. */
  readonly conversationStickyMs: number;
  /** This instance's name in claims. */
  readonly instanceId: string;
  /** Where root card ids are recorded and looked up (`null`: messages are sent as written). */
  readonly roots: RootCards | null;
  /** Counters for notices sent and dead letters. */
  readonly metrics: Metrics;
}

const DISPATCHER_DEFAULTS: DispatcherOptions = {
  pollMs: 2_000,
  leaseMs: 60_000,
  deliveryTimeoutMs: 30_000,
  abandonAfterMs: 120_000,
  batch: 500,
  concurrency: 8,
  maxAttempts: 8,
  backoff: DEFAULT_BACKOFF,
  limits: TEAMS_LIMITS,
  inlineWaitMaxMs: 1_500,
  forbiddenPause: FORBIDDEN_PAUSE,
  presenceTtlMs: 10_000,
  random: Math.random,
  sleep: async (ms) => {
    await sleep(ms);
  },
  conversationLeases: null,
  conversationStickyMs: 35_000,
  instanceId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
  roots: null,
  metrics: noMetrics,
};

/**
 * Delivers outbox items within Teams' rate limits, in creation order per conversation and with
 * conversations in parallel; retries transient failures (Retry-After, backoff with jitter), moves
 * hopeless items to dead letters. A 403 gives up that one message and pauses its conversation; only
 * Teams' word that the bot was removed from a team (see {@link TeamPresenceStore}) stops a
 * conversation, until the bot is added again.
 *
 * Exactly once across instances: an item is claimed by an ETag-guarded lease right before it is
 * sent and deleted (ETag-guarded) right after, so two instances never send it while both are alive.
 * The one exception is a crash (or a hang longer than the lease) between the send and the delete:
 * after `leaseMs` another instance sends the item again. Delivery is therefore **at least once** in
 * that window, which is why the lease is much longer than `deliveryTimeoutMs` (and is extended when
 * a send is slow); a late completion is logged and counted in {@link DispatchStats.lateCompletions}.
 * A slow send is waited for up to `abandonAfterMs`, then aborted and retried: a post that Teams
 * processed but did not answer within that time is the other way a message can appear twice.
 *
 * Rate limits are counted in this process. With `conversationLeases` a conversation is sent to by
 * one instance at a time (a sticky claim of `conversationStickyMs`), so its limits hold across
 * instances; the per-tenant limit does not: give each of N instances `perTenant` max 50/N.
 * 429 answers (with Retry-After) remain the backstop.
 */
export class OutboxDispatcher {
  private readonly opts: DispatcherOptions;
  private readonly slots: Semaphore;
  private readonly active = new Set<string>();
  private readonly workers = new Set<Promise<void>>();
  private readonly wakes = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly again = new Set<string>();
  /** Conversations this instance holds (key → claim end, epoch ms). */
  private readonly owned = new Map<string, number>();
  /** Conversations whose team removed the bot, per tenant, with when they were read (epoch ms). */
  private readonly removed = new Map<string, { at: number; set: ReadonlySet<string> }>();
  /** Who waits for the first attempt of an item (outbox id → callbacks). */
  private readonly waiters = new Map<string, Set<(delivered: boolean) => void>>();
  private readonly ctx: RunContext;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private allAgain = false;
  private stopping = false;
  readonly stats: DispatchStats = { delivered: 0, failedAttempts: 0, deadLettered: 0, lateCompletions: 0 };

  constructor(
    private readonly store: OutboxStore,
    notifier: Notifier,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: Partial<DispatcherOptions> = {},
  ) {
    this.opts = { ...DISPATCHER_DEFAULTS, ...opts };
    if (this.opts.deliveryTimeoutMs >= this.opts.leaseMs) {
      throw new Error('deliveryTimeoutMs moet korter zijn dan leaseMs');
    }
    this.slots = new Semaphore(this.opts.concurrency);
    this.ctx = {
      ...this.opts,
      store,
      notifier,
      clock,
      log,
      limiter: new TeamsRateLimiter(this.opts.limits),
      isRemoved: (tenant, conv) => this.removed.get(tenant)?.set.has(conv) ?? false,
      forbidden: new Map(),
      stats: this.stats,
      rootIds: new Map(),
      settled: (id, delivered) => {
        for (const w of this.waiters.get(id) ?? []) w(delivered);
        this.waiters.delete(id);
      },
      wakeLater: (tenant, ms) => this.wakeLater(tenant, ms),
      ownConversation: (tenant, conv) => this.ownConversation(tenant, conv),
      stopped: () => this.stopping,
    };
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.requestAll(), this.opts.pollMs);
    this.timer.unref();
    this.requestAll();
  }

  /** Stops polling; runs in progress finish the send they are in (no new sends), then it resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const w of this.wakes.values()) clearTimeout(w.timer);
    this.wakes.clear();
    await this.sweeping;
    await this.idle();
  }

  /** Delivers a tenant's pending items soon (after a change). */
  kick(tenantId: string): void {
    if (this.stopping) return;
    this.again.add(tenantId);
    this.pump();
  }

  /**
   * Delivers item `id` (a new case's root card) right away, ahead of its conversation's queue (it
   * depends on nothing before it), and resolves within `ms`: `true` when it was delivered, `false`
   * when that attempt failed or could not happen in time. A failed item stays in the outbox and is
   * retried as usual. Rate limits still hold: if the conversation must wait (e.g. Retry-After), the
   * item takes the normal way. The lease on the row keeps it from being sent twice.
   */
  deliveredSoon(tenantId: string, id: string, ms: number): Promise<boolean> {
    const outcome = new Promise<boolean>((resolve) => {
      const waiters = this.waiters.get(id) ?? new Set();
      const done = (delivered: boolean) => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiters.get(id) === waiters) this.waiters.delete(id);
        resolve(delivered);
      };
      const timer = setTimeout(() => done(false), ms);
      timer.unref();
      waiters.add(done);
      this.waiters.set(id, waiters);
    });
    if (this.stopping) return outcome;
    const inline = this.deliverInline(tenantId, id)
      .catch((e: unknown) => {
        this.log.warn('directe levering mislukt', { tenant: tenantId, fout: e instanceof Error ? e.name : typeof e });
        return false;
      })
      .then((sent) => {
        this.workers.delete(inline);
        if (!sent) this.kick(tenantId);
      });
    this.workers.add(inline);
    return outcome;
  }

  /** `false` when the item was left to the normal sweep. */
  private async deliverInline(tenantId: string, id: string): Promise<boolean> {
    const entry = await this.store.entry(tenantId, id);
    if (!entry || entry.delivery.leaseUntil || entry.delivery.nextAttemptAt) return false;
    const conv = conversationKey(entry.value.conversation.conversationId);
    await this.readPresence(tenantId);
    if (this.ctx.isRemoved(tenantId, conv) || !(await this.ctx.ownConversation(tenantId, conv))) return false;
    const wait = this.ctx.limiter.waitMs(tenantId, conv, this.clock.now().getTime());
    if (wait > this.opts.inlineWaitMaxMs) return false;
    if (wait > 0) await this.opts.sleep(wait);
    if (this.stopping) return false;
    await deliverOne(this.ctx, tenantId, conv, entry);
    return true;
  }

  private async readPresence(tenantId: string): Promise<void> {
    const now = this.clock.now().getTime();
    const known = this.removed.get(tenantId);
    if (!known || now - known.at >= this.opts.presenceTtlMs) {
      this.removed.set(tenantId, { at: now, set: await this.store.removedConversations(tenantId) });
    }
  }

  /** Resolves when no conversation run of this instance is in progress. */
  async idle(): Promise<void> {
    while (this.workers.size > 0 || this.sweeping) {
      await Promise.allSettled([...this.workers, ...(this.sweeping ? [this.sweeping] : [])]);
    }
  }

  /** Sweeps every tenant once and waits for the runs it started; returns the number delivered meanwhile. */
  async sweepAll(): Promise<number> {
    const before = this.stats.delivered;
    try {
      for (const tenant of await this.store.tenants()) await this.sweep(tenant);
    } catch (e) {
      this.log.warn('outbox niet bereikbaar', { error: e instanceof Error ? e.message : String(e) });
    }
    await this.idle();
    return this.stats.delivered - before;
  }

  /** The bot's membership of a team changed (removed or added again): read it anew and deliver. */
  presenceChanged(tenantId: string): void {
    this.removed.delete(tenantId);
    this.kick(tenantId);
  }

  /** Reads a tenant's outbox once and starts a run for every conversation not already running here. */
  async sweep(tenantId: string): Promise<number> {
    await this.readPresence(tenantId);
    const byConversation = new Map<string, OutboxEntry[]>();
    for (const e of await this.store.scan(tenantId, this.opts.batch)) {
      const key = conversationKey(e.value.conversation.conversationId);
      const list = byConversation.get(key) ?? [];
      list.push(e);
      byConversation.set(key, list);
    }
    let started = 0;
    for (const [conv, entries] of byConversation) {
      const activeKey = `${tenantId}|${conv}`;
      if (this.active.has(activeKey) || this.stopping) continue;
      this.active.add(activeKey);
      started++;
      const run = this.slots
        .run(() => runConversation(this.ctx, tenantId, conv, entries))
        .catch((e: unknown) => {
          this.log.warn('outbox-levering onderbroken', { tenant: tenantId, error: e instanceof Error ? e.message : String(e) });
          return false;
        })
        .then((finished) => {
          this.active.delete(activeKey);
          this.workers.delete(run);
          // Items written while this run was busy were skipped by sweeps meanwhile: look again.
          if (finished) this.kick(tenantId);
        });
      this.workers.add(run);
    }
    return started;
  }

  private requestAll(): void {
    if (this.stopping) return;
    this.allAgain = true;
    this.pump();
  }

  private pump(): void {
    if (this.sweeping) return;
    this.sweeping = this.drain().finally(() => {
      this.sweeping = null;
      if (!this.stopping && (this.allAgain || this.again.size > 0)) this.pump();
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopping && (this.allAgain || this.again.size > 0)) {
      try {
        if (this.allAgain) {
          this.allAgain = false;
          for (const t of await this.store.tenants()) this.again.add(t);
        }
        const [tenant] = this.again;
        if (tenant === undefined) continue;
        this.again.delete(tenant);
        await this.sweep(tenant);
      } catch (e) {
        this.log.warn('outbox-levering uitgesteld', { error: e instanceof Error ? e.message : String(e) });
        return;
      }
    }
  }

  private async ownConversation(tenant: string, conv: string): Promise<boolean> {
    const leases = this.opts.conversationLeases;
    if (!leases) return true;
    const key = `outbox:${tenant}|${conv}`;
    const now = this.clock.now().getTime();
    const sticky = this.opts.conversationStickyMs;
    if ((this.owned.get(key) ?? 0) - now > sticky / 2) return true;
    const claim = await leases.claim(key, this.opts.instanceId, new Date(now), new Date(now + sticky));
    if (!claim.ok) {
      this.owned.delete(key);
      return false;
    }
    this.owned.set(key, now + sticky);
    for (const [k, until] of this.owned) if (until <= now) this.owned.delete(k);
    return true;
  }

  private wakeLater(tenant: string, ms: number): void {
    if (this.stopping) return;
    const at = this.clock.now().getTime() + ms;
    const existing = this.wakes.get(tenant);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(
      () => {
        this.wakes.delete(tenant);
        this.kick(tenant);
      },
      Math.max(1, ms),
    );
    timer.unref();
    this.wakes.set(tenant, { at, timer });
  }
}
