import { CalendarService, CaseService, type CaseCommit, type CaseRepository, timeOrderedIds } from '../../src/app';
import { CardChannelViews } from '../../src/cards';
import { type Actor, type CaseId, DEFAULT_TABLES } from '../../src/domain';
import { TableCalendarStore, TableCaseRepository, TableTeamSettingsStore } from '../../src/storage';
import { FakeClock, RecordingLogger, location } from '../support/fakes';
import { freshTables } from '../support/storage';

const anouk: Actor = { userId: 'user-anouk', name: 'Anouk', roles: ['begeleider'] };

/** The real repository, with a hook that runs once just before the first card action's commit. */
class Interleaving implements CaseRepository {
  private hook: (() => Promise<void>) | null = null;

  constructor(private readonly inner: CaseRepository) {}

  beforeNextAction(hook: () => Promise<void>): void {
    this.hook = hook;
  }

  nextCaseId = (tenantId: string, year: number) => this.inner.nextCaseId(tenantId, year);
  peekCaseNumber = (tenantId: string, year: number) => this.inner.peekCaseNumber(tenantId, year);
  get = (tenantId: string, id: CaseId) => this.inner.get(tenantId, id);
  purgedAt = (tenantId: string, id: CaseId) => this.inner.purgedAt(tenantId, id);
  seen = (tenantId: string, key: string) => this.inner.seen(tenantId, key);
  listByChannel = (tenantId: string, channelId: string) => this.inner.listByChannel(tenantId, channelId);
  recordView: CaseRepository['recordView'] = (tenantId, event, key, link) => this.inner.recordView(tenantId, event, key, link);
  events = (tenantId: string, id: CaseId) => this.inner.events(tenantId, id);
  ping = () => this.inner.ping();

  async commit(change: CaseCommit) {
    const hook = change.dedupeKey?.startsWith('invoke:') ? this.hook : null;
    this.hook = null;
    if (hook) await hook();
    return this.inner.commit(change);
  }
}

describe('CaseService.execute tegen een gelijktijdige schrijfactie (Azurite)', () => {
  const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
  let repo: Interleaving;
  let service: CaseService;

  beforeAll(async () => {
    const tables = await freshTables();
    repo = new Interleaving(new TableCaseRepository(tables.cases));
    service = new CaseService({
      repo,
      views: new CardChannelViews(),
      calendar: new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES),
      settings: new TableTeamSettingsStore(tables.cases),
      clock,
      ids: timeOrderedIds(clock),
      log: new RecordingLogger(),
    });
  });

  const open = async (activityId: string) => {
    const { rootActivityId: _, ...where } = location();
    const started = await service.start(where, anouk, activityId);
    if (started.kind !== 'created') throw new Error('geen casus');
    return started.case.value;
  };
  const chooseRoute = (caseId: CaseId, activityId: string) =>
    service.execute({
      tenantId: 'tenant-a',
      caseId,
      version: 1,
      verb: 'route.kiezen',
      input: { route: 'bijstellen', clientRef: 'ECD-1' },
      actor: anouk,
      activityId,
      channelId: location().channelId,
      teamId: location().teamId,
    });

  it('een actie vlak na /escaleer gaat door als intussen alleen de hoofdkaart-id is vastgelegd', async () => {
    const c = await open('start-1');
    // Teams answered the root card's post while the first click was in flight: the row changes, the case does not.
    repo.beforeNextAction(() => service.attachRootCard('tenant-a', c.id, 'root-activity-1'));
    const outcome = await chooseRoute(c.id, 'klik-1');
    expect(outcome.ok && outcome.value.kind).toBe('applied');
    const stored = await repo.get('tenant-a', c.id);
    expect(stored?.value.version).toBe(2);
    expect(stored?.value.route).toBe('bijstellen');
    // Neither write is lost: the root card id stays, and the root card update goes out as an update.
    expect(stored?.value.location.rootActivityId).toBe('root-activity-1');
    expect((await repo.events('tenant-a', c.id)).map((e) => e.action)).toEqual(['casus.openen', 'route.kiezen']);
  });

  it('een echte wijziging door een ander intussen blijft een verouderde kaart: niets overschreven', async () => {
    const c = await open('start-2');
    const other: Actor = { userId: 'user-pieter', name: 'Pieter', roles: ['begeleider'] };
    repo.beforeNextAction(async () => {
      const r = await service.execute({
        tenantId: 'tenant-a',
        caseId: c.id,
        version: 1,
        verb: 'route.kiezen',
        input: { route: 'zorgkantoor', clientRef: 'ECD-2' },
        actor: other,
        activityId: 'klik-ander',
        channelId: location().channelId,
        teamId: location().teamId,
      });
      expect(r.ok && r.value.kind).toBe('applied');
    });
    const outcome = await chooseRoute(c.id, 'klik-2');
    expect(outcome.ok ? outcome.value.kind : outcome.error.refusal.code).toBe('stale_version');
    const stored = await repo.get('tenant-a', c.id);
    expect(stored?.value.route).toBe('zorgkantoor');
    expect(stored?.value.version).toBe(2);
    expect(await repo.seen('tenant-a', 'invoke:klik-2')).toBe(false);
  });
});
