import type restify from 'restify';
import { type DossierRead, type DossierService, LINK_GONE, type Logger } from '../app';
import type { Refusal } from '../domain';
import { dossierOf, dossierPdf } from '../dossier';
import { routeParam } from './params';
import { httpStatusOf } from './refusals';

/** Headers of everything under /dossier: never cached, never framed, the token never leaks as a referrer. */
const PRIVATE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
};

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...PRIVATE_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f1f1f}` +
  `button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#5b5fc7;color:#fff;cursor:pointer}</style></head>` +
  `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;

/** The file name of a case's dossier: only the case id, nothing about the client. */
const dossierFileName = (caseId: string): string => `dossier-${caseId.replace(/[^A-Za-z0-9-]/g, '')}.pdf`;

/** The PDF of a dossier read, with the headers every download gets. */
export const sendDossier = async (res: restify.Response, read: DossierRead): Promise<void> => {
  const pdf = await dossierPdf(dossierOf(read), read.at);
  res.writeHead(200, {
    ...PRIVATE_HEADERS,
    'content-type': 'application/pdf',
    'content-length': pdf.length,
    'content-disposition': `attachment; filename="${dossierFileName(read.case.id)}"`,
  });
  res.end(pdf);
};

/** A refused dossier request as a page (the link is opened in a browser), with the refusal's status. */
const refusalPage = (res: restify.Response, refusal: Refusal): void => {
  const html = page('Dossier niet beschikbaar', `<p>${escapeHtml(refusal.message)}</p>`);
  res.writeHead(httpStatusOf(refusal.code), PAGE_HEADERS);
  res.end(html);
};

/**
 * `/dossier/<tenantId>/<secret>`: the link from a user's own details view (the tenant names the
 * partition that holds the link; see `DossierService`). Any other address under `/dossier/` (such as
 * a link of the old form `/dossier/<token>`) gets the page of a used or expired link.
 *
 * GET only shows a page with a download button and uses nothing up: link scanners and previews
 * (Safe Links, a chat client unfurling the URL) fetch with GET, and must not spend the single
 * use. The button POSTs to the same address; that request uses the token up, checks the
 * authorisation against the case and team settings as they are now, audits the download and
 * sends the PDF as an attachment.
 */
export const registerDossierRoutes = (server: restify.Server, dossier: DossierService, log: Logger): void => {
  const gone = async (_req: restify.Request, res: restify.Response): Promise<void> => refusalPage(res, LINK_GONE);
  server.get('/dossier/:token', gone);
  server.post('/dossier/:token', gone);
  server.get('/dossier/:tenant/:secret', async (req, res) => {
    if (!(await dossier.usable(routeParam(req, 'tenant'), routeParam(req, 'secret')))) {
      return refusalPage(res, LINK_GONE);
    }
    const html = page(
      'Dossier downloaden',
      `<p>Het dossier is een PDF met de vastgelegde gegevens van de casus, ook vrije tekst. Bewaar en deel het alleen volgens de privacyafspraken van je organisatie.</p>` +
        `<form method="post"><button type="submit">Dossier downloaden (PDF)</button></form>` +
        `<p><small>De link werkt één keer en tien minuten na het openen van de details.</small></p>`,
    );
    res.writeHead(200, PAGE_HEADERS);
    res.end(html);
  });

  server.post('/dossier/:tenant/:secret', async (req, res) => {
    const outcome = await dossier.redeem(routeParam(req, 'tenant'), routeParam(req, 'secret'));
    if (!outcome.ok) return refusalPage(res, outcome.error);
    log.info('dossier gedownload', { caseId: outcome.value.case.id, via: 'link' });
    await sendDossier(res, outcome.value);
  });
};
