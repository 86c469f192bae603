import { type Activity, ActivityTypes, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { DeliveryError, type Notifier, type OutboxMessage } from '../app';

interface HttpishError {
  readonly statusCode?: number;
  readonly status?: number;
  readonly response?: { readonly status?: number; readonly headers?: { get?(name: string): string | undefined } & Record<string, unknown> };
  readonly message?: string;
}

interface PipelineOwner {
  readonly client?: { readonly pipeline?: { removePolicy(o: { phase: 'Retry' }): unknown } };
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

/** The thread a channel conversation id points at (`19:…;messageid=<thread>`), if any. */
const threadOf = (conversationId: string): string | null => conversationId.split(';messageid=')[1] ?? null;

/**
 * Delivers outbox messages through the Bot Framework connector. Sends with the connector client
 * directly (post → new thread, reply → into the thread, update → replace for everyone), with the
 * SDK's own retries removed and every connector error rethrown as a {@link DeliveryError}: the
 * dispatcher owns retries, rate limits and dead letters.
 */
export class ConnectorNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async deliver(m: OutboxMessage, signal?: AbortSignal): Promise<string | null> {
    const conversationId = m.conversation.conversationId;
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: m.conversation.serviceUrl,
      conversation: { id: conversationId, tenantId: m.conversation.tenantId, isGroup: true, conversationType: 'channel', name: '' },
    };
    let id: string | null = null;
    let failure: unknown = null;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        // Errors are kept here, not thrown: thrown ones would end in the adapter's onTurnError.
        try {
          const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
          (client as unknown as PipelineOwner).client?.pipeline?.removePolicy({ phase: 'Retry' });
          const activity = { ...toActivity(m), conversation: reference.conversation, from: { id: this.appId || 'escaleer' } } as Activity;
          const options = signal ? { abortSignal: signal } : {};
          if (m.kind === 'update') {
            if (!m.activityId) throw new Error('update zonder activity id');
            await client.conversations.updateActivity(conversationId, m.activityId, { ...activity, id: m.activityId }, options);
            id = m.activityId;
          } else if (m.kind === 'reply') {
            const parent = m.activityId ?? threadOf(conversationId);
            const r = parent
              ? await client.conversations.replyToActivity(conversationId, parent, { ...activity, replyToId: parent }, options)
              : await client.conversations.sendToConversation(conversationId, activity, options);
            id = r.id ?? null;
          } else {
            const r = await client.conversations.sendToConversation(
              conversationId.split(';messageid=')[0] ?? conversationId,
              activity,
              options,
            );
            id = r.id ?? null;
          }
        } catch (e) {
          failure = e;
        }
      });
    } catch (e) {
      failure = e;
    }
    if (failure) {
      const err = failure as HttpishError;
      const status = err.statusCode ?? err.status ?? err.response?.status ?? null;
      throw new DeliveryError(err.message ?? 'levering mislukt', status, retryAfterOf(err));
    }
    return id;
  }
}
