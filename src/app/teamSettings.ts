import { ROLES, type Role } from '../domain';

/** A team member as settings refer to them: AAD object id (or channel user id) and display name. */
export interface Member {
  readonly id: string;
  readonly name: string;
  /** Teams channel user id (MRI, `29:…`) when the roster gave one: for `refresh.userIds`. */
  readonly mri?: string;
}

/** A team channel that receives a role's notifications. */
export interface ChannelRef {
  readonly channelId: string;
  readonly name: string;
}

/**
 * Per-team settings from `/instellingen`: who holds which role, which channel receives each role's
 * notifications, and the Siem gebiedsteam → teamleider mapping.
 */
export interface TeamSettings {
  readonly tenantId: string;
  readonly teamId: string;
  /** Bot Framework service URL of the team, for proactive notifications. */
  readonly serviceUrl: string;
  readonly roleHolders: Readonly<Partial<Record<Role, readonly Member[]>>>;
  readonly roleChannels: Readonly<Partial<Record<Role, ChannelRef>>>;
  readonly gebiedsteams: readonly { readonly name: string; readonly teamleider: Member }[];
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export const emptySettings = (tenantId: string, teamId: string, serviceUrl: string, now: Date): TeamSettings => ({
  tenantId,
  teamId,
  serviceUrl,
  roleHolders: {},
  roleChannels: {},
  gebiedsteams: [],
  updatedAt: now.toISOString(),
  updatedBy: '',
});

/** The roles a user holds in a team according to its settings (begeleider is implied). */
export const rolesIn = (settings: TeamSettings | null, userId: string): Role[] =>
  settings ? ROLES.filter((r) => r !== 'begeleider' && (settings.roleHolders[r] ?? []).some((m) => m.id === userId)) : [];

/**
 * Who may change the settings: a functioneel beheerder; while none is set, any team member
 * (the first one to save becomes functioneel beheerder unless they choose someone else).
 */
export const mayConfigure = (settings: TeamSettings | null, userId: string): boolean => {
  const admins = settings?.roleHolders.functioneel_beheerder ?? [];
  return admins.length === 0 || admins.some((m) => m.id === userId);
};
