import type { Clock, Logger, Metrics, Notifier, OutboxEntry, OutboxStore, RootCards, Versioned, OutboxMessage } from '../app';
import { DeliveryError } from '../app';
import type { BackoffPolicy } from './retryPolicy';
import { backoffMs, decide, failureOf } from './retryPolicy';
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
  readonly abandonAfterMs: number;
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly inlineWaitMaxMs: number;
  readonly forbiddenPause: BackoffPolicy;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Whether Teams told that the bot was removed from this conversation's team (read at the sweep). */
  isRemoved(tenant: string, conv: string): boolean;
  /** Consecutive 403s per conversation (`tenant|conv`), for the growing probe pause. */
  readonly forbidden: Map<string, number>;
  readonly stats: DispatchStats;
  /** Where root card ids are recorded and looked up (`null`: messages go as written). */
  readonly roots: RootCards | null;
  /** Root card ids this instance posted or looked up (`tenant|caseId` → activity id). */
  readonly rootIds: Map<string, string>;
  /** Tells whoever waits for an item (the edge, after /escaleer) how its first attempt went. */
  settled(id: string, delivered: boolean): void;
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
  /** Sends that outlasted `deliveryTimeoutMs` (waited for, not resent). */
  slow?: number;
}

type Step = 'next' | 'stop';

