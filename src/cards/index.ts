export { CARD_CONTENT_TYPE, render } from './templates';
export { rootCard, cardAttachment, formatMoment, type RootCardOptions, type NoticeStyle } from './rootCard';
export { fieldView, inputId, inputsFor, inert, type FieldView, type FormState } from './fieldView';
export { detailsCard } from './details';
export { progressPicture, type Picture } from './picture';
export { messageCard, timelineText, CardChannelViews, HELP_TEXT, type MessageStyle } from './messages';
export { notificationActivity, caseLink, type NoticeInput } from './notification';
export { settingsCard, settingsSummaryCard, tablesCard, type AdminCardState } from './admin';
