import type { Logger } from './ports';

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
  };
};

/** Time-ordered unique ids (sortable as strings) for outbox rows. */
export const timeOrderedIds = (clock: { now(): Date }) => {
  let last = 0;
  let seq = 0;
  return {
    next(): string {
      const t = clock.now().getTime();
      seq = t === last ? seq + 1 : 0;
      last = t;
      const rand = Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0');
      return `${t.toString(36).padStart(9, '0')}${seq.toString(36).padStart(3, '0')}${rand}`;
    },
  };
};

export const systemClock = { now: (): Date => new Date() };
