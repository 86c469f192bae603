/** What Teams told about the bot's membership of a team: removed (stop sending) or back (resume). */
export interface TeamPresenceStore {
  /** Marks the team's channels (`conversations`: channel ids, the team id for General) as removed. */
  markRemoved(tenantId: string, teamId: string, conversations: readonly string[], at: Date): Promise<void>;
  /** The bot is back in the team: its channels receive messages again. */
  clearRemoved(tenantId: string, teamId: string): Promise<void>;
}
