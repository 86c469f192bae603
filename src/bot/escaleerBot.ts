import { type Activity, type InvokeResponse, TeamsActivityHandler, type TurnContext, MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { type CaseService, type Clock, type Logger, childLogger } from '../app';
import { CARD_CONTENT_TYPE, HELP_TEXT, cardAttachment, messageCard, openCasesText, welcomeCard } from '../cards';
import { type CaseId, ROLE_LABELS, awaitingRole, parseCaseId } from '../domain';
import { CaseCardActions, type DossierLinks } from './caseActions';
import { type RoleDirectory, actorOf, channelPlace, teamPlace, turnBindings } from './context';
import { cleanText, parseCommand } from './commands';
import { ADMIN_VERBS, type AdminHandlers } from './admin';
import { isStorageFault } from './faults';
import { checkEnvelope } from './envelope';

const MALFORMED_TEXT = 'Dit bericht kan Escaleer niet lezen: het komt niet zoals Teams het stuurt. Er is niets gewijzigd.';

const invokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(64),
    data: z.record(z.unknown()).default({}),
  }),
});

const caseRef = z.object({
  caseId: z.string().max(20),
  version: z.coerce.number().int().min(1).max(1_000_000),
});

type CardResponse = { statusCode: 200; type: string; value: unknown };

const cardResponse = (card: Record<string, unknown>): InvokeResponse<CardResponse> => ({
  status: 200,
  body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card },
});

const mentionsBot = (activity: Activity): boolean =>
  (activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === activity.recipient?.id,
  );

const STORAGE_DOWN = 'De opslag is op dit moment niet bereikbaar. Er is niets gewijzigd; probeer het over een minuut opnieuw.';
/** How long /escaleer waits for its root card to be posted before it tells the user it comes later. */
const ROOT_CARD_WAIT_MS = 5_000;
const rootCardLater = (id: CaseId): string =>
  `Casus ${id} is aangemaakt. De kaart verschijnt hier zodra Teams weer bereikbaar is; je hoeft niets opnieuw te doen.`;
const FAULT =
  'Er ging iets mis bij het verwerken van deze actie. Er is niets gewijzigd; probeer het opnieuw of meld het bij je functioneel beheerder.';

/** The Teams bot: commands in channels and Universal Actions on case cards. */
export class EscaleerBot extends TeamsActivityHandler {
  private readonly cases: CaseService;
  private readonly directory: RoleDirectory;
  private readonly log: Logger;
  private readonly admin: AdminHandlers;
  private readonly caseActions: CaseCardActions;
  private readonly deliveredSoon: (tenantId: string, outboxId: string, ms: number) => Promise<boolean>;

