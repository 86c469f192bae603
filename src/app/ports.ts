import type { Case, CaseEvent, CaseId, RegionalTable } from '../domain';
import type { WaitingOn } from './waitingOn';

/** A stored value with its storage version (ETag); pass the ETag back to change it. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

/** Where a message goes in Teams. */
export interface ConversationRef {
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly tenantId: string;
}

/** A notification to deliver later, written atomically with the change that causes it. */
export interface OutboxMessage {
  /** Unique id; also the idempotency key of the delivery. */
  readonly id: string;
  readonly conversation: ConversationRef;
  /**
   * `post`: new message in the channel; `reply`: reply in the thread of `activityId`;
   * `update`: replace the message `activityId` for everyone.
   */
  readonly kind: 'post' | 'reply' | 'update';
  readonly activityId: string | null;
  /** The activity to send: text and/or attachments, already privacy-checked. */
  readonly activity: OutboundActivity;
  readonly createdAt: string;
  readonly caseId: CaseId | null;
  /**
   * `root`: this is the case's root card; once posted, its activity id is recorded on the case.
   * `afterRoot`: an update of the root card, or a reply in its thread, written before the root
   * card's id was known (`activityId` null): the dispatcher fills it in at delivery. Both travel
   * behind the root card in their conversation's order, so they never overtake it.
   */
  readonly rootCard?: 'root' | 'afterRoot';
}

/** Where the activity ids of root cards are kept (the case row): the dispatcher records and looks them up. */
export interface RootCards {
  /** The recorded activity id of the case's root card, or `null`. */
  find(tenantId: string, caseId: CaseId): Promise<string | null>;
  record(tenantId: string, caseId: CaseId, activityId: string): Promise<void>;
}

export interface OutboundActivity {
  readonly text?: string;
  readonly attachments?: readonly { readonly contentType: string; readonly content: unknown }[];
  /** Mentioned users: `<at>name</at>` in text and an entity per mention. */
  readonly mentions?: readonly { readonly id: string; readonly name: string }[];
}

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
  readonly reminders?: readonly import('./notices').DueReminder[];
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
  /** Writes everything in one transaction; `conflict` when the ETag is stale or the case exists. */
  commit(change: CaseCommit): Promise<{ ok: true; value: Versioned<Case> } | { ok: false; error: CommitFailure }>;
  /** Whether an idempotency key was already committed. */
  seen(tenantId: string, dedupeKey: string): Promise<boolean>;
  listByChannel(tenantId: string, channelId: string): Promise<readonly Case[]>;
  /** Appends a read-only audit event (a details view) with its idempotency key, atomically. */
  recordView(tenantId: string, event: CaseEvent, dedupeKey: string): Promise<void>;
  events(tenantId: string, id: CaseId): Promise<readonly CaseEvent[]>;
  /** Cheap reachability check for /healthz. */
  ping(): Promise<void>;
}

/**
 * Delivery bookkeeping kept on the outbox row itself (so a restart or another instance continues
 * the same retry schedule). Instants are ISO-8601 UTC strings.
 */
