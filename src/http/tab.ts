import type restify from 'restify';
import { randomUUID } from 'node:crypto';
import { type Clock, type DashboardService, type DossierService, type Logger, type TeamMembership, rateLimitedWarn } from '../app';
import { type Result, err, ok, parseCaseId, refuse } from '../domain';
import { sendRefusal } from './refusals';
import { sendDossier } from './dossier';
import {
  MICROSOFT_OPENID_METADATA,
  OpenIdSigningKeys,
  type TabAssets,
  type TokenCheck,
  loadTabAssets,
  ssoAudiences,
  verifySsoToken,
} from '../tab';
import { routeParam } from './params';

/** Delegated scope of the tab's app registration (docs/deployment.md, step 9). */
const TAB_SCOPE = 'access_as_user';

export interface TabOptions {
  /** `TAB_DEV_MODE`: accept `?tenant=…&team=…` without a token. Config refuses it in production. */
  readonly devMode: boolean;
  /** `TAB_SSO_APP_ID`, falling back to `MICROSOFT_APP_ID`; empty → no token can be accepted. */
  readonly ssoAppId: string;
  readonly publicHostname: string;
  /** OpenID metadata of the token issuer; tests point it at a local JWKS server. */
  readonly openIdMetadataUrl?: string;
  readonly dashboard: DashboardService;
  /** Roster check for signed-in users; `null` skips it (development only). */
  readonly membership: TeamMembership | null;
  readonly clock: Clock;
  readonly log: Logger;
  /** Dossier downloads for signed-in users; absent → the tab offers none. */
  readonly dossier?: DossierService;
}

export interface TabRoutes {
  readonly assets: TabAssets;
  readonly dashboard: DashboardService;
  readonly devMode: boolean;
  /** `null` when no SSO app id is configured. */
  readonly verify: ((token: string) => Promise<TokenCheck>) | null;
  readonly membership: TeamMembership | null;
  readonly log: Logger;
  /** One line per refused SSO token, at most 5 a minute (then one summary line). */
  readonly refused: (data: { readonly reden: string }) => void;
  readonly dossier?: DossierService;
}

/** Builds the tab's dependencies: static files, token verifier (RS256 against Entra ID's keys). */
export const tabRoutes = (o: TabOptions): TabRoutes => {
  const keys = new OpenIdSigningKeys({ metadataUrl: o.openIdMetadataUrl ?? MICROSOFT_OPENID_METADATA, now: () => o.clock.now().getTime() });
  const audiences = ssoAudiences(o.ssoAppId, o.publicHostname);
  const policy = { audiences, scope: TAB_SCOPE, keys, now: () => o.clock.now() };
  return {
    assets: loadTabAssets(),
    dashboard: o.dashboard,
    devMode: o.devMode,
    verify: audiences.length ? (token) => verifySsoToken(token, policy) : null,
    membership: o.membership,
    log: o.log,
    refused: rateLimitedWarn(o.log, 'tab: token geweigerd', { max: 5, windowMs: 60_000 }),
    ...(o.dossier ? { dossier: o.dossier } : {}),
  };
};

/** Teams, Outlook and the Microsoft 365 app may frame the tab (Microsoft's list for tabs). */
const FRAME_ANCESTORS =
  "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://local.teams.office.com " +
  'https://*.office.com https://*.office365.com https://outlook.office.com https://outlook.office365.com https://*.outlook.com ' +
  'https://*.microsoft365.com https://*.cloud.microsoft https://*.skype.com';

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    `connect-src 'self' https://res.cdn.office.net; frame-ancestors ${FRAME_ANCESTORS}; base-uri 'none'; form-action 'none'; object-src 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const ID = /^[^\s<>"'`\\]{1,256}$/;

type Who = { readonly tenantId: string; readonly userId: string | null; readonly mode: 'sso' | 'dev' };

const NOT_SIGNED_IN = refuse(
  'not_signed_in',
  'Niet aangemeld. Open het dashboard in Microsoft Teams; het tabblad meldt je dan vanzelf aan.',
);
const BAD_TOKEN = refuse('invalid_token', 'Je aanmelding is ongeldig of verlopen. Laad het tabblad opnieuw.');
const NO_TEAM = refuse('invalid_input', 'Geen team bekend. Voeg het dashboard toe als tabblad in een kanaal van je team.');

/**
 * Who is asking, for which tenant.
 *
 * Production (a Teams SSO token in `Authorization: Bearer`): the token proves, through Entra ID's
 * signature, that the caller is user `oid` of tenant `tid`, that Teams requested it for this app
 * (`aud`, scope `access_as_user`) and that it has not expired. The tenant comes from the token
 * only; a `tenant` query parameter that disagrees is refused.
 *
 * The token does not prove membership of a team: the team id comes from the Teams context the
 * page sends. So the API then asks Teams itself (the bot's roster call for that team, see
 * {@link TeamMembership}) whether user `oid` is a member, and refuses with 403 otherwise. The
 * dashboard also only answers for a team the bot has a record of in that same tenant.
 *
 * Development (`TAB_DEV_MODE=on`, refused in production): `?tenant=…&team=…` without a token.
 */
