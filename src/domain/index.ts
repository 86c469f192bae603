export * from './result';
export * from './roles';
export * from './caseId';
export * from './case';
export * from './refusal';
export * from './engine';
