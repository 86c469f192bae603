import { z } from 'zod';
import {
  type Actor,
  ROLES,
  type RegionalTable,
  type Role,
  amsterdamDate,
  formatDutchDate,
  refuse,
  type Refusal,
  type Result,
  err,
  ok,
  removableTables,
  tableFromInput,
} from '../domain';
import type { CalendarService } from './calendar';
import type { Clock, OutboxStore } from './ports';
import { type ChannelRef, type Member, type TeamSettings, emptySettings, mayConfigure, rolesIn } from './teamSettings';
import type { TeamSettingsStore } from './ports/teamSettingsStore';
import type { TeamDirectory } from './ports/teamDirectory';

/** The roles `/instellingen` assigns (begeleider is everyone). */
export const ASSIGNABLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'begeleider'> => r !== 'begeleider');

/** The settings card's choice for "no channel: post in the case thread". */
export const CASE_THREAD = 'thread';

/** How many gebiedsteam rows the settings card offers. */
export const GEBIEDSTEAM_ROWS = 6;

/**
 * Up to this many members a gebiedsteam may get any member as teamleider; in a larger team the
 * card offers (and the save accepts) the team's teamleiders and whoever is mapped already: six
 * rows of the whole roster would not fit a card.
 */
export const GEBIED_ROSTER_MAX = 30;

const ids = z
  .union([z.string().max(4000), z.array(z.string().max(200)).max(100)])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((s) => s.trim()).filter(Boolean));

/** `/instellingen` and `/tafels`: team settings and the tenant calendar, for functioneel beheerders. */
export class TeamAdminService {
  constructor(
    private readonly settings: TeamSettingsStore,
    private readonly calendar: CalendarService,
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
  ) {}

  async current(tenantId: string, teamId: string): Promise<TeamSettings | null> {
    return (await this.settings.get(tenantId, teamId))?.value ?? null;
  }

  async mayConfigure(tenantId: string, teamId: string, actor: Actor): Promise<boolean> {
    return mayConfigure(await this.current(tenantId, teamId), actor.userId);
  }

  async deadLetterCount(tenantId: string): Promise<number> {
    return (await this.outbox.deadLetters(tenantId, 100)).length;
  }

