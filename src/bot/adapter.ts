import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../app';

export interface BotIdentity {
  readonly appId: string;
  readonly appPassword: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId: string;
}

/** Extra Bot Framework auth settings (e.g. a local OpenID issuer in tests). */
export type AuthOverrides = Partial<ConfigurationBotFrameworkAuthenticationOptions>;

/** The CloudAdapter with our credentials and a Dutch error reply for unexpected faults. */
export const createAdapter = (identity: BotIdentity, log: Logger, overrides: AuthOverrides = {}): CloudAdapter => {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.tenantId,
    ...overrides,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('fout in beurt', { error: error.message, type: context.activity.type, name: context.activity.name });
    if (context.activity.type === 'message') {
      try {
        await context.sendActivity(
          'Er ging iets mis bij het verwerken van je bericht. Er is niets gewijzigd; probeer het over een minuut opnieuw.',
        );
      } catch (sendError) {
        log.warn('foutmelding niet verstuurd', { error: sendError instanceof Error ? sendError.message : String(sendError) });
      }
    }
  };
  return adapter;
};
