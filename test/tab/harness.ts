import { type KeyObject, generateKeyPairSync, sign } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelActivity } from '../support/connectorStandIn';
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

/** Like `startDirect`, with the tab's token issuer pointed at a local test issuer. */
export const startTabApp = (env: Record<string, string>, tabOpenIdMetadataUrl?: string): Promise<Direct> =>
  startDirect(env, tabOpenIdMetadataUrl ? { tabOpenIdMetadataUrl } : {});

export interface Place {
  readonly tenantId: string;
  readonly teamId: string;
  readonly channelId: string;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** Waits until the outbox dispatcher has sent everything (no new connector calls for 300 ms). */
const settle = async (d: Direct): Promise<void> => {
  let n = -1;
  while (n !== d.connector.calls.length) {
    n = d.connector.calls.length;
    await sleep(300);
  }
};

/** Opens a case with `/escaleer` in a channel; returns its id (read from the new root card). */
export const openCase = async (d: Direct, place: Place): Promise<{ caseId: string }> => {
  await settle(d);
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
