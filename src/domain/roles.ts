/**
 * Roles within one team. Every team member is a `begeleider`; the other roles are assigned
 * per team in `/instellingen`.
 */
export const ROLES = [
  'begeleider',
  'teamleider',
  'gedragsdeskundige',
  'sleutelfiguur',
  'coordinator_verstevigingsteam',
  'functioneel_beheerder',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  begeleider: 'Begeleider',
  teamleider: 'Teamleider',
  gedragsdeskundige: 'Gedragsdeskundige',
  sleutelfiguur: 'Sleutelfiguur',
  coordinator_verstevigingsteam: 'Coördinator verstevigingsteam',
  functioneel_beheerder: 'Functioneel beheerder',
};

/** Who performs an action: a Teams user (AAD object id or channel user id) with their team roles. */
export interface Actor {
  readonly userId: string;
  readonly name: string;
  /** Roles in the case's team; `begeleider` is implied for every member and need not be listed. */
  readonly roles: readonly Role[];
  /** The Teams channel user id (MRI, `29:…`) when known: `refresh.userIds` of user-specific views need it. */
  readonly mri?: string;
}

export const hasRole = (actor: Actor, role: Role): boolean => role === 'begeleider' || actor.roles.includes(role);
