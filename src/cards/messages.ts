import { type Case, type CaseEvent, ROUTE_LABELS, actionLabel, isOpen, stepOf } from '../domain';
import type { ChannelViews, Notice, NoticeViews, OutboundActivity, StatusView } from '../app';
import { cardAttachment } from './format';
import { notificationActivity } from './notification';
import { statusCard } from './statusCard';
import { render } from './templates';

export type MessageStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning';

/** A small card with a title and a sentence, e.g. an error shown to one user. */
export const messageCard = (title: string, text: string, style: MessageStyle = 'default'): Record<string, unknown> =>
  render('message', { title, text, style });

/** Cases per `/status` message: 25 lines stay far below Teams' 28 KB whatever the channel holds. */
export const STATUS_PAGE_SIZE = 25;

/**
 * The `/status` overview of a channel: its open cases (oldest first), one line each with the step
 * and the role it waits on, `STATUS_PAGE_SIZE` per message; `/status 2` shows the next page.
 * Never free text: case ids, step labels and roles only.
 */
export const openCasesText = (all: readonly Case[], page: number, waitingRole: (c: Case) => string | null): string => {
  const open = all.filter(isOpen).sort((a, b) => a.id.localeCompare(b.id));
  const closed = all.length - open.length;
  if (open.length === 0)
    return `Er zijn geen open casussen in dit kanaal${closed ? ` (${closed} afgerond)` : ''}. Start er een met /escaleer.`;
  const pages = Math.ceil(open.length / STATUS_PAGE_SIZE);
  const p = Math.min(Math.max(1, page), pages);
  const shown = open.slice((p - 1) * STATUS_PAGE_SIZE, p * STATUS_PAGE_SIZE);
  const line = (c: Case) => {
    const role = waitingRole(c);
    return `- ${c.id}: ${stepOf(c.state)?.label ?? c.state}${role ? ` (aan zet: ${role})` : ''}`;
  };
  const head =
    pages === 1
      ? `Open casussen in dit kanaal (${open.length}):`
      : `Open casussen in dit kanaal: ${(p - 1) * STATUS_PAGE_SIZE + 1}–${(p - 1) * STATUS_PAGE_SIZE + shown.length} van ${open.length} (pagina ${p} van ${pages}):`;
  const next =
    p < pages ? `\n\nTyp /status ${p + 1} voor de volgende ${Math.min(STATUS_PAGE_SIZE, open.length - p * STATUS_PAGE_SIZE)}.` : '';
  return `${head}\n\n${shown.map(line).join('\n')}${next}\n\nTyp /status CAS-… voor een momentopname van één casus.`;
};

/** One line for the case thread: who did what and where the case went; never free text. */
const timelineText = (c: Case, e: CaseEvent, actorName: string): string => {
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
  '- **/status [CAS-… | pagina]**: momentopname van een casus, of de open casussen van dit kanaal (25 per bericht)',
  '- **/tafels**: data van de regionale overlegtafels',
  '- **/instellingen**: rollen en meldingskanalen van het team',
  '- **/help**: dit overzicht',
  '',
  'Noem mij met @Escaleer in een teamkanaal. Zet nooit namen, BSN of medische details in Teams; verwijs naar het dossier.',
].join('\n');
