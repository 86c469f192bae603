import { z } from 'zod';

const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

const port = z.coerce.number().int().min(0).max(65535);

/** Every environment variable Escaleer reads. Documented in `.env.example`. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(3978),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    MICROSOFT_APP_ID: z.string().trim().uuid('moet een GUID zijn').or(z.literal('')).default(''),
    MICROSOFT_APP_PASSWORD: z.string().default(''),
    // Single-tenant by default: Azure Bot Service creates no new multi-tenant bots since 2025-07-31.
    MICROSOFT_APP_TYPE: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    ),
    MICROSOFT_APP_TENANT_ID: z.string().trim().uuid('moet een GUID zijn').or(z.literal('')).default(''),
    /**
     * SingleTenant without a secret: client id of the user-assigned managed identity that the app
     * registration trusts through a federated identity credential (scripts/entra-app.sh).
     */
    MICROSOFT_APP_FEDERATED_CLIENT_ID: z.string().trim().uuid('moet een GUID zijn').or(z.literal('')).default(''),
    STORAGE_CONNECTION_STRING: z.string().trim().default(''),
    STORAGE_ACCOUNT_URL: z.string().trim().url('moet een URL zijn').or(z.literal('')).default(''),
    AZURE_CLIENT_ID: z.string().trim().default(''),
    TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'alleen letters en cijfers, begint met een letter, max. 40 tekens')
      .default('escaleer'),
    AZURITE_LOCATION: z.string().default('.data/azurite'),
    AZURITE_PORT: port.default(10002),
    PLAYGROUND: onOff.optional(),
    PLAYGROUND_PORT: port.default(56150),
    PUBLIC_HOSTNAME: z.string().trim().default(''),
    /** Azure Monitor (Application Insights); empty = no telemetry. Read early by src/config/telemetry.ts. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().trim().default(''),
    /** Dashboard tab: accept `?tenant=…&team=…` without a Teams token (local development only). */
    TAB_DEV_MODE: onOff.optional(),
    /**
     * App registration whose SSO tokens the tab API accepts; defaults to MICROSOFT_APP_ID, except for
     * UserAssignedMSI: a managed identity cannot expose an API, so the tab then needs its own.
     */
    TAB_SSO_APP_ID: z.string().trim().uuid('moet een GUID zijn').or(z.literal('')).default(''),
    /**
     * Months after closing that a closed case (opgelost, afgesloten, crisis, ingetrokken) is kept
     * before the daily purge removes it; 0 = never. Escaleer is not the medical dossier (the ECD
     * is, with its own WGBO term of 20 years): 24 months covers a re-escalation and the yearly
     * review of the escalation process.
     */
    RETENTION_MONTHS: z.coerce.number().int('moet een heel aantal maanden zijn').min(0).max(600).default(24),
    /**
     * Months after the purge (the last line of a purged case's audit trail) that the trail is kept;
     * 0 = for ever. At least 60: logging of care information systems is kept at least 5 years from
     * the moment a line is written (Besluit van 27 juni 2019, Stcrt. 2019, 38007, under the Besluit
     * elektronische gegevensverwerking door zorgaanbieders).
     */
    AUDIT_RETENTION_MONTHS: z.coerce.number().int('moet een heel aantal maanden zijn').min(0).max(1200).default(60),
  })
  .superRefine((env, ctx) => {
    if (env.AUDIT_RETENTION_MONTHS > 0 && env.AUDIT_RETENTION_MONTHS < 60) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AUDIT_RETENTION_MONTHS'],
        message: 'moet 0 (altijd bewaren) zijn of minstens 60: logging in de zorg blijft ten minste 5 jaar bewaard',
      });
    }
    if (env.MICROSOFT_APP_FEDERATED_CLIENT_ID && env.MICROSOFT_APP_TYPE !== 'SingleTenant') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_FEDERATED_CLIENT_ID'],
        message: 'werkt alleen met MICROSOFT_APP_TYPE=SingleTenant (een app-registratie die de beheerde identiteit vertrouwt)',
      });
    }
    if (env.MICROSOFT_APP_PASSWORD && (env.MICROSOFT_APP_FEDERATED_CLIENT_ID || env.MICROSOFT_APP_TYPE === 'UserAssignedMSI')) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_PASSWORD'],
        message: 'moet leeg zijn bij een beheerde identiteit of een federatieve referentie: die werken zonder geheim',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    if (env.TAB_DEV_MODE) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['TAB_DEV_MODE'],
        message: 'mag niet aan staan in productie: het dashboard zou dan zonder aanmelding teamgegevens tonen',
      });
    }
    if (!env.MICROSOFT_APP_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_ID'],
        message: 'is verplicht in productie: zonder app-id accepteert de Bot Framework-adapter ongeauthenticeerde verzoeken',
      });
    }
    if (env.MICROSOFT_APP_TYPE === 'MultiTenant' && env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_PASSWORD'],
        message: 'is verplicht bij MICROSOFT_APP_TYPE=MultiTenant',
      });
    }
    if (
      env.MICROSOFT_APP_TYPE === 'SingleTenant' &&
      env.MICROSOFT_APP_ID &&
      !env.MICROSOFT_APP_PASSWORD &&
      !env.MICROSOFT_APP_FEDERATED_CLIENT_ID
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_FEDERATED_CLIENT_ID'],
        message:
          'is verplicht bij MICROSOFT_APP_TYPE=SingleTenant: de client-id van de beheerde identiteit die de app-registratie vertrouwt (of, zonder federatie, MICROSOFT_APP_PASSWORD)',
      });
    }
    if (env.MICROSOFT_APP_TYPE !== 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MICROSOFT_APP_TENANT_ID'],
        message: `is verplicht bij MICROSOFT_APP_TYPE=${env.MICROSOFT_APP_TYPE}`,
      });
    }
    if (!env.STORAGE_CONNECTION_STRING && !env.STORAGE_ACCOUNT_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['STORAGE_ACCOUNT_URL'],
        message: 'of STORAGE_CONNECTION_STRING is verplicht in productie (Azurite draait alleen lokaal)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
