import type { Case, Reminder } from '../domain';
import type { Notice } from './ports';
import type { Member, TeamSettings } from './teamSettings';
import { holdersOf } from './waitingOn';

/**
 * Who a reminder @mentions: for a begeleider step the colleague who opened the case (anyone in the
 * team may act; the owner is asked), else the role's holders as an escalation names them (for the
 * teamleider, the one of the client's gebiedsteam when the settings map it).
 */
export const reminderHolders = (c: Case, role: Reminder['role'], settings: TeamSettings | null): readonly Member[] => {
  if (role !== 'begeleider') return holdersOf(c, role, settings).people;
  return c.ownerName ? [{ id: c.ownerMri ?? c.ownerId, name: c.ownerName }] : [];
};

/** The notice of a due reminder for the case's thread (rendered by the cards layer). */
export const reminderNotice = (c: Case, reminder: Reminder, settings: TeamSettings | null): Notice => ({
  case: c,
  role: reminder.role,
  holders: reminderHolders(c, reminder.role, settings),
  due: null,
  title: `Herinnering casus ${c.id}`,
  kind: 'reminder',
  message: reminder.message,
});
