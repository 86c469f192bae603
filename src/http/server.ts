import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { DossierService, Logger } from '../app';
import { processInbound } from '../bot';
import { pictureFile } from '../cards';
import { registerDossierRoutes } from './dossier';
import { type LegalFacts, aboutPage, privacyPage, termsPage } from './legal';
import { type TabRoutes, registerTabRoutes } from './tab';
import { routeParam } from './params';

export interface HttpDeps {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  /** Resolves when storage answers; rejects when it does not. */
  readonly storagePing: (signal?: AbortSignal) => Promise<void>;
  readonly log: Logger;
  /** Dashboard tab and its API (`/tab`, `/api/tab/cases`); absent → not served. */
  readonly tab?: TabRoutes;
  /** Dossier downloads by link (`/dossier/<tenant>/<secret>`); absent → not served. */
  readonly dossier?: DossierService;
  /** The retention periods the privacy page states; absent → the defaults (24 and 60 months). */
  readonly legal?: LegalFacts;
}

const DEFAULT_LEGAL: LegalFacts = { caseMonths: 24, auditMonths: 60 };

export interface RunningHttp {
  readonly port: number;
  readonly server: restify.Server;
  close(): Promise<void>;
}

const NEUTRAL: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'bad_request', message: 'Ongeldig verzoek.' },
  404: { code: 'not_found', message: 'Niet gevonden.' },
  405: { code: 'method_not_allowed', message: 'Deze methode is hier niet toegestaan.' },
  413: { code: 'too_large', message: 'Het verzoek is te groot.' },
  415: { code: 'unsupported_media_type', message: 'Dit inhoudstype wordt niet ondersteund.' },
};

const neutralError = (status: number): { code: string; message: string } =>
  NEUTRAL[status] ??
  (status >= 500
    ? { code: 'internal_error', message: 'Er ging iets mis. Probeer het opnieuw.' }
    : { code: 'bad_request', message: 'Ongeldig verzoek.' });

/** The restify server: `/api/messages` for Bot Framework, `/healthz` for probes. */
export const createHttpServer = (deps: HttpDeps): restify.Server => {
  const server = restify.createServer({ name: 'escaleer' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  // restify's own errors (bad JSON, too large, unknown route) are English and echo parts of the
  // request: answered with a neutral code (English, like every code) and a Dutch message instead.
  server.on(
    'restifyError',
    (_req: unknown, _res: unknown, err: { statusCode?: number; toJSON?: () => unknown; toString?: () => string }, next: () => void) => {
      const body = neutralError(err.statusCode ?? 500);
      err.toJSON = () => body;
      err.toString = () => body.message;
      return next();
    },
  );

  // Bot Framework answers a badly signed token with 500 and echoes error text; callers get a bare status.
  server.post('/api/messages', async (req, res) => {
    const answer = await processInbound(deps.adapter, req, (context) => deps.bot.run(context));
    if (answer.tokenRefused || answer.status === 401) res.json(401, { code: 'unauthorized', message: 'Niet geautoriseerd.' });
    else if (answer.status >= 500) res.json(500, { code: 'internal_error', message: 'Er ging iets mis. Probeer het opnieuw.' });
    else if (answer.status >= 400) res.json(answer.status, { code: 'bad_request', message: 'Ongeldig verzoek.' });
    else if (answer.body === undefined) res.send(answer.status);
    else res.json(answer.status, answer.body);
  });

  // The progress pictures of the status cards, by URL (a few KB less in every card and answer).
  server.get('/kaart/voortgang/:file', async (req, res) => {
    const png = pictureFile(routeParam(req, 'file'));
    if (!png) return void res.json(404, neutralError(404));
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'public, max-age=86400, immutable' });
    res.end(png);
  });

  // The pages the Teams manifest links to: developer.websiteUrl, privacyUrl and termsOfUseUrl.
  const pages: Readonly<Record<string, Buffer>> = {
    '/': Buffer.from(aboutPage(), 'utf8'),
    '/privacy': Buffer.from(privacyPage(deps.legal ?? DEFAULT_LEGAL), 'utf8'),
    '/voorwaarden': Buffer.from(termsPage(), 'utf8'),
  };
  for (const [path, html] of Object.entries(pages)) {
    server.get(path, async (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-language': 'nl',
        'content-length': html.length,
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=3600',
      });
      res.end(html);
    });
  }

  server.get('/healthz', async (_req, res) => {
    try {
      // The signal cancels the storage request itself after 3 s (a hanging storage answers nothing).
      await deps.storagePing(AbortSignal.timeout(3000));
      res.json(200, { status: 'ok', storage: 'bereikbaar' });
    } catch (e) {
      deps.log.warn('healthz: opslag niet bereikbaar', { error: e instanceof Error ? e.message : String(e) });
      res.json(503, { status: 'degraded', storage: 'niet bereikbaar' });
    }
  });

  if (deps.dossier) registerDossierRoutes(server, deps.dossier, deps.log);
  if (deps.tab) registerTabRoutes(server, deps.tab);
  return server;
};

export const listen = async (server: restify.Server, port: number, host = '0.0.0.0'): Promise<RunningHttp> => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as { port: number };
  return {
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
};
