import { SpanStatusCode, trace } from '@opentelemetry/api';
import pino from 'pino';
import type { Logger } from '../app';

/**
 * An error as it may leave the process: its type, a short code or status, and the stack frames.
 * Never the message: a parse error quotes its input, a driver echoes a request, and input can be
 * what a care worker typed about a client. Our own delivery errors name only a status.
 */
export interface ScrubbedError {
  readonly type: string;
  readonly stack: string;
  readonly code?: string | number;
}

const SAFE_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export const scrubError = (e: unknown): ScrubbedError => {
  if (!(e instanceof Error)) return { type: typeof e, stack: '' };
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  const { code, status, statusCode } = e as { code?: unknown; status?: unknown; statusCode?: unknown };
  const numeric = [statusCode, status].find((v): v is number => typeof v === 'number');
  const named = typeof code === 'string' && SAFE_CODE.test(code) ? code : typeof code === 'number' ? code : undefined;
  const type = SAFE_CODE.test(e.name) ? e.name : 'Error';
  return { type, stack: `${type}\n${frames}`, ...(named !== undefined ? { code: named } : numeric !== undefined ? { code: numeric } : {}) };
};

/** The exception on the current span (Application Insights: the exceptions table, with the stack). */
const recordOnActiveSpan = (err: ScrubbedError): void => {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.recordException({ name: err.type, message: err.type, stack: err.stack, ...(err.code !== undefined ? { code: err.code } : {}) });
  span.setStatus({ code: SpanStatusCode.ERROR });
};

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * The Logger port on pino: JSON lines on stdout (App Service keeps them in Log Analytics), an
 * error under `err` keeps its stack (not its message), child loggers for tenant, case and activity.
 * A logged error is also recorded as an exception on the active span.
 */
export const pinoLogger = (level: Level, destination?: pino.DestinationStream): Logger => {
  const root = pino(
    {
      level,
      base: null,
      messageKey: 'msg',
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: scrubError },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  const wrap = (p: pino.Logger): Logger => {
    const line = (lvl: Exclude<Level, 'silent'>) => (msg: string, data?: Record<string, unknown>) => {
      if (data && 'err' in data && (lvl === 'error' || lvl === 'warn')) recordOnActiveSpan(scrubError(data['err']));
      if (data) p[lvl](data, msg);
      else p[lvl](msg);
    };
    return {
      debug: line('debug'),
      info: line('info'),
      warn: line('warn'),
      error: line('error'),
      child: (bindings) => wrap(p.child(bindings)),
    };
  };
  return wrap(root);
};
