import { type CloudAdapter, type ConversationReference, type Activity, ActivityTypes } from 'botbuilder';
import { DeliveryError, type Notifier, type OutboxMessage } from '../app';

interface HttpishError {
  readonly statusCode?: number;
  readonly status?: number;
  readonly response?: { readonly status?: number; readonly headers?: { get?(name: string): string | undefined } & Record<string, unknown> };
  readonly message?: string;
}

const retryAfterOf = (e: HttpishError): number | null => {
  const headers = e.response?.headers;
  const raw = headers?.get?.('retry-after') ?? (headers?.['retry-after'] as string | undefined);
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
};

const toActivity = (m: OutboxMessage): Partial<Activity> => {
  const mentions = m.activity.mentions ?? [];
  return {
    type: ActivityTypes.Message,
    text: m.activity.text,
    attachments: m.activity.attachments?.map((a) => ({ contentType: a.contentType, content: a.content })),
    entities: mentions.map((u) => ({ type: 'mention', text: `<at>${u.name}</at>`, mentioned: { id: u.id, name: u.name } })),
  };
};

/** Delivers outbox messages through the Bot Framework connector (proactive messaging). */
export class ConnectorNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async deliver(m: OutboxMessage): Promise<string | null> {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: m.conversation.serviceUrl,
      conversation: { id: m.conversation.conversationId, tenantId: m.conversation.tenantId, isGroup: true, conversationType: 'channel', name: '' },
    };
    let id: string | null = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        const activity = toActivity(m);
        if (m.kind === 'update') {
          if (!m.activityId) throw new Error('update zonder activity id');
          await ctx.updateActivity({ ...activity, id: m.activityId });
          id = m.activityId;
        } else {
          const r = await ctx.sendActivity(activity);
          id = r?.id ?? null;
        }
      });
    } catch (e) {
      const err = e as HttpishError;
      const status = err.statusCode ?? err.status ?? err.response?.status ?? null;
      throw new DeliveryError(err.message ?? 'levering mislukt', status, retryAfterOf(err));
    }
    return id;
  }
}
