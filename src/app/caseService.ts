import { createHash } from 'node:crypto';
import {
  ROLE_LABELS,
  type Role,
  awaitingRole,
  caseReminders,
  describeTable,
  amsterdamDate,
  formatDutchDate,
  registeredTable,
  type Actor,
  type Case,
  type CaseEvent,
  type CaseId,
  type CaseLocation,
  type Refusal,
  amsterdamYear,
  applyAction,
  formatCaseId,
  newCase,
  refuse,
  type Result,
  err,
  ok,
  type RegionalTable,
} from '../domain';
import type { CalendarService } from './calendar';
import type { DueReminder, NoticeViews } from './ports';
import type {
  CaseRepository,
  ChannelViews,
  Clock,
  IdGenerator,
  Logger,
  Metrics,
  OutboundActivity,
  OutboxMessage,
  Versioned,
} from './ports';
import type { TeamSettings } from './teamSettings';
import type { TeamSettingsStore } from './ports/teamSettingsStore';
import type { DossierLink, DossierLinkRow } from './ports/dossierTokenStore';
import { actingOn, holdersOf, waitingOn } from './waitingOn';

export interface CaseServiceDeps {
  readonly repo: CaseRepository;
  readonly views: ChannelViews & NoticeViews;
  readonly calendar: CalendarService;
  readonly settings: TeamSettingsStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly log: Logger;
  /** Counts committed transitions (route, action verb). */
  readonly metrics?: Metrics;
}

export type StartOutcome =
  /** `rootCard`: the outbox id of the root card, written with the case (the edge may wait for its delivery). */
  { readonly kind: 'created'; readonly case: Versioned<Case>; readonly rootCard: string } | { readonly kind: 'duplicate' };

/** What a card action read besides the case, handed to the edge so it reads nothing twice. */
export interface ActionContextRead {
  readonly tables: readonly RegionalTable[];
  readonly settings: TeamSettings | null;
}

/** A card action that took effect: now (`applied`), or before (`duplicate`: a re-delivery; nothing changed again). */
export type ActionDone =
  | {
      readonly kind: 'applied';
      readonly case: Case;
      readonly events: readonly CaseEvent[];
      /** The status card as the channel gets it (rendered once, also the acting user's answer). */
      readonly status: OutboundActivity;
      readonly read: ActionContextRead;
    }
  | { readonly kind: 'duplicate'; readonly case: Case; readonly read: ActionContextRead | null };

/**
 * A card action that changed nothing: the refusal (`stale_version` when someone else changed the
 * case first), with the case as it is now so the edge can answer with the fresh card or the same
 * form; `case` is `null` when the case is not reachable from where the action came from.
 */
export interface ActionRefused {
  readonly refusal: Refusal;
  readonly case: Case | null;
  readonly read: ActionContextRead | null;
}

export type ExecuteOutcome = Result<ActionDone, ActionRefused>;

export interface ExecuteRequest {
  readonly tenantId: string;
  readonly caseId: CaseId;
  /** The version the card showed; anything else is a stale click. */
  readonly version: number;
  readonly verb: string;
  readonly input: unknown;
  readonly actor: Actor;
  /** Teams activity id of the invoke; a re-delivery with the same id changes nothing. */
  readonly activityId: string;
  /** The channel the action came from; a case is only reachable from its own channel… */
  readonly channelId: string;
  /** …of its own team: the team decides the actor's roles, so a channel paired with another team's id is refused. */
  readonly teamId: string;
  /**
   * The message the card of the action is on (Teams' `replyToId`): it must be one of this case's
   * cards, so a card cannot act on another case. `undefined`: not from a card (no check).
   */
  readonly card?: string | null;
}

/** True when the case lives in this team's channel. */
const isHere = (c: Case, place: { readonly teamId: string; readonly channelId: string }): boolean =>
  c.location.channelId === place.channelId && c.location.teamId === place.teamId;

