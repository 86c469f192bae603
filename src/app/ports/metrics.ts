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