/** The outcome of `p` if it settles within `ms`, else `pending` (p keeps running). */
const within = async <T>(
  p: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: true; error: unknown } | { done: false }> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(0, ms));
    timer.unref();
  });
  try {
    return await Promise.race([
      p.then(
        (value) => ({ done: true as const, value }),
        (error: unknown) => ({ done: true as const, error }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
};

const due = (iso: string | null, now: number): number => (iso ? Date.parse(iso) - now : 0);

/** Which card an update replaces: its activity id, or its case's root card while that id is unknown. */
const cardOf = (m: OutboxMessage): string | null =>
  m.kind !== 'update' ? null : (m.activityId ?? (m.rootCard === 'afterRoot' && m.caseId ? `root:${m.caseId}` : null));

/**
 * The message as it must be sent: an `afterRoot` item gets the root card's id. When no root card
 * was ever posted (it became a dead letter) an update is posted in the thread instead and becomes
 * the case's root card; a reply goes to the thread.
 */
const resolved = async (ctx: RunContext, tenant: string, m: OutboxMessage): Promise<OutboxMessage> => {
  if (m.rootCard !== 'afterRoot' || m.activityId || !m.caseId || !ctx.roots) return m;
  const key = `${tenant}|${m.caseId}`;
  const root = ctx.rootIds.get(key) ?? (await ctx.roots.find(tenant, m.caseId));
  if (root) {
    ctx.rootIds.set(key, root);
    return { ...m, activityId: root };
  }
  return m.kind === 'update' ? { ...m, kind: 'reply', rootCard: 'root' } : m;
};

/**
 * Delivers one conversation's items strictly in creation order: an item waiting for a retry, or
 * claimed by another instance, holds back everything after it. Returns when the list is done, the
 * conversation must wait (a sweep is requested for then), or the dispatcher stops; `true` when every
 * item was dealt with (delivered or dead-lettered).
 */
export const runConversation = async (ctx: RunContext, tenant: string, conv: string, entries: readonly OutboxEntry[]): Promise<boolean> => {
  for (const [i, entry] of entries.entries()) {
    if (ctx.stopped()) return false;
    const now = ctx.clock.now().getTime();
    const held = Math.max(due(entry.delivery.leaseUntil, now), due(entry.delivery.nextAttemptAt, now));
    if (ctx.isRemoved(tenant, conv)) {
      if (due(entry.delivery.leaseUntil, now) > 0) return false;
      await moveToDead(ctx, tenant, entry, { status: null, message: 'bot verwijderd uit het team' }, 'gone', entry.delivery.attempts);
      continue;
    }
    if (held > 0) {
      ctx.wakeLater(tenant, held);
      return false;
    }
    // Only the newest state of a card matters: an update with a newer update of the same card
    // behind it is dropped, which keeps busy channels within Teams' limits.
    const card = cardOf(entry.value);
    if (card !== null && entries.some((later, j) => j > i && cardOf(later.value) === card)) {
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

/** Leases, sends and settles one item (no rate-limit wait: check {@link TeamsRateLimiter.waitMs} first). */
export const deliverOne = async (ctx: RunContext, tenant: string, conv: string, entry: OutboxEntry): Promise<Step> => {
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
  let sentId: string | null = null;
  let sent: OutboxMessage = leased.value;
  let held = leased;
  try {
    sent = await resolved(ctx, tenant, leased.value);
    const abort = new AbortController();
    const sending = ctx.notifier.deliver(sent, abort.signal);
    let outcome = await within(sending, ctx.deliveryTimeoutMs);
    if (!outcome.done) {
      // Teams may well have posted it and only answer late: sending again would post it twice.
      // Wait for the answer (the lease is extended for that) up to abandonAfterMs.
      ctx.stats.slow = (ctx.stats.slow ?? 0) + 1;
      const rest = Math.max(0, ctx.abandonAfterMs - ctx.deliveryTimeoutMs);
      ctx.log.warn('Teams antwoordt traag: de dispatcher wacht op het antwoord in plaats van opnieuw te versturen', {
        id: entry.value.id,
        tenant,
        wachtMs: rest,
      });
      const extended = await ctx.store.lease(tenant, held, new Date(ctx.clock.now().getTime() + rest + ctx.leaseMs)).catch(() => null);
      if (extended) held = extended;
      outcome = await within(sending, rest);
    }
    if (!outcome.done) {
      abort.abort();
      failure = new DeliveryError(`geen antwoord binnen ${ctx.abandonAfterMs} ms`, null, null);
    } else if ('error' in outcome) {
      failure = outcome.error;
    } else {
      sentId = outcome.value;
    }
  } catch (e) {
    failure = e;
  } finally {
    ctx.limiter.end(ticket, ctx.clock.now().getTime());
  }
  ctx.settled(entry.value.id, failure === null);
  if (failure === null) {
    ctx.stats.delivered++;
    ctx.forbidden.delete(`${tenant}|${conv}`);
    if (sent.rootCard === 'root' && sent.caseId && sentId) await recordRoot(ctx, tenant, sent.caseId, sentId);
    ctx.metrics.noticeSent(held.value.kind);
    if (!(await ctx.store.complete(tenant, held))) {
      ctx.stats.lateCompletions++;
      ctx.log.warn('bericht afgeleverd, maar een andere instantie had het al overgenomen: mogelijk dubbel verstuurd', {
        id: entry.value.id,
        tenant,
      });
    }
    return 'next';
  }
  return onFailure(ctx, tenant, conv, entry, held, failure);
};

/** Remembers a posted root card's id, here and on the case (before the item is completed, so others find it). */
const recordRoot = async (
  ctx: RunContext,
  tenant: string,
  caseId: NonNullable<OutboxMessage['caseId']>,
  activityId: string,
): Promise<void> => {
  ctx.rootIds.set(`${tenant}|${caseId}`, activityId);
  try {
    await ctx.roots?.record(tenant, caseId, activityId);
  } catch (e) {
    ctx.log.warn('id van de hoofdkaart niet vastgelegd', { caseId, tenant, fout: e instanceof Error ? e.name : typeof e });
  }
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
  if (verdict.kind === 'forbidden') {
    // One refused message (e.g. an update Teams will not allow) says nothing about the next one:
    // that one probes the conversation after a pause. Only Teams' "bot removed" stops it.
    const key = `${tenant}|${conv}`;
    const n = (ctx.forbidden.get(key) ?? 0) + 1;
    ctx.forbidden.set(key, n);
    const pauseMs = backoffMs(n, ctx.forbiddenPause, ctx.random);
    ctx.limiter.block(conv, now + pauseMs);
    ctx.log.warn('Teams weigerde dit bericht (403): het gaat naar de dode brieven, het gesprek gaat na een pauze verder', {
      id: entry.value.id,
      tenant,
      conversation: conv,
      pauseMs,
      opEenRij: n,
    });
    await moveToDead(ctx, tenant, leased, f, 'permanent', attempts);
    ctx.wakeLater(tenant, pauseMs);
    return 'stop';
  }
  if (verdict.kind === 'dead') {
    ctx.log.warn('bericht niet afleverbaar, naar de dode brieven', {
      id: entry.value.id,
      tenant,
      status: f.status,
      attempts,
      reason: verdict.reason,
    });
    await moveToDead(ctx, tenant, leased, f, verdict.reason, attempts);
    return 'next';
  }
  if (verdict.blockMs > 0) ctx.limiter.block(conv, now + verdict.blockMs);
  const next = new Date(now + verdict.delayMs);
  await ctx.store.reschedule(tenant, leased, { attempts, nextAttemptAt: next.toISOString(), lastStatus: f.status, lastError: f.message });
  ctx.log.info('bericht niet afgeleverd, volgt later', {
    id: entry.value.id,
    tenant,
    status: f.status,
    attempts,
    wachtMs: verdict.delayMs,
  });
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
