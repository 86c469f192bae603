import { type CaseRepository } from '../../src/app';
import { type Case, type CaseId, formatCaseId, newCase } from '../../src/domain';
import { TEAM, TENANT, channelOf } from './app';

/** Runs `task(i)` for i in [0, n) with at most `width` in flight. */
const parallel = async (n: number, width: number, task: (i: number) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
};

/** A case in state `nieuw` with a posted root card, as `/escaleer` leaves it. */
export const benchCase = (seq: number, channel: number, serviceUrl: string, now: Date, tenantId = TENANT): Case => {
  const id = formatCaseId(2026, seq);
  const c = newCase({
    id,
    location: {
      tenantId,
      teamId: TEAM,
      channelId: channelOf(channel),
      conversationId: channelOf(channel),
      serviceUrl,
      rootActivityId: `root-${seq}`,
    },
    ownerId: 'user-bench',
    now,
  });
  return c;
};

/** Stores cases `first … first+n-1` through the repository (one transaction each), spread over `channels`. */
export const seedCases = async (
  repo: CaseRepository,
  first: number,
  n: number,
  channels: number,
  serviceUrl: string,
  now = new Date(),
  tenantId = TENANT,
): Promise<CaseId[]> => {
  const ids: CaseId[] = [];
  await parallel(n, 8, async (i) => {
    const c = benchCase(first + i, i % channels, serviceUrl, now, tenantId);
    const r = await repo.commit({ case: c, etag: null, events: [], outbox: [] });
    if (!r.ok) throw new Error(`seed ${c.id}: ${r.error}`);
    ids[i] = c.id;
  });
  return ids;
};
