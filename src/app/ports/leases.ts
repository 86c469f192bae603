import type { Result } from '../../domain';

/** A claimed slot of a periodic job (e.g. `reminders:2026-11-23T10:05`). */
export interface JobLease {
  readonly name: string;
  /** Who holds it (an instance id). */
  readonly owner: string;
  /** ISO-8601 UTC instant the claim ends unless renewed. */
  readonly until: string;
  readonly etag: string;
}

/** Why a slot could not be claimed: another owner's claim still runs (`held`), or the slot is finished (`done`). */
export type LeaseBusy = 'held' | 'done';

export type LeaseClaim = Result<JobLease, LeaseBusy>;

/**
 * Named job slots shared by all instances. Invariant: at any instant at most one owner holds an
 * unexpired claim on a name, and a slot marked done is never claimed again.
 */
export interface LeaseStore {
  /**
   * Creates the slot (create-if-absent) or takes over one whose claim expired at `now`, or that
   * `owner` holds already (ETag-guarded); `held` when another owner's claim still runs, `done` when finished.
   */
  claim(name: string, owner: string, now: Date, until: Date): Promise<LeaseClaim>;
  /** Extends a held claim; `null` when it was lost (someone took it over). */
  renew(lease: JobLease, until: Date): Promise<JobLease | null>;
  /** Marks the slot done for good; `false` when the claim was lost. */
  finish(lease: JobLease, at: Date): Promise<boolean>;
  /** Gives an unfinished slot up so another instance may claim it at once; `false` when lost. */
  release(lease: JobLease): Promise<boolean>;
}
