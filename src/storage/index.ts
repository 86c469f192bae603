export { openTables, type Tables, type TableConnection } from './tables';
export { TableCaseRepository } from './caseRepository';
export { TableOutboxStore } from './outboxStore';
export { escapeKey, tenantPk } from './keys';
