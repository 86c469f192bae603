import { tenantPk, TableOutboxStore } from '../../src/storage';
import { freshTables } from '../support/storage';
import { messages, seedOutbox } from './dispatcher.harness';

/** A fresh outbox with one message in it. */
const oneItem = async () => {
  const { cases } = await freshTables();
  const [m] = messages('http://127.0.0.1:9/', 'tenant-a', ['19:a@thread.tacv2'], 1);
  if (!m) throw new Error('geen bericht');
  await seedOutbox(cases, [m]);
  return { cases, store: new TableOutboxStore(cases), m };
};

describe('TableOutboxStore delivery bookkeeping (Azurite)', () => {
  it('keeps attempts and the next attempt on the row, and refuses a stale ETag', async () => {
    const { store } = await oneItem();
    const [row] = await store.scan('tenant-a', 10);
    if (!row) throw new Error('geen rij');
    expect(row.delivery).toEqual({ attempts: 0, nextAttemptAt: null, leaseUntil: null, lastStatus: null, lastError: null });
    const leased = await store.lease('tenant-a', row, new Date('2026-11-23T10:00:00Z'));
    expect(await store.lease('tenant-a', row, new Date('2026-11-23T10:00:00Z'))).toBeNull();
    if (!leased) throw new Error('geen lease');
    await store.reschedule('tenant-a', leased, {
      attempts: 3,
      nextAttemptAt: '2026-11-23T10:01:00.000Z',
      lastStatus: 503,
      lastError: 'bezet',
    });
    const [after] = await store.scan('tenant-a', 10);
    expect(after?.delivery).toEqual({
      attempts: 3,
      nextAttemptAt: '2026-11-23T10:01:00.000Z',
      leaseUntil: null,
      lastStatus: 503,
      lastError: 'bezet',
    });
  });

  it('moves an item to the dead letters, once, and lists it for the beheerder', async () => {
    const { store, m } = await oneItem();
    const [row] = await store.scan('tenant-a', 10);
    if (!row) throw new Error('geen rij');
    const info = { reason: 'attempts' as const, attempts: 8, lastStatus: 500, lastError: 'oeps', deadAt: '2026-11-23T10:00:00.000Z' };
    expect(await store.deadLetter('tenant-a', row, info)).toBe(true);
    expect(await store.deadLetter('tenant-a', row, info)).toBe(false);
    expect(await store.scan('tenant-a', 10)).toHaveLength(0);
    expect(await store.deadLetters('tenant-a')).toEqual([{ message: m, ...info }]);
  });

  it('finishes a move that was interrupted between marking and moving', async () => {
    const { cases, store, m } = await oneItem();
    const info = { reason: 'gone', attempts: 1, lastStatus: 403, lastError: 'weg', deadAt: '2026-11-23T10:00:00.000Z' };
    await cases.updateEntity(
      { partitionKey: tenantPk('tenant-a'), rowKey: `outbox_${m.id}`, leaseUntil: '9999-12-31T23:59:59.999Z', dying: JSON.stringify(info) },
      'Merge',
    );
    expect(await store.scan('tenant-a', 10)).toHaveLength(0);
    expect(await store.deadLetters('tenant-a')).toEqual([{ message: m, ...info }]);
  });
});
