import { CARD_CONTENT_TYPE } from './templates';

export type NoticeStyle = 'attention' | 'good' | 'warning' | 'emphasis';

/** A short message on a card shown to one user (an error, a confirmation, a stale view). */
export interface Notice {
  readonly text: string;
  readonly style: NoticeStyle;
}

const amsterdam = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Recently formatted minutes (`Intl` formatting with a time zone costs microseconds, and the status
 * card formats its last change on every action). The format shows no seconds and since 1970
 * Amsterdam's offsets are whole hours, so every instant of a UTC minute reads the same.
 */
const minutes = new Map<number, string>();

/** Formats an instant for Dutch readers in Europe/Amsterdam. */
export const formatMoment = (iso: string): string => {
  const instant = new Date(iso);
  const ms = instant.getTime();
  if (!(ms >= 0)) return amsterdam.format(instant);
  const minute = Math.floor(ms / 60_000);
  const hit = minutes.get(minute);
  if (hit !== undefined) return hit;
  const text = amsterdam.format(instant);
  if (minutes.size >= 1024) minutes.clear();
  minutes.set(minute, text);
  return text;
};

export const cardAttachment = (card: Record<string, unknown>) => ({ contentType: CARD_CONTENT_TYPE, content: card });

/** The data every case card action carries: the case and the version the card showed. */
export const caseData = (c: { readonly id: string; readonly version: number }, extra: Readonly<Record<string, string>> = {}) => ({
  caseId: c.id,
  version: c.version,
  ...extra,
});

/**
 * An Action.Execute. `withInputs` is for the one submit of a form; every other action sends no
 * inputs (`associatedInputs: none`), so required inputs elsewhere on a card can never block it.
 */
export const execute = (
  title: string,
  verb: string,
  data: Readonly<Record<string, unknown>>,
  opts: { readonly style?: 'default' | 'positive' | 'destructive'; readonly withInputs?: boolean } = {},
): Record<string, unknown> => ({
  type: 'Action.Execute',
  title,
  verb,
  style: opts.style ?? 'default',
  associatedInputs: opts.withInputs ? 'auto' : 'none',
  data,
});

/** A copy of a rendered card with a notice right under its header (the first body element). */
export const withNotice = (card: Record<string, unknown>, notice: Notice | null): Record<string, unknown> => {
  if (!notice) return card;
  const body = Array.isArray(card.body) ? (card.body as unknown[]) : [];
  // A new card and body array; the elements are shared, never changed.
  return {
    ...card,
    // Not a template: only the Teams client's {{DATE(…)}} functions need breaking up.
    body: [
      ...body.slice(0, 1),
      {
        type: 'Container',
        style: notice.style,
        items: [{ type: 'TextBlock', text: notice.text.replace(/\{\{/g, '{\u200b{'), wrap: true, weight: 'Bolder' }],
      },
      ...body.slice(1),
    ],
  };
};
