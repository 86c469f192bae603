/** Unique, time-ordered ids for outbox items. */
export interface IdGenerator {
  next(): string;
}
