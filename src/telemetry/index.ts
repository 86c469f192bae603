export { pinoLogger, scrubError, type ScrubbedError } from './logger';
export { otelMetrics } from './metrics';
// The SDK itself (`./start`) is loaded only when telemetry runs: see `./preload`.
export type { Telemetry, TelemetryExtras } from './start';
