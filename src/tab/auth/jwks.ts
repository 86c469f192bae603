import { type JsonWebKey, type KeyObject, createPublicKey } from 'node:crypto';

/** Microsoft Entra ID's OpenID metadata; its `jwks_uri` signs both v1 and v2 access tokens. */
export const MICROSOFT_OPENID_METADATA = 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration';

/** Public signing keys by key id (`kid`). */
export interface SigningKeys {
  /** The RSA public key with this `kid`, or `null` when the issuer does not (or no longer) publish it. */
  key(kid: string): Promise<KeyObject | null>;
}

export interface OpenIdKeysOptions {
  /** OpenID configuration document; tests point it at a local server. */
  readonly metadataUrl: string;
  /** How long a fetched key set is trusted (default 12 h). */
  readonly ttlMs?: number;
  /** An unknown `kid` refetches the key set at most this often (default 5 min). */
  readonly refetchAfterMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

interface Jwk extends JsonWebKey {
  readonly kid?: string;
  readonly kty?: string;
  readonly use?: string;
}

const getJson = async (f: typeof fetch, url: string): Promise<unknown> => {
  const r = await f(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
  if (!r.ok) throw new Error(`${url} gaf HTTP ${r.status}`);
  return r.json();
};

/**
 * Keys from an OpenID provider (metadata → `jwks_uri` → RSA keys), cached; a `kid` not in the
 * cache triggers one refetch (key rollover), rate-limited so a flood of bad tokens cannot make
 * us hammer the provider. Fetch errors propagate (the caller answers 503, not 401).
 */
export class OpenIdSigningKeys implements SigningKeys {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private inflight: Promise<void> | null = null;
  private failure: { at: number; error: Error } | null = null;
  private readonly f: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: OpenIdKeysOptions) {
    this.f = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  async key(kid: string): Promise<KeyObject | null> {
    const age = this.now() - this.fetchedAt;
    const stale = age > (this.options.ttlMs ?? 12 * 3600_000);
    const mayRefetch = age > (this.options.refetchAfterMs ?? 5 * 60_000);
    if (stale || (!this.keys.has(kid) && mayRefetch)) {
      try {
        await this.refresh();
      } catch (e) {
        // The provider is unreachable: a key we already trust stays usable; otherwise the caller answers 503.
        if (!this.keys.has(kid)) throw e;
      }
    }
    return this.keys.get(kid) ?? null;
  }

  private refresh(): Promise<void> {
    // After a failed fetch, answer from the failure for 30 s instead of asking the provider again.
    if (this.failure && this.now() - this.failure.at < 30_000) return Promise.reject(this.failure.error);
    this.inflight ??= this.load()
      .then(
        () => {
          this.failure = null;
        },
        (e: unknown) => {
          this.failure = { at: this.now(), error: e instanceof Error ? e : new Error(String(e)) };
          throw this.failure.error;
        },
      )
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private async load(): Promise<void> {
    const meta = (await getJson(this.f, this.options.metadataUrl)) as { jwks_uri?: unknown };
    if (typeof meta.jwks_uri !== 'string') throw new Error('OpenID-metadata zonder jwks_uri');
    const set = (await getJson(this.f, meta.jwks_uri)) as { keys?: unknown };
    const keys = new Map<string, KeyObject>();
    for (const jwk of Array.isArray(set.keys) ? (set.keys as Jwk[]) : []) {
      if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use && jwk.use !== 'sig')) continue;
      try {
        keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
      } catch {
        // A malformed key is skipped; tokens signed with it are refused.
      }
    }
    this.keys = keys;
    this.fetchedAt = this.now();
  }
}
