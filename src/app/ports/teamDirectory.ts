import type { ChannelRef, Member } from '../teamSettings';

/** The team as Teams reports it when the card is shown or saved (roster and channels). */
export interface TeamDirectory {
  readonly members: readonly Member[];
  readonly channels: readonly ChannelRef[];
}
