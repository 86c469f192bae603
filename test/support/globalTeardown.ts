import type { RunningAzurite } from '../../src/storage/azurite';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __AZURITE__?: RunningAzurite }).__AZURITE__?.close();
}
