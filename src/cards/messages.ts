import { type Case, type CaseEvent, ROUTE_LABELS } from '../domain';
import type { ChannelViews, OutboundActivity } from '../app';
import { cardAttachment, rootCard } from './rootCard';
import { render } from './templates';

export type MessageStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning';

/** A small card with a title and a sentence, e.g. an error shown to one user. */
export const messageCard = (title: string, text: string, style: MessageStyle = 'default'): Record<string, unknown> =>
  render('message', { title, text, style });

/** One line for the case thread; names only the acting colleague, the step and chosen options. */
export const timelineText = (c: Case, e: CaseEvent, actorName: string): string => {
  if (e.action === 'route.kiezen' && c.route) return `${c.id}: route gekozen: ${ROUTE_LABELS[c.route]} (door ${actorName}).`;
  return `${c.id}: ${e.action} (${e.fromState} → ${e.toState}) door ${actorName}.`;
};

/** Channel-visible renderings, used by the use cases for the outbox. */
export class CardChannelViews implements ChannelViews {
  constructor(private readonly nameOf: (userId: string) => string = () => 'een teamlid') {}

  rootCard(c: Case): OutboundActivity {
    return { attachments: [cardAttachment(rootCard(c))] };
  }

  timeline(c: Case, event: CaseEvent): OutboundActivity {
    return { text: timelineText(c, event, this.nameOf(event.actorId)) };
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
