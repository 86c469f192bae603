export { openTables, type Tables, type TableConnection } from './tables';
export { TableCaseRepository, toEntity as caseEntity } from './caseRepository';
export { TableOutboxStore } from './outboxStore';
export { escapeKey, tenantPk } from './keys';
export { TableCaseQueries } from './caseQueries';
export { TableTeamSettingsStore } from './teamSettingsStore';
export { TableLeaseStore, leaseKeys } from './leaseStore';
export { TableCalendarStore } from './calendarStore';
export { TableReminderIndex } from './reminderIndex';
