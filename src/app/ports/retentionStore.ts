import type { CaseEvent, CaseId } from '../../domain';

/** A closed case the purge may remove: its key facts, read from the case row. */
export interface ClosedCase {
  readonly caseId: CaseId;
  readonly state: string;
  readonly version: number;
  /** When the case reached its end state (`updatedAt`: a closed case no longer changes). */
  readonly closedAt: string;
  /** The case row's JSON, to record its SHA-256 in the purge's audit event (never the content). */
  readonly data: string;
}

/** The marker a purged case leaves: its audit events stay until the audit period ends. */
export interface PurgedCase {
  readonly caseId: CaseId;
  readonly closedAt: string;
  readonly purgedAt: string;
}

/** Storage for the retention purge; every call stays inside one tenant partition. */
export interface RetentionStore {
  /** Cases in one of `states` whose `closedAt` is before `before`, at most `limit`. */
  closedCases(tenantId: string, states: readonly string[], before: Date, limit: number): Promise<readonly ClosedCase[]>;
  /**
   * Removes a closed case and every row that belongs to it except its audit events (outbox, dead
   * letters, reminders, dedupe rows); the last transaction deletes the case row, writes `event` and
   * the purge marker. `false` when another run purged it first. Returns the rows removed.
   */
  purgeCase(
    tenantId: string,
    c: ClosedCase,
    event: CaseEvent,
    purgedAt: string,
  ): Promise<{ readonly purged: boolean; readonly rows: number }>;
  /** Purge markers of cases purged before `purgedBefore`, at most `limit`. */
  purgedCases(tenantId: string, purgedBefore: Date, limit: number): Promise<readonly PurgedCase[]>;
  /** Removes a purged case's audit events and then its marker; returns the rows removed. */
  purgeAudit(tenantId: string, p: PurgedCase): Promise<number>;
  /** Removes up to `limit` of the tenant's dossier links that expired before `now` (unexpired ones stay); returns how many. */
  purgeExpiredLinks(tenantId: string, now: Date, limit: number): Promise<number>;
  /**
   * Removes up to `limit` rows of the shared `dossier` partition, where dossier links were kept
   * before they moved into the tenant partitions. Nothing reads them any more, so every one goes,
   * expired or not. Returns how many.
   */
  purgeLegacyLinks(limit: number): Promise<number>;
}
