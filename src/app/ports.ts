import type { Case, CaseEvent, CaseId } from '../domain';

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
}

export type CommitFailure = 'conflict' | 'duplicate';

/** Persistence of cases, their audit trail and outbox, one tenant partition at a time. */
export interface CaseRepository {
  /** Allocates the next `CAS-YYYY-NNNN` for a tenant; safe under concurrency. */
  nextCaseId(tenantId: string, year: number): Promise<CaseId>;
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

/** Pending outbox items and their delivery bookkeeping. */
export interface OutboxStore {
  /** Items not leased by another dispatcher at `now`, oldest first. */
  pending(tenantId: string, limit: number, now?: Date): Promise<readonly Versioned<OutboxMessage>[]>;
  /** Claims an item until `until`; `null` when another dispatcher claimed or completed it first. */
  lease(tenantId: string, item: Versioned<OutboxMessage>, until: Date): Promise<Versioned<OutboxMessage> | null>;
  /** Removes a delivered item (ETag-guarded; `false` when someone else already did). */
  complete(tenantId: string, item: Versioned<OutboxMessage>): Promise<boolean>;
  tenants(): Promise<readonly string[]>;
}

/** Sends activities to Teams (the Bot Framework connector). */
export interface Notifier {
  /** Returns the new activity id for `post`/`reply`. */
  deliver(message: OutboxMessage): Promise<string | null>;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Channel-visible renderings the use cases put in the outbox (implemented by the cards layer). */
export interface ChannelViews {
  /** The root card: status only, never free text. */
  rootCard(c: Case): OutboundActivity;
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
