import type { CaseId } from '../../domain';
import type { Versioned } from './versioned';

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