/** How many `/status` copies of a case's card stay usable (older ones are refused). */
const CARD_COPIES = 20;

/**
 * Whether a card action came from one of the case's own cards: its root card or a `/status` copy.
 * Until the root card's id is recorded (the post is still under way) the case has no card to
 * compare with, and the action is let through.
 */
export const cardBelongs = (c: Case, card: string | null | undefined): boolean =>
  card === undefined ||
  c.location.rootActivityId === null ||
  card === c.location.rootActivityId ||
  (card !== null && (c.location.cardIds ?? []).includes(card));

/** The refusal for a case that does not exist, or not in the channel and team the request came from. */
const notHere = (id: CaseId): Refusal => refuse('not_found', `Casus ${id} bestaat niet in dit kanaal.`);

/** Someone else changed the case since the user's card was rendered. */
const STALE: Refusal = refuse('stale_version', 'Iemand anders heeft deze casus net bijgewerkt.');

/** The refusal for an action whose card shows another case. */
export const wrongCard = (id: CaseId): Refusal =>
  refuse('wrong_card', `Deze kaart hoort niet bij casus ${id}. Er is niets gewijzigd; open de casus met /status ${id}.`);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A read of a case by a user (details, a prefilled form): who, from which channel, which activity. */
export type ViewRequest = Omit<ExecuteRequest, 'verb' | 'input' | 'version'>;

/** The care roles that may read any case's details in their team; the functioneel beheerder administers the app, not cases. */
const CARE_ROLES: readonly Role[] = ['teamleider', 'gedragsdeskundige', 'sleutelfiguur', 'coordinator_verstevigingsteam'];

/** Need to know: the people who worked on the case and the team's care roles. */
export const mayReadDetails = (c: Case, actor: Actor): boolean =>
  c.participants.includes(actor.userId) || actor.roles.some((r) => CARE_ROLES.includes(r));

/** Tries of /escaleer when other cases take the next number first. */
const START_ATTEMPTS = 50;

/**
 * Audits a read of a case's free text (a details view, a prefilled form, a dossier download) as
 * an event without a change. `readId` identifies the request: recordView's dedupe row makes a
 * re-delivered view a no-op (the batch fails with 409).
 */
export const recordRead = async (
  repo: CaseRepository,
  clock: Clock,
  c: Case,
  actor: Actor,
  action: string,
  readId: string,
  link?: DossierLinkRow,
): Promise<void> => {
  await repo.recordView(
    c.tenantId,
    {
      caseId: c.id,
      version: c.version,
      at: clock.now().toISOString(),
      actorId: actor.userId,
      actorRoles: actor.roles,
      action,
      fromState: c.state,
      toState: c.state,
      dataHash: sha256(''),
    },
    `view:${readId}`,
    link,
  );
};

/** Makes the dossier link a details view offers (see `DossierService.newLink`); `null`: none for this user. */
export type DossierLinkFactory = (c: Case, actor: Actor) => DossierLink | null;

/** An authorised details view: the case, and its new dossier link when one was made. */
export interface DetailsView {
  readonly case: Case;
  /** What follows `/dossier/` in the link (`<tenantId>/<secret>`); `null` without a link. */
  readonly dossierPath: string | null;
}

/** Tries of one card action when only bookkeeping on the case row changed meanwhile. */
const EXECUTE_ATTEMPTS = 3;

/** Use cases on a case: open one, apply a card action. */
export class CaseService {
  private readonly repo: CaseRepository;
  private readonly views: ChannelViews & NoticeViews;
  private readonly calendar: CalendarService;
  private readonly settings: TeamSettingsStore;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly log: Logger;
  private readonly metrics: Metrics | undefined;

  constructor(deps: CaseServiceDeps) {
    this.repo = deps.repo;
    this.views = deps.views;
    this.calendar = deps.calendar;
    // Shared with the role directory: the escalation reuses the row the actor's roles came from.
    this.settings = deps.settings;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.log = deps.log;
    this.metrics = deps.metrics;
  }

