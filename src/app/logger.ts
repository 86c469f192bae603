import type { Logger, Metrics } from './ports';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** JSON lines on stdout/stderr; never pass client data in `data`. */
export const consoleLogger = (level: LogLevel, base: Record<string, unknown> = {}): Logger => {
  const min = LEVELS[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, data?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...base, ...data });
    (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
    child: (bindings) => consoleLogger(level, { ...base, ...bindings }),
  };
};

/**
 * One structured line per occurrence of a repeated event (e.g. a refused token), at most `max` per
 * `windowMs`; the rest is counted (by `reden`) and reported in one summary line when the window ends.
 * A flood of bad requests thus costs a handful of log lines, never one per request.
 */
export const rateLimitedWarn = (
  log: Logger,
  msg: string,
  opts: { readonly max: number; readonly windowMs: number; readonly now?: () => number },
) => {
  const now = opts.now ?? Date.now;
  let windowStart = -Infinity;
  let logged = 0;
  let suppressed = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const total = [...suppressed.values()].reduce((a, b) => a + b, 0);
    if (total > 0) log.warn(`${msg} (samengevat)`, { aantal: total, redenen: Object.fromEntries(suppressed) });
    suppressed = new Map();
  };
  return (data: { readonly reden: string } & Record<string, unknown>): void => {
    const t = now();
    if (t - windowStart >= opts.windowMs) {
      if (timer) clearTimeout(timer);
      flush();
      windowStart = t;
      logged = 0;
    }
    if (logged < opts.max) {
      logged++;
      log.warn(msg, data);
      return;
    }
    suppressed.set(data.reden, (suppressed.get(data.reden) ?? 0) + 1);
    if (!timer) {
      timer = setTimeout(flush, Math.max(1, windowStart + opts.windowMs - t));
      timer.unref();
    }
  };
};

/** `log` with `bindings` on every line: the logger's own child when it has one, else a wrapper. */
export const childLogger = (log: Logger, bindings: Record<string, string>): Logger => {
  if (log.child) return log.child(bindings);
  const withBindings = (data?: Record<string, unknown>) => ({ ...bindings, ...data });
  return {
    debug: (m, d) => log.debug(m, withBindings(d)),
    info: (m, d) => log.info(m, withBindings(d)),
    warn: (m, d) => log.warn(m, withBindings(d)),
    error: (m, d) => log.error(m, withBindings(d)),
    child: (more) => childLogger(log, { ...bindings, ...more }),
  };
};

/** Metrics that go nowhere (tests, and runs without Application Insights). */
export const noMetrics: Metrics = {
  transition: () => undefined,
  noticeSent: () => undefined,
  deadLetter: () => undefined,
  reminderTick: () => undefined,
};
