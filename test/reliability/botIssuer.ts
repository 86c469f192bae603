import { type KeyObject, generateKeyPairSync, sign } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for the Bot Framework's token service: OpenID metadata + JWKS on 127.0.0.1 and a signer. */
export interface BotIssuer {
  readonly metadataUrl: string;
  readonly issuer: string;
  /** Signs `claims` as RS256; `key` signs with another private key (a forged signature). */
  token(claims: Record<string, unknown>, key?: KeyObject): string;
  /** A private key the JWKS does not publish. */
  readonly strangerKey: KeyObject;
  close(): Promise<void>;
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export const startBotIssuer = async (): Promise<BotIssuer> => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'bf-test-key';
  const issuer = 'https://api.botframework.test';
  // Like Microsoft's keys, endorsed for the channels it may sign for.
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, kty: 'RSA', use: 'sig', endorsements: ['msteams'] };
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    issuer,
    strangerKey,
    token: (claims, key = privateKey) => {
      const head = b64({ alg: 'RS256', typ: 'JWT', kid });
      const body = b64(claims);
      return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};
