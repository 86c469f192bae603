import { createHash, randomBytes } from 'node:crypto';
import {
  type Actor,
  type Case,
  type CaseEvent,
  type CaseId,
  type RegionalTable,
  type Refusal,
  type Result,
  err,
  ok,
  refuse,
} from '../domain';
import type { CalendarService } from './calendar';
import { mayReadDetails, recordRead } from './caseService';
import type { CaseRepository, Clock } from './ports';
import { type TeamSettings, rolesIn } from './teamSettings';
import type { TeamSettingsStore } from './ports/teamSettingsStore';
import type { DossierLink, DossierTokenStore } from './ports/dossierTokenStore';

/** The audit action of a dossier download (like `details.bekijken` for a details view). */
const DOSSIER_AUDIT_ACTION = 'dossier.downloaden';

/** How long a dossier link in a details view stays usable. */
const DOSSIER_LINK_TTL_MS = 10 * 60 * 1000;

/** What a dossier shows, read fresh at the moment of the download. */
export interface DossierRead {
  readonly case: Case;
  /** The audit trail of the case (changes and views), oldest first. */
  readonly events: readonly CaseEvent[];
  readonly tables: readonly RegionalTable[];
  readonly settings: TeamSettings | null;
  /** The colleague who downloads it. */
  readonly requestedBy: string;
  readonly at: Date;
}

export type DossierOutcome = Result<DossierRead>;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A link is `/dossier/<tenantId>/<secret>`: the tenant whose partition holds the link row (an Entra
 * tenant id is a GUID; here letters, digits and `-`, at most 64), and 32 random bytes, base64url (43
 * characters). Anything else is not looked up.
 */
const TENANT_IN_LINK = /^[A-Za-z0-9-]{1,64}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The hash under which a well-formed link's row is stored, or `null` for anything else. */
const hashOf = (tenantId: string, secret: string): string | null =>
  TENANT_IN_LINK.test(tenantId) && SECRET.test(secret) ? sha256(secret) : null;

/** The refusal of a link that is used, expired or never existed (all look the same to the holder). */
export const LINK_GONE: Refusal = refuse(
  'expired',
  'Deze downloadlink is verlopen of al gebruikt. Open in Teams opnieuw de details van de casus en klik op "Dossier downloaden (PDF)".',
);
const FORBIDDEN: Refusal = refuse(
  'forbidden',
  'Alleen wie aan deze casus werkt en de zorgrollen van het team (zoals de teamleider) mogen het dossier downloaden.',
);
const notInTeam = (id: string): Refusal => refuse('not_found', `Casus ${id} bestaat niet in dit team.`);

const byTime = (a: CaseEvent, b: CaseEvent): number => (a.at === b.at ? a.version - b.version : a.at < b.at ? -1 : 1);

export interface DossierServiceDeps {
  readonly repo: CaseRepository;
  readonly calendar: CalendarService;
  readonly settings: TeamSettingsStore;
  readonly tokens: DossierTokenStore;
  readonly clock: Clock;
}

/**
 * The dossier of a case (its summary as a PDF, made at the edge): served only to a user who may
 * read its details ({@link mayReadDetails}), checked against the case and the team settings as
 * they are at the moment of the download, and audited like a details view.
 *
 * Two ways in: a link in the user's own details view (a random single-use token, valid
 * {@link DOSSIER_LINK_TTL_MS}, stored with the view's audit event; expired ones are swept by the
 * daily retention run), and the dashboard tab (the user's verified SSO identity).
 */
export class DossierService {
  constructor(private readonly deps: DossierServiceDeps) {}

