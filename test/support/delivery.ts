import { odata } from '@azure/data-tables';
import { openTables } from '../../src/storage';
import type { Direct } from './direct';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds or `ms` have passed; returns whether it held. */
export const waitUntil = async (check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(50);
  }
  return check();
};

/**
 * Waits until the connector stand-in got no new call for 300 ms. That alone does not mean the
 * dispatcher has sent what it owes (it may be pacing a conversation or backing off after a
 * fault); after {@link delivered}'s wait it catches anything sent twice.
 */
const settle = async (d: Direct): Promise<void> => {
  let n = -1;
  while (n !== d.connector.calls.length) {
    n = d.connector.calls.length;
    await sleep(300);
  }
};

/** No outbox row is left in any tenant's partition: every message owed was delivered or dead-lettered. */
const outboxEmpty = (d: Direct): (() => Promise<boolean>) => {
  // Opened once per wait, not on every poll (opening creates the tables if missing: two requests).
  const opened = openTables(d.app.storageConnection, d.prefix);
  return async () => {
    const { cases } = await opened;
    const filter = odata`RowKey ge ${'outbox_'} and RowKey lt ${'outbox`'}`;
    for await (const _ of cases.listEntities({ queryOptions: { filter, select: ['rowKey'] } })) return false;
    return true;
  };
};

/**
 * Waits for what the dispatcher owes: until `owed()` holds (by default: the outbox is empty), for
 * at most `ms`, then {@link settle}s, so that a message sent twice is counted too. When the deadline
 * passes it returns all the same: the test's own assertions then say what is missing.
 */
export const delivered = async (d: Direct, owed: () => boolean | Promise<boolean> = outboxEmpty(d), ms = 20_000): Promise<void> => {
  await waitUntil(owed, ms);
  await settle(d);
};
