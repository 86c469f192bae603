import type { Case, CaseEvent, RegionalTable, Reminder } from '../../domain';
import type { WaitingOn } from '../waitingOn';
import type { OutboundActivity } from './outbox';

/** What the status card shows besides the case: the calendar (for table dates), the moment, who must act. */
export interface StatusView {
  readonly tables: readonly RegionalTable[];
  readonly now: Date;
  readonly waiting: WaitingOn | null;
  /** Absolute URL (ending in `/`) under which the bot serves the progress pictures; without it cards carry them as data. */
  readonly imageBase?: string;
  /**
   * The case's reminders after `now` (`caseReminders`), when the caller has them already: a
   * transition writes them to the reminder index and the card shows the first. Absent: the card
   * computes them.
   */
  readonly reminders?: readonly Reminder[];
}

/** Channel-visible renderings the use cases put in the outbox (implemented by the cards layer). */
export interface ChannelViews {
  /**
   * The status card, the same for everyone in the channel: no inputs and never free text; ≤ 8 KB
   * of JSON whatever the size of the calendar or the team.
   */
  statusCard(c: Case, view: StatusView): OutboundActivity;
  /** One short timeline line for the case thread; `actorName` is the colleague who acted. */
  timeline(c: Case, event: CaseEvent, actorName: string): OutboundActivity;
}
