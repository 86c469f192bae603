/** Whether a user belongs to a team, as Teams reports it (the team roster). */
export interface TeamMembership {
  /** `false` when Teams says no, or the bot cannot ask (it knows no service URL for the team). */
  isMember(tenantId: string, teamId: string, userObjectId: string): Promise<boolean>;
}