  /**
   * Saves the settings card. Everything is re-checked against the team as Teams reports it now:
   * only members can hold roles, only the team's channels receive notifications. While no
   * functioneel beheerder is set, the first member to save becomes one (unless they chose someone).
   */
  async save(
    tenantId: string,
    teamId: string,
    serviceUrl: string,
    actor: Actor,
    input: Readonly<Record<string, unknown>>,
    team: TeamDirectory,
    /** Only this role, or the gebiedsteams, changes; `null`: everything on the input. */
    section: Role | 'gebieden' | null = null,
  ): Promise<Result<TeamSettings>> {
    const stored = await this.settings.get(tenantId, teamId);
    if (!mayConfigure(stored?.value ?? null, actor.userId)) {
      return err(refuse('wrong_role', 'Alleen een functioneel beheerder van dit team mag de instellingen wijzigen.'));
    }
    // Keyed case-insensitively: the people picker returns AAD object ids, which may differ in case from the roster's.
    const members = new Map(team.members.map((m) => [m.id.toLowerCase(), m] as const));
    const member = (id: string): Member | undefined => members.get(id.toLowerCase());
    const channels = new Map(team.channels.map((c) => [c.channelId, c] as const));
    const fieldErrors: Record<string, string> = {};
    const before = stored?.value ?? null;
    const roleHolders: Partial<Record<Role, Member[]>> = { ...(before?.roleHolders ?? {}) } as Partial<Record<Role, Member[]>>;
    const roleChannels: Partial<Record<Role, ChannelRef>> = { ...(before?.roleChannels ?? {}) };
    for (const role of ASSIGNABLE_ROLES.filter((r) => section === null || section === r)) {
      delete roleChannels[role];
      const chosen = ids.safeParse(input[`rol.${role}`]);
      const list = chosen.success ? chosen.data : [];
      // The people picker can offer anyone in the conversation (or, in other clients, the organisation): only the team's roster counts.
      const outsiders = new Set(list.filter((id) => !member(id)).map((id) => id.toLowerCase())).size;
      if (!chosen.success) fieldErrors[`rol.${role}`] = 'Kies alleen leden van dit team.';
      else if (outsiders > 0) {
        fieldErrors[`rol.${role}`] =
          outsiders === 1
            ? 'Kies alleen leden van dit team: één gekozen persoon is geen lid. Voeg die eerst toe aan het team in Teams, of kies iemand anders.'
            : `Kies alleen leden van dit team: ${outsiders} gekozen personen zijn geen lid. Voeg ze eerst toe aan het team in Teams, of kies iemand anders.`;
      }
      const holders = new Map<string, Member>();
      for (const id of list) {
        const m = member(id);
        if (m) holders.set(m.id, m);
      }
      roleHolders[role] = [...holders.values()];
      const raw = typeof input[`kanaal.${role}`] === 'string' ? (input[`kanaal.${role}`] as string) : '';
      const channel = raw === CASE_THREAD ? '' : raw;
      if (channel && !channels.has(channel)) fieldErrors[`kanaal.${role}`] = 'Kies een kanaal van dit team.';
      else if (channel) roleChannels[role] = channels.get(channel);
    }
    const offeredLeader = (id: string): boolean =>
      members.size <= GEBIED_ROSTER_MAX ||
      (roleHolders.teamleider ?? []).some((m) => m.id === id) ||
      (before?.gebiedsteams ?? []).some((g) => g.teamleider.id === id);
    const gebiedsteams: { name: string; teamleider: Member }[] =
      section === null || section === 'gebieden' ? [] : [...(before?.gebiedsteams ?? [])];
    for (let i = 1; i <= (section === null || section === 'gebieden' ? GEBIEDSTEAM_ROWS : 0); i++) {
      const name = typeof input[`gebied.${i}.naam`] === 'string' ? (input[`gebied.${i}.naam`] as string).trim() : '';
      const leader = typeof input[`gebied.${i}.teamleider`] === 'string' ? (input[`gebied.${i}.teamleider`] as string) : '';
      if (!name && !leader) continue;
      if (!/^[\p{L}\d][\p{L}\d '’-]{0,59}$/u.test(name))
        fieldErrors[`gebied.${i}.naam`] = 'Vul de naam van het gebiedsteam in (max. 60 tekens).';
      else if (!member(leader) || !offeredLeader((member(leader) as Member).id))
        fieldErrors[`gebied.${i}.teamleider`] = 'Kies de teamleider van dit gebiedsteam.';
      else gebiedsteams.push({ name, teamleider: member(leader) as Member });
    }
    if (Object.keys(fieldErrors).length) return err(refuse('invalid_input', 'Controleer de gemarkeerde velden.', fieldErrors));
    if ((roleHolders.functioneel_beheerder ?? []).length === 0) {
      const self = member(actor.userId) ?? { id: actor.userId, name: actor.name };
      roleHolders.functioneel_beheerder = [self];
    }
    const now = this.clock.now();
    const next: TeamSettings = {
      ...(stored?.value ?? emptySettings(tenantId, teamId, serviceUrl, now)),
      serviceUrl,
      roleHolders,
      roleChannels,
      gebiedsteams,
      updatedAt: now.toISOString(),
      updatedBy: actor.userId,
    };
    if (!(await this.settings.save(next, stored?.etag ?? null))) {
      return err(refuse('stale_version', 'Iemand anders heeft de instellingen net gewijzigd. Open /instellingen opnieuw.'));
    }
    return ok(next);
  }

  async tables(tenantId: string): Promise<readonly RegionalTable[]> {
    return this.calendar.tablesFor(tenantId);
  }

  /** The calendar's editors (kalenderbeheerders); none until the first one changes it. */
  async calendarEditors(tenantId: string): Promise<readonly Member[]> {
    return (await this.calendar.read(tenantId)).editors;
  }

  /** Whether this user may change the organisation's calendar (see {@link mayEditCalendar}). */
  async mayEditCalendar(tenantId: string, teamId: string, actor: Actor): Promise<Result<true>> {
    const editors = await this.calendarEditors(tenantId);
    return mayEditCalendar(editors, rolesIn(await this.current(tenantId, teamId), actor.userId), actor);
  }

  /** Adds a table; kalenderbeheerders only. Refuses a table that has been already, and one that is in the calendar already (same region and meeting). */
  async addTable(
    tenantId: string,
    teamId: string,
    actor: Actor,
    input: { region: string; deadline: string; meeting: string },
  ): Promise<Result<readonly RegionalTable[]>> {
    const allowed = await this.claimCalendar(tenantId, teamId, actor);
    if (!allowed.ok) return allowed;
    const t = tableFromInput(input);
    if (!t.ok) return err(refuse('invalid_input', 'Controleer de gemarkeerde velden.', t.error));
    if (t.value.meeting < amsterdamDate(this.clock.now())) {
      return err(
        refuse('invalid_input', 'Controleer de gemarkeerde velden.', {
          overlegdatum: 'Deze tafel is al geweest; voeg alleen komende tafels toe.',
        }),
      );
    }
    const same = (await this.calendar.tablesFor(tenantId)).find((x) => x.id === t.value.id);
    if (same) {
      return err(
        refuse('invalid_input', 'Controleer de gemarkeerde velden.', {
          overlegdatum: `Er staat al een tafel ${same.region} op ${formatDutchDate(same.meeting)} (inleveren uiterlijk ${formatDutchDate(same.deadline)}). Verwijder die eerst als de inleverdatum anders is.`,
        }),
      );
    }
    const added = await this.calendar.add(tenantId, [t.value]);
    if (added.length === 0)
      return err(
        refuse('invalid_input', 'Controleer de gemarkeerde velden.', {
          overlegdatum: 'Deze tafel is net door iemand anders toegevoegd.',
        }),
      );
    return ok(await this.calendar.tablesFor(tenantId));
  }

  async removeTable(tenantId: string, teamId: string, actor: Actor, id: string): Promise<Result<readonly RegionalTable[]>> {
    const allowed = await this.claimCalendar(tenantId, teamId, actor);
    if (!allowed.ok) return allowed;
    if (!removableTables(await this.calendar.tablesFor(tenantId), this.clock.now()).some((t) => t.id === id)) {
      return err(refuse('invalid_input', 'Kies een tafel uit de lijst.', { tafel: 'Kies een tafel uit de lijst.' }));
    }
    await this.calendar.remove(tenantId, id);
    return ok(await this.calendar.tablesFor(tenantId));
  }

  /**
   * A kalenderbeheerder adds colleagues of their own team (as Teams reports it now) as
   * kalenderbeheerders, or removes others; the calendar always keeps at least one.
   */
  async changeCalendarEditors(
    tenantId: string,
    teamId: string,
    actor: Actor,
    input: { add: unknown; remove: unknown },
    team: TeamDirectory,
  ): Promise<Result<readonly Member[]>> {
    const allowed = await this.claimCalendar(tenantId, teamId, actor);
    if (!allowed.ok) return allowed;
    const add = ids.safeParse(input.add);
    const remove = ids.safeParse(input.remove);
    const members = new Map(team.members.map((m) => [m.id, m] as const));
    if (!add.success || add.data.some((id) => !members.has(id))) {
      return err(refuse('invalid_input', 'Controleer de gemarkeerde velden.', { toevoegen: 'Kies alleen leden van dit team.' }));
    }
    if (!remove.success) return err(refuse('invalid_input', 'Controleer de gemarkeerde velden.', { verwijderen: 'Kies uit de lijst.' }));
    let refused: Refusal | null = null;
    const next = await this.calendar.updateEditors(tenantId, (current) => {
      refused = null;
      const kept = current.filter((m) => !remove.data.includes(m.id));
      const added = add.data.filter((id) => !kept.some((m) => m.id === id)).map((id) => members.get(id) as Member);
      const result = [...kept, ...added];
      if (result.length === 0) {
        refused = refuse('invalid_input', 'Controleer de gemarkeerde velden.', {
          verwijderen: 'De kalender houdt minstens één kalenderbeheerder.',
        });
        return current;
      }
      return result;
    });
    return refused ? err(refused) : ok(next);
  }

  /**
   * The check before a calendar change. While the calendar has no editors (a new organisation), a
   * functioneel beheerder who changes it becomes its first kalenderbeheerder, and only one can.
   */
  private async claimCalendar(tenantId: string, teamId: string, actor: Actor): Promise<Result<true>> {
    const allowed = await this.mayEditCalendar(tenantId, teamId, actor);
    if (!allowed.ok) return allowed;
    const editors = await this.calendarEditors(tenantId);
    if (editors.some((m) => m.id === actor.userId)) return allowed;
    // As the team's settings name them (the roster's name), else as the activity does.
    const known = ((await this.current(tenantId, teamId))?.roleHolders.functioneel_beheerder ?? []).find((m) => m.id === actor.userId);
    const me: Member = known ?? { id: actor.userId, name: actor.name, ...(actor.mri ? { mri: actor.mri } : {}) };
    const after = await this.calendar.updateEditors(tenantId, (current) => (current.length ? current : [me]));
    return mayEditCalendar(after, [], actor);
  }
}

/**
 * Who may change the organisation's calendar, which every team sees: a kalenderbeheerder named on
 * the calendar. While there is none, a functioneel beheerder of a team (who becomes the first).
 */
const mayEditCalendar = (editors: readonly Member[], teamRoles: readonly Role[], actor: Actor): Result<true> => {
  if (editors.some((m) => m.id === actor.userId)) return ok(true);
  if (editors.length === 0 && teamRoles.includes('functioneel_beheerder')) return ok(true);
  const names = editors.slice(0, 3).map((m) => m.name);
  const who = editors.length > 3 ? `${names.join(', ')} en ${editors.length - 3} anderen` : names.join(', ');
  return err(
    refuse(
      'wrong_role',
      editors.length === 0
        ? 'Alleen een kalenderbeheerder mag de tafelkalender wijzigen; die geldt voor alle teams van de organisatie. Er is er nog geen: de eerste functioneel beheerder die een tafel toevoegt of verwijdert, wordt het. Vraag het je functioneel beheerder.'
        : `Alleen een kalenderbeheerder mag de tafelkalender wijzigen; die geldt voor alle teams van de organisatie. ${editors.length === 1 ? 'Kalenderbeheerder' : 'Kalenderbeheerders'}: ${who}. Vraag het ${editors.length === 1 ? 'die persoon' : 'een van hen'}.`,
    ),
  );
};