const identify = async (req: restify.Request, url: URL, t: TabRoutes): Promise<Result<Who>> => {
  const auth = req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  const queryTenant = url.searchParams.get('tenant');
  if (!bearer) {
    if (!t.devMode) return err(NOT_SIGNED_IN);
    if (!queryTenant || !ID.test(queryTenant)) return err(refuse('invalid_input', 'Ontwikkelmodus: geef ?tenant=…&team=… mee.'));
    return ok({ tenantId: queryTenant, userId: null, mode: 'dev' });
  }
  if (!t.verify) {
    return err(refuse('unavailable', 'Aanmelden in het tabblad is niet ingericht (TAB_SSO_APP_ID of MICROSOFT_APP_ID ontbreekt).'));
  }
  let check: TokenCheck;
  try {
    check = await t.verify(bearer);
  } catch (e) {
    t.log.warn('tab: sleutels van Entra ID niet op te halen', { error: e instanceof Error ? e.message : String(e) });
    return err(refuse('unavailable', 'Je aanmelding kan nu niet worden gecontroleerd. Probeer het over een minuut opnieuw.'));
  }
  if (!check.ok) {
    t.refused({ reden: check.error });
    return err(BAD_TOKEN);
  }
  if (queryTenant && queryTenant !== check.value.tenantId) return err(refuse('other_tenant', 'Dit team hoort niet bij jouw organisatie.'));
  return ok({ tenantId: check.value.tenantId, userId: check.value.userId, mode: 'sso' });
};

/** Registers `/tab`, `/tab/config`, the tab's scripts and `GET /api/tab/cases`. */
export const registerTabRoutes = (server: restify.Server, t: TabRoutes): void => {
  for (const [path, asset] of t.assets) {
    const headers = asset.contentType.startsWith('text/html')
      ? { ...PAGE_HEADERS, 'cache-control': 'no-cache' }
      : { 'cache-control': 'public, max-age=300' };
    server.get(path, async (_req, res) => {
      res.sendRaw(200, asset.body, { 'content-type': asset.contentType, ...headers });
    });
  }
  if (!t.assets.has('/tab/teams-js.js')) {
    t.log.warn('tab: @microsoft/teams-js niet geïnstalleerd; het tabblad werkt alleen in ontwikkelmodus');
  }

  server.get('/api/tab/cases', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://tab.local');
    const who = await identify(req, url, t);
    if (!who.ok) return sendRefusal(res, who.error);
    const { tenantId, userId, mode } = who.value;
    const team = url.searchParams.get('team');
    if (!team || !ID.test(team)) return sendRefusal(res, NO_TEAM);
    try {
      const overview = await t.dashboard.overview(tenantId, team, t.dossier && mode === 'sso' ? userId : null);
      if (!overview) {
        return sendRefusal(
          res,
          refuse('not_found', 'Escaleer kent in dit team nog geen casussen. Start een casus met /escaleer in een kanaal van dit team.'),
        );
      }
      if (mode === 'sso' && t.membership && userId && !(await t.membership.isMember(tenantId, team, userId))) {
        return sendRefusal(
          res,
          refuse('not_member', 'Je bent geen lid van dit team; het dashboard toont alleen de casussen van je eigen teams.'),
        );
      }
      res.header('cache-control', 'no-store');
      res.json(200, { mode, teamId: team, ...overview });
    } catch (e) {
      t.log.error('tab: overzicht niet op te halen', { error: e instanceof Error ? e.message : String(e) });
      sendRefusal(res, refuse('unavailable', 'Het overzicht kan nu niet worden geladen. Probeer het later opnieuw.'));
    }
  });

  // The dossier of one case as PDF, for a signed-in member who may read its details (audited).
  const dossier = t.dossier;
  if (!dossier) return;
  server.get('/api/tab/cases/:caseId/dossier', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://tab.local');
    const who = await identify(req, url, t);
    if (!who.ok) return sendRefusal(res, who.error);
    const { tenantId, userId, mode } = who.value;
    if (mode !== 'sso' || !userId) {
      return sendRefusal(
        res,
        refuse('sign_in_required', 'Het dossier bevat vrije tekst en is er alleen na aanmelden: open het dashboard in Microsoft Teams.'),
      );
    }
    const team = url.searchParams.get('team');
    const caseId = parseCaseId(routeParam(req, 'caseId').slice(0, 32));
    if (!team || !ID.test(team)) {
      return sendRefusal(res, refuse('invalid_input', 'Geen team bekend. Open het dashboard als tabblad in een kanaal van je team.'));
    }
    if (!caseId) return sendRefusal(res, refuse('invalid_input', 'Onbekend casusnummer.'));
    try {
      if (t.membership && !(await t.membership.isMember(tenantId, team, userId))) {
        return sendRefusal(res, refuse('not_member', 'Je bent geen lid van dit team; het dossier is er alleen voor je eigen teams.'));
      }
      const outcome = await dossier.forTabUser(tenantId, team, caseId, userId, randomUUID());
      if (!outcome.ok) return sendRefusal(res, outcome.error);
      t.log.info('dossier gedownload', { caseId, via: 'tab' });
      await sendDossier(res, outcome.value);
    } catch (e) {
      t.log.error('tab: dossier niet te maken', { error: e instanceof Error ? e.message : String(e) });
      sendRefusal(res, refuse('unavailable', 'Het dossier kan nu niet worden gemaakt. Probeer het later opnieuw.'));
    }
  });
};
