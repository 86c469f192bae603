import { type Clock, DeliveryError, type Logger, type Notifier, type OutboxStore } from '../app';

export interface DispatcherOptions {
  /** How often every tenant's outbox is swept (ms). */
  readonly pollMs: number;
  /** How long a claimed item stays reserved for this instance (ms). */
  readonly leaseMs: number;
  readonly batch: number;
}

const DEFAULTS: DispatcherOptions = { pollMs: 2000, leaseMs: 30_000, batch: 50 };

/**
 * Delivers outbox items: claims each by an ETag-guarded lease (so parallel instances never send
 * the same item), sends it, and deletes it. A failed send keeps the item for the next sweep.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = new Set<string>();
  private readonly opts: DispatcherOptions;

  constructor(
    private readonly store: OutboxStore,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: Partial<DispatcherOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweepAll(), this.opts.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Delivers a tenant's pending items soon (after a change). */
  kick(tenantId: string): void {
    this.again.add(tenantId);
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
  }

  /** Sweeps every tenant once; returns the number of items delivered. */
  async sweepAll(): Promise<number> {
    let delivered = 0;
    try {
      for (const tenant of await this.store.tenants()) delivered += await this.sweep(tenant);
    } catch (e) {
      this.log.warn('outbox niet bereikbaar', { error: e instanceof Error ? e.message : String(e) });
    }
    return delivered;
  }

  private async drain(): Promise<void> {
    while (this.again.size > 0) {
      const [tenant] = this.again;
      if (tenant === undefined) break;
      this.again.delete(tenant);
      try {
        await this.sweep(tenant);
      } catch (e) {
        this.log.warn('outbox-levering uitgesteld', { tenant, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  /** Delivers one tenant's pending items in creation order. */
  async sweep(tenantId: string): Promise<number> {
    let delivered = 0;
    const now = this.clock.now();
    for (const item of await this.store.pending(tenantId, this.opts.batch, now)) {
      const claimed = await this.store.lease(tenantId, item, new Date(now.getTime() + this.opts.leaseMs));
      if (!claimed) continue;
      try {
        await this.notifier.deliver(claimed.value);
      } catch (e) {
        const status = e instanceof DeliveryError ? e.status : null;
        this.log.warn('bericht niet afgeleverd, volgt later', { id: claimed.value.id, status });
        continue;
      }
      await this.store.complete(tenantId, claimed);
      delivered++;
    }
    return delivered;
  }
}
