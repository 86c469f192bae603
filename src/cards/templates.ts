import { LRUCache } from 'lru-cache';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Template } from 'adaptivecards-templating';

/** The Adaptive Card content type Teams expects in attachments and invoke responses. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const findCardsDir = (): string => {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'cards');
    if (existsSync(join(candidate, 'status.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`Map cards/ met kaartsjablonen niet gevonden vanaf ${__dirname}`);
};

let cardsDir: string | null = null;

/** The names of the templates in `cards/` (file name without `.json`). */
export type TemplateName = string;

/** Parsed templates by name: parsing a template's expressions costs ~10 ms, expanding is cheap. */
const prepared = new Map<TemplateName, Template>();

const templateOf = (name: TemplateName): Template => {
  const hit = prepared.get(name);
  if (hit) return hit;
  cardsDir ??= findCardsDir();
  const template = new Template(JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')) as object);
  prepared.set(name, template);
  return template;
};

/** A leftover `${…}` means a view model missed a binding: a fault, never shown to users. */
const LEFTOVER = /\$\{[^}]*\}/;

/**
 * Recently expanded cards by template and view model: the same status card is rendered again and
 * again while a case does not change (`/status`, Vernieuwen, refreshes of user-specific views);
 * expanding costs ~0.3 ms of adaptive-expressions evaluation, a lookup a few µs. Small and bounded.
 */
const recent = new LRUCache<string, string>({ max: 64 });

/**
 * Every string of a view model as inert data: `${…}` (adaptive expressions) and `{{…}}` (the Teams
 * client's date functions) are broken up by a zero-width space, so text from users or Teams
 * (names, channel names, inputs) is shown, never evaluated. The one place in the render path
 * that guarantees it: every card goes through {@link render}.
 */
const inertDeep = (v: unknown): unknown => {
  if (typeof v === 'string') return v.includes('${') || v.includes('{{') ? v.replace(/\$\{/g, '$\u200b{').replace(/\{\{/g, '{\u200b{') : v;
  if (Array.isArray(v)) return v.map(inertDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inertDeep(x)]));
  return v;
};

/** Expands a template with its view model; throws when a binding is missing. Callers get their own copy. */
export const render = (name: TemplateName, raw: object): Record<string, unknown> => {
  const rawText = JSON.stringify(raw);
  // Most view models hold nothing to neutralise: then they are used as they are, without a copy.
  const data = rawText.includes('${') || rawText.includes('{{') ? (inertDeep(raw) as object) : raw;
  const key = `${name}\u0000${data === raw ? rawText : JSON.stringify(data)}`;
  const hit = recent.get(key);
  if (hit !== undefined) return JSON.parse(hit) as Record<string, unknown>;
  const expanded = templateOf(name).expand({ $root: data }) as Record<string, unknown>;
  const text = JSON.stringify(expanded);
  // The text of the binding stays out of the message: errors end up in logs.
  if (LEFTOVER.test(text)) throw new Error(`Kaart ${name}: een binding is niet ingevuld`);
  recent.set(key, text);
  return expanded;
};
