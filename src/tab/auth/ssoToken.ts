import { type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import { type Result, err, ok } from '../../domain';
import type { SigningKeys } from './jwks';

/** Who a verified Teams SSO token says the caller is. */
export interface SsoIdentity {
  /** Entra tenant id (`tid`). */
  readonly tenantId: string;
  /** Entra object id of the user (`oid`). */
  readonly userId: string;
}

/** Why a token was not accepted; logged (never the token or its claims), answered as `invalid_token`. */
export type TokenFailure =
  'malformed' | 'algorithm' | 'unknown_key' | 'signature' | 'expired' | 'not_yet_valid' | 'audience' | 'issuer' | 'scope' | 'claims';

export type TokenCheck = Result<SsoIdentity, TokenFailure>;

export interface SsoTokenPolicy {
  /** Accepted `aud` values: `api://{host}/{app id}` (v1 tokens) and the bare app id (v2 tokens). */
  readonly audiences: readonly string[];
  /** Delegated scope the Teams client asked for (`scp`); see docs/deployment.md step 9. */
  readonly scope: string;
  readonly keys: SigningKeys;
  readonly now: () => Date;
  /** Tolerated clock difference for `exp`/`nbf` (default 5 min, as Microsoft's libraries). */
  readonly skewSeconds?: number;
}

/** The audiences of the tab's SSO app: `api://{host}/{id}` when the host is known, and `{id}`. */
export const ssoAudiences = (appId: string, publicHostname: string): readonly string[] =>
  appId ? [...(publicHostname ? [`api://${publicHostname}/${appId}`] : []), appId] : [];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The two issuers Entra ID uses for a tenant: v2 (`login.microsoftonline.com/{tid}/v2.0`) and v1 (`sts.windows.net/{tid}/`). */
const issuersFor = (tid: string): readonly string[] => [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];

/** jose's error of a failed check, as the failure the tab logs (never the token or its claims). */
const failureOf = (e: unknown): TokenFailure | null => {
  if (e instanceof joseErrors.JWTExpired) return 'expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed)
    return e.claim === 'nbf' ? 'not_yet_valid' : e.claim === 'aud' ? 'audience' : 'claims';
  if (e instanceof joseErrors.JOSEAlgNotAllowed || e instanceof joseErrors.JOSENotSupported) return 'algorithm';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature';
  if (e instanceof UnknownKey) return 'unknown_key';
  if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid) return 'malformed';
  return null;
};

/** A `kid` the issuer does not publish (the key resolver's own signal to {@link failureOf}). */
class UnknownKey extends Error {}

/**
 * Verifies a Teams SSO access token (RS256 JWT from Entra ID) with `jose`: signature with the
 * issuer's published key, `exp`/`nbf` (with skew), `aud`; then `iss` matching the token's own
 * `tid`, the delegated scope, and the presence of `tid` and `oid`. Does not call Microsoft Graph:
 * team membership is not part of the token (see `src/http/tab.ts`). A fault fetching the keys
 * propagates (the caller answers 503, not 401).
 */
export const verifySsoToken = async (token: string, policy: SsoTokenPolicy): Promise<TokenCheck> => {
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(
      token,
      async (header) => {
        const kid = str(header.kid);
        const key = kid ? await policy.keys.key(kid) : null;
        if (!key) throw new UnknownKey();
        return key;
      },
      {
        algorithms: ['RS256'],
        audience: [...policy.audiences],
        clockTolerance: policy.skewSeconds ?? 300,
        currentDate: policy.now(),
        requiredClaims: ['exp'],
      },
    ));
  } catch (e) {
    const failure = failureOf(e);
    if (failure) return err(failure);
    throw e;
  }
  const tid = str(claims.tid);
  const oid = str(claims.oid);
  if (!tid || !GUID.test(tid) || !oid) return err('claims');
  if (typeof claims.iss !== 'string' || !issuersFor(tid).includes(claims.iss)) return err('issuer');
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
  if (!scopes.includes(policy.scope)) return err('scope');
  return ok({ tenantId: tid, userId: oid });
};
