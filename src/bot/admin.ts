import { TeamsInfo, type TurnContext } from 'botbuilder';
import { ASSIGNABLE_ROLES, type Clock, type TeamAdminService, type TeamDirectory } from '../app';
import { type AdminCardState, type SettingsSection, messageCard, settingsCard, settingsSummaryCard, tablesCard } from '../cards';
import { type RoleDirectory, type ChannelPlace, actorOf, plainName } from './context';
import { refusalNotice, refusedChangeCard } from './refusals';

/** Verbs of the admin cards; they carry no case id. */
export const ADMIN_VERBS: ReadonlySet<string> = new Set([
  'instellingen.openen',
  'instellingen.sectie',
  'instellingen.opslaan',
  'tafels.beheren',
  'tafel.toevoegen',
  'tafel.verwijderen',
  'kalender.beheerders',
]);

const SECTIONS: readonly SettingsSection[] = [...ASSIGNABLE_ROLES, 'gebieden'];
/** The section a settings action names, or `null` (an unknown one is refused). */
const sectionOf = (v: unknown): SettingsSection | null => ((SECTIONS as readonly unknown[]).includes(v) ? (v as SettingsSection) : null);

const inputs = (prefix: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
};

/** `/instellingen` and `/tafels`: the cards and their actions. */
export class AdminHandlers {
  constructor(
    private readonly admin: TeamAdminService,
    private readonly directory: RoleDirectory,
    private readonly clock: Clock,
  ) {}

