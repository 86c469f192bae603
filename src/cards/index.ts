export { CARD_CONTENT_TYPE, render } from './templates';
export { cardAttachment, formatMoment, withNotice, type Notice, type NoticeStyle } from './format';
export { statusCard, summaryCard, SUMMARY_OPEN, awaitingText, OPEN_VERB, STATUS_VERB, DETAILS_VERB } from './statusCard';
export { stepFormCard, type StepViewOptions } from './stepView';
export { inputsFor, type FieldView, type FormState } from './fieldView';
export { type SectionView, detailSections, detailsCard, fieldText } from './details';
export { pictureFile, type Picture } from './picture';
export { messageCard, openCasesText, STATUS_PAGE_SIZE, CardChannelViews, HELP_TEXT, type MessageStyle } from './messages';
export { notificationActivity, type NoticeInput } from './notification';
export {
  settingsCard,
  settingsSummaryCard,
  tablesCard,
  type AdminCardState,
  type CalendarEditorsView,
  type SettingsSection,
} from './admin';
export { welcomeCard } from './welcome';
