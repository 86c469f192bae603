import type { Refusal, RefusalCode } from '../domain';
import { type Notice, messageCard } from '../cards';

/**
 * The title of the message card that answers a refusal when no form or status card can carry it.
 * Total over {@link RefusalCode}: a new code does not compile until it has a title here (and an
 * HTTP status in src/http/refusals.ts).
 */
const TITLES: Readonly<Record<RefusalCode, string>> = {
  wrong_role: 'Niet toegestaan',
  wrong_card: 'Niet toegestaan',
  forbidden: 'Niet toegestaan',
  not_member: 'Niet toegestaan',
  other_tenant: 'Niet toegestaan',
  not_signed_in: 'Niet aangemeld',
  invalid_token: 'Niet aangemeld',
  sign_in_required: 'Niet aangemeld',
  not_found: 'Niet gevonden',
  expired: 'Niet meer beschikbaar',
  wrong_step: 'Kaart verouderd',
  stale_version: 'Kaart verouderd',
  invalid_input: 'Controleer je invoer',
  privacy: 'Controleer je invoer',
  conditions_not_met: 'Nog niet mogelijk',
  deadline_passed: 'Nog niet mogelijk',
  crisis: 'Nog niet mogelijk',
  closed: 'Casus afgerond',
  unknown_action: 'Onbekende actie',
  unavailable: 'Even niet beschikbaar',
};

/** The refusal's message and what it means for the user's input: nothing saved (field errors) or nothing changed. */
const refusalText = (r: Refusal): string =>
  r.fieldErrors && Object.keys(r.fieldErrors).length ? `${r.message} Er is niets opgeslagen.` : `${r.message} Er is niets gewijzigd.`;

/** The refusal as a notice on the card the user gets back (a form, the status card, an admin card). */
export const refusalNotice = (r: Refusal): Notice => ({ text: refusalText(r), style: 'attention' });

/** The refusal as a card of its own, when there is nothing (left) for the user to see of the case or setting. */
export const refusalCard = (r: Refusal): Record<string, unknown> => messageCard(TITLES[r.code], r.message, 'attention');

/** Same, for a change that was asked for: says that nothing changed. */
export const refusedChangeCard = (r: Refusal): Record<string, unknown> => messageCard(TITLES[r.code], refusalText(r), 'attention');
