import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { TableClient } from '@azure/data-tables';
import type { Notifier, OutboxMessage } from '../../src/app';
import { ConnectorNotifier } from '../../src/bot';
import { tenantPk } from '../../src/storage';
import type { RecordedCall } from '../support/connectorStandIn';

interface PipelineOwner {
  readonly client: { readonly pipeline: { removePolicy(o: { phase: 'Retry' }): unknown } };
}

/**
 * Bot Framework auth with an empty app id whose connector clients do not retry by themselves:
 * the SDK's pipeline otherwise repeats 429/5xx up to 3 times behind the dispatcher's back.
 */
class NoSdkRetryAuth extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claims: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claims);
    return {
      create: async (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const client = await inner.create(serviceUrl, audience);
        (client as unknown as PipelineOwner).client.pipeline.removePolicy({ phase: 'Retry' });
        return client;
      },
    };
  }
}

/**
 * The real ConnectorNotifier on a CloudAdapter with an empty app id and no `onTurnError` (so
 * connector errors reach the notifier instead of being logged away by the app's adapter).
 */
export const realNotifier = (): Notifier => new ConnectorNotifier(new CloudAdapter(new NoSdkRetryAuth({})), '');

/** Writes outbox rows exactly as the case repository does, and registers the tenant. */
export const seedOutbox = async (table: TableClient, messages: readonly OutboxMessage[]): Promise<void> => {
  const tenants = new Set(messages.map((m) => m.conversation.tenantId));
  for (const t of tenants) await table.upsertEntity({ partitionKey: 'tenants', rowKey: tenantPk(t), tenantId: t }, 'Merge');
  for (let i = 0; i < messages.length; i += 100) {
    const chunk = messages.slice(i, i + 100);
    const pk = tenantPk(chunk[0]?.conversation.tenantId ?? '');
    await table.submitTransaction(
      chunk.map((m) => ['create', { partitionKey: pk, rowKey: `outbox_${m.id}`, data: JSON.stringify(m), caseId: '', leaseUntil: '' }]),
    );
  }
};

let seq = 0;
/** `perConversation` posts to each of `conversations` channel threads; the text is the outbox id. */
export const messages = (
  serviceUrl: string,
  tenant: string,
  conversations: readonly string[],
  perConversation: number,
): OutboxMessage[] => {
  const out: OutboxMessage[] = [];
  for (let i = 0; i < perConversation; i++) {
    for (const c of conversations) {
      const id = `${Date.now().toString(36)}${String(++seq).padStart(6, '0')}`;
      out.push({
        id,
        conversation: { serviceUrl, conversationId: `${c};messageid=1`, tenantId: tenant },
        kind: 'post',
        activityId: null,
        activity: { text: id },
        createdAt: new Date().toISOString(),
        caseId: null,
      });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
};

export const textOf = (c: RecordedCall): string => String(c.body.text ?? '');
export const ok = (c: RecordedCall): boolean => ((c as RecordedCall & { status?: number }).status ?? 200) < 300;

export const waitUntil = async (check: () => Promise<boolean>, ms: number, what: string): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`niet op tijd: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
