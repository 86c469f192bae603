/**
 * The one setting telemetry needs, read before the rest of the configuration is parsed (telemetry
 * must start before the app's modules load). Documented with the others in `.env.example`.
 */
export const telemetryConnectionString = (source: Readonly<Record<string, string | undefined>> = process.env): string =>
  (source['APPLICATIONINSIGHTS_CONNECTION_STRING'] ?? '').trim();