  /** The team's roster and channels, as Teams reports them now. */
  async team(context: TurnContext, teamId: string): Promise<TeamDirectory & { name: string }> {
    const members: { id: string; name: string; mri?: string }[] = [];
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 500, token);
      for (const m of page.members)
        members.push({ id: m.aadObjectId ?? m.id, name: plainName(m.name ?? m.email ?? m.id), ...(m.id ? { mri: m.id } : {}) });
      token = page.continuationToken;
    } while (token);
    const channels = (await TeamsInfo.getTeamChannels(context, teamId)).map((c) => ({ channelId: c.id ?? '', name: c.name ?? 'Algemeen' }));
    const details = await TeamsInfo.getTeamDetails(context, teamId).catch(() => null);
    members.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    return { members, channels: channels.filter((c) => c.channelId), name: details?.name ?? 'dit team' };
  }

  /** The editor of one section (a role, or the gebiedsteams). */
  async settingsCard(
    context: TurnContext,
    place: ChannelPlace,
    section: SettingsSection,
    state: AdminCardState = {},
  ): Promise<Record<string, unknown>> {
    const team = await this.team(context, place.teamId);
    const settings = await this.admin.current(place.tenantId, place.teamId);
    return settingsCard(place.teamId, team.name, settings, team, await this.admin.deadLetterCount(place.tenantId), state, section);
  }

  /** The functioneel beheerder's overview: the summary with a button per section. */
  async settingsOverview(
    context: TurnContext,
    place: ChannelPlace,
    notice: AdminCardState['notice'] = null,
  ): Promise<Record<string, unknown>> {
    const details = await TeamsInfo.getTeamDetails(context, place.teamId).catch(() => null);
    return settingsSummaryCard(place.teamId, details?.name ?? 'dit team', await this.admin.current(place.tenantId, place.teamId), {
      notice,
    });
  }

  /** Whether the team has settings yet (a team without any gets the welcome on install). */
  async configured(place: ChannelPlace): Promise<boolean> {
    return (await this.admin.current(place.tenantId, place.teamId)) !== null;
  }

  /** The channel-visible summary; editing opens per user (invoke response) for who may. */
  async settingsSummary(context: TurnContext, place: ChannelPlace): Promise<Record<string, unknown>> {
    const details = await TeamsInfo.getTeamDetails(context, place.teamId).catch(() => null);
    return settingsSummaryCard(place.teamId, details?.name ?? 'dit team', await this.admin.current(place.tenantId, place.teamId));
  }

  /**
   * The tables card with who maintains the calendar; with `edit` (only ever sent to a
   * kalenderbeheerder) the add/remove forms and, given the team's roster, the editors' form.
   */
  async tablesCard(
    place: ChannelPlace,
    edit: boolean,
    state: AdminCardState = {},
    editing?: { context: TurnContext; self: string },
  ): Promise<Record<string, unknown>> {
    const [tables, editors] = await Promise.all([this.admin.tables(place.tenantId), this.admin.calendarEditors(place.tenantId)]);
    const roster = editing ? (await this.team(editing.context, place.teamId)).members : undefined;
    return tablesCard(tables, this.clock.now(), edit, state, { editors, ...(roster ? { roster, self: editing?.self ?? '' } : {}) });
  }

  /** Handles an admin card action; returns the card for the acting user. */
  async execute(
    context: TurnContext,
    place: ChannelPlace,
    verb: string,
    data: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const actor = await actorOf(context.activity, this.directory, place);
    if (verb === 'instellingen.openen' || verb === 'instellingen.sectie') {
      if (!(await this.admin.mayConfigure(place.tenantId, place.teamId, actor))) {
        return messageCard(
          'Niet toegestaan',
          'Alleen een functioneel beheerder van dit team mag de instellingen wijzigen. Vraag het je functioneel beheerder.',
          'attention',
        );
      }
      const section = sectionOf(data['sectie']);
      return verb === 'instellingen.sectie' && section ? this.settingsCard(context, place, section) : this.settingsOverview(context, place);
    }
    const editing = { context, self: actor.userId };
    if (verb === 'tafels.beheren' || verb === 'tafel.toevoegen' || verb === 'tafel.verwijderen' || verb === 'kalender.beheerders') {
      // The calendar is the organisation's: every team sees it. Checked before reading any input.
      const allowed = await this.admin.mayEditCalendar(place.tenantId, place.teamId, actor);
      if (!allowed.ok) return refusedChangeCard(allowed.error);
    }
    if (verb === 'tafels.beheren') return this.tablesCard(place, true, {}, editing);
    if (verb === 'kalender.beheerders') {
      const values = inputs('kalender.beheerders.', data);
      const r = await this.admin.changeCalendarEditors(
        place.tenantId,
        place.teamId,
        actor,
        { add: values.toevoegen, remove: values.verwijderen },
        await this.team(context, place.teamId),
      );
      return r.ok
        ? this.tablesCard(place, true, { notice: { text: 'Kalenderbeheerders opgeslagen.', style: 'good' } }, editing)
        : this.tablesCard(
            place,
            true,
            {
              notice: refusalNotice(r.error),
              fieldErrors: r.error.fieldErrors ?? {},
            },
            editing,
          );
    }
    if (verb === 'instellingen.opslaan') {
      const team = await this.team(context, place.teamId);
      const values = inputs('', data);
      // A section's card saves only that section; a submit without one (older cards) saves all.
      const section = data['sectie'] === undefined ? null : sectionOf(data['sectie']);
      if (data['sectie'] !== undefined && !section)
        return messageCard('Onbekende actie', 'Deze kaart is niet (meer) geldig. Open /instellingen opnieuw.', 'attention');
      const r = await this.admin.save(place.tenantId, place.teamId, place.serviceUrl, actor, values, team, section);
      if (r.ok) return this.settingsOverview(context, place, { text: 'Instellingen opgeslagen.', style: 'good' });
      return this.settingsCard(context, place, section ?? 'teamleider', {
        notice: refusalNotice(r.error),
        fieldErrors: r.error.fieldErrors ?? {},
        values,
      });
    }
    if (verb === 'tafel.toevoegen') {
      const values = inputs('tafel.toevoegen.', data);
      const str = (k: string) => (typeof values[k] === 'string' ? values[k] : '');
      const r = await this.admin.addTable(place.tenantId, place.teamId, actor, {
        region: str('regio'),
        deadline: str('inleverdatum'),
        meeting: str('overlegdatum'),
      });
      if (!r.ok && r.error.code === 'wrong_role') return refusedChangeCard(r.error);
      return r.ok
        ? this.tablesCard(place, true, { notice: { text: 'Tafel opgeslagen.', style: 'good' } }, editing)
        : this.tablesCard(
            place,
            true,
            {
              notice: refusalNotice(r.error),
              fieldErrors: r.error.fieldErrors ?? {},
              values,
            },
            editing,
          );
    }
    const id = inputs('tafel.verwijderen.', data).tafel;
    const r = await this.admin.removeTable(place.tenantId, place.teamId, actor, typeof id === 'string' ? id : '');
    if (!r.ok && r.error.code === 'wrong_role') return refusedChangeCard(r.error);
    return r.ok
      ? this.tablesCard(place, true, { notice: { text: 'Tafel verwijderd.', style: 'good' } }, editing)
      : this.tablesCard(place, true, { notice: refusalNotice(r.error), fieldErrors: r.error.fieldErrors ?? {} }, editing);
  }
}
