/** A stored value with its storage version (ETag); pass the ETag back to change it. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}
