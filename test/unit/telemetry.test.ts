import { Writable } from 'node:stream';
import { context, metrics } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { childLogger } from '../../src/app';
import { ReminderScheduler, type ReminderSchedulerDeps } from '../../src/scheduler';
import { otelMetrics, pinoLogger, scrubError } from '../../src/telemetry';
import { FakeClock, RecordingLogger } from '../support/fakes';

const SECRET = 'Mevrouw Jansen woont op de Dorpsstraat';

const captured = (): { stream: Writable; lines: () => Record<string, unknown>[] } => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
};

describe('fouten in logboek en telemetrie', () => {
  it('houdt type, code en stack, nooit de melding (die kan invoer citeren)', () => {
    const e = Object.assign(new SyntaxError(`Unexpected token in JSON at position 3: "${SECRET}"`), { code: 'ERR_BAD' });
    const s = scrubError(e);
    expect(s).toMatchObject({ type: 'SyntaxError', code: 'ERR_BAD' });
    expect(s.stack).toMatch(/^SyntaxError\n\s+at /);
    expect(JSON.stringify(s)).not.toContain('Jansen');
    expect(scrubError({ status: 500, message: SECRET })).toEqual({ type: 'object', stack: '' });
    expect(scrubError(Object.assign(new Error('x'), { statusCode: 503 }))).toMatchObject({ code: 503 });
  });

  it('pino: JSON-regel met t, level, msg; err met stack; kindloggers voegen tenant, casus en activity toe', () => {
    const out = captured();
    const log = pinoLogger('debug', out.stream);
    const turn = childLogger(log, { tenant: 'tenant-a', activity: 'act-1' });
    childLogger(turn, { case: 'CAS-2026-0001' }).error('kaartactie mislukt', { err: new Error(SECRET), opslag: false });
    turn.info('klaar');
    const [fault, done] = out.lines();
    expect(fault).toMatchObject({
      level: 'error',
      msg: 'kaartactie mislukt',
      tenant: 'tenant-a',
      activity: 'act-1',
      case: 'CAS-2026-0001',
      opslag: false,
    });
    expect(typeof fault?.['t']).toBe('string');
    expect((fault?.['err'] as { stack: string }).stack).toMatch(/\n\s+at /);
    expect(JSON.stringify(fault)).not.toContain('Jansen');
    expect(done).toMatchObject({ level: 'info', msg: 'klaar', tenant: 'tenant-a' });
    expect(done).not.toHaveProperty('case');
  });

  it('een gelogde fout staat als uitzondering met stack op de lopende span, zonder de melding', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const log = pinoLogger('silent');
      provider.getTracer('test').startActiveSpan('POST /api/messages', (span) => {
        log.error('fout in beurt', { err: new TypeError(SECRET) });
        span.end();
      });
      const [span] = exporter.getFinishedSpans();
      const event = span?.events.find((e) => e.name === 'exception');
      expect(event?.attributes?.['exception.type']).toBe('TypeError');
      expect(String(event?.attributes?.['exception.stacktrace'])).toMatch(/\n\s+at /);
      expect(JSON.stringify(span?.events)).not.toContain('Jansen');
      expect(span?.status.code).toBe(2);
    } finally {
      context.disable();
    }
  });

  it('de RecordingLogger van de tests werkt als kindlogger (bindingen in data)', () => {
    const rec = new RecordingLogger();
    childLogger(rec, { tenant: 't' }).warn('x', { n: 1 });
    expect(rec.lines).toEqual([{ level: 'warn', msg: 'x', data: { tenant: 't', n: 1 } }]);
  });
});

describe('tellers (OpenTelemetry metrics)', () => {
  let exporter: InMemoryMetricExporter;
  let reader: PeriodicExportingMetricReader;
  beforeEach(() => {
    exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterEach(() => metrics.disable());

  const collected = async (): Promise<Map<string, { value: number; attributes: Record<string, unknown> }[]>> => {
    await reader.forceFlush();
    const out = new Map<string, { value: number; attributes: Record<string, unknown> }[]>();
    for (const rm of exporter.getMetrics()) {
      for (const sm of rm.scopeMetrics) {
        for (const m of sm.metrics)
          out.set(
            m.descriptor.name,
            m.dataPoints.map((p) => ({ value: p.value as number, attributes: p.attributes })),
          );
      }
    }
    return out;
  };

  it('overgangen, berichten en dode brieven met vaste dimensies', async () => {
    const m = otelMetrics();
    m.transition('zorgkantoor', 'cirkel1.vastleggen');
    m.transition('zorgkantoor', 'cirkel1.vastleggen');
    m.noticeSent('reply');
    m.deadLetter('gone');
    const got = await collected();
    expect(got.get('escaleer.case.transitions')).toEqual([
      { value: 2, attributes: { route: 'zorgkantoor', action: 'cirkel1.vastleggen' } },
    ]);
    expect(got.get('escaleer.notices.sent')).toEqual([{ value: 1, attributes: { kind: 'reply' } }]);
    expect(got.get('escaleer.outbox.dead_letters')).toEqual([{ value: 1, attributes: { reason: 'gone' } }]);
  });

  it('de herinneringsplanner telt elke tik, ook een buiten kantooruren', async () => {
    const clock = new FakeClock(new Date('2026-12-06T12:00:00Z')); // a Sunday
    const scheduler = new ReminderScheduler({
      clock,
      log: new RecordingLogger(),
      metrics: otelMetrics(),
    } as unknown as ReminderSchedulerDeps);
    expect((await scheduler.tick()).ran).toBe(false);
    await scheduler.tick();
    expect((await collected()).get('escaleer.reminders.ticks')).toEqual([{ value: 2, attributes: { outcome: 'skipped' } }]);
  });
});