  constructor(deps: {
    cases: CaseService;
    admin: AdminHandlers;
    directory: RoleDirectory;
    log: Logger;
    clock: Clock;
    /** Wakes the outbox dispatcher after a change (it also polls). */
    kick?: (tenantId: string) => void;
    /** Wakes the dispatcher and waits up to `ms` for an outbox item's first delivery (`true`: posted). */
    deliveredSoon?: (tenantId: string, outboxId: string, ms: number) => Promise<boolean>;
    /** Where the progress pictures are served (a public URL ending in `/`); without it cards carry them as data. */
    imageBase?: string;
    /** Told when Teams removes the bot from a team or adds it again. */
    presence?: { removed(tenantId: string, teamId: string): Promise<void>; added(tenantId: string, teamId: string): Promise<void> };
    /** Dossier downloads from the details view; without it the details have no dossier link. */
    dossier?: DossierLinks;
  }) {
    super();
    this.cases = deps.cases;
    this.directory = deps.directory;
    this.log = deps.log;
    this.admin = deps.admin;
    this.caseActions = new CaseCardActions(deps.cases, deps.clock, deps.kick ?? (() => undefined), deps.imageBase, deps.dossier);
    const kick = deps.kick ?? (() => undefined);
    this.deliveredSoon = deps.deliveredSoon ?? (async (tenantId) => (kick(tenantId), false));
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    const presence = deps.presence;
    const team = (context: TurnContext) => teamPlace(context.activity);
    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      if (bot && (context.activity.membersAdded ?? []).some((m) => m.id === bot)) {
        const place = team(context);
        if (place && presence) await presence.added(place.tenantId, place.teamId);
        await this.welcome(context);
      }
      await next();
    });
    // Only Teams' own word that the bot left a team stops its channels (a 403 stops one message).
    this.onMembersRemoved(async (context, next) => {
      const bot = context.activity.recipient?.id;
      const place = team(context);
      if (bot && place && presence && (context.activity.membersRemoved ?? []).some((m) => m.id === bot))
        await presence.removed(place.tenantId, place.teamId);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const place = team(context);
      if (place && presence) await presence.removed(place.tenantId, place.teamId);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const place = team(context);
      if (place && presence) await presence.added(place.tenantId, place.teamId);
      await next();
    });
  }

  /**
   * Escaleer was added: in a team channel the welcome with the first step (roles), unless the team
   * has settings already (a reinstall, or a client that announces the bot again); in a personal
   * chat, where to use it.
   */
  private async welcome(context: TurnContext): Promise<void> {
    const place = teamPlace(context.activity);
    if (place && (await this.admin.configured(place))) return;
    if (!place && context.activity.conversation?.conversationType !== 'personal') return;
    await context.sendActivity({ attachments: [cardAttachment(welcomeCard(place))] });
  }

  /**
   * Every activity's envelope is checked first: one with a field in a shape Teams never sends is
   * refused here, before any use case runs (no case number, no row), with a Dutch answer where
   * one can reach the sender, and one log line naming the fields (never their values).
   */
  override async run(context: TurnContext): Promise<void> {
    const check = checkEnvelope(context.activity);
    if (check.ok) return super.run(context);
    const type = context.activity.type;
    this.log.warn('activiteit geweigerd: velden niet zoals Teams ze stuurt', {
      velden: check.error.fields,
      type: typeof type === 'string' && /^[a-zA-Z]{1,32}$/.test(type) ? type : 'anders',
    });
    if (type === 'invoke') {
      const response: InvokeResponse<CardResponse> = cardResponse(messageCard('Niet verwerkt', MALFORMED_TEXT, 'attention'));
      await context.sendActivity({ type: 'invokeResponse', value: response });
      return;
    }
    if (type === 'message' && check.error.canReply) {
      // The reply copies the conversation reference: without the malformed fields it can be sent.
      const a = context.activity as unknown as Record<string, unknown>;
      for (const field of check.error.fields) {
        const [head] = field.split('.');
        if (field.startsWith('conversation.')) delete (a.conversation as Record<string, unknown>)[field.split('.')[1] ?? ''];
        else if (head && head !== 'from' && head !== 'recipient' && head !== 'serviceUrl') delete a[head];
      }
      try {
        await context.sendActivity(MALFORMED_TEXT);
      } catch (e) {
        this.log.warn('antwoord op misvormde activiteit niet verstuurd', { fout: e instanceof Error ? e.name : typeof e });
      }
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // Teams sends a string; anything else (forged) is treated as an empty message.
    const text = typeof activity.text === 'string' ? activity.text : '';
    const command = parseCommand(text);
    const place = channelPlace(activity);
    // With RSC (ChannelMessage.Read.Group) the bot receives every channel message: it reacts only
    // when mentioned, or to one of its own slash commands; everything else is ignored, unlogged.
    if (place && !mentionsBot(activity) && (command.name === 'unknown' || !/^\s*\//.test(cleanText(text)))) return;
    switch (command.name) {
      case 'help':
        await context.sendActivity(MessageFactory.text(HELP_TEXT));
        return;
      case 'escaleer': {
        if (!place) {
          await context.sendActivity(
            'Een casus open je in het teamkanaal van je zorgteam: typ daar **@Escaleer /escaleer**. Zo ziet het hele team de status, en blijven de details bij wie ze nodig heeft.',
          );
          return;
        }
        const actor = await actorOf(activity, this.directory, place);
        const started = await this.cases.start(
          place,
          actor,
          activity.id ?? `${place.conversationId}:${String(activity.timestamp)}`,
          activity.id ?? null,
        );
        if (started.kind === 'duplicate') return;
        // The root card went into the outbox with the case; usually it is posted within a moment.
        const c = started.case.value;
        if (await this.deliveredSoon(c.tenantId, started.rootCard, ROOT_CARD_WAIT_MS)) return;
        try {
          await context.sendActivity(rootCardLater(c.id));
        } catch (e) {
          this.log.warn('melding over de uitgestelde hoofdkaart niet verstuurd', {
            caseId: c.id,
            fout: e instanceof Error ? e.name : typeof e,
          });
        }
        return;
      }
      case 'status': {
        if (!place) {
          await context.sendActivity('Gebruik /status in het teamkanaal waar de casus loopt.');
          return;
        }
        if (command.arg && !/^\d{1,4}$/.test(command.arg)) {
          const id = parseCaseId(command.arg);
          // What the user typed is never repeated in the channel (it could hold a client's name):
          // only a well-formed case number is.
          if (!id) {
            await context.sendActivity(
              'Dat is geen casusnummer. Typ bijvoorbeeld /status CAS-2026-0001, of /status voor alle open casussen.',
            );
            return;
          }
          const c = await this.cases.find(place.tenantId, id, place);
          if (!c) {
            const why = await this.cases.whyMissing(place.tenantId, id);
            await context.sendActivity(
              why.code === 'expired'
                ? why.message
                : `Casus ${id} is niet gevonden in dit kanaal. Controleer het nummer (bijv. CAS-2026-0001).`,
            );
            return;
          }
          const copy = await context.sendActivity({ attachments: [cardAttachment(await this.caseActions.summary(c))] });
          // Its button (Casus openen) acts on this case: the snapshot is one of the case's cards.
          if (copy?.id) await this.cases.attachCard(c.tenantId, c.id, copy.id);
          return;
        }
        const all = (await this.cases.listForChannel(place.tenantId, place.channelId)).filter((c) => c.location.teamId === place.teamId);
        const page = /^\d{1,4}$/.test(command.arg) ? Number(command.arg) : 1;
        await context.sendActivity(
          openCasesText(all, page, (c) => {
            const role = awaitingRole(c);
            return role ? ROLE_LABELS[role].toLowerCase() : null;
          }),
        );
        return;
      }
      case 'tafels':
      case 'instellingen': {
        if (!place) {
          await context.sendActivity(`Gebruik /${command.name} in een teamkanaal: de instellingen en de tafelkalender horen bij een team.`);
          return;
        }
        const card =
          command.name === 'tafels' ? await this.admin.tablesCard(place, false) : await this.admin.settingsSummary(context, place);
        await context.sendActivity({ attachments: [cardAttachment(card)] });
        return;
      }
      case 'unknown':
        await context.sendActivity(
          command.text
            ? `Dat commando ken ik niet. Typ **/escaleer** om een casus te openen of **/help** voor een overzicht.`
            : 'Typ **/escaleer** om een casus te openen of **/help** voor een overzicht.',
        );
        return;
    }
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // Escaleer answers Universal Actions only; any other invoke (task modules, message extensions,
    // sign-in) has nothing to do here: 200 without a body, never a 5xx.
    if (context.activity.name !== 'adaptiveCard/action') return { status: 200 };
    try {
      return await this.handleCardAction(context);
    } catch (e) {
      // Built only when there is something to log (a child logger per turn cost every action).
      const log = childLogger(this.log, turnBindings(context.activity));
      // The logger keeps the error's type and stack, never its message: it can carry text from the request.
      const raw = (context.activity.value as { action?: { data?: { caseId?: unknown } } } | undefined)?.action?.data?.caseId;
      const caseId = typeof raw === 'string' ? parseCaseId(raw) : null;
      (caseId ? childLogger(log, { case: caseId }) : log).error('kaartactie mislukt', { err: e, opslag: isStorageFault(e) });
      return cardResponse(messageCard('Niet gelukt', isStorageFault(e) ? STORAGE_DOWN : FAULT, 'attention'));
    }
  }

  private async handleCardAction(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const parsed = invokeSchema.safeParse(activity.value);
    if (parsed.success && ADMIN_VERBS.has(parsed.data.action.verb)) {
      const adminPlace = channelPlace(activity);
      if (!adminPlace)
        return cardResponse(messageCard('Niet beschikbaar', 'Instellingen en tafels horen bij een teamkanaal.', 'attention'));
      return cardResponse(await this.admin.execute(context, adminPlace, parsed.data.action.verb, parsed.data.action.data));
    }
    const ref = parsed.success ? caseRef.safeParse(parsed.data.action.data) : null;
    const caseId = ref?.success ? parseCaseId(ref.data.caseId) : null;
    if (!parsed.success || !ref?.success || !caseId) {
      return cardResponse(
        messageCard('Onbekende actie', 'Deze kaart is niet (meer) geldig. Open de casus opnieuw met /status.', 'attention'),
      );
    }
    const place = channelPlace(activity);
    if (!place) {
      return cardResponse(
        messageCard('Niet beschikbaar', 'Casussen zijn alleen te bewerken in het teamkanaal waar ze lopen.', 'attention'),
      );
    }
    const { verb, data } = parsed.data.action;
    const actor = await actorOf(activity, this.directory, place);
    const automatic = (activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic';
    return cardResponse(
      // The card's own message (Teams names it in replyToId): an action must name that card's case.
      await this.caseActions.handle({
        place,
        caseId,
        version: ref.data.version,
        verb,
        data,
        actor,
        activityId: activity.id ?? '',
        automatic,
        card: typeof activity.replyToId === 'string' ? activity.replyToId : null,
      }),
    );
  }
}
