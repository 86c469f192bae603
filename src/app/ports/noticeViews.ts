import type { Case, Role } from '../../domain';
import type { Member } from '../teamSettings';
import type { OutboundActivity } from './outbox';

/** A channel notification about a case, with @mentions of the role holders. */
export interface Notice {
  readonly case: Case;
  readonly role: Role;
  readonly holders: readonly Member[];
  /** Dutch date by which the step should be done, if the process has one. */
  readonly due: string | null;
  readonly title: string;
  /** `crisis`: a crisis was reported; the teamleider (and on route Bijstellen the sleutelfiguur) is told, nothing is asked. */
  readonly kind: 'escalation' | 'reminder' | 'crisis';
  /** The reminder text (channel-safe: dates and tables only). */
  readonly message?: string;
}

/** Renders notices (implemented by the cards layer). */
export interface NoticeViews {
  notice(n: Notice): OutboundActivity;
}
