import type { Clock, Logger, Metrics, Notifier, OutboxEntry, OutboxStore, Versioned, OutboxMessage } from '../app';
import { DeliveryError } from '../app';
import type { BackoffPolicy } from './retryPolicy';
import { decide, failureOf } from './retryPolicy';
import type { TeamsRateLimiter } from './teamsLimits';

/** What one conversation's run needs from its dispatcher. */
export interface RunContext {
  readonly store: OutboxStore;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly limiter: TeamsRateLimiter;
  readonly leaseMs: number;
  readonly deliveryTimeoutMs: number;
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly inlineWaitMaxMs: number;
  readonly goneForMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Conversations the bot was removed from (key → until, epoch ms), shared by all runs. */
  readonly gone: Map<string, number>;
  readonly stats: DispatchStats;
  /** Asks for another sweep of `tenant` in `ms`. */
  wakeLater(tenant: string, ms: number): void;
  /** Whether this instance may send to the conversation now (sticky ownership across instances). */
  ownConversation(tenant: string, conv: string): Promise<boolean>;
  stopped(): boolean;
}

/** Counters since start (for tests, health and logs). */
export interface DispatchStats {
  delivered: number;
  failedAttempts: number;
  deadLettered: number;
  /** Deliveries whose completion found the row already taken over: possibly sent twice. */
  lateCompletions: number;
  /** Card updates dropped unsent because a newer update of the same card was waiting behind them. */
  superseded?: number;
}

type Step = 'next' | 'stop';

const withTimeout = async <T>(p: Promise<T>, ms: number, timer: { t?: NodeJS.Timeout }): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer.t = setTimeout(() => reject(new DeliveryError(`geen antwoord binnen ${ms} ms`, null, null)), ms);
      timer.t.unref();
    }),
  ]).finally(() => clearTimeout(timer.t));

const due = (iso: string | null, now: number): number => (iso ? Date.parse(iso) - now : 0);

/**
 * Delivers one conversation's items strictly in creation order: an item waiting for a retry, or
 * claimed by another instance, holds back everything after it. Returns when the list is done, the
 * conversation must wait (a sweep is requested for then), or the dispatcher stops; `true` when every
 * item was dealt with (delivered or dead-lettered).
 */
export const runConversation = async (ctx: RunContext, tenant: string, conv: string, entries: readonly OutboxEntry[]): Promise<boolean> => {
  const goneKey = `${tenant}|${conv}`;
  for (const [i, entry] of entries.entries()) {
    if (ctx.stopped()) return false;
    const now = ctx.clock.now().getTime();
    const held = Math.max(due(entry.delivery.leaseUntil, now), due(entry.delivery.nextAttemptAt, now));
    const goneUntil = ctx.gone.get(goneKey);
    if (goneUntil !== undefined && goneUntil > now) {
      if (due(entry.delivery.leaseUntil, now) > 0) return false;
      await moveToDead(ctx, tenant, entry, { status: 403, message: 'bot verwijderd uit het kanaal' }, 'gone', entry.delivery.attempts);
      continue;
    }
    if (held > 0) {
      ctx.wakeLater(tenant, held);
      return false;
    }
    // Only the newest state of a card matters: an update with a newer update of the same card
    // behind it is dropped, which keeps busy channels within Teams' limits.
    if (entry.value.kind === 'update' && entries.some((later, j) => j > i && later.value.kind === 'update' && later.value.activityId === entry.value.activityId)) {
      if (await ctx.store.complete(tenant, entry)) ctx.stats.superseded = (ctx.stats.superseded ?? 0) + 1;
      continue;
    }
    if (!(await ctx.ownConversation(tenant, conv))) return false;
    // No await between this check and `begin` in deliverOne: parallel runs share the tenant window.
    let wait = ctx.limiter.waitMs(tenant, conv, ctx.clock.now().getTime());
    while (wait > 0) {
      if (wait > ctx.inlineWaitMaxMs) {
        ctx.wakeLater(tenant, wait);
        return false;
      }
      await ctx.sleep(wait);
      if (ctx.stopped()) return false;
      wait = ctx.limiter.waitMs(tenant, conv, ctx.clock.now().getTime());
    }
    if ((await deliverOne(ctx, tenant, conv, entry)) === 'stop') return false;
  }
  return true;
};

