/**
 * Baselines for the footprint bench, run as a child process (`node dist/bench/lib/bareServer.js`):
 * - `BARE=restify`: a minimal restify server, `GET /healthz` → 200 (start-up baseline);
 * - `BARE=echo`: the same server stack as Escaleer (`createHttpServer` + `createAdapter`) with a bare
 *   botbuilder handler that answers every card action with a small card, no storage (memory baseline).
 * Listens on 127.0.0.1:`PORT`.
 */
import restify from 'restify';
import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';

const port = Number(process.env['PORT'] ?? 0);

const restifyOnly = async (): Promise<void> => {
  const server = restify.createServer({ name: 'bare' });
  server.get('/healthz', async (_req, res) => {
    res.json(200, { status: 'ok' });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
};

class Echo extends ActivityHandler {
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `echo ${context.activity.id ?? ''}` }] };
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
  }
}

const echo = async (): Promise<void> => {
  // Loaded here so the restify-only baseline does not pay for botbuilder and the app's modules.
  const { consoleLogger } = await import('../../src/app');
  const { createAdapter } = await import('../../src/bot');
  const { createHttpServer, listen } = await import('../../src/http');
  const log = consoleLogger('silent');
  const adapter = createAdapter({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, log);
  await listen(createHttpServer({ adapter, bot: new Echo(), storagePing: async () => undefined, log }), port, '127.0.0.1');
};

(process.env['BARE'] === 'echo' ? echo() : restifyOnly()).catch((e: unknown) => {
  process.stderr.write(`bare server: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
process.once('SIGTERM', () => process.exit(0));
