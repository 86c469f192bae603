import type { Logger, PurgeTotals, RetentionService } from '../app';
import { type JobLeases, tickSlot } from './lease';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs the retention purge once a day (UTC) on one instance: every `checkEveryMs` it asks for the
 * day's job slot; the first instance to claim it runs the purge, the others (and later checks that
 * day) find it held or done. A purge that fails releases the slot, so the next check retries.
 */
export class RetentionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly purge: RetentionService,
    private readonly leases: JobLeases,
    private readonly clock: { now(): Date },
    private readonly log: Logger,
    private readonly checkEveryMs = 60 * 60 * 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    const check = () => {
      if (!this.running)
        this.running = this.tick()
          .catch((e: unknown) =>
            this.log.warn('bewaartermijn: opschonen uitgesteld', { error: e instanceof Error ? e.message : String(e) }),
          )
          .finally(() => (this.running = null));
    };
    this.timer = setInterval(check, this.checkEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Today's purge, when no instance ran it yet; `null` when another instance holds or did it. */
  async tick(): Promise<PurgeTotals | null> {
    const run = await this.leases.runOnce(tickSlot('bewaartermijn', this.clock.now(), DAY_MS), (signal) => this.purge.run(signal));
    return run.ok ? run.value.output : null;
  }
}
