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
export { CONDITIONS, type ConditionKey, type ConditionStatus, evaluateConditions, conditionsMetCount, conditionsToReconfirm } from './routes/voorwaarden';
export { ADVISEUR_MAIL, registeredTable, isSubmitted } from './routes/aanmelding';
export { CRISIS_INSTRUCTIONS, END_STATES, ZORGADVIES, crisisGuidance } from './routes/common';
export {
  BW_MAIL,
  SIEM_CONTACT_URL,
  ONPLANBARE_ZORG_MAX_MONTHS,
  TEAMLEIDER_OPTIONS,
  CASUISTIEK_OUTCOMES,
  OPSCHALINGSAANBOD,
  FINANCIERS,
  OVERBRUGGING_OPTIONS,
} from './routes/bijstellenOptions';
export * from './progress';
export * from './keyDate';
export * from './reminders';
export * from './diagram';