  /**
   * A new link for `actor` on case `c` (which the caller loaded for this actor's own details view),
   * or `null` when the actor may not read the details (or the tenant id cannot be put in a link).
   * Nothing is stored here: the row goes into the details view's audit transaction
   * ({@link CaseService.viewDetails}), so the link costs no storage request of its own.
   */
  newLink(c: Case, actor: Actor): DossierLink | null {
    if (!mayReadDetails(c, actor) || !TENANT_IN_LINK.test(c.tenantId)) return null;
    const secret = randomBytes(32).toString('base64url');
    return {
      path: `${c.tenantId}/${secret}`,
      tokenHash: sha256(secret),
      grant: {
        tenantId: c.tenantId,
        caseId: c.id,
        userId: actor.userId,
        userName: actor.name,
        teamId: c.location.teamId,
        channelId: c.location.channelId,
        expiresAt: new Date(this.deps.clock.now().getTime() + DOSSIER_LINK_TTL_MS).toISOString(),
      },
    };
  }

  /** Whether a link can still be used, without using it (the page before the download). */
  async usable(tenantId: string, secret: string): Promise<boolean> {
    const hash = hashOf(tenantId, secret);
    if (!hash) return false;
    const grant = await this.deps.tokens.peek(tenantId, hash);
    return grant !== null && grant.tenantId === tenantId && grant.expiresAt > this.deps.clock.now().toISOString();
  }

  /**
   * Uses a link up: exactly one request gets the dossier, and only while the user may still read
   * the details. The link is looked up only in the partition of the tenant it names: another
   * tenant's id in it finds nothing there, which looks like any used or expired link.
   */
  async redeem(tenantId: string, secret: string): Promise<DossierOutcome> {
    const hash = hashOf(tenantId, secret);
    if (!hash) return err(LINK_GONE);
    const grant = await this.deps.tokens.take(tenantId, hash);
    if (!grant || grant.tenantId !== tenantId || grant.expiresAt <= this.deps.clock.now().toISOString()) return err(LINK_GONE);
    return this.read(
      tenantId,
      grant.teamId,
      grant.caseId,
      { userId: grant.userId, name: grant.userName },
      `dossier:${hash}`,
      grant.channelId,
    );
  }

  /** The dossier for a signed-in tab user of `teamId` (the caller checked token and team membership). */
  async forTabUser(tenantId: string, teamId: string, caseId: CaseId, userId: string, requestId: string): Promise<DossierOutcome> {
    return this.read(tenantId, teamId, caseId, { userId, name: '' }, `dossier:tab:${requestId}`);
  }

  private async read(
    tenantId: string,
    teamId: string,
    caseId: CaseId,
    user: { readonly userId: string; readonly name: string },
    readId: string,
    channelId?: string,
  ): Promise<DossierOutcome> {
    const stored = await this.deps.repo.get(tenantId, caseId);
    const c = stored?.value;
    if (!c || c.tenantId !== tenantId || c.location.teamId !== teamId || (channelId !== undefined && c.location.channelId !== channelId)) {
      return err(notInTeam(caseId));
    }
    const [settings, tables] = await Promise.all([this.deps.settings.get(tenantId, teamId), this.deps.calendar.tablesFor(tenantId)]);
    const team = settings?.value ?? null;
    // The roles as the team settings hold them now, not as they were when the link was made.
    const actor: Actor = { userId: user.userId, name: user.name || memberName(team, user.userId), roles: rolesIn(team, user.userId) };
    if (!mayReadDetails(c, actor)) return err(FORBIDDEN);
    await recordRead(this.deps.repo, this.deps.clock, c, actor, DOSSIER_AUDIT_ACTION, readId);
    const events = [...(await this.deps.repo.events(tenantId, caseId))].sort(byTime);
    return ok({ case: c, events, tables, settings: team, requestedBy: actor.name, at: this.deps.clock.now() });
  }
}

/** A colleague's display name from the team settings, or '' when the settings do not list them. */
export const memberName = (settings: TeamSettings | null, userId: string): string => {
  for (const holders of Object.values(settings?.roleHolders ?? {})) {
    const m = holders?.find((h) => h.id === userId);
    if (m) return m.name;
  }
  return '';
};
