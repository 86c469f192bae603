import { type Case, ROLE_LABELS, ROUTE_LABELS, availableActions, stepOf } from '../domain';
import type { Notice, OutboundActivity } from '../app';
import { cardAttachment } from './format';
import { render } from './templates';

/** A Teams deep link to the case's root card in its channel thread. */
export const caseLink = (c: Case): string => {
  const [channel, thread] = c.location.conversationId.split(';messageid=');
  const message = c.location.rootActivityId ?? thread ?? '';
  const params = new URLSearchParams({ tenantId: c.tenantId, parentMessageId: thread ?? message });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channel ?? c.location.channelId)}/${encodeURIComponent(message)}?${params.toString()}`;
};

/** `<at>Name</at>`; angle brackets in a name could open or close a mention of their own, so they go. */
const mentionText = (m: { readonly name: string }): string => `<at>${m.name.replace(/[<>]/g, '')}</at>`;

export type NoticeInput = Notice;

/**
 * A channel notification with @mentions of the role holders: case id, step, what is asked, by
 * when, and a link to the case thread. No client data beyond the case id.
 */
export const notificationActivity = (n: NoticeInput): OutboundActivity => {
  const c = n.case;
  const step = stepOf(c.state);
  const asked = availableActions(c)
    // The ways out (crisis, withdrawing the case) are on every step: not what is asked.
    .filter((a) => a.verb !== 'crisis.melden' && a.verb !== 'casus.intrekken' && a.roles.includes(n.role))
    .map((a) => a.label);
  const who = n.holders.length
    ? n.holders.map(mentionText).join(', ')
    : n.role === 'begeleider'
      ? 'Team'
      : `De ${ROLE_LABELS[n.role].toLowerCase()} (nog niet ingesteld: gebruik /instellingen)`;
  const card = render('notification', {
    mentions: n.holders.map((m) => ({ type: 'mention', text: mentionText(m), mentioned: { id: m.id, name: m.name.replace(/[<>]/g, '') } })),
    style: n.kind === 'reminder' ? 'emphasis' : 'attention',
    title: n.title,
    greeting:
      n.kind === 'escalation'
        ? `${who}: deze casus wacht op jou.`
        : n.kind === 'crisis'
          ? `${who}: in deze casus is een crisis gemeld. De escalatieroute is gestopt; de crisisafspraken gaan voor.`
          : `${who}: ${n.message ?? ''}`,
    facts: [
      { title: 'Casus', value: c.id },
      { title: 'Route', value: c.route ? ROUTE_LABELS[c.route] : '—' },
      { title: 'Stap', value: step?.label ?? c.state },
      ...(asked.length ? [{ title: 'Gevraagd', value: asked.join('; ') }] : []),
      // A reminder says its date in the text; an escalation asks for the step by its date, or soon.
      ...(n.kind === 'escalation'
        ? [{ title: 'Uiterlijk', value: n.due ?? 'zo snel mogelijk' }]
        : n.due && n.kind === 'reminder'
          ? [{ title: 'Uiterlijk', value: n.due }]
          : []),
    ],
    footer:
      n.kind === 'crisis'
        ? 'Open de casus in het kanaal voor de stand. Details staan alleen in de casus, niet in deze melding.'
        : 'Open de casus in het kanaal om de stap af te ronden. Details staan alleen in de casus, niet in deze melding.',
    link: caseLink(c),
  });
  // Mentions live in the card's msteams.entities; activity-level mention entities need matching text.
  return { attachments: [cardAttachment(card)] };
};
