import { type Case, type CaseEvent, ROUTE_LABELS, actionLabel, stepOf } from '../domain';
import type { ChannelViews, Notice, NoticeViews, OutboundActivity, StatusView } from '../app';
import { cardAttachment } from './format';
import { notificationActivity } from './notification';
import { statusCard } from './statusCard';
import { render } from './templates';

export type MessageStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning';

/** A small card with a title and a sentence, e.g. an error shown to one user. */
export const messageCard = (title: string, text: string, style: MessageStyle = 'default'): Record<string, unknown> =>
  render('message', { title, text, style });


/** One line for the case thread: who did what and where the case went; never free text. */
export const timelineText = (c: Case, e: CaseEvent, actorName: string): string => {
  if (e.action === 'route.kiezen' && c.route) return `${c.id}: route gekozen: ${ROUTE_LABELS[c.route]} (door ${actorName}).`;
  const what = actionLabel(e.action);
  const to = stepOf(e.toState)?.label ?? e.toState;
  return e.fromState === e.toState ? `${c.id}: ${what} (door ${actorName}).` : `${c.id}: ${what} → ${to} (door ${actorName}).`;
};

/** Channel-visible renderings, used by the use cases for the outbox. */
export class CardChannelViews implements ChannelViews, NoticeViews {
  /** `imageBase`: where the bot serves the progress pictures (see {@link StatusView.imageBase}). */
  constructor(private readonly imageBase?: string) {}

  notice(n: Notice): OutboundActivity {
    return notificationActivity(n);
  }

  statusCard(c: Case, view: StatusView): OutboundActivity {
    return { attachments: [cardAttachment(statusCard(c, this.imageBase ? { ...view, imageBase: this.imageBase } : view))] };
  }

  timeline(c: Case, event: CaseEvent, actorName: string): OutboundActivity {
    return { text: timelineText(c, event, actorName) };
  }
}

export const HELP_TEXT = [
  '**Escaleer** helpt je team stap voor stap bij een vastgelopen cliëntsituatie.',
  '',
  '- **/escaleer**: open een nieuwe casus in dit kanaal (Zorgkantoor (Wlz) of Bijstellen ondersteuning (Wmo))',
  '- **/status [CAS-…]**: status van een casus, of de open casussen van dit kanaal',
  '- **/tafels**: data van de regionale overlegtafels',
  '- **/instellingen**: rollen en meldingskanalen van het team',
  '- **/help**: dit overzicht',
  '',
  'Noem mij met @Escaleer in een teamkanaal. Zet nooit namen, BSN of medische details in Teams; verwijs naar het dossier.',
].join('\n');
