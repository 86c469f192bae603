import {
  ASSIGNABLE_ROLES,
  CASE_THREAD,
  GEBIEDSTEAM_ROWS,
  GEBIED_ROSTER_MAX,
  type Member,
  type TeamDirectory,
  type TeamSettings,
} from '../app';
import { ROLE_LABELS, type RegionalTable, amsterdamDate, deadlinePassed, formatDutchDate, removableTables } from '../domain';
import { inert } from './fieldView';
import type { NoticeStyle } from './format';
import { render } from './templates';

export interface AdminCardState {
  readonly notice?: { readonly text: string; readonly style: NoticeStyle } | null;
  readonly fieldErrors?: Readonly<Record<string, string>>;
  /** Values the user submitted (kept on an invalid submit). */
  readonly values?: Readonly<Record<string, unknown>>;
}

const str = (v: unknown): string =>
  typeof v === 'string' ? inert(v) : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(',') : '';

/** One part of the settings a functioneel beheerder edits at a time: a role, or the gebiedsteams. */
export type SettingsSection = Exclude<(typeof ASSIGNABLE_ROLES)[number], never> | 'gebieden';

/**
 * The `/instellingen` editor for one section (a role's holders and channel, or the gebiedsteams),
 * each its own card so that even a large team's roster fits Teams' message limit: one member list
 * per card. Submit saves only that section.
 */
export const settingsCard = (
  teamId: string,
  teamName: string,
  settings: TeamSettings | null,
  team: TeamDirectory,
  deadLetters: number,
  state: AdminCardState = {},
  section: SettingsSection = 'teamleider',
): Record<string, unknown> => {
  const errors = state.fieldErrors ?? {};
  const values = state.values;
  const members = team.members.map((m) => ({ id: m.id, name: inert(m.name) }));
  const channels = [
    { id: CASE_THREAD, name: 'In de thread van de casus' },
    ...team.channels.map((c) => ({ id: c.channelId, name: inert(c.name) })),
  ];
  const roles = ASSIGNABLE_ROLES.filter((role) => role === section).map((role) => {
    const holdersId = `rol.${role}`;
    const channelId = `kanaal.${role}`;
    return {
      label: ROLE_LABELS[role],
      holdersId,
      holders: values ? str(values[holdersId]) : (settings?.roleHolders[role] ?? []).map((m) => m.id).join(','),
      members,
      hasHoldersError: Boolean(errors[holdersId]),
      holdersError: errors[holdersId] ?? '',
      channelId,
      channel: values ? str(values[channelId]) : (settings?.roleChannels[role]?.channelId ?? CASE_THREAD),
      channels,
      hasChannelError: Boolean(errors[channelId]),
      channelError: errors[channelId] ?? '',
    };
  });
  // Anyone in the team may be a gebiedsteam's teamleider (they may then act on its cases); the list says who holds the role.
  const teamleiders = new Set((settings?.roleHolders.teamleider ?? []).map((m) => m.id));
  const mapped = new Set((settings?.gebiedsteams ?? []).map((g) => g.teamleider.id));
  const large = members.length > GEBIED_ROSTER_MAX;
  const leaderChoices = members
    .filter((m) => !large || teamleiders.has(m.id) || mapped.has(m.id))
    .map((m) => (teamleiders.has(m.id) ? m : { ...m, name: `${m.name} (nog geen teamleider)` }));
  const gebieden = Array.from({ length: section === 'gebieden' ? GEBIEDSTEAM_ROWS : 0 }, (_, i) => {
    const n = i + 1;
    const saved = settings?.gebiedsteams[i];
    const error = errors[`gebied.${n}.naam`] ?? errors[`gebied.${n}.teamleider`] ?? '';
    return {
      nameId: `gebied.${n}.naam`,
      name: values ? str(values[`gebied.${n}.naam`]) : inert(saved?.name ?? ''),
      leaderId: `gebied.${n}.teamleider`,
      leader: values ? str(values[`gebied.${n}.teamleider`]) : (saved?.teamleider.id ?? ''),
      members: leaderChoices,
      hasError: Boolean(error),
      error,
    };
  });
  return render('settings', {
    teamId,
    teamName: inert(teamName),
    intro:
      'Kies wie welke rol heeft en in welk kanaal die rol meldingen krijgt. Alleen de functioneel beheerder kan dit wijzigen; zolang er geen is, wordt wie als eerste opslaat functioneel beheerder.',
    hasNotice: Boolean(state.notice),
    notice: state.notice?.text ?? '',
    noticeStyle: state.notice?.style ?? 'default',
    roles,
    gebieden,
    hasGebieden: gebieden.length > 0,
    gebiedenHint: large
      ? 'Kies uit de teamleiders van het team. Staat de juiste er niet bij? Geef die eerst de rol teamleider.'
      : 'Iedereen in het team kan teamleider van een gebiedsteam zijn; die kan dan de stappen van de teamleider zetten voor de casussen van dat gebied.',
    actions: [
      {
        type: 'Action.Execute',
        title: 'Opslaan',
        verb: 'instellingen.opslaan',
        style: 'positive',
        associatedInputs: 'auto',
        data: { teamId, sectie: section },
      },
      { type: 'Action.Execute', title: 'Annuleren', verb: 'instellingen.openen', associatedInputs: 'none', data: { teamId } },
    ],
    hasDeadLetters: deadLetters > 0,
    deadLetters: `Let op: ${deadLetters} melding(en) konden niet worden afgeleverd (bijvoorbeeld omdat de bot uit een kanaal is verwijderd). Controleer de meldingskanalen.`,
  });
};

