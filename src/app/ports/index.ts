/**
 * The ports of the use cases, one file per port (or per group of one adapter's interfaces): what
 * `src/storage`, `src/bot`, `src/cards` and `src/scheduler` implement. Port files import each other
 * directly, never this index, so there is no cycle.
 */
export * from './caseRepository';
export * from './clock';
export * from './ids';
export * from './leases';
export * from './logger';
export * from './metrics';
export * from './noticeViews';
export * from './notifier';
export * from './outbox';
export * from './reminderIndex';
export * from './teamPresenceStore';
export * from './versioned';
export * from './views';
export * from './calendarStore';
export * from './caseQueries';
export * from './dossierTokenStore';
export * from './teamMembership';
export * from './retentionStore';
export * from './teamDirectory';
export * from './teamSettingsStore';