export interface OutboxDelivery {
  /** Failed delivery attempts so far; 0 for a new item. */
  readonly attempts: number;
  /** Not to be sent before this instant; `null`: at once. */
  readonly nextAttemptAt: string | null;
  /** A dispatcher holds the item until this instant; `null`: free. */
  readonly leaseUntil: string | null;
  /** HTTP status of the last failed attempt (`null`: none, or a network fault). */
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

/** An outbox row as the dispatcher sees it: message, ETag and delivery bookkeeping. */
export interface OutboxEntry extends Versioned<OutboxMessage> {
  readonly delivery: OutboxDelivery;
}

/** Why an item left the outbox undelivered. */
export type DeadLetterReason =
  /** The bounded number of attempts is used up. */
  | 'attempts'
  /** The connector refused it for good (e.g. 400, 403, 404). */
  | 'permanent'
  /** Teams told that the bot was removed from the team (conversationUpdate / installationUpdate). */
  | 'gone';

/** An undelivered item, kept for the beheerder (row `dead_<id>` in the tenant partition). */
export interface DeadLetter {
  readonly message: OutboxMessage;
  readonly reason: DeadLetterReason;
  /** Delivery attempts made, including the last one. */
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  /** ISO-8601 UTC instant it was moved. */
  readonly deadAt: string;
}

/** A new retry schedule for an item after a failed attempt. */
export interface OutboxRetry {
  readonly attempts: number;
  /** ISO-8601 UTC. */
  readonly nextAttemptAt: string;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

/** Pending outbox items and their delivery bookkeeping. Every write is ETag-guarded. */
export interface OutboxStore {
  /**
   * Up to `limit` rows in creation order, including leased and not-yet-due ones (the dispatcher
   * needs them to keep each conversation in order).
   */
  scan(tenantId: string, limit: number): Promise<readonly OutboxEntry[]>;
  /** One row by outbox id, or `null` when it is gone (delivered or dead). */
  entry(tenantId: string, id: string): Promise<OutboxEntry | null>;
  /** Claims an item until `until`; `null` when another dispatcher claimed or completed it first. */
  lease(tenantId: string, item: Versioned<OutboxMessage>, until: Date): Promise<Versioned<OutboxMessage> | null>;
  /** Removes a delivered item (ETag-guarded; `false` when someone else already did). */
  complete(tenantId: string, item: Versioned<OutboxMessage>): Promise<boolean>;
  /** Records a failed attempt and frees the lease; `null` when the row changed meanwhile. */
  reschedule(tenantId: string, item: Versioned<OutboxMessage>, retry: OutboxRetry): Promise<Versioned<OutboxMessage> | null>;
  /**
   * Moves an item to the dead letters in one transaction (delete outbox row + create `dead_<id>`);
   * `false` when the row changed or vanished meanwhile.
   */
  deadLetter(tenantId: string, item: Versioned<OutboxMessage>, info: Omit<DeadLetter, 'message'>): Promise<boolean>;
  /** Dead letters of a tenant, oldest item first (for the beheerder). */
  deadLetters(tenantId: string, limit?: number): Promise<readonly DeadLetter[]>;
  tenants(): Promise<readonly string[]>;
  /** Conversations (channel ids) of teams the bot was removed from, as Teams told (see {@link TeamPresenceStore}). */
  removedConversations(tenantId: string): Promise<ReadonlySet<string>>;
}

/** What Teams told about the bot's membership of a team: removed (stop sending) or back (resume). */
export interface TeamPresenceStore {
  /** Marks the team's channels (`conversations`: channel ids, the team id for General) as removed. */
  markRemoved(tenantId: string, teamId: string, conversations: readonly string[], at: Date): Promise<void>;
  /** The bot is back in the team: its channels receive messages again. */
  clearRemoved(tenantId: string, teamId: string): Promise<void>;
}

/** Sends activities to Teams (the Bot Framework connector). */
export interface Notifier {
  /** Returns the new activity id for `post`/`reply`; `signal` aborts the request (the dispatcher gave up on it). */
  deliver(message: OutboxMessage, signal?: AbortSignal): Promise<string | null>;
}

/** A claimed slot of a periodic job (e.g. `reminders:2026-11-23T10:05`). */
export interface JobLease {
  readonly name: string;
  /** Who holds it (an instance id). */
  readonly owner: string;
  /** ISO-8601 UTC instant the claim ends unless renewed. */
  readonly until: string;
  readonly etag: string;
}

export type LeaseClaim = { readonly ok: true; readonly lease: JobLease } | { readonly ok: false; readonly reason: 'held' | 'done' };

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

export interface Clock {
  now(): Date;
}

/**
 * Structured log lines. `data` carries ids, codes and counts only, never user or Teams text; an
 * error goes under `err` (the implementation keeps its stack and drops its message).
 */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  /** A logger that adds `bindings` (tenant, case, activity id) to every line; see `childLogger`. */
  child?(bindings: Record<string, string>): Logger;
}

/**
 * Counters for operations (OpenTelemetry metrics in production). Attributes come from fixed
 * vocabularies (route, action verb, delivery kind, reason), never from user text.
 */
export interface Metrics {
  /** A case moved: an action was applied and committed. */
  transition(route: string, action: string): void;
  /** An outbox item reached Teams (`post`, `reply`, `update`). */
  noticeSent(kind: string): void;
  /** An outbox item became a dead letter. */
  deadLetter(reason: string): void;
  /** One reminder tick: `ran` (this instance ran it), `skipped` (outside office hours or another instance). */
  reminderTick(outcome: 'ran' | 'skipped', sent: number): void;
}

/** What the status card shows besides the case: the calendar (for table dates), the moment, who must act. */
export interface StatusView {
  readonly tables: readonly RegionalTable[];
  readonly now: Date;
  readonly waiting: WaitingOn | null;
  /** Absolute URL (ending in `/`) under which the bot serves the progress pictures; without it cards carry them as data. */
  readonly imageBase?: string;
}

/** Channel-visible renderings the use cases put in the outbox (implemented by the cards layer). */
export interface ChannelViews {
  /**
   * The status card, the same for everyone in the channel: no inputs and never free text; ≤ 8 KB
   * of JSON whatever the size of the calendar or the team.
   */
  statusCard(c: Case, view: StatusView): OutboundActivity;
  /** One short timeline line for the case thread; `actorName` is the colleague who acted. */
  timeline(c: Case, event: CaseEvent, actorName: string): OutboundActivity;
}

/** Unique, time-ordered ids for outbox items. */
export interface IdGenerator {
  next(): string;
}

/** A failed delivery as the connector reported it; the dispatcher decides on retry. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** HTTP status from the Teams connector, or `null` for a network fault. */
    readonly status: number | null,
    /** Retry-After in milliseconds, when the connector sent one. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
