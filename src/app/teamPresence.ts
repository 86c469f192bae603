import type { Clock, Logger, TeamPresenceStore } from './ports';

/**
 * What Teams tells about the bot's place in a team. Removed (conversationUpdate with the bot in
 * `membersRemoved`, or installationUpdate `remove`): nothing more is sent to the team's channels,
 * their messages become dead letters. Added again: they receive messages again.
 */
export class TeamPresence {
  constructor(
    private readonly store: TeamPresenceStore,
    /** The team's channels that Escaleer may post to (those of its cases and role channels). */
    private readonly channelsOf: (tenantId: string, teamId: string) => Promise<readonly string[]>,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Tells the dispatcher to read the presence again. */
    private readonly changed: (tenantId: string) => void,
  ) {}

  async removed(tenantId: string, teamId: string): Promise<void> {
    // The team id is also the id of its General channel.
    const channels = [teamId, ...(await this.channelsOf(tenantId, teamId))];
    await this.store.markRemoved(tenantId, teamId, channels, this.clock.now());
    this.log.warn('Escaleer is uit een team verwijderd: berichten naar zijn kanalen gaan naar de dode brieven', {
      tenantId,
      teamId,
      kanalen: new Set(channels).size,
    });
    this.changed(tenantId);
  }

  async added(tenantId: string, teamId: string): Promise<void> {
    await this.store.clearRemoved(tenantId, teamId);
    this.changed(tenantId);
  }
}
