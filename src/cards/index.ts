export { CARD_CONTENT_TYPE, render } from './templates';
export { rootCard, cardAttachment, formatMoment, inert, type FieldView, type ActionView, type FormState } from './rootCard';
export { messageCard, timelineText, CardChannelViews, HELP_TEXT, type MessageStyle } from './messages';