  /**
   * Opens a case for a channel; idempotent per Teams activity id. The root card goes into the
   * outbox in the same transaction as the case (a reply to the user's message `replyTo`), so a
   * failing connector delays it but never loses it; its id is recorded once it is posted.
   */
  async start(
    location: Omit<CaseLocation, 'rootActivityId'>,
    actor: Actor,
    activityId: string,
    replyTo: string | null = null,
  ): Promise<StartOutcome> {
    const dedupeKey = `start:${activityId}`;
    if (await this.repo.seen(location.tenantId, dedupeKey)) return { kind: 'duplicate' };
    const now = this.clock.now();
    const year = amsterdamYear(now);
    let number = await this.repo.peekCaseNumber(location.tenantId, year);
    for (let attempt = 1; ; attempt++) {
      const id = formatCaseId(year, number.number);
      const c = newCase({
        id,
        location: { ...location, rootActivityId: null },
        ownerId: actor.userId,
        ownerMri: actor.mri ?? null,
        ownerName: actor.name,
        now,
      });
      const event: CaseEvent = {
        caseId: id,
        version: c.version,
        at: c.createdAt,
        actorId: actor.userId,
        actorName: actor.name,
        actorRoles: actor.roles,
        action: 'casus.openen',
        fromState: '',
        toState: c.state,
        dataHash: sha256(JSON.stringify({ channelId: location.channelId })),
      };
      const { tables, settings } = await this.contextFor(c);
      const root: OutboxMessage = {
        id: this.ids.next(),
        conversation: { serviceUrl: location.serviceUrl, conversationId: location.conversationId, tenantId: location.tenantId },
        kind: 'reply',
        activityId: replyTo,
        activity: this.views.statusCard(c, { tables, now, waiting: waitingOn(c, settings) }),
        createdAt: now.toISOString(),
        caseId: id,
        rootCard: 'root',
      };
      // The number is taken by this commit: a re-delivery that loses to the first delivery (dedupe)
      // or a case opened meanwhile (counter changed) costs no number, so numbers have no gaps.
      const result = await this.repo.commit({ case: c, etag: null, events: [event], outbox: [root], dedupeKey, number });
      if (result.ok) {
        this.log.info('casus geopend', { caseId: id, tenantId: location.tenantId });
        return { kind: 'created', case: result.value, rootCard: root.id };
      }
      if (result.error === 'duplicate') return { kind: 'duplicate' };
      if (attempt >= START_ATTEMPTS) throw new Error('Geen casusnummer kunnen toewijzen: te veel gelijktijdige aanvragen');
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
      const fresh = await this.repo.peekCaseNumber(location.tenantId, year);
      // The counter did not move, so the case row itself was in the way (a counter behind its
      // cases, e.g. after a restore): skip that number.
      number = fresh.number === number.number && fresh.etag === number.etag ? { ...fresh, number: fresh.number + 1 } : fresh;
    }
  }

  /** The activity id of the case's root card once it is posted, else `null`. */
  async rootActivityId(tenantId: string, id: CaseId): Promise<string | null> {
    return (await this.repo.get(tenantId, id))?.value.location.rootActivityId ?? null;
  }

