import type { Clock, JobLease, LeaseBusy, LeaseStore, Logger } from '../app';
import { type Result, ok } from '../domain';

export interface JobLeaseOptions {
  /** How long a claim lasts without renewal (ms). */
  readonly ttlMs: number;
  /** Renewal interval while the job runs (ms); default a third of `ttlMs`. */
  readonly renewEveryMs?: number;
}

/** The outcome of {@link JobLeases.runOnce}. */
export type JobRun<T> = Result<
  {
    /** What the job returned. */
    readonly output: T;
    /** The claim was lost while running (another instance may run it too). */
    readonly leaseLost: boolean;
  },
  LeaseBusy
>;

/**
 * The name of a periodic job's tick: `<job>:<start of the slot, UTC, minutes>`, e.g.
 * `reminders:2026-11-23T10:05` for `everyMs` = 5 minutes and any `at` in 10:05:00–10:09:59 UTC.
 */
export const tickSlot = (job: string, at: Date, everyMs: number): string => {
  const start = Math.floor(at.getTime() / everyMs) * everyMs;
  return `${job}:${new Date(start).toISOString().slice(0, 16)}`;
};

/**
 * Runs a periodic job's tick on exactly one of N instances: the first to claim the slot runs it,
 * renews the claim while running and marks the slot done; others get `held` or `done`.
 *
 * If the running instance dies, its claim expires after `ttlMs` and another instance that asks for
 * the same slot runs it again: the job must tolerate a second run of a tick it may have half done
 * (at least once in that window — e.g. write its notifications through the outbox with
 * deterministic ids). Expiry is judged by the claimer's clock: keep instance clocks in sync well
 * within `ttlMs`.
 */
export class JobLeases {
  private readonly renewEveryMs: number;

  constructor(
    private readonly store: LeaseStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** This instance's id (e.g. host name + pid). */
    private readonly owner: string,
    private readonly opts: JobLeaseOptions = { ttlMs: 60_000 },
  ) {
    this.renewEveryMs = opts.renewEveryMs ?? Math.max(1, Math.floor(opts.ttlMs / 3));
  }

  /**
   * Claims `slot` and runs `job` when this instance got it. The signal aborts when the claim is lost
   * during the run (the job should stop at a safe point). A job that throws releases the slot
   * unfinished, so another instance may retry it at once; the error is rethrown.
   */
  async runOnce<T>(slot: string, job: (signal: AbortSignal) => Promise<T>): Promise<JobRun<T>> {
    const now = this.clock.now();
    const claim = await this.store.claim(slot, this.owner, now, new Date(now.getTime() + this.opts.ttlMs));
    if (!claim.ok) return claim;
    let lease: JobLease | null = claim.value;
    const abort = new AbortController();
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing.then(async () => {
        if (!lease) return;
        try {
          lease = await this.store.renew(lease, new Date(this.clock.now().getTime() + this.opts.ttlMs));
        } catch (e) {
          this.log.warn('taakclaim niet verlengd', { slot, error: e instanceof Error ? e.message : String(e) });
          return;
        }
        if (!lease) {
          this.log.warn('taakclaim kwijt: een andere instantie heeft hem overgenomen', { slot });
          abort.abort();
        }
      });
    }, this.renewEveryMs);
    timer.unref();
    let value: T;
    try {
      value = await job(abort.signal);
    } catch (e) {
      clearInterval(timer);
      await renewing;
      if (lease) await this.store.release(lease).catch(() => false);
      throw e;
    }
    clearInterval(timer);
    await renewing;
    const finished = lease ? await this.store.finish(lease, this.clock.now()) : false;
    return ok({ output: value, leaseLost: !finished });
  }
}