const deliverOne = async (ctx: RunContext, tenant: string, conv: string, entry: OutboxEntry): Promise<Step> => {
  const start = ctx.clock.now().getTime();
  const ticket = ctx.limiter.begin(tenant, conv, start);
  const leased = await ctx.store.lease(tenant, entry, new Date(start + ctx.leaseMs)).catch((e: unknown) => {
    ctx.limiter.cancel(ticket);
    throw e;
  });
  if (!leased) {
    // Another instance claimed or finished it: it owns this conversation for now.
    ctx.limiter.cancel(ticket);
    return 'stop';
  }
  let failure: unknown = null;
  try {
    await withTimeout(ctx.notifier.deliver(leased.value), ctx.deliveryTimeoutMs, {});
  } catch (e) {
    failure = e;
  } finally {
    ctx.limiter.end(ticket, ctx.clock.now().getTime());
  }
  if (failure === null) {
    ctx.stats.delivered++;
    ctx.metrics.noticeSent(leased.value.kind);
    if (!(await ctx.store.complete(tenant, leased))) {
      ctx.stats.lateCompletions++;
      ctx.log.warn('bericht afgeleverd, maar een andere instantie had het al overgenomen: mogelijk dubbel verstuurd', { id: entry.value.id, tenant });
    }
    return 'next';
  }
  return onFailure(ctx, tenant, conv, entry, leased, failure);
};

const onFailure = async (
  ctx: RunContext,
  tenant: string,
  conv: string,
  entry: OutboxEntry,
  leased: Versioned<OutboxMessage>,
  error: unknown,
): Promise<Step> => {
  ctx.stats.failedAttempts++;
  const f = failureOf(error);
  const attempts = entry.delivery.attempts + 1;
  const verdict = decide({ ...f, attempts }, ctx.maxAttempts, ctx.backoff, ctx.random);
  const now = ctx.clock.now().getTime();
  if (verdict.kind === 'gone') {
    const key = `${tenant}|${conv}`;
    const known = (ctx.gone.get(key) ?? 0) > now;
    ctx.gone.set(key, now + ctx.goneForMs);
    if (!known) {
      ctx.log.warn('Escaleer is uit dit kanaal verwijderd (403): berichten ervoor gaan naar de dode brieven', { tenant, conversation: conv });
    }
    await moveToDead(ctx, tenant, leased, f, 'gone', attempts);
    return 'next';
  }
  if (verdict.kind === 'dead') {
    ctx.log.warn('bericht niet afleverbaar, naar de dode brieven', { id: entry.value.id, tenant, status: f.status, attempts, reason: verdict.reason });
    await moveToDead(ctx, tenant, leased, f, verdict.reason, attempts);
    return 'next';
  }
  if (verdict.blockMs > 0) ctx.limiter.block(conv, now + verdict.blockMs);
  const next = new Date(now + verdict.delayMs);
  await ctx.store.reschedule(tenant, leased, { attempts, nextAttemptAt: next.toISOString(), lastStatus: f.status, lastError: f.message });
  ctx.log.info('bericht niet afgeleverd, volgt later', { id: entry.value.id, tenant, status: f.status, attempts, wachtMs: verdict.delayMs });
  ctx.wakeLater(tenant, verdict.delayMs);
  return 'stop';
};

const moveToDead = async (
  ctx: RunContext,
  tenant: string,
  item: Versioned<OutboxMessage>,
  f: { status: number | null; message: string },
  reason: 'attempts' | 'permanent' | 'gone',
  attempts: number,
): Promise<void> => {
  const moved = await ctx.store.deadLetter(tenant, item, {
    reason,
    attempts,
    lastStatus: f.status,
    lastError: f.message,
    deadAt: ctx.clock.now().toISOString(),
  });
  if (moved) {
    ctx.stats.deadLettered++;
    ctx.metrics.deadLetter(reason);
  }
};
