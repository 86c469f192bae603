import { CalendarService, TeamAdminService } from '../../src/app';
import { DEFAULT_TABLES, type RegionalTable } from '../../src/domain';
import { TableCalendarStore, TableOutboxStore, TableTeamSettingsStore } from '../../src/storage';
import { FakeClock } from '../support/fakes';
import { freshTables } from '../support/storage';
import { seedTeam } from '../support/teamSettings';

const TENANT = 'tenant-kalender';
const TEAM = '19:team-kalender@thread.tacv2';
const BEHEERDER = { userId: 'user-beheerder', name: 'Pieter', roles: ['functioneel_beheerder' as const] };

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** 400 upcoming tables: 8 regions, one meeting a week each, for 50 weeks from 2027-01-04. */
const tables400 = (): { region: string; deadline: string; meeting: string }[] => {
  const regions = ['Groningen', 'Twente', 'Arnhem', 'Zwolle', 'Nijmegen', 'Apeldoorn', 'Drenthe', 'Friesland'];
  const out: { region: string; deadline: string; meeting: string }[] = [];
  for (let week = 0; week < 50; week++) {
    for (const region of regions) {
      const meeting = new Date(Date.UTC(2027, 0, 4 + 7 * week));
      out.push({ region, deadline: iso(new Date(meeting.getTime() - 14 * 86_400_000)), meeting: iso(meeting) });
    }
  }
  return out;
};

describe('de tafelkalender groeit met elke tafel (64 KiB per eigenschap in Azure Table Storage)', () => {
  it('400 tafels toevoegen en teruglezen, tegen Azurite', async () => {
    const tables = await freshTables();
    const clock = new FakeClock(new Date('2026-12-01T09:00:00Z'));
    await seedTeam(
      tables.cases,
      { tenantId: TENANT, teamId: TEAM },
      {
        serviceUrl: 'http://127.0.0.1:9/',
        roleHolders: { functioneel_beheerder: [{ id: BEHEERDER.userId, name: BEHEERDER.name }] },
        updatedAt: clock.now().toISOString(),
        updatedBy: BEHEERDER.userId,
      },
    );
    const settings = new TableTeamSettingsStore(tables.cases);
    const calendar = new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES, 0);
    const admin = new TeamAdminService(settings, calendar, new TableOutboxStore(tables.cases), clock);

    let stored = 0;
    let firstFailure: string | null = null;
    for (const t of tables400()) {
      try {
        const r = await admin.addTable(TENANT, TEAM, BEHEERDER, t);
        if (r.ok) stored++;
        else firstFailure ??= `tafel ${stored + 1}: ${r.error.message}`;
      } catch (e) {
        firstFailure ??= `tafel ${stored + 1}: ${e instanceof Error ? e.name : String(e)}`;
        break;
      }
    }
    // A fresh reader (another instance) sees every table.
    const read: readonly RegionalTable[] = await new CalendarService(
      new TableCalendarStore(tables.cases),
      clock,
      DEFAULT_TABLES,
      0,
    ).tablesFor(TENANT);
    let largest = 0;
    for await (const e of tables.cases.listEntities<Record<string, unknown>>()) {
      for (const v of Object.values(e)) if (typeof v === 'string') largest = Math.max(largest, v.length);
    }
    console.log(
      `Kalender: 400 tafels aangeboden, ${stored} opgeslagen, ${read.length} teruggelezen (5 uit het stappenplan), grootste eigenschap ${largest} tekens${firstFailure ? `; eerste fout bij ${firstFailure}` : ''}`,
    );
    expect(firstFailure).toBeNull();
    expect(stored).toBe(400);
    expect(read.filter((t) => t.meeting >= '2027-01-01')).toHaveLength(400);
    expect(largest).toBeLessThan(32 * 1024);
  }, 120_000);

  it('een kalender in het oude formaat (één rij met alle tafels) wordt bij het lezen omgezet naar een rij per tafel', async () => {
    const tables = await freshTables();
    const clock = new FakeClock(new Date('2026-12-01T09:00:00Z'));
    const legacy: RegionalTable[] = tables400()
      .slice(0, 300)
      .map((t) => ({ id: `${t.region.toLowerCase()}-${t.meeting}`, ...t }));
    await tables.cases.createEntity({ partitionKey: 't_tenant-oud', rowKey: 'calendar', data: JSON.stringify(legacy) });
    const calendar = new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES, 0);
    const first = await calendar.tablesFor('tenant-oud');
    const rows: string[] = [];
    for await (const e of tables.cases.listEntities<Record<string, unknown>>()) rows.push(String(e.rowKey));
    const again = await new CalendarService(new TableCalendarStore(tables.cases), clock, DEFAULT_TABLES, 0).tablesFor('tenant-oud');
    console.log(
      `Kalender omgezet: oude rij met ${legacy.length} tafels → ${rows.filter((r) => r.startsWith('caltafel_')).length} tafelrijen, oude rij ${rows.includes('calendar') ? 'nog aanwezig' : 'verwijderd'}; gelezen ${first.length}, opnieuw ${again.length}`,
    );
    expect(first.map((t) => t.id).sort()).toEqual(legacy.map((t) => t.id).sort());
    expect(rows).not.toContain('calendar');
    expect(rows.filter((r) => r.startsWith('caltafel_'))).toHaveLength(300);
    expect(again).toEqual(first);
  });
});
