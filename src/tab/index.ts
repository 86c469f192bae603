export { type TabAsset, type TabAssets, loadTabAssets } from './assets';
export { MICROSOFT_OPENID_METADATA, OpenIdSigningKeys, type SigningKeys } from './auth/jwks';
export { type SsoIdentity, type TokenCheck, type TokenFailure, ssoAudiences, verifySsoToken } from './auth/ssoToken';
