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
