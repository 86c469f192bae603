import type { IncomingMessage } from 'node:http';
import { setLogLevel } from '@azure/logger';
import { type AzureMonitorOpenTelemetryOptions, shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { resourceFromAttributes } from '@opentelemetry/resources';

export interface Telemetry {
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * The HTTP instrumentation's options. The distro types them as the generic instrumentation config
 * but hands them to `HttpInstrumentation` as they are. A dossier link's address holds its secret
 * (`/dossier/<tenant>/<secret>`, usable for ten minutes): those requests are not traced, so the
 * secret never reaches Application Insights.
 */
const HTTP_INSTRUMENTATION: { enabled: boolean; ignoreIncomingRequestHook: (req: IncomingMessage) => boolean } = {
  enabled: true,
  ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/dossier/'),
};

/** Extra pipeline parts (tests: in-memory exporters beside Azure Monitor). */
export type TelemetryExtras = Pick<AzureMonitorOpenTelemetryOptions, 'spanProcessors' | 'metricReaders' | 'logRecordProcessors'>;

/**
 * Azure Monitor OpenTelemetry: incoming and outgoing HTTP (requests; the Bot Framework connector as
 * dependency) and Azure SDK calls (Table Storage as dependency), exceptions recorded on spans, and
 * the counters of `otelMetrics`. Must run before the app's modules load (see `preload.ts`): the
 * HTTP instrumentation patches `node:http` when it is first required. No request or response
 * bodies or headers are recorded, and no dossier download (its address holds the link's secret);
 * Live Metrics stays off.
 *
 * @public loaded lazily with `require()` by `preload.ts` (knip does not see that import).
 */
export const startTelemetry = (connectionString: string, extras: TelemetryExtras = {}): Telemetry => {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    // Every trace: a care organisation's bot sees a few requests a minute, and the distro's default
    // (5 traces per second, rate-limited) drops the first requests after a start.
    samplingRatio: 1,
    tracesPerSecond: 0,
    instrumentationOptions: {
      http: HTTP_INSTRUMENTATION,
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
    // Application Insights' cloud role: the app's name, not "unknown_service:node".
    resource: resourceFromAttributes({ 'service.name': 'escaleer' }),
    ...extras,
  });
  // The distro turns the Azure SDK's own logger on at warning level; data-tables then warns about
  // a deprecated option on every client. Errors only (our logger reports what matters).
  setLogLevel('error');
  return { shutdown: () => shutdownAzureMonitor() };
};
