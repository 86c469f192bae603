import {
  FederatedServiceClientCredentialsFactory,
  JwtTokenProviderFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';

/** How the bot proves who it is to the Bot Framework (outbound tokens; inbound checks the same app id). */
export interface BotIdentity {
  readonly appId: string;
  readonly appPassword: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId: string;
  /**
   * SingleTenant without a secret: the client id of the user-assigned managed identity that the app
   * registration trusts (federated identity credential). Empty = not federated.
   */
  readonly federatedClientId?: string;
}

/**
 * - `none`: no app id (local only; production refuses it): inbound auth off, outbound unsigned.
 * - `managedIdentity`: the bot is the user-assigned managed identity itself (UserAssignedMSI).
 * - `federated`: the bot is a single-tenant app registration; the managed identity's token is
 *   exchanged for the app's token (federated identity credential). No secret anywhere.
 * - `password`: an app registration with a client secret (kept for existing installs; not how
 *   `infra/` deploys).
 */
export type BotCredentialMode = 'none' | 'managedIdentity' | 'federated' | 'password';

export const botCredentialMode = (identity: BotIdentity): BotCredentialMode => {
  if (!identity.appId) return 'none';
  if (identity.appType === 'UserAssignedMSI') return 'managedIdentity';
  if (identity.appType === 'SingleTenant' && identity.federatedClientId) return 'federated';
  return 'password';
};

/**
 * The outbound token source for the configured mode. The configuration schema already refused the
 * impossible combinations (a secret beside a managed identity or a federated credential, a missing
 * tenant); botbuilder's own ConfigurationServiceClientCredentialFactory has no federated mode.
 */
export const createCredentialsFactory = (identity: BotIdentity): ServiceClientCredentialsFactory => {
  switch (botCredentialMode(identity)) {
    case 'none':
      return new PasswordServiceClientCredentialFactory('', '', '');
    case 'managedIdentity':
      return new ManagedIdentityServiceClientCredentialsFactory(identity.appId, new JwtTokenProviderFactory());
    case 'federated':
      return new FederatedServiceClientCredentialsFactory(identity.appId, identity.federatedClientId ?? '', identity.tenantId);
    case 'password':
      return new PasswordServiceClientCredentialFactory(
        identity.appId,
        identity.appPassword,
        identity.appType === 'SingleTenant' ? identity.tenantId : '',
      );
  }
};
