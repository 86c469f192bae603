import type { CaseLocation } from '../../src/domain';
import type { Clock, Logger } from '../../src/app';

export class FakeClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** Records log lines; tests assert on them when a log line is the behaviour. */
export class RecordingLogger implements Logger {
  readonly lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  debug = (msg: string, data?: Record<string, unknown>) => void this.lines.push({ level: 'debug', msg, data });
  info = (msg: string, data?: Record<string, unknown>) => void this.lines.push({ level: 'info', msg, data });
  warn = (msg: string, data?: Record<string, unknown>) => void this.lines.push({ level: 'warn', msg, data });
  error = (msg: string, data?: Record<string, unknown>) => void this.lines.push({ level: 'error', msg, data });
}

export const location = (over: Partial<CaseLocation> = {}): CaseLocation => ({
  tenantId: 'tenant-a',
  teamId: 'team-1',
  channelId: '19:kanaal@thread.tacv2',
  conversationId: '19:kanaal@thread.tacv2;messageid=1',
  serviceUrl: 'http://127.0.0.1:9/',
  rootActivityId: 'root-1',
  ...over,
});
