import {
  type Activity,
  type InvokeResponse,
  TeamsActivityHandler,
  type TurnContext,
  MessageFactory,
} from 'botbuilder';
import { z } from 'zod';
import { type CaseService, type Clock, type Logger, childLogger } from '../app';
import { CARD_CONTENT_TYPE, HELP_TEXT, cardAttachment, messageCard, welcomeCard } from '../cards';
import { type Case, type CaseId, ROLE_LABELS, awaitingRole, isOpen, parseCaseId, stepOf } from '../domain';
import { CaseCardActions } from './caseActions';
import { type RoleDirectory, actorOf, channelPlace, teamPlace, turnBindings } from './context';
import { cleanText, parseCommand } from './commands';
import { ADMIN_VERBS, type AdminHandlers } from './admin';
import { isStorageFault } from './faults';

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

/** parseCaseId throws on an out-of-range year or number (CAS-0000-0000); for input that is just "not a case id". */
const caseIdFrom = (raw: string): CaseId | null => {
  try {
    return parseCaseId(raw);
  } catch {
    return null;
  }
};

const STORAGE_DOWN =
  'De opslag is op dit moment niet bereikbaar. Er is niets gewijzigd; probeer het over een minuut opnieuw.';
const FAULT = 'Er ging iets mis bij het verwerken van deze actie. Er is niets gewijzigd; probeer het opnieuw of meld het bij je functioneel beheerder.';


/** The Teams bot: commands in channels and Universal Actions on case cards. */
export class EscaleerBot extends TeamsActivityHandler {
  private readonly cases: CaseService;
  private readonly directory: RoleDirectory;
  private readonly log: Logger;
  private readonly admin: AdminHandlers;
  private readonly caseActions: CaseCardActions;

  constructor(deps: {
    cases: CaseService;
    admin: AdminHandlers;
    directory: RoleDirectory;
    log: Logger;
    clock: Clock;
    /** Wakes the outbox dispatcher after a change (it also polls). */
    kick?: (tenantId: string) => void;
    /** Where the progress pictures are served (a public URL ending in `/`); without it cards carry them as data. */
    imageBase?: string;
  }) {
    super();
    this.cases = deps.cases;
    this.directory = deps.directory;
    this.log = deps.log;
    this.admin = deps.admin;
    this.caseActions = new CaseCardActions(deps.cases, deps.clock, deps.kick ?? (() => undefined), deps.imageBase);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      if (bot && (context.activity.membersAdded ?? []).some((m) => m.id === bot)) await this.welcome(context);
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
        const started = await this.cases.start(place, actor, activity.id ?? `${place.conversationId}:${activity.timestamp}`);
        if (started.kind === 'duplicate') return;
        const c = started.case.value;
        const sent = await context.sendActivity({ attachments: [cardAttachment(await this.caseActions.status(c))] });
        if (sent?.id) await this.cases.attachRootCard(c.tenantId, c.id, sent.id);
        return;
      }
      case 'status': {
        if (!place) {
          await context.sendActivity('Gebruik /status in het teamkanaal waar de casus loopt.');
          return;
        }
        if (command.arg) {
          const id = caseIdFrom(command.arg);
          const c = id ? await this.cases.find(place.tenantId, id, place) : null;
          if (!c) {
            await context.sendActivity(`Casus ${command.arg} is niet gevonden in dit kanaal. Controleer het nummer (bijv. CAS-2026-0001).`);
            return;
          }
          await context.sendActivity({ attachments: [cardAttachment(await this.caseActions.status(c))] });
          return;
        }
        const all = (await this.cases.listForChannel(place.tenantId, place.channelId)).filter((c) => c.location.teamId === place.teamId);
        const open = all.filter(isOpen);
        const line = (c: Case) => {
          const role = awaitingRole(c);
          return `- ${c.id}: ${stepOf(c.state)?.label ?? c.state}${role ? ` (aan zet: ${ROLE_LABELS[role].toLowerCase()})` : ''}`;
        };
        await context.sendActivity(
          open.length === 0
            ? `Er zijn geen open casussen in dit kanaal${all.length ? ` (${all.length} afgerond)` : ''}. Start er een met /escaleer.`
            : `Open casussen in dit kanaal:\n\n${open.map(line).join('\n')}\n\nTyp /status CAS-… voor de kaart van één casus.`,
        );
        return;
      }
      case 'tafels':
      case 'instellingen': {
        if (!place) {
          await context.sendActivity(`Gebruik /${command.name} in een teamkanaal: de instellingen en de tafelkalender horen bij een team.`);
          return;
        }
        const card = command.name === 'tafels' ? await this.admin.tablesCard(place, false) : await this.admin.settingsSummary(context, place);
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
    const log = childLogger(this.log, turnBindings(context.activity));
    try {
      return await this.handleCardAction(context);
    } catch (e) {
      // The logger keeps the error's type and stack, never its message: it can carry text from the request.
      const raw = (context.activity.value as { action?: { data?: { caseId?: unknown } } } | undefined)?.action?.data?.caseId;
      const caseId = typeof raw === 'string' ? caseIdFrom(raw) : null;
      (caseId ? childLogger(log, { case: caseId }) : log).error('kaartactie mislukt', { err: e, opslag: isStorageFault(e) });
      return cardResponse(messageCard('Niet gelukt', isStorageFault(e) ? STORAGE_DOWN : FAULT, 'attention'));
    }
  }

  private async handleCardAction(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const parsed = invokeSchema.safeParse(activity.value);
    if (parsed.success && ADMIN_VERBS.has(parsed.data.action.verb)) {
      const adminPlace = channelPlace(activity);
      if (!adminPlace) return cardResponse(messageCard('Niet beschikbaar', 'Instellingen en tafels horen bij een teamkanaal.', 'attention'));
      return cardResponse(await this.admin.execute(context, adminPlace, parsed.data.action.verb, parsed.data.action.data));
    }
    const ref = parsed.success ? caseRef.safeParse(parsed.data.action.data) : null;
    const caseId = ref?.success ? caseIdFrom(ref.data.caseId) : null;
    if (!parsed.success || !ref?.success || !caseId) {
      return cardResponse(messageCard('Onbekende actie', 'Deze kaart is niet (meer) geldig. Open de casus opnieuw met /status.', 'attention'));
    }
    const place = channelPlace(activity);
    if (!place) {
      return cardResponse(messageCard('Niet beschikbaar', 'Casussen zijn alleen te bewerken in het teamkanaal waar ze lopen.', 'attention'));
    }
    const { verb, data } = parsed.data.action;
    const actor = await actorOf(activity, this.directory, place);
    const automatic = (activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic';
    return cardResponse(
      await this.caseActions.handle({ place, caseId, version: ref.data.version, verb, data, actor, activityId: activity.id ?? '', automatic }),
    );
  }

}

