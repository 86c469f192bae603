import { type KeyObject, generateKeyPairSync, sign } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelActivity } from '../support/connectorStandIn';
import { delivered, sleep } from '../support/delivery';
import { type Direct, startDirect } from '../support/direct';

/** A local OpenID provider: metadata + JWKS on 127.0.0.1, and a signer for test tokens. */
export interface TestIssuer {
  readonly metadataUrl: string;
  readonly kid: string;
  /** Signs `claims` as an RS256 JWT; `key`/`kid`/`alg` override for negative tests. */
  token(claims: Record<string, unknown>, over?: { key?: KeyObject; kid?: string; alg?: string }): string;
  /** A private key the JWKS does not publish. */
  readonly strangerKey: KeyObject;
  close(): Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export const startIssuer = async (): Promise<TestIssuer> => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'test-key-1';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer: 'test', jwks_uri: `${base}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    kid,
    strangerKey: stranger,
    token: (claims, over = {}) => {
      const head = b64({ alg: over.alg ?? 'RS256', typ: 'JWT', kid: over.kid ?? kid });
      const body = b64(claims);
      const sig = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), over.key ?? privateKey).toString('base64url');
      return `${head}.${body}.${sig}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

export interface Place {
  readonly tenantId: string;
  readonly teamId: string;
  readonly channelId: string;
}

/** Opens a case with `/escaleer` in a channel; returns its id (read from the new root card). */
export const openCase = async (d: Direct, place: Place): Promise<{ caseId: string }> => {
  // Earlier cases' messages first, so that the new root card is the only one to look for.
  await delivered(d);
  const before = d.connector.calls.length;
  const r = await d.post(channelActivity({ serviceUrl: d.connector.url, text: '/escaleer', ...place }));
  if (r.status >= 300) throw new Error(`/escaleer gaf ${r.status}`);
  for (let i = 0; i < 100; i++) {
    for (const call of d.connector.calls.slice(before)) {
      if (call.method !== 'POST' || !call.conversationId.startsWith(place.channelId)) continue;
      const caseId = /Casus (CAS-\d{4}-\d{4})/.exec(JSON.stringify(call.body))?.[1];
      if (caseId) return { caseId };
    }
    await sleep(50);
  }
  throw new Error('geen hoofdkaart ontvangen');
};

/** Sends a card action (Action.Execute) as Teams would (inputs named `<verb>.<field>`); returns the invoke response body. */
const execute = async (
  d: Direct,
  place: Place,
  verb: string,
  ref: { caseId: string; version: number },
  fields: Record<string, unknown>,
): Promise<unknown> => {
  const data: Record<string, unknown> = { ...ref };
  for (const [k, v] of Object.entries(fields)) data[`${verb}.${k}`] = v;
  const r = await d.post(
    channelActivity({
      serviceUrl: d.connector.url,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      ...place,
    }),
  );
  if (r.status !== 200) throw new Error(`${verb} gaf ${r.status}`);
  return r.body;
};

/** Free text and a client reference that must never reach the tab. */
export const SECRET_CLIENT_REF = 'ECD-GEHEIM-77';
export const SECRET_TEXT = 'Vrije tekst die nooit in het dashboard mag staan';

/** Opens a case, picks route Bijstellen with a client reference, and records a signal with free text. */
export const caseWithFreeText = async (d: Direct, place: Place): Promise<string> => {
  const { caseId } = await openCase(d, place);
  await execute(d, place, 'route.kiezen', { caseId, version: 1 }, { route: 'bijstellen', clientRef: SECRET_CLIENT_REF });
  await execute(
    d,
    place,
    'signaal.vastleggen',
    { caseId, version: 2 },
    { datum: '2025-03-03', actielijn: SECRET_TEXT, toelichting: SECRET_TEXT },
  );
  return caseId;
};

/** The Entra app and host the tab's SSO tokens are issued for (as the deployment template sets them). */
export const SSO_APP_ID = '3f9b6f0e-8a53-4c59-9a53-2d3c1f4b7a10';
const SSO_HOST = 'escaleer.example.nl';

/** Claims of a valid tab SSO token (v1, `api://host/app-id`) of user `oid` in `tenant`, with `over` replacing any. */
export const ssoClaims = (tenant: string, oid: string, over: Record<string, unknown> = {}): Record<string, unknown> => {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: `api://${SSO_HOST}/${SSO_APP_ID}`,
    iss: `https://sts.windows.net/${tenant}/`,
    tid: tenant,
    oid,
    scp: 'access_as_user',
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    ...over,
  };
};

/** The app with SSO for the tab, its token issuer pointed at `metadataUrl` (by default the test issuer's). */
export const startSsoTabApp = (issuer: TestIssuer, metadataUrl = issuer.metadataUrl): Promise<Direct> =>
  startDirect({ TAB_SSO_APP_ID: SSO_APP_ID, PUBLIC_HOSTNAME: SSO_HOST }, { tabOpenIdMetadataUrl: metadataUrl });

/**
 * The setting of the dossier tests (API and browser): an SSO tab with one case with free text
 * (see {@link caseWithFreeText}), opened and filled by {@link DossierTab.opener}; `colleague` is a
 * team member without a care role who never worked on it.
 */
export interface DossierTab {
  readonly d: Direct;
  readonly place: Place;
  readonly caseId: string;
  /** channelActivity's default sender: the one who opened and filled the case. */
  readonly opener: string;
  readonly colleague: string;
  /** A valid tab token of user `oid` in the case's tenant. */
  token(oid: string): string;
  close(): Promise<void>;
}

export const startDossierTab = async (): Promise<DossierTab> => {
  const tenant = '6a1c1f3e-0000-4000-8000-00000000000a';
  const place: Place = { tenantId: tenant, teamId: '19:team-a@thread.tacv2', channelId: '19:kanaal-a@thread.tacv2' };
  const issuer = await startIssuer();
  const d = await startSsoTabApp(issuer);
  let caseId: string;
  try {
    caseId = await caseWithFreeText(d, place);
  } catch (e) {
    await d.close();
    await issuer.close();
    throw e;
  }
  return {
    d,
    place,
    caseId,
    opener: 'user-1',
    colleague: '22222222-2222-4222-8222-000000000002',
    token: (oid) => issuer.token(ssoClaims(tenant, oid)),
    close: async () => {
      await d.close();
      await issuer.close();
    },
  };
};
