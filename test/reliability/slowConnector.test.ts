import { systemClock } from '../../src/app';
import { OutboxDispatcher } from '../../src/scheduler';
import { TableOutboxStore } from '../../src/storage';
import { messages, realNotifier, seedOutbox, textOf, waitUntil } from '../integration/dispatcher.harness';
import { ConnectorStandIn } from '../support/connectorStandIn';
import { RecordingLogger } from '../support/fakes';
import { freshTables } from '../support/storage';

/**
 * Teams processes a post and answers late. Small numbers stand in for the real ones (30 s before
 * a send counts as slow, 120 s before it is given up): the behaviour is the same, only faster.
 */
const OPTIONS = { pollMs: 100, leaseMs: 10_000, deliveryTimeoutMs: 500, abandonAfterMs: 2_500, backoff: { baseMs: 100, maxMs: 200 } };

describe('trage connector', () => {
  const connector = new ConnectorStandIn();
  beforeAll(async () => {
    await connector.start();
  });
  afterAll(async () => connector.close());

  const run = async (tenant: string, delayFirstMs: number) => {
    const tables = await freshTables();
    const store = new TableOutboxStore(tables.cases);
    const items = messages(connector.url, tenant, [`19:traag-${tenant}@thread.tacv2`], 1);
    await seedOutbox(tables.cases, items);
    const id = items[0]?.id ?? '';
    let n = 0;
    connector.responder = (call) => (textOf(call) === id && n++ === 0 ? { delayMs: delayFirstMs } : null);
    const log = new RecordingLogger();
    const d = new OutboxDispatcher(store, realNotifier(), systemClock, log, OPTIONS);
    d.start();
    await waitUntil(async () => (await store.scan(tenant, 10)).length === 0, 15_000, 'outbox leeg');
    await d.stop();
    const posts = connector.calls.filter((c) => textOf(c) === id);
    return { posts: posts.length, delivered: d.stats.delivered, slowLines: log.lines.filter((l) => l.msg.includes('traag')).length };
  };

  it('een bericht dat Teams verwerkt maar pas na de time-out beantwoordt, wordt niet opnieuw verstuurd', async () => {
    const late = await run('tenant-traag', 1_500);
    console.log(
      `Trage connector: antwoord na 1,5 s bij een time-out van 0,5 s → ${late.posts} × geplaatst, ${late.delivered} × afgeleverd, ${late.slowLines} logregel(s)`,
    );
    expect(late.posts).toBe(1);
    expect(late.delivered).toBe(1);
    expect(late.slowLines).toBe(1);
  }, 30_000);

  it('pas een verzoek dat ook na de opgeefgrens geen antwoord heeft, wordt afgebroken en opnieuw verstuurd (het bekende venster)', async () => {
    const hung = await run('tenant-hangt', 6_000);
    console.log(
      `Hangende connector: geen antwoord binnen de opgeefgrens van 2,5 s → afgebroken en opnieuw: ${hung.posts} × geplaatst (1 dubbel als Teams het eerste toch verwerkte)`,
    );
    expect(hung.posts).toBe(2);
    expect(hung.delivered).toBe(1);
  }, 30_000);
});
