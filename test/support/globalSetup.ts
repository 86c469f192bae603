import { startAzurite } from '../../src/storage/azurite';

/** Starts one in-memory Azurite for the whole run; tests use their own table prefixes. */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({ location: null, port: 0 });
  process.env.ESCALEER_TEST_STORAGE = azurite.connectionString;
  (globalThis as { __AZURITE__?: typeof azurite }).__AZURITE__ = azurite;
}
