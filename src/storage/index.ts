export { openTables, type Tables, type TableConnection } from './tables';
export { TableCaseRepository, toEntity as caseEntity } from './caseRepository';
export { TableOutboxStore } from './outboxStore';
export { escapeKey, tenantPk } from './keys';
export { TableCaseQueries } from './caseQueries';
export { TableTeamSettingsStore } from './teamSettingsStore';
export { TableLeaseStore } from './leaseStore';
export { TableCalendarStore } from './calendarStore';
export { TableReminderIndex } from './reminderIndex';
export { TableDossierTokenStore } from './dossierTokenStore';
export { TableRetentionStore } from './retentionStore';
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportRow,
  type ParsedExport,
  type RestoreOutcome,
  parseExport,
  restoreRows,
  tenantRows,
} from './tenantData';
