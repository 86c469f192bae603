export * from './result';
export * from './roles';
export * from './caseId';
export * from './case';
export * from './refusal';
export * from './engine';
export * from './amsterdamTime';
export * from './calendar';
export * from './calendarInput';
export * from './fields';
export * from './privacy';
export * from './stateIds';
export * from './stepData';
export * from './stepTypes';
export * from './steps';
export {
  CONDITIONS,
  type ConditionKey,
  type ConditionStatus,
  evaluateConditions,
  conditionsMetCount,
  conditionsToReconfirm,
} from './routes/voorwaarden';
export { registeredTable, isSubmitted } from './routes/aanmelding';
export { END_STATES, crisisGuidance } from './routes/common';
export { BW_MAIL, SIEM_CONTACT_URL, OPSCHALINGSAANBOD, FINANCIERS } from './routes/bijstellenOptions';
export * from './progress';
export * from './keyDate';
export * from './reminders';
export * from './diagram';
