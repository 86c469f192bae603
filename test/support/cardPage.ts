import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/**
 * Renders Adaptive Cards in a browser page with the `adaptivecards` 3.0.6 browser bundle inlined
 * (no network), styled to look like Teams' light theme (Segoe-like font stack, accent #5B5FC7).
 */

const FONT =
  "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'DejaVu Sans', sans-serif";

const colors = (dflt: string, subtle: string) => ({ default: dflt, subtle });
const foreground = {
  default: colors('#242424', '#616161'),
  dark: colors('#000000', '#333333'),
  light: colors('#ffffff', '#f5f5f5'),
  accent: colors('#5B5FC7', '#4F52B2'),
  good: colors('#0E700E', '#107C10'),
  warning: colors('#835C00', '#8A6100'),
  attention: colors('#C4314B', '#A4262C'),
};
const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: foreground });

/** A HostConfig close to Teams' (light theme). */
const TEAMS_HOST_CONFIG = {
  fontFamily: FONT,
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: style('#FFFFFF'),
    emphasis: style('#F5F5F5'),
    accent: style('#EBEBF5'),
    good: style('#F1FAF1'),
    attention: style('#FDF3F4'),
    warning: style('#FFF9F5'),
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  inputs: {
    label: { inputSpacing: 'small', requiredInputs: { suffix: ' *', suffixColor: 'attention' }, optionalInputs: {} },
    errorMessage: { spacing: 'small', size: 'small' },
  },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 160 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
};

const CSS = `
  html, body { margin: 0; background: #F5F5F5; font-family: ${FONT}; }
  #frame { display: inline-block; padding: 12px; }
  #card { width: var(--card-width, 560px); }
  .ac-adaptiveCard { border: 1px solid #E0E0E0; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.12); overflow: hidden; }
  .ac-textBlock p { margin: 0; }
  .ac-textBlock ul { margin: 0; padding-left: 20px; }
  .ac-textBlock a { color: #5B5FC7; }
  .mention { color: #5B5FC7; font-weight: 600; }
  .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; min-height: 32px; padding: 4px 12px;
    border: 1px solid #D1D1D1; border-radius: 4px; background: #FFFFFF; color: #242424; cursor: pointer;
    overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
  .ac-pushButton.expanded { background: #EBEBF5; border-color: #5B5FC7; }
  .ac-input { font-family: inherit; font-size: 14px; color: #242424; }
  .ac-textInput, .ac-dateInput, .ac-multichoiceInput { border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px;
    padding: 5px 8px; box-sizing: border-box; background: #FFFFFF; }
  .ac-textInput.ac-multiline { min-height: 64px; resize: vertical; }
  .ac-input.ac-input-validation-failed, .ac-input-validation-failed .ac-input { border-color: #C4314B; }
  .ac-choiceSetInput-expanded label, .ac-toggleInput label { font-size: 14px; }
  input[type=radio], input[type=checkbox] { accent-color: #5B5FC7; }
`;

/** Turns Teams-style markdown (bold, italic, links, bullet lists, `<at>` mentions) into safe HTML. */
const MARKDOWN = `
  function md(text) {
    const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const inline = (s) => esc(s)
      .replace(/&lt;at&gt;(.*?)&lt;\\/at&gt;/g, '<span class="mention">$1</span>')
      .replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>')
      .replace(/(^|\\s)_(.+?)_(?=\\s|$)/g, '$1<em>$2</em>')
      .replace(/\\[([^\\]]+)\\]\\((https?:[^)\\s]+|mailto:[^)\\s]+|tel:[^)\\s]+)\\)/g, '<a href="$2">$1</a>');
    const out = [];
    let list = [];
    const flush = () => { if (list.length) { out.push('<ul>' + list.join('') + '</ul>'); list = []; } };
    for (const line of text.split('\\n')) {
      const m = /^\\s*[-*] (.*)$/.exec(line);
      if (m) { list.push('<li>' + inline(m[1]) + '</li>'); continue; }
      flush();
      out.push(inline(line));
    }
    flush();
    return '<p>' + out.join('<br>').replace(/<br>(<ul>)/g, '$1').replace(/(<\\/ul>)<br>/g, '$1') + '</p>';
  }
`;

const RENDER = `
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md(text); result.didProcess = true; };
  window.renderCard = (json, width) => {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(window.HOST_CONFIG);
    const errors = [];
    const ctx = new AdaptiveCards.SerializationContext();
    card.parse(json, ctx);
    for (const e of ctx.eventCount ? Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i)) : []) errors.push(e.message);
    const el = card.render();
    const host = document.getElementById('card');
    host.style.setProperty('--card-width', width + 'px');
    host.replaceChildren(el);
    return errors;
  };
`;

let bundle: string | null = null;

/** The page: bundle, host config, markdown and `window.renderCard(json, width)` inlined. */
const cardPageHtml = (): string => {
  bundle ??= readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const safe = (s: string) => s.replace(/<\/script/gi, '<\\/script');
  return [
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Escaleer kaarten</title>',
    `<style>${CSS}</style>`,
    `<script>${safe(bundle)}</script>`,
    `<script>window.HOST_CONFIG = ${JSON.stringify(TEAMS_HOST_CONFIG)};${MARKDOWN}${RENDER}</script>`,
    '</head><body><div id="frame"><div id="card"></div></div></body></html>',
  ].join('\n');
};

/** One card view to render: a file name, the card, and optionally a button to click first (a ShowCard). */
export interface CardView {
  readonly name: string;
  readonly card: Record<string, unknown>;
  readonly expand?: string;
  readonly width?: number;
}

/** Teams shows a card with `msteams.width: "Full"` across the message column; others at the usual card width. */
const widthOf = (card: Record<string, unknown>): number => ((card.msteams as { width?: string } | undefined)?.width === 'Full' ? 760 : 560);

/** Loads the card page into `page` (call once; then `showCard` per card). */
export const openCardPage = async (page: Page): Promise<void> => {
  await page.setContent(cardPageHtml(), { waitUntil: 'load' });
  await page.waitForFunction(() => typeof (window as unknown as { renderCard?: unknown }).renderCard === 'function');
};

/** Renders one view in the page; returns the card element and the parser's warnings. */
export const showCard = async (page: Page, view: CardView): Promise<{ card: Locator; warnings: string[] }> => {
  const warnings = await page.evaluate(
    ([json, width]) => (window as unknown as { renderCard(j: unknown, w: number): string[] }).renderCard(json, width),
    [view.card, view.width ?? widthOf(view.card)] as const,
  );
  const card = page.locator('#card > .ac-adaptiveCard');
  await card.waitFor({ state: 'visible', timeout: 5000 });
  if (view.expand) {
    await card.getByRole('button', { name: view.expand, exact: true }).click();
    await card.locator('.ac-adaptiveCard').first().waitFor({ state: 'visible', timeout: 5000 });
  }
  // Images are data: URIs; wait until every one has decoded.
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
  return { card, warnings };
};