  /** Records the activity id of the posted root card (retries on concurrent changes). */
  async attachRootCard(tenantId: string, id: CaseId, rootActivityId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.repo.get(tenantId, id);
      if (!stored || stored.value.location.rootActivityId === rootActivityId) return;
      const next: Case = { ...stored.value, location: { ...stored.value.location, rootActivityId } };
      const r = await this.repo.commit({ case: next, etag: stored.etag, events: [], outbox: [] });
      if (r.ok) return;
    }
    this.log.warn('root card id niet opgeslagen na 5 pogingen', { caseId: id });
  }

  /** Records another message that shows the case's card with its buttons (a `/status` copy). */
  async attachCard(tenantId: string, id: CaseId, activityId: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.repo.get(tenantId, id);
      if (!stored || stored.value.location.cardIds?.includes(activityId)) return;
      const cardIds = [...(stored.value.location.cardIds ?? []), activityId].slice(-CARD_COPIES);
      const next: Case = { ...stored.value, location: { ...stored.value.location, cardIds } };
      const r = await this.repo.commit({ case: next, etag: stored.etag, events: [], outbox: [] });
      if (r.ok) return;
    }
    this.log.warn('kaartkopie niet opgeslagen na 5 pogingen', { caseId: id });
  }

  /**
   * Why a case id has no case row: the retention purge removed it (its old cards still sit in the
   * channel), or it never existed here. Read only on that path (one extra read).
   */
  async whyMissing(tenantId: string, id: CaseId): Promise<Refusal> {
    const purgedAt = await this.repo.purgedAt(tenantId, id);
    if (!purgedAt) return notHere(id);
    return refuse(
      'expired',
      `Casus ${id} is gesloten en na de bewaartermijn op ${formatDutchDate(amsterdamDate(new Date(purgedAt)))} verwijderd. ` +
        'Alleen het auditspoor is bewaard; start zo nodig een nieuwe casus met /escaleer.',
    );
  }

  /** The case if it lives in this team's channel, else `null`. */
  async find(tenantId: string, id: CaseId, place: { readonly teamId: string; readonly channelId: string }): Promise<Case | null> {
    const stored = await this.repo.get(tenantId, id);
    return stored && isHere(stored.value, place) ? stored.value : null;
  }

  async listForChannel(tenantId: string, channelId: string): Promise<readonly Case[]> {
    return this.repo.listByChannel(tenantId, channelId);
  }

  /**
   * Applies a card action. Reloads the case, ignores re-deliveries, refuses stale versions,
   * lets the domain check step, role and input, then commits the change with its audit event
   * and outbox (root card update for everyone + a timeline reply) in one transaction.
   */
  async execute(req: ExecuteRequest): Promise<ExecuteOutcome> {
    let stored = await this.repo.get(req.tenantId, req.caseId);
    for (let attempt = 1; ; attempt++) {
      if (!stored || !isHere(stored.value, req)) {
        return err({ refusal: stored ? notHere(req.caseId) : await this.whyMissing(req.tenantId, req.caseId), case: null, read: null });
      }
      if (!cardBelongs(stored.value, req.card)) return err({ refusal: wrongCard(req.caseId), case: null, read: null });
      const dedupeKey = `invoke:${req.activityId}`;
      // Idempotency rests on the commit's dedupe row (a re-delivery that races the first delivery
      // fails the batch and is recognised there); a re-delivery after that commit sees a newer
      // version, so the marker is read only then, off the normal path.
      if (req.version !== stored.value.version) {
        return (await this.repo.seen(req.tenantId, dedupeKey))
          ? ok({ kind: 'duplicate', case: stored.value, read: null })
          : err({ refusal: STALE, case: stored.value, read: null });
      }
      const now = this.clock.now();
      const read = await this.contextFor(stored.value);
      const { tables, settings } = read;
      const gebiedsteams = (settings?.gebiedsteams ?? []).map((g) => g.name);
      const actor = actingOn(stored.value, req.actor, settings);
      const applied = applyAction(stored.value, { verb: req.verb, input: req.input }, actor, { now, hash: sha256, tables, gebiedsteams });
      if (!applied.ok) return err({ refusal: applied.error, case: stored.value, read });
      const next = applied.value.case;
      // Once per transition: the reminder index rows below and the card's "Volgende herinnering".
      const upcoming = caseReminders(next, { now, tables }).filter((r) => r.at.getTime() > now.getTime());
      const status = this.views.statusCard(next, { tables, now, waiting: waitingOn(next, settings), reminders: upcoming });
      const outbox = [
        ...this.channelUpdates(next, applied.value.events, actor.name, status),
        ...this.escalation(stored.value, next, tables, settings, actor),
        ...this.crisisNotices(next, settings, actor),
      ];
      const reminders: DueReminder[] = upcoming.map((r) => ({
        caseId: next.id,
        key: r.key,
        kind: r.kind,
        at: r.at.toISOString(),
        role: r.role,
        message: r.message,
      }));
      const committed = await this.repo.commit({
        case: next,
        etag: stored.etag,
        events: applied.value.events,
        outbox,
        dedupeKey,
        reminders,
      });
      if (committed.ok) {
        this.metrics?.transition(next.route ?? 'geen', req.verb);
        return ok({ kind: 'applied', case: next, events: applied.value.events, status, read });
      }
      const fresh = await this.repo.get(req.tenantId, req.caseId);
      if (committed.error === 'duplicate') return ok({ kind: 'duplicate', case: fresh?.value ?? stored.value, read });
      // The row changed but the case did not (same version: e.g. the root card's activity id was
      // recorded right after /escaleer): the user's action still applies to what they saw, so it
      // is applied again on the fresh row instead of being bounced as someone else's change.
      if (fresh && fresh.value.version === req.version && attempt < EXECUTE_ATTEMPTS) {
        stored = fresh;
        continue;
      }
      return err({ refusal: STALE, case: fresh?.value ?? stored.value, read });
    }
  }

  /** The tenant's calendar and the case's team settings (both cached), as a card needs them. */
  async contextFor(c: Case): Promise<ActionContextRead> {
    const [tables, settings] = await Promise.all([this.calendar.tablesFor(c.tenantId), this.settings.get(c.tenantId, c.location.teamId)]);
    return { tables, settings: settings?.value ?? null };
  }

  /**
   * Shows a case's details (free text included) to an authorised user (see {@link mayReadDetails}).
   * Every view is an audit event; the dossier link `newLink` makes for the view is stored in the
   * same transaction (one read, one batch).
   */
  async viewDetails(req: ViewRequest, newLink?: DossierLinkFactory): Promise<Result<DetailsView>> {
    const stored = await this.repo.get(req.tenantId, req.caseId);
    if (!stored || !isHere(stored.value, req)) return err(stored ? notHere(req.caseId) : await this.whyMissing(req.tenantId, req.caseId));
    if (!cardBelongs(stored.value, req.card)) return err(wrongCard(req.caseId));
    const c = stored.value;
    if (!mayReadDetails(c, req.actor)) {
      return err(
        refuse('forbidden', 'Alleen wie aan deze casus werkt en de zorgrollen van het team (zoals de teamleider) mogen de details zien.'),
      );
    }
    const link = newLink?.(c, req.actor) ?? null;
    await this.recordRead(c, req, 'details.bekijken', link ?? undefined);
    return ok({ case: c, dossierPath: link?.path ?? null });
  }

  /**
   * The earlier input of a step the case came back to (e.g. the seven conditions after "Niet
   * akkoord"), to prefill its form, for a user who may read the case's details; `null` otherwise.
   * Showing it is a read of free text, so it is an audit event like a details view.
   */
  async earlierInput(c: Case, stepKey: string, req: ViewRequest): Promise<Readonly<Record<string, unknown>> | null> {
    const data = c.steps[stepKey];
    if (!data || Object.keys(data).length === 0 || !mayReadDetails(c, req.actor)) return null;
    await this.recordRead(c, req, 'formulier.vooringevuld');
    return data;
  }

  private async recordRead(c: Case, req: ViewRequest, action: string, link?: DossierLinkRow): Promise<void> {
    await recordRead(this.repo, this.clock, c, req.actor, action, req.activityId, link);
  }

  /**
   * When a case starts waiting on a role other than begeleider, that role's channel (or, when none
   * is set, the case thread) gets a card that @mentions the role holders.
   */
  private escalation(
    prev: Case,
    next: Case,
    tables: Parameters<typeof registeredTable>[1],
    settings: TeamSettings | null,
    actor: Actor,
  ): OutboxMessage[] {
    const waiting = waitingOn(next, settings);
    if (!waiting || waiting.role === 'begeleider' || (waiting.role === awaitingRole(prev) && prev.state === next.state)) return [];
    const { role, area } = waiting;
    // Never a notice to the one who just acted: a next step that is theirs alone needs none.
    const holders = waiting.people.filter((m) => m.id !== actor.userId);
    if (waiting.people.length > 0 && holders.length === 0) return [];
    const table = registeredTable(next, tables);
    const activity = this.views.notice({
      case: next,
      role,
      holders,
      due: table ? `${formatDutchDate(table.deadline)} (inleverdatum ${describeTable(table)})` : null,
      title: `Casus ${next.id} wacht op de ${ROLE_LABELS[role].toLowerCase()}${area ? ` (${area})` : ''}`,
      kind: 'escalation',
    });
    return [this.toRole(next, role, settings, activity)];
  }

  /**
   * A reported crisis stops the route; the teamleider (of the gebiedsteam, when known) and, on route
   * Bijstellen, the sleutelfiguur hear of it in their channel (or the case thread), never the one
   * who reported it.
   */
  private crisisNotices(c: Case, settings: TeamSettings | null, actor: Actor): OutboxMessage[] {
    if (c.state !== 'crisis') return [];
    const roles: Exclude<Role, 'begeleider'>[] = c.route === 'bijstellen' ? ['teamleider', 'sleutelfiguur'] : ['teamleider'];
    return roles.flatMap((role) => {
      const holders = holdersOf(c, role, settings).people.filter((m) => m.id !== actor.userId);
      if (holders.length === 0) return [];
      const activity = this.views.notice({ case: c, role, holders, due: null, title: `Crisis gemeld in casus ${c.id}`, kind: 'crisis' });
      return [this.toRole(c, role, settings, activity)];
    });
  }

  /** A notice for a role: posted in the role's channel from the settings, or else a reply in the case thread. */
  private toRole(c: Case, role: Role, settings: TeamSettings | null, activity: OutboundActivity): OutboxMessage {
    const channel = settings?.roleChannels[role] ?? null;
    return {
      id: this.ids.next(),
      conversation: {
        serviceUrl: settings?.serviceUrl || c.location.serviceUrl,
        conversationId: channel ? channel.channelId : c.location.conversationId,
        tenantId: c.tenantId,
      },
      kind: channel ? 'post' : 'reply',
      activityId: channel ? null : c.location.rootActivityId,
      activity,
      createdAt: this.clock.now().toISOString(),
      caseId: c.id,
      ...(!channel && !c.location.rootActivityId ? { rootCard: 'afterRoot' as const } : {}),
    };
  }

  private channelUpdates(c: Case, events: readonly CaseEvent[], actorName: string, status: OutboundActivity): OutboxMessage[] {
    const conversation = {
      serviceUrl: c.location.serviceUrl,
      conversationId: c.location.conversationId,
      tenantId: c.tenantId,
    };
    const createdAt = this.clock.now().toISOString();
    const root = c.location.rootActivityId;
    // Before the root card's id is known (its post is still on the way) both wait for it.
    const pending = root ? {} : { rootCard: 'afterRoot' as const };
    const out: OutboxMessage[] = [
      { id: this.ids.next(), conversation, kind: 'update', activityId: root, activity: status, createdAt, caseId: c.id, ...pending },
    ];
    for (const e of events) {
      out.push({
        id: this.ids.next(),
        conversation,
        kind: 'reply',
        activityId: root,
        activity: this.views.timeline(c, e, actorName),
        createdAt,
        caseId: c.id,
        ...pending,
      });
    }
    return out;
  }
}
