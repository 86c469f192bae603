import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import { type Logger, childLogger, rateLimitedWarn } from '../app';
import { turnBindings } from './context';
import { type BotIdentity, createCredentialsFactory } from './credentials';
import { checkEnvelope } from './envelope';

export type { BotIdentity } from './credentials';

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

/** Test seams for Bot Framework auth. */
export interface AuthOverrides {
  /** Extra ConfigurationBotFrameworkAuthentication settings, e.g. a local OpenID issuer. */
  readonly settings?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Replaces the outbound token source (tests: no call to login.microsoftonline.com). */
  readonly credentialsFactory?: CredentialsFactory;
}

/** What the adapter answers when an inbound token does not verify; the HTTP edge turns it into a bare 401. */
const INBOUND_TOKEN_REFUSED = 'escaleer: Bot Framework-token geweigerd';

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError', 'AuthenticationError']);

/**
 * The reason a refusal is logged with: a fixed code per error class (English, like the tab's
 * `TokenFailure` codes), never the library's message (it can echo claims).
 */
const REFUSAL_CODES: Readonly<Record<string, string>> = {
  JsonWebTokenError: 'signature_or_claims',
  TokenExpiredError: 'expired',
  NotBeforeError: 'not_yet_valid',
  AuthenticationError: 'refused',
};

/**
 * botbuilder (CloudAdapter.process) and botframework-connector (JwtTokenExtractor) write every
 * refused token to console.error themselves: a multi-line stack, or the issuer's whole key set,
 * with no logger hook to turn it off. Exactly those messages are dropped from the console here
 * (matched by content, so concurrent requests are unaffected); {@link refusingBadTokens} logs one
 * structured, rate-limited line per refusal instead. Anything else reaches the console unchanged.
 */
const isLibraryTokenNoise = (args: readonly unknown[]): boolean => {
  const [first] = args;
  if (first instanceof Error) return first.message === INBOUND_TOKEN_REFUSED || TOKEN_ERRORS.has(first.name);
  return typeof first === 'string' && first.startsWith('Error finding key for token');
};

const quietLibraryTokenNoise = (): void => {
  const current = console.error as typeof console.error & { escaleerQuiet?: true };
  if (current.escaleerQuiet) return;
  const quiet = Object.assign(
    (...args: unknown[]) => {
      if (!isLibraryTokenNoise(args)) current.apply(console, args);
    },
    { escaleerQuiet: true as const },
  );
  console.error = quiet;
};

/** botbuilder reports a bad signature or malformed token as a plain error (→ 500): treat every token failure alike. */
const refusingBadTokens = (auth: ConfigurationBotFrameworkAuthentication, log: Logger): ConfigurationBotFrameworkAuthentication => {
  quietLibraryTokenNoise();
  // The reason is the error's class name only: never the token, its claims or the library's message.
  const refused = rateLimitedWarn(log, 'inkomend verzoek geweigerd: token ongeldig', { max: 5, windowMs: 60_000 });
  return new Proxy(auth, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop !== 'authenticateRequest') return (value as (...a: unknown[]) => unknown).bind(target);
      return async (...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>) => {
        try {
          return await target.authenticateRequest(...args);
        } catch (e) {
          if (!(e instanceof Error) || (!TOKEN_ERRORS.has(e.name) && (e as { statusCode?: unknown }).statusCode !== 401)) throw e;
          refused({ reden: REFUSAL_CODES[e.name] ?? 'missing_or_malformed' });
          throw new Error(INBOUND_TOKEN_REFUSED);
        }
      };
    },
  });
};

/** Activity types the log may name (anything else from the request is logged as 'anders'). */
const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'message',
  'invoke',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'event',
]);

/** The CloudAdapter with our credentials and a Dutch error reply for unexpected faults. */
export const createAdapter = (identity: BotIdentity, log: Logger, overrides: AuthOverrides = {}): CloudAdapter => {
  const { credentialsFactory, settings = {} } = overrides;
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: identity.appId,
      MicrosoftAppPassword: identity.appPassword,
      // Without an app id (local only; production refuses it) botbuilder accepts only MultiTenant.
      MicrosoftAppType: identity.appId ? identity.appType : 'MultiTenant',
      MicrosoftAppTenantId: identity.tenantId,
      ...settings,
    },
    credentialsFactory ?? createCredentialsFactory(identity),
  );
  const adapter = new CloudAdapter(refusingBadTokens(auth, log));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // No text from the request in the log: an error message or an activity name may carry it.
    const type = typeof context.activity.type === 'string' && KNOWN_TYPES.has(context.activity.type) ? context.activity.type : 'anders';
    // The logger keeps the error's type and stack, never its message.
    childLogger(log, turnBindings(context.activity)).error('fout in beurt', { err: error, type });
    if (context.activity.type === 'message') {
      try {
        await context.sendActivity(
          'Er ging iets mis bij het verwerken van je bericht. Er is niets gewijzigd; probeer het over een minuut opnieuw.',
        );
      } catch (sendError) {
        // The connector's error can quote what was sent: type and stack only.
        log.warn('foutmelding niet verstuurd', { err: sendError });
      }
    }
  };
  return adapter;
};

/** The adapter's answer to one POST, captured instead of written (the HTTP edge decides what leaves). */
export interface InboundAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The bearer token did not verify (bad signature, wrong audience or issuer, expired, malformed). */
  readonly tokenRefused: boolean;
}

/** Runs one POST /api/messages through the adapter; a body the adapter cannot parse is a 400. */
export const processInbound = async (
  adapter: CloudAdapter,
  req: BotRequest,
  logic: (context: TurnContext) => Promise<void>,
): Promise<InboundAnswer> => {
  let status = 200;
  let body: unknown = undefined;
  const capture: BotResponse = {
    socket: null,
    status: (code: number) => (status = code),
    send: (...args: unknown[]) => (body = args[0]),
    header: () => undefined,
    end: () => undefined,
  };
  try {
    await adapter.process(req, capture, logic);
  } catch {
    return { status: 400, body: undefined, tokenRefused: false };
  }
  // The adapter fails before the turn on some malformed envelopes (a numeric serviceUrl): that is
  // the request's fault, not ours. (Checked after authentication, so a token is still asked first.)
  if (status >= 500 && !checkEnvelope(req.body).ok) return { status: 400, body: undefined, tokenRefused: false };
  return { status, body, tokenRefused: body === INBOUND_TOKEN_REFUSED };
};
