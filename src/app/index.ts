export * from './ports';
export * from './caseService';
export * from './logger';
export * from './dashboard';
export * from './teamSettings';
export * from './calendar';
export * from './notices';
export * from './teamAdmin';
