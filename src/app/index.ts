export * from './ports';
export * from './caseService';
export * from './logger';