/**
 * The `/instellingen` summary: who holds which role and where notifications go. In the channel with
 * one button to edit; with `editing` (a functioneel beheerder's own view) a button per section.
 */
export const settingsSummaryCard = (
  teamId: string,
  teamName: string,
  settings: TeamSettings | null,
  editing: { readonly notice?: AdminCardState['notice'] } | null = null,
): Record<string, unknown> => {
  const facts = ASSIGNABLE_ROLES.map((role) => {
    const holders = (settings?.roleHolders[role] ?? []).map((m) => inert(m.name)).join(', ') || 'nog niemand';
    const channel = settings?.roleChannels[role];
    return { title: ROLE_LABELS[role], value: channel ? `${holders} · meldingen in ${inert(channel.name)}` : holders };
  });
  const gebieden = (settings?.gebiedsteams ?? []).map((g) => `${inert(g.name)}: ${inert(g.teamleider.name)}`).join('; ');
  return render('settingsSummary', {
    teamId,
    teamName: inert(teamName),
    intro: settings
      ? 'Rollen en meldingskanalen van dit team. Alleen de functioneel beheerder kan ze wijzigen.'
      : 'Er zijn nog geen rollen ingesteld. Het eerste teamlid dat ze opslaat, wordt functioneel beheerder.',
    facts: [...facts, { title: 'Gebiedsteams', value: gebieden || 'nog geen' }],
    hasNotice: Boolean(editing?.notice),
    notice: editing?.notice?.text ?? '',
    noticeStyle: editing?.notice?.style ?? 'default',
    actions: editing
      ? [
          ...ASSIGNABLE_ROLES.map((role) => ({
            type: 'Action.Execute',
            title: `${ROLE_LABELS[role]} wijzigen`,
            verb: 'instellingen.sectie',
            associatedInputs: 'none',
            data: { teamId, sectie: role },
          })),
          {
            type: 'Action.Execute',
            title: 'Gebiedsteams wijzigen',
            verb: 'instellingen.sectie',
            associatedInputs: 'none',
            data: { teamId, sectie: 'gebieden' },
          },
        ]
      : [
          {
            type: 'Action.Execute',
            title: 'Wijzigen (functioneel beheerder)',
            verb: 'instellingen.openen',
            associatedInputs: 'none',
            data: { teamId },
          },
        ],
  });
};

/** Upcoming tables shown per region: the card stays within Teams' limits. */
const TABLES_SHOWN_PER_REGION = 6;

/** Who maintains the organisation's calendar, for the `/tafels` card; with `roster` (an editor's own view) the form to change them. */
export interface CalendarEditorsView {
  readonly editors: readonly Member[];
  /** This team's members as Teams reports them now: whom an editor can add. */
  readonly roster?: readonly Member[];
  /** The viewing editor (not offered for removal). */
  readonly self?: string;
}

/** How many names the card lists (the rest as "en N anderen"). */
const EDITOR_NAMES = 3;

