import { type Actor, type Case, type Role, awaitingRole } from '../domain';
import type { Member, TeamSettings } from './teamSettings';

/** Who a case waits on: the role, the people holding it, and for Siem step 3 the gebiedsteam. */
export interface WaitingOn {
  readonly role: Role;
  /** Role holders from `/instellingen` (for Siem step 3 the gebiedsteam's teamleider); empty for begeleider steps or when nobody is set. */
  readonly people: readonly Member[];
  /** The gebiedsteam whose teamleider is meant, or `null`. */
  readonly area: string | null;
}

/** The gebiedsteam the signal named, if the team's settings map it to a teamleider. */
const gebiedsteamOf = (c: Case, settings: TeamSettings | null): TeamSettings['gebiedsteams'][number] | null => {
  const name = c.steps.stap1_signaal?.gebiedsteam;
  return typeof name === 'string' ? (settings?.gebiedsteams.find((g) => g.name === name) ?? null) : null;
};

/**
 * Who must act next on a case, by the team's settings; `null` for a closed case. Begeleider steps
 * wait on the team as a whole (anyone may act), so they name nobody. At the teamleider steps of
 * route Bijstellen the teamleider of the client's gebiedsteam is the one to approach (the seed).
 */
export const waitingOn = (c: Case, settings: TeamSettings | null): WaitingOn | null => {
  const role = awaitingRole(c);
  if (!role) return null;
  return role === 'begeleider' ? { role, people: [], area: null } : holdersOf(c, role, settings);
};

/** Who holds `role` for this case: for the teamleider, the one of the client's gebiedsteam when the settings map it. */
export const holdersOf = (c: Case, role: Exclude<Role, 'begeleider'>, settings: TeamSettings | null): WaitingOn => {
  const area = role === 'teamleider' ? gebiedsteamOf(c, settings) : null;
  return { role, people: area ? [area.teamleider] : (settings?.roleHolders[role] ?? []), area: area?.name ?? null };
};

/** Teams allows automatic refresh of user-specific views for at most 60 users. */
const REFRESH_MAX_USERS = 60;

/**
 * The users whose view of the status card refreshes by itself into their step form (Universal
 * Actions `refresh.userIds`, Teams channel user ids): the people the case waits on, or for a
 * begeleider step the case's owner. Empty when more than Teams allows (they press the button).
 */
export const refreshUsers = (c: Case, waiting: WaitingOn | null): readonly string[] => {
  if (!waiting) return [];
  const ids = waiting.role === 'begeleider' ? (c.ownerMri ? [c.ownerMri] : []) : waiting.people.map((m) => m.mri ?? m.id);
  const unique = [...new Set(ids)];
  return unique.length <= REFRESH_MAX_USERS ? unique : [];
};

/**
 * The actor as they act on this case. The teamleider of the client's gebiedsteam (Siem step 3 and
 * after) may take the teamleider's steps of this case even without the team-wide teamleider role:
 * the case waits on them. Another teamleider may stand in; their name then says for whom.
 */
export const actingOn = (c: Case, actor: Actor, settings: TeamSettings | null): Actor => {
  const waiting = waitingOn(c, settings);
  if (!waiting?.area || waiting.role !== 'teamleider') return actor;
  const meant = waiting.people[0];
  if (!meant) return actor;
  if (meant.id === actor.userId) return actor.roles.includes('teamleider') ? actor : { ...actor, roles: [...actor.roles, 'teamleider'] };
  return actor.roles.includes('teamleider') ? { ...actor, name: `${actor.name} (voor ${meant.name}, gebiedsteam ${waiting.area})` } : actor;
};
