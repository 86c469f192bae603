import type { Case, Role } from '../domain';
import type { OutboundActivity } from './ports';
import type { Member } from './teamSettings';

/** A channel notification about a case, with @mentions of the role holders. */
export interface Notice {
  readonly case: Case;
  readonly role: Role;
  readonly holders: readonly Member[];
  /** Dutch date by which the step should be done, if the process has one. */
  readonly due: string | null;
  readonly title: string;
  /** `crisis`: a crisis was reported; the teamleider (and on route Bijstellen the sleutelfiguur) is told, nothing is asked. */
  readonly kind: 'escalation' | 'reminder' | 'crisis';
  /** The reminder text (channel-safe: dates and tables only). */
  readonly message?: string;
}

/** Renders notices (implemented by the cards layer). */
export interface NoticeViews {
  notice(n: Notice): OutboundActivity;
}

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
  fire(tenantId: string, row: { readonly value: DueReminder; readonly etag: string }, outbox: import('./ports').OutboxMessage | null): Promise<boolean>;
  /**
   * Moves a row whose notice could not be built to a dead letter (`deadrem_<key>`, with the error's
   * name only), atomically; `false` when another instance got the row first.
   */
  deadLetter(tenantId: string, row: { readonly value: DueReminder; readonly etag: string }, info: { readonly error: string; readonly at: Date }): Promise<boolean>;
}
