export { EscaleerBot } from './escaleerBot';
export { createAdapter, processInbound, type BotIdentity, type AuthOverrides, type InboundAnswer } from './adapter';
export { botCredentialMode, createCredentialsFactory, type BotCredentialMode } from './credentials';
export { ConnectorNotifier } from './notifier';
export { type RoleDirectory } from './context';
export { type Command } from './commands';
export { SettingsRoleDirectory } from './roleDirectory';
export { AdminHandlers } from './admin';
export { ConnectorTeamMembership } from './membership';
