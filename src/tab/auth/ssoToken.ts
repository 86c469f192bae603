import { verify } from 'node:crypto';
import type { SigningKeys } from './jwks';

/** Who a verified Teams SSO token says the caller is. */
export interface SsoIdentity {
  /** Entra tenant id (`tid`). */
  readonly tenantId: string;
  /** Entra object id of the user (`oid`). */
  readonly userId: string;
}

export type TokenRefusal = 'malformed' | 'algorithm' | 'unknown_key' | 'signature' | 'expired' | 'not_yet_valid' | 'audience' | 'issuer' | 'scope' | 'claims';

export type TokenCheck = { readonly ok: true; readonly identity: SsoIdentity } | { readonly ok: false; readonly reason: TokenRefusal };

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
const B64URL = /^[A-Za-z0-9_-]+$/;

const decode = (part: string): Record<string, unknown> | null => {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The two issuers Entra ID uses for a tenant: v2 (`login.microsoftonline.com/{tid}/v2.0`) and v1 (`sts.windows.net/{tid}/`). */
export const issuersFor = (tid: string): readonly string[] => [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];

/**
 * Verifies a Teams SSO access token (RS256 JWT from Entra ID): signature with the issuer's
 * published key, `exp`/`nbf`, `aud`, `iss` matching the token's own `tid`, the delegated scope,
 * and the presence of `tid` and `oid`. Does not call Microsoft Graph: team membership is not
 * part of the token (see `src/http/tab.ts`).
 */
export const verifySsoToken = async (token: string, policy: SsoTokenPolicy): Promise<TokenCheck> => {
  const refuse = (reason: TokenRefusal): TokenCheck => ({ ok: false, reason });
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) return refuse('malformed');
  const [h, p, s] = parts as [string, string, string];
  const header = decode(h);
  const claims = decode(p);
  if (!header || !claims) return refuse('malformed');
  if (header.alg !== 'RS256') return refuse('algorithm');
  const kid = str(header.kid);
  if (!kid) return refuse('unknown_key');
  const key = await policy.keys.key(kid);
  if (!key) return refuse('unknown_key');
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) return refuse('signature');

  const now = policy.now().getTime() / 1000;
  const skew = policy.skewSeconds ?? 300;
  if (typeof claims.exp !== 'number' || claims.exp + skew <= now) return refuse('expired');
  if (typeof claims.nbf === 'number' && claims.nbf - skew > now) return refuse('not_yet_valid');
  const aud = claims.aud;
  if (typeof aud !== 'string' || !policy.audiences.includes(aud)) return refuse('audience');
  const tid = str(claims.tid);
  const oid = str(claims.oid);
  if (!tid || !GUID.test(tid) || !oid) return refuse('claims');
  if (typeof claims.iss !== 'string' || !issuersFor(tid).includes(claims.iss)) return refuse('issuer');
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
  if (!scopes.includes(policy.scope)) return refuse('scope');
  return { ok: true, identity: { tenantId: tid, userId: oid } };
};
