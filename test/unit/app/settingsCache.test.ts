import { CachedTeamSettings, type TeamSettings, type TeamSettingsStore, emptySettings } from '../../../src/app';
import type { Versioned } from '../../../src/app/ports';

/** A settings store that counts reads and can fail the next one. */
class CountingStore implements TeamSettingsStore {
  reads = 0;
  failNext = false;
  rows = new Map<string, Versioned<TeamSettings>>();

  async get(tenantId: string, teamId: string): Promise<Versioned<TeamSettings> | null> {
    this.reads++;
    await Promise.resolve();
    if (this.failNext) {
      this.failNext = false;
      throw new Error('opslag weg');
    }
    return this.rows.get(`${tenantId}/${teamId}`) ?? null;
  }

  async save(settings: TeamSettings): Promise<boolean> {
    this.rows.set(`${settings.tenantId}/${settings.teamId}`, { value: settings, etag: String(this.rows.size + 1) });
    return true;
  }
}

describe('de leescache van teaminstellingen', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('leest binnen de bewaartijd één keer, ook bij gelijktijdige vragen; daarna opnieuw', async () => {
    const store = new CountingStore();
    const cache = new CachedTeamSettings(store, 10_000, clock);
    await Promise.all([cache.get('t', 'a'), cache.get('t', 'a'), cache.get('t', 'a')]);
    expect(store.reads).toBe(1);
    now += 9_999;
    await cache.get('t', 'a');
    expect(store.reads).toBe(1);
    now += 2;
    await cache.get('t', 'a');
    expect(store.reads).toBe(2);
  });

  it('onthoudt een mislukte leesactie niet', async () => {
    const store = new CountingStore();
    const cache = new CachedTeamSettings(store, 10_000, clock);
    store.failNext = true;
    await expect(cache.get('t', 'a')).rejects.toThrow('opslag weg');
    await expect(cache.get('t', 'a')).resolves.toBeNull();
    expect(store.reads).toBe(2);
  });

  it('een opslag via de cache geldt meteen', async () => {
    const store = new CountingStore();
    const cache = new CachedTeamSettings(store, 10_000, clock);
    expect(await cache.get('t', 'a')).toBeNull();
    await cache.save({ ...emptySettings('t', 'a', 'https://smba.example', new Date(0)), updatedBy: 'beheerder' }, null);
    expect((await cache.get('t', 'a'))?.value.updatedBy).toBe('beheerder');
  });

  it('blijft begrensd: bij meer teams dan het maximum gaat het langst niet gevraagde eruit', async () => {
    const store = new CountingStore();
    const cache = new CachedTeamSettings(store, 10_000, clock, 3);
    for (const team of ['a', 'b', 'c']) await cache.get('t', team);
    await cache.get('t', 'a'); // a recently used
    await cache.get('t', 'd'); // evicts b
    const reads = store.reads;
    await cache.get('t', 'a');
    await cache.get('t', 'c');
    expect(store.reads).toBe(reads);
    await cache.get('t', 'b');
    expect(store.reads).toBe(reads + 1);
  });
});
