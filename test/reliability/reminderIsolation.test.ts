import { openTables, tenantPk } from '../../src/storage';
import { prefixFilter, rk } from '../../src/storage/keys';
import { type Direct, startDirect } from '../support/direct';
import { type DirectCase, toOnplanbareZorg } from '../support/directCase';
import { FakeClock } from '../support/fakes';
import { seedTeam } from '../support/teamSettings';

const WHERE = {
  a: { tenantId: 'tenant-a', teamId: '19:team-a@thread.tacv2', channelId: '19:kanaal-a@thread.tacv2' },
  b: { tenantId: 'tenant-b', teamId: '19:team-b@thread.tacv2', channelId: '19:kanaal-b@thread.tacv2' },
};

describe('één onleesbare herinnering houdt de tik niet tegen', () => {
  let d: Direct;
  const clock = new FakeClock(new Date('2024-01-02T08:00:00Z'));

  beforeAll(async () => {
    d = await startDirect({ LOG_LEVEL: 'silent' }, { clock, reminders: false });
    const tables = await openTables(d.app.storageConnection, d.prefix);
    for (const w of Object.values(WHERE)) await seedTeam(tables.cases, w, { serviceUrl: d.connector.url });
  }, 30_000);
  afterAll(async () => d?.close());

  it('zet een herinnering die niet te bouwen is apart (dode brief) en verstuurt de rest, ook die van de tenant erna', async () => {
    const broken = await toOnplanbareZorg(d, WHERE.a);
    const fine = await toOnplanbareZorg(d, WHERE.a);
    const other = await toOnplanbareZorg(d, WHERE.b);
    const tables = await openTables(d.app.storageConnection, d.prefix);
    // A case row from an older or damaged write: no `steps`, so building its reminder throws.
    const pk = tenantPk(WHERE.a.tenantId);
    const row = await tables.cases.getEntity<{ data: string }>(pk, rk.case(broken.caseId));
    const { steps: _steps, ...damaged } = JSON.parse(row.data) as Record<string, unknown>;
    await tables.cases.updateEntity({ partitionKey: pk, rowKey: rk.case(broken.caseId), data: JSON.stringify(damaged) }, 'Merge', {
      etag: row.etag,
    });

    clock.set('2024-02-05T07:00:00Z'); // maandag 08:00 CET
    const before = d.connector.calls.length;
    let tick: Awaited<ReturnType<typeof d.app.reminders.tick>> | null = null;
    let error: unknown = null;
    try {
      tick = await d.app.reminders.tick();
    } catch (e) {
      error = e;
    }
    // The dispatcher's own loop may hold some of the messages (kicked by the tick): wait for what is
    // due to arrive, at most 10 s, then count.
    const reminderCalls = () => d.connector.calls.slice(before).filter((x) => JSON.stringify(x.body).includes('Herinnering casus'));
    for (let i = 0; i < 100 && reminderCalls().length < 2; i++) {
      await d.app.dispatcher.sweepAll();
      await new Promise((r) => setTimeout(r, 100));
    }
    const sent = reminderCalls();
    const sentFor = (c: DirectCase) =>
      sent.filter((x) => x.conversationId.startsWith(c.where.channelId) && JSON.stringify(x.body).includes(c.caseId)).length;
    const dead: Record<string, unknown>[] = [];
    for await (const e of tables.cases.listEntities<Record<string, unknown>>({ queryOptions: { filter: prefixFilter(pk, 'deadrem_') } }))
      dead.push(e);
    const stillDue: string[] = [];
    for await (const e of tables.cases.listEntities<{ caseId: string }>({ queryOptions: { filter: prefixFilter(pk, 'due_2024-02') } }))
      stillDue.push(e.caseId);
    const logged = d.log.lines.filter((l) => l.msg.includes('herinnering'));
    console.log(
      `Herinneringstik met één onleesbare casus: 3 herinneringen op tijd, verstuurd ${sent.length} (${sentFor(fine)} zelfde tenant, ${sentFor(other)} volgende tenant), ` +
        `dode brieven ${dead.length}, tik ${error ? `afgebroken (${error instanceof Error ? error.name : typeof error})` : 'afgerond'}, logregels ${logged.length}`,
    );

    expect(error).toBeNull();
    expect([broken.caseId, fine.caseId, other.caseId]).toEqual(['CAS-2024-0001', 'CAS-2024-0002', 'CAS-2024-0001']);
    expect(tick?.sent).toBe(2);
    expect(sentFor(fine)).toBe(1);
    expect(sentFor(other)).toBe(1);
    expect(sentFor(broken)).toBe(0);
    expect(dead).toEqual([expect.objectContaining({ caseId: broken.caseId, fout: 'TypeError' })]);
    expect(stillDue.filter((id) => id === broken.caseId)).toHaveLength(0);
    expect(JSON.stringify(logged)).not.toContain('steps');
  }, 60_000);
});
