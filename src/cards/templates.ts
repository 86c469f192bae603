import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Template } from 'adaptivecards-templating';

/** The Adaptive Card content type Teams expects in attachments and invoke responses. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const findCardsDir = (): string => {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'cards');
    if (existsSync(join(candidate, 'root.json'))) return candidate;
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
 * Recently expanded cards by template and view model. A card action renders the same case card
 * twice (the invoke answer and the channel's root-card update, whose view models are usually equal);
 * expanding costs ~0.3 ms of adaptive-expressions evaluation, a lookup a few µs. Small and bounded.
 */
const recent = new Map<string, Record<string, unknown>>();
const RECENT_MAX = 64;

/** Expands a template with its view model; throws when a binding is missing. Callers get their own copy. */
export const render = (name: TemplateName, data: object): Record<string, unknown> => {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return structuredClone(hit);
  }
  const expanded = templateOf(name).expand({ $root: data }) as Record<string, unknown>;
  const text = JSON.stringify(expanded);
  const m = LEFTOVER.exec(text);
  if (m) throw new Error(`Kaart ${name}: binding ${m[0]} niet ingevuld`);
  recent.set(key, JSON.parse(text) as Record<string, unknown>);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
  return expanded;
};
