import {
  type Case,
  type CivilDate,
  type RegionalTable,
  type Reminder,
  type Role,
  type RouteId,
  amsterdamDate,
  caseReminders,
  deadlinePassed,
  findTable,
  publicSummary,
} from '../domain';
import { mayReadDetails } from './caseService';
import type { Clock } from './ports';
import { rolesIn } from './teamSettings';
import type { TeamSettingsStore } from './ports/teamSettingsStore';
import type { CaseQueries } from './ports/caseQueries';

/** The next date that matters for a case, with a short Dutch label (no free text). */
export interface NextDeadline {
  readonly date: CivilDate;
  readonly label: string;
}

/**
 * One row of the team overview. By construction it holds no free text and no `clientRef`:
 * only the case id, route, step, who must act, dates and progress numbers.
 */
export interface DashboardRow {
  readonly caseId: string;
  readonly route: RouteId | null;
  readonly routeLabel: string | null;
  readonly state: string;
  readonly stepLabel: string;
  readonly open: boolean;
  readonly awaitingRole: Role | null;
  readonly awaitingLabel: string | null;
  readonly progress: {
    readonly phase: number;
    readonly phases: number;
    readonly phaseLabel: string | null;
    readonly subStep: number | null;
    readonly subSteps: number | null;
    readonly finished: boolean;
  };
  /** Route Zorgkantoor: how many of the seven conditions hold. */
  readonly checklist: { readonly met: number; readonly total: number } | null;
  readonly nextDeadline: NextDeadline | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The signed-in viewer may read this case's details, so the tab offers its dossier (never in development mode). */
  readonly dossier: boolean;
}

export interface DashboardTable {
  readonly id: string;
  readonly region: string;
  readonly deadline: CivilDate;
  readonly meeting: CivilDate;
  /** The submission deadline has passed; the meeting has not. */
  readonly closed: boolean;
}

export interface TeamOverview {
  readonly cases: readonly DashboardRow[];
  /** Regional tables whose meeting is today or later, earliest first. */
  readonly tables: readonly DashboardTable[];
}

const reminderDeadline = (r: Reminder, tables: readonly RegionalTable[]): NextDeadline => {
  const t = r.tableId ? findTable(tables, r.tableId) : null;
  switch (r.kind) {
    case 'adviseur':
    case 'deadline':
      if (t) return { date: t.deadline, label: `Inleveren tafel ${t.region}` };
      break;
    case 'meeting':
      if (t) return { date: t.meeting, label: `Overlegtafel ${t.region}` };
      break;
    case 'outcome':
      return { date: amsterdamDate(r.at), label: 'Uitkomst tafel vastleggen' };
    case 'evaluation':
      return { date: amsterdamDate(r.at), label: 'Evaluatie onplanbare zorg' };
  }
  return { date: amsterdamDate(r.at), label: 'Herinnering' };
};

/** The earliest deadline-like date of the case that is today or later (Amsterdam), or `null`. */
const nextDeadline = (c: Case, now: Date, tables: readonly RegionalTable[]): NextDeadline | null => {
  const today = amsterdamDate(now);
  const dates = caseReminders(c, { now, tables })
    .map((r) => reminderDeadline(r, tables))
    .filter((d) => d.date >= today)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return dates[0] ?? null;
};

/** Maps a case to its overview row; copies fields one by one so nothing else can slip through. */
export const toDashboardRow = (c: Case, now: Date, tables: readonly RegionalTable[], dossier = false): DashboardRow => {
  const s = publicSummary(c, tables);
  const p = s.progress;
  return {
    caseId: c.id,
    route: c.route,
    routeLabel: s.routeLabel,
    state: c.state,
    stepLabel: s.stateLabel,
    open: s.open,
    awaitingRole: s.awaitingRole,
    awaitingLabel: s.awaitingLabel,
    progress: {
      phase: p.phase,
      phases: p.phases,
      phaseLabel: p.phaseLabel,
      subStep: p.subStep,
      subSteps: p.subSteps,
      finished: p.finished,
    },
    checklist: s.checklist ? { met: s.checklist.met, total: s.checklist.total } : null,
    nextDeadline: s.open ? nextDeadline(c, now, tables) : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    dossier,
  };
};

/** Tables whose meeting is today or later (Amsterdam), earliest meeting first. */
export const upcomingTables = (tables: readonly RegionalTable[], now: Date): readonly DashboardTable[] => {
  const today = amsterdamDate(now);
  return tables
    .filter((t) => t.meeting >= today)
    .sort((a, b) => (a.meeting === b.meeting ? a.region.localeCompare(b.region) : a.meeting < b.meeting ? -1 : 1))
    .map((t) => ({ id: t.id, region: t.region, deadline: t.deadline, meeting: t.meeting, closed: deadlinePassed(t, now) }));
};

/** The dashboard use case: a team's cases (open first, newest first) and the upcoming tables. */
export class DashboardService {
  constructor(
    private readonly queries: CaseQueries,
    /** The tenant's regional table calendar (e.g. `CalendarService.tablesFor`). */
    private readonly tables: (tenantId: string) => Promise<readonly RegionalTable[]>,
    private readonly clock: Clock,
    /** With settings, a team that saved `/instellingen` but has no cases yet counts as known. */
    private readonly settings?: Pick<TeamSettingsStore, 'get'>,
  ) {}

  /**
   * The overview of one team. `tenantId` must come from a verified token (or the gated dev mode);
   * rows of another tenant are dropped even if storage returned them. `null` when the bot has no
   * record of the team in this tenant (no case created in it and no team settings saved).
   * With `viewerId` (a verified SSO user), each row says whether that user may download the
   * case's dossier.
   */
  async overview(tenantId: string, teamId: string, viewerId: string | null = null): Promise<TeamOverview | null> {
    const now = this.clock.now();
    const [cases, tables] = await Promise.all([this.queries.listByTeam(tenantId, teamId), this.tables(tenantId)]);
    const roles = viewerId && this.settings ? rolesIn((await this.settings.get(tenantId, teamId))?.value ?? null, viewerId) : [];
    const may = (c: Case): boolean => viewerId !== null && mayReadDetails(c, { userId: viewerId, name: '', roles });
    const rows = cases
      .filter((c) => c.tenantId === tenantId && c.location.teamId === teamId)
      .map((c) => toDashboardRow(c, now, tables, may(c)))
      .sort((a, b) => (a.open !== b.open ? (a.open ? -1 : 1) : b.createdAt.localeCompare(a.createdAt)));
    if (rows.length === 0 && !(this.settings && (await this.settings.get(tenantId, teamId)))) return null;
    return { cases: rows, tables: upcomingTables(tables, now) };
  }
}
