import type { Role } from '../../domain';
import type { OutboxMessage } from './outbox';

/** A reminder waiting in the date-keyed index until `at` (ISO-8601 UTC). */
export interface DueReminder {
  readonly caseId: string;
  /** Stable key from the domain; a reminder with the same key is stored and sent once. */
  readonly key: string;
  readonly kind: string;
  readonly at: string;
  readonly role: Role;
  readonly message: string;
}

/**
 * The date-keyed reminder index (rows `due_<at>_<key>` in the tenant partition). Rows are written
 * with the case change that schedules them; firing one deletes it and creates its outbox item in
 * one transaction, so of several instances exactly one sends it.
 */
export interface ReminderIndex {
  /** Rows due at or before `until`, oldest first, with their ETags. */
  due(tenantId: string, until: Date, limit: number): Promise<readonly { readonly value: DueReminder; readonly etag: string }[]>;
  /** Deletes the row and (when given) creates the outbox item atomically; `false` when another instance got it. */
  fire(tenantId: string, row: { readonly value: DueReminder; readonly etag: string }, outbox: OutboxMessage | null): Promise<boolean>;
  /**
   * Moves a row whose notice could not be built to a dead letter (`deadrem_<key>`, with the error's
   * name only), atomically; `false` when another instance got the row first.
   */
  deadLetter(
    tenantId: string,
    row: { readonly value: DueReminder; readonly etag: string },
    info: { readonly error: string; readonly at: Date },
  ): Promise<boolean>;
}
