import type { Case, CaseEvent, CaseId, Result } from '../../domain';
import type { DossierLinkRow } from './dossierTokenStore';
import type { OutboxMessage } from './outbox';
import type { DueReminder } from './reminderIndex';
import type { Versioned } from './versioned';

/** One atomic change to a case: case row, audit events, outbox items and an optional dedupe marker. */
export interface CaseCommit {
  readonly case: Case;
  /** `null` creates the case (fails if it exists); otherwise the ETag it was read with. */
  readonly etag: string | null;
  readonly events: readonly CaseEvent[];
  readonly outbox: readonly OutboxMessage[];
  /** Idempotency key (e.g. the Teams activity id); a second commit with the same key is refused. */
  readonly dedupeKey?: string;
  /** Future reminders of the case's new state, upserted into the date-keyed index. */
  readonly reminders?: readonly DueReminder[];
  /** A new case takes its number in the same transaction (see {@link CaseRepository.peekCaseNumber}). */
  readonly number?: CaseNumberClaim;
}

/** The next free case number of a tenant's year as it was read; the commit that creates the case takes it. */
export interface CaseNumberClaim {
  readonly year: number;
  readonly number: number;
  /** ETag of the counter row; `null` when the year has no counter yet. */
  readonly etag: string | null;
}

export type CommitFailure = 'conflict' | 'duplicate';

/** Persistence of cases, their audit trail and outbox, one tenant partition at a time. */
export interface CaseRepository {
  /** Allocates the next `CAS-YYYY-NNNN` for a tenant; safe under concurrency (a number is used up even if no case follows). */
  nextCaseId(tenantId: string, year: number): Promise<CaseId>;
  /**
   * Reads the next free number without taking it. The commit that creates the case takes it
   * (`CaseCommit.number`), or fails with `conflict` when another case took it first: so a commit
   * that fails (e.g. a re-delivered /escaleer) costs no number.
   */
  peekCaseNumber(tenantId: string, year: number): Promise<CaseNumberClaim>;
  get(tenantId: string, id: CaseId): Promise<Versioned<Case> | null>;
  /** When the retention purge removed the case (ISO-8601; its marker stays with the audit trail), else `null`. */
  purgedAt(tenantId: string, id: CaseId): Promise<string | null>;
  /** Writes everything in one transaction; `conflict` when the ETag is stale or the case exists. */
  commit(change: CaseCommit): Promise<Result<Versioned<Case>, CommitFailure>>;
  /** Whether an idempotency key was already committed. */
  seen(tenantId: string, dedupeKey: string): Promise<boolean>;
  listByChannel(tenantId: string, channelId: string): Promise<readonly Case[]>;
  /**
   * Appends a read-only audit event (a details view) with its idempotency key, atomically, and in
   * the same transaction the dossier link the view shows, if any. A repeated key (a re-delivered
   * view) records no second event, but its new link is still stored: the view that answers shows it.
   */
  recordView(tenantId: string, event: CaseEvent, dedupeKey: string, link?: DossierLinkRow): Promise<void>;
  events(tenantId: string, id: CaseId): Promise<readonly CaseEvent[]>;
  /** Cheap reachability check for /healthz. */
  ping(signal?: AbortSignal): Promise<void>;
}
