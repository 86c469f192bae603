export type Command =
  | { readonly name: 'escaleer' }
  | { readonly name: 'status'; readonly arg: string }
  | { readonly name: 'tafels' }
  | { readonly name: 'instellingen' }
  | { readonly name: 'help' }
  | { readonly name: 'unknown'; readonly text: string };

const ALIASES: Readonly<Record<string, Command['name']>> = {
  escaleer: 'escaleer',
  escaleren: 'escaleer',
  escalate: 'escaleer',
  status: 'status',
  tafels: 'tafels',
  tafel: 'tafels',
  tables: 'tafels',
  instellingen: 'instellingen',
  settings: 'instellingen',
  help: 'help',
  hulp: 'help',
  '?': 'help',
};

/** Removes `<at>…</at>` mentions, HTML tags and entities Teams leaves in message text. */
export const cleanText = (text: string): string =>
  text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Parses a (mention-stripped) message into a command; Dutch first, English accepted, any case, slash optional. */
export const parseCommand = (raw: string): Command => {
  const text = cleanText(raw);
  const [head = '', ...rest] = text.split(' ');
  const key = head.replace(/^\//, '').toLowerCase();
  // Own keys only: `/constructor` or `/__proto__` must not find Object.prototype members.
  const name = Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key] : undefined;
  if (!name) return { name: 'unknown', text };
  if (name === 'status') return { name, arg: rest.join(' ').trim() };
  return { name } as Command;
};
