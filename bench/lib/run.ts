import { ConnectorStandIn } from '../../test/support/connectorStandIn';
import { type RunningAzurite, startAzurite } from '../../src/storage/azurite';

/** Clean-up steps, run last-in first-out when the bench ends, fails or is interrupted. */
export class Stops {
  private readonly steps: (() => Promise<void>)[] = [];

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  async runAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step().catch(() => undefined);
  }
}

/** An in-memory Azurite on a free loopback port, stopped with the bench. */
export const benchAzurite = async (stops: Stops): Promise<RunningAzurite> => {
  const azurite = await startAzurite({ location: null, port: 0 });
  stops.add(() => azurite.close());
  return azurite;
};

/** A connector stand-in, stopped with the bench. */
export const benchConnector = async (stops: Stops): Promise<ConnectorStandIn> => {
  const connector = new ConnectorStandIn();
  await connector.start();
  stops.add(() => connector.close());
  return connector;
};

/**
 * Runs a bench's `main` (which returns the number of missed targets) and exits: 0 all met, 1 a
 * target missed, 2 the bench broke or was interrupted. Clean-up runs in every case; `kill` ends
 * child processes synchronously (also on a plain exit).
 */
export const runBench = (main: (stops: Stops) => Promise<number>, kill: () => void = () => undefined): void => {
  const stops = new Stops();
  process.once('exit', kill);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      kill();
      void stops.runAll().then(() => process.exit(2));
    });
  }
  main(stops).then(
    async (misses) => {
      await stops.runAll();
      process.exit(misses === 0 ? 0 : 1);
    },
    async (e: unknown) => {
      process.stderr.write(`bench mislukt: ${e instanceof Error ? e.stack : String(e)}\n`);
      kill();
      await stops.runAll();
      process.exit(2);
    },
  );
};
