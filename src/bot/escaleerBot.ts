import {
  type Activity,
  type InvokeResponse,
  TeamsActivityHandler,
  type TurnContext,
  MessageFactory,
} from 'botbuilder';
import { z } from 'zod';
import type { CaseService, Logger } from '../app';
import { HELP_TEXT, cardAttachment, messageCard, rootCard, CARD_CONTENT_TYPE } from '../cards';
import { parseCaseId } from '../domain';
import { type RoleDirectory, actorOf, channelPlace, tenantOf } from './context';
import { cleanText, parseCommand } from './commands';

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

const STORAGE_DOWN =
  'De opslag is op dit moment niet bereikbaar. Er is niets gewijzigd; probeer het over een minuut opnieuw.';

/** The Teams bot: commands in channels and Universal Actions on case cards. */
export class EscaleerBot extends TeamsActivityHandler {
  constructor(
    private readonly cases: CaseService,
    private readonly directory: RoleDirectory,
    private readonly log: Logger,
    /** Wakes the outbox dispatcher after a change (it also polls). */
    private readonly kick: (tenantId: string) => void = () => undefined,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const command = parseCommand(activity.text ?? '');
    const place = channelPlace(activity);
    // With RSC (ChannelMessage.Read.Group) the bot receives every channel message: it reacts only
    // when mentioned, or to one of its own slash commands; everything else is ignored, unlogged.
    if (place && !mentionsBot(activity) && (command.name === 'unknown' || !/^\s*\//.test(cleanText(activity.text ?? '')))) return;
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
        const sent = await context.sendActivity({ attachments: [cardAttachment(rootCard(c))] });
        if (sent?.id) await this.cases.attachRootCard(c.tenantId, c.id, sent.id);
        return;
      }
      case 'status': {
        if (!place) {
          await context.sendActivity('Gebruik /status in het teamkanaal waar de casus loopt.');
          return;
        }
        if (command.arg) {
          const id = parseCaseId(command.arg);
          const c = id ? await this.cases.find(place.tenantId, id, place.channelId) : null;
          if (!c) {
            await context.sendActivity(`Casus ${command.arg} is niet gevonden in dit kanaal. Controleer het nummer (bijv. CAS-2026-0001).`);
            return;
          }
          await context.sendActivity({ attachments: [cardAttachment(rootCard(c))] });
          return;
        }
        const open = await this.cases.listForChannel(place.tenantId, place.channelId);
        await context.sendActivity(
          open.length === 0
            ? 'Er zijn geen casussen in dit kanaal. Start er een met /escaleer.'
            : `Casussen in dit kanaal:\n\n${open.map((c) => `- ${c.id}: ${c.state}`).join('\n')}`,
        );
        return;
      }
      case 'tafels':
      case 'instellingen':
        await context.sendActivity(`/${command.name} is nog niet beschikbaar in deze versie.`);
        return;
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
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    try {
      return await this.handleCardAction(context.activity);
    } catch (e) {
      this.log.error('kaartactie mislukt', { error: e instanceof Error ? e.message : String(e) });
      return cardResponse(messageCard('Niet gelukt', STORAGE_DOWN, 'attention'));
    }
  }

  private async handleCardAction(activity: Activity): Promise<InvokeResponse> {
    const parsed = invokeSchema.safeParse(activity.value);
    const ref = parsed.success ? caseRef.safeParse(parsed.data.action.data) : null;
    const caseId = ref?.success ? parseCaseId(ref.data.caseId) : null;
    if (!parsed.success || !ref?.success || !caseId) {
      return cardResponse(messageCard('Onbekende actie', 'Deze kaart is niet (meer) geldig. Open de casus opnieuw met /status.', 'attention'));
    }
    const place = channelPlace(activity);
    if (!place) {
      return cardResponse(messageCard('Niet beschikbaar', 'Casussen zijn alleen te bewerken in het teamkanaal waar ze lopen.', 'attention'));
    }
    const { verb, data } = parsed.data.action;
    const { caseId: _c, version: _v, ...input } = data;
    const actor = await actorOf(activity, this.directory, place);
    const outcome = await this.cases.execute({
      tenantId: tenantOf(activity),
      caseId,
      version: ref.data.version,
      verb,
      input,
      actor,
      activityId: activity.id ?? '',
      channelId: place.channelId,
    });
    if (outcome.kind === 'applied') this.kick(outcome.case.tenantId);
    switch (outcome.kind) {
      case 'applied':
      case 'duplicate':
        return cardResponse(rootCard(outcome.case));
      case 'stale':
        return cardResponse(
          rootCard(outcome.case, {
            notice: { text: 'Iemand anders heeft deze casus net bijgewerkt. Dit is de actuele stand; je invoer is niet opgeslagen.', style: 'warning' },
          }),
        );
      case 'refused':
        if (!outcome.case) return cardResponse(messageCard('Niet gevonden', outcome.refusal.message, 'attention'));
        return cardResponse(
          rootCard(outcome.case, {
            values: input,
            fieldErrors: outcome.refusal.fieldErrors ?? {},
            notice: { text: outcome.refusal.message, style: 'attention' },
          }),
        );
    }
  }
}

