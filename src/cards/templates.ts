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

const cache = new Map<string, object>();
const prepared = new Map<string, Template>();
let cardsDir: string | null = null;

/** The names of the templates in `cards/` (file name without `.json`). */
export type TemplateName = string;

const load = (name: TemplateName): object => {
  const hit = cache.get(name);
  if (hit) return hit;
  cardsDir ??= findCardsDir();
  const json = JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')) as object;
  cache.set(name, json);
  return json;
};

/** A leftover `${…}` means a view model missed a binding: a fault, never shown to users. */
const LEFTOVER = /\$\{[^}]*\}/;

/** Expands a template with its view model; throws when a binding is missing. */
export const render = (name: TemplateName, data: object): Record<string, unknown> => {
  // Parsing a template's expressions costs ~10 ms; a Template expands many times (expand is synchronous).
  let template = prepared.get(name);
  if (!template) prepared.set(name, (template = new Template(load(name))));
  const expanded = template.expand({ $root: data }) as Record<string, unknown>;
  const text = JSON.stringify(expanded);
  const m = LEFTOVER.exec(text);
  if (m) throw new Error(`Kaart ${name}: binding ${m[0]} niet ingevuld`);
  return expanded;
};
