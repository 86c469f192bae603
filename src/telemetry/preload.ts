/**
 * Starts telemetry before anything else loads, when APPLICATIONINSIGHTS_CONNECTION_STRING is set
 * (the template sets it). `src/main.ts` imports this module first; it can also be preloaded with
 * `node --require dist/src/telemetry/preload.js`. Without the variable it does nothing.
 */
import { telemetryConnectionString } from '../config/telemetry';
import type { Telemetry } from './start';

const connectionString = telemetryConnectionString();

// Loaded only when needed: the OpenTelemetry SDK is large, and local runs and tests do without it.
export const telemetry: Telemetry | null = connectionString
  ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: only with a connection string
    (require('./start') as typeof import('./start')).startTelemetry(connectionString)
  : null;