/** The `/tafels` card: upcoming tables per region; for a kalenderbeheerder also add/remove forms. */
export const tablesCard = (
  tables: readonly RegionalTable[],
  now: Date,
  canEdit: boolean,
  state: AdminCardState = {},
  editors: CalendarEditorsView | null = null,
): Record<string, unknown> => {
  // "Today" in Amsterdam: between 00:00 and 02:00 the UTC date is still yesterday.
  const today = amsterdamDate(now);
  const upcoming = tables.filter((t) => t.meeting >= today).sort((a, b) => a.meeting.localeCompare(b.meeting));
  const regions = [...new Set(upcoming.map((t) => t.region))].sort().map((region) => {
    const all = upcoming.filter((t) => t.region === region);
    const more = all.length - TABLES_SHOWN_PER_REGION;
    return {
      region: more > 0 ? `${region} (nog ${more} latere ${more === 1 ? 'tafel' : 'tafels'} in de kalender)` : region,
      tables: all.slice(0, TABLES_SHOWN_PER_REGION).map((t) => ({
        title: formatDutchDate(t.meeting),
        value: deadlinePassed(t, now)
          ? `inleverdatum ${formatDutchDate(t.deadline)} is verstreken`
          : `inleveren uiterlijk ${formatDutchDate(t.deadline)}`,
      })),
    };
  });
  const removable = removableTables(tables, now);
  const errors = state.fieldErrors ?? {};
  const v = (k: string) => str(state.values?.[k]);
  const errorBlock = (k: string) =>
    errors[k] ? [{ type: 'TextBlock', text: errors[k], color: 'Attention', size: 'Small', wrap: true, spacing: 'None' }] : [];
  const actions: Record<string, unknown>[] = canEdit
    ? [
        {
          type: 'Action.ShowCard',
          title: 'Tafel toevoegen',
          card: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              {
                type: 'Input.Text',
                id: 'tafel.toevoegen.regio',
                label: 'Regio',
                maxLength: 40,
                placeholder: 'bijv. Twente',
                value: v('regio'),
              },
              ...errorBlock('regio'),
              { type: 'Input.Date', id: 'tafel.toevoegen.inleverdatum', label: 'Uiterlijke inleverdatum', value: v('inleverdatum') },
              ...errorBlock('inleverdatum'),
              { type: 'Input.Date', id: 'tafel.toevoegen.overlegdatum', label: 'Datum overleg', value: v('overlegdatum') },
              ...errorBlock('overlegdatum'),
            ],
            actions: [{ type: 'Action.Execute', title: 'Toevoegen', verb: 'tafel.toevoegen', style: 'positive', data: {} }],
          },
        },
        ...(removable.length
          ? [
              {
                type: 'Action.ShowCard',
                title: 'Tafel verwijderen',
                card: {
                  type: 'AdaptiveCard',
                  version: '1.5',
                  body: [
                    {
                      type: 'Input.ChoiceSet',
                      id: 'tafel.verwijderen.tafel',
                      label: 'Welke tafel?',
                      style: 'compact',
                      choices: removable.map((t) => ({ title: `${inert(t.region)}, ${formatDutchDate(t.meeting)}`, value: t.id })),
                    },
                    ...errorBlock('tafel'),
                  ],
                  actions: [{ type: 'Action.Execute', title: 'Verwijderen', verb: 'tafel.verwijderen', style: 'destructive', data: {} }],
                },
              },
            ]
          : []),
      ]
    : [];
  const roster = editors?.roster;
  if (canEdit && editors && roster) {
    const addable = roster.filter((m) => !editors.editors.some((e) => e.id === m.id));
    const removable = editors.editors.filter((m) => m.id !== editors.self);
    actions.push({
      type: 'Action.ShowCard',
      title: 'Kalenderbeheerders',
      card: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          {
            type: 'TextBlock',
            text: "Kalenderbeheerders wijzigen de kalender voor alle teams van de organisatie. Voeg collega's uit dit team toe.",
            wrap: true,
            size: 'Small',
          },
          ...(addable.length
            ? [
                {
                  type: 'Input.ChoiceSet',
                  id: 'kalender.beheerders.toevoegen',
                  label: 'Toevoegen',
                  style: 'filtered',
                  isMultiSelect: true,
                  choices: addable.map((m) => ({ title: inert(m.name), value: m.id })),
                },
              ]
            : []),
          ...errorBlock('toevoegen'),
          ...(removable.length
            ? [
                {
                  type: 'Input.ChoiceSet',
                  id: 'kalender.beheerders.verwijderen',
                  label: 'Verwijderen',
                  style: 'compact',
                  isMultiSelect: true,
                  choices: removable.map((m) => ({ title: inert(m.name), value: m.id })),
                },
              ]
            : []),
          ...errorBlock('verwijderen'),
        ],
        actions: [{ type: 'Action.Execute', title: 'Opslaan', verb: 'kalender.beheerders', style: 'positive', data: {} }],
      },
    });
  }
  const manage = canEdit
    ? []
    : [
        {
          type: 'Action.Execute',
          title: 'Kalender beheren (kalenderbeheerder)',
          verb: 'tafels.beheren',
          associatedInputs: 'none',
          data: {},
        },
      ];
  const names = (editors?.editors ?? []).slice(0, EDITOR_NAMES).map((m) => inert(m.name));
  const more = (editors?.editors.length ?? 0) - names.length;
  return render('tables', {
    editorsLine: editors
      ? names.length
        ? `Kalenderbeheerder${names.length + more > 1 ? 's' : ''} (voor alle teams): ${names.join(', ')}${more > 0 ? ` en ${more} anderen` : ''}.`
        : 'Nog geen kalenderbeheerder: de eerste functioneel beheerder die de kalender wijzigt, wordt het.'
      : '',
    hasEditorsLine: Boolean(editors),
    hasNotice: Boolean(state.notice),
    notice: state.notice?.text ?? '',
    noticeStyle: state.notice?.style ?? 'default',
    regions,
    isEmpty: regions.length === 0,
    actions: [...actions, ...manage],
  });
};
