import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Logger } from '../../src/app';
import { startPlayground } from '../../src/dev/playground';
import { freePort } from '../../src/storage/azurite';
import { blockOutside } from './chromium';
import { compactPng } from './pngCompact';
import { screenshotDir } from './screenshots';

/**
 * People in the Agents Playground's web UI (0.2.28), for browser tests.
 *
 * The Playground has one fixed current user per process (read from its config at start; the UI
 * cannot switch), so every further person is a further Playground process with a generated config
 * whose `currentUser` is another demo user, all pointing at the same bot endpoint. Each instance
 * keeps its own conversations in memory: a person sees only what was posted in their own instance,
 * and the bot answers an activity through the `serviceUrl` of the instance it came from
 * (`http://localhost:<port>/_connector`). What Escaleer sends later on its own (updateActivity of
 * the status card, thread lines, notices) goes to the serviceUrl stored with the case: the
 * instance where `/escaleer` was typed. Team, channel and chat ids come from the config, so they
 * are the same in every instance; message ids are `Date.now()` per instance.
 */

/** The checked-in demo team. */
export const PLAYGROUND_CONFIG = join(__dirname, '..', '..', 'playground', 'm365agentsplayground.yml');
/** Upper bound for one UI step (a click and its answer, a card appearing). */
export const STEP_MS = 10_000;

export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
  readonly [key: string]: unknown;
}

interface DemoConfig {
  readonly currentUser: DemoUser;
  readonly users: readonly DemoUser[];
  readonly personalChat?: { readonly id: string };
  readonly [key: string]: unknown;
}

const readConfig = (path: string): DemoConfig => {
  // The core schema: ids such as 'user-anouk' and GUIDs stay strings, nothing is read as a date.
  const cfg = parseYaml(readFileSync(path, 'utf8'), { schema: 'core' }) as DemoConfig;
  if (!cfg?.currentUser?.id || !Array.isArray(cfg.users)) throw new Error(`${path}: geen currentUser/users`);
  return cfg;
};

/** Everyone in the demo team: the configured current user first, then the other users. */
const demoUsers = (base = PLAYGROUND_CONFIG): DemoUser[] => {
  const cfg = readConfig(base);
  return [cfg.currentUser, ...cfg.users];
};

/** A demo user by id ('user-pieter'), full name ('Pieter Jansen'), first name ('Pieter') or aadObjectId; fails listing who exists. */
const demoUser = (who: string, base = PLAYGROUND_CONFIG): DemoUser => {
  const all = demoUsers(base);
  const key = who.trim().toLowerCase();
  const hit = all.find((u) =>
    [u.id, u.name, u.aadObjectId, u.name.split(' ')[0]].some((k) => typeof k === 'string' && k.toLowerCase() === key),
  );
  if (!hit) throw new Error(`Geen demo-gebruiker '${who}'; wel: ${all.map((u) => `${u.name} (${u.id})`).join(', ')}`);
  return hit;
};

/**
 * Writes a copy of the demo config into `dir` with `who` as current user (the former current user
 * joins the users list; the Playground wants exactly 5 users besides the current one and unique
 * ids) and a personal chat id of its own. Returns the file's path.
 */
const writePlaygroundConfigFor = (who: string, dir: string, base = PLAYGROUND_CONFIG): { path: string; user: DemoUser } => {
  const cfg = readConfig(base);
  const user = demoUser(who, base);
  const users = [cfg.currentUser, ...cfg.users].filter((u) => u.id !== user.id);
  const ids = [user, ...users].map((u) => u.id);
  if (new Set(ids).size !== ids.length) throw new Error(`dubbele gebruikers-id in ${base}: ${ids.join(', ')}`);
  if (users.length !== 5) throw new Error(`de Playground (0.2.28) wil precies 5 users naast currentUser; ${base} geeft er ${users.length}`);
  const out = { ...cfg, currentUser: user, users, personalChat: { ...(cfg.personalChat ?? {}), id: `personal-chat-${user.id}` } };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'm365agentsplayground.yml');
  writeFileSync(
    path,
    `# Generated from ${base} for ${user.name}; do not edit.\n${stringifyYaml(out, { schema: 'core', lineWidth: 0, aliasDuplicateObjects: false })}`,
  );
  return { path, user };
};

export interface ExtraPlayground {
  readonly url: string;
  readonly user: DemoUser;
  readonly configPath: string;
  /** Its working folder (config, `devTools/` logs, `playground.out.log`). */
  readonly workDir: string;
  /** Milliseconds from spawn until `/_debug/ping` answered. */
  readonly startMs: number;
  close(): Promise<void>;
}

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * Starts one more Agents Playground in front of `botEndpoint` with `who` as its current user
 * (own port, own temp folder with the generated config). `close()` stops it and removes the folder.
 */
export const startPlaygroundAs = async (
  who: string,
  botEndpoint: string,
  opts: { port?: number; base?: string } = {},
): Promise<ExtraPlayground> => {
  const workDir = mkdtempSync(join(tmpdir(), 'escaleer-playground-'));
  const { path, user } = writePlaygroundConfigFor(who, workDir, opts.base);
  const started = Date.now();
  try {
    const pg = await startPlayground({ botEndpoint, port: opts.port ?? (await freePort()), configPath: path, workDir }, quiet);
    const startMs = Date.now() - started;
    return {
      url: pg.url,
      user,
      configPath: path,
      workDir,
      startMs,
      close: async () => {
        await pg.close();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    // Keep the folder: its devTools/ log says why the config was refused.
    throw new Error(`${e instanceof Error ? e.message : String(e)} (config ${path})`);
  }
};

/** Bot-endpoint URL of a running Escaleer (`E2e.app.port`). */
export const botEndpointOf = (port: number): string => `http://127.0.0.1:${port}/api/messages`;

// ---------------------------------------------------------------------------------------------
// One person in one Playground web UI

/** Top-level cards only: an expanded Action.ShowCard renders a nested `.ac-adaptiveCard`. */
const CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';
const PIN = 'data-person-card';
const SEEN = 'data-person-seen';
/** The Fluent calendar of Input.Date speaks English whatever the browser locale. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** One screenshot folder per test process, made on first use. */
let sharedShots: string | null = null;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const matches = (text: string, want: string | RegExp) => (typeof want === 'string' ? text.includes(want) : want.test(text));
const show = (want: string | RegExp) => (typeof want === 'string' ? `'${want}'` : String(want));

/** A card in one person's UI, pinned by a data attribute (the Playground re-renders cards in place, so the pin survives an invoke answer and updateActivity). */
export class Card {
  constructor(
    readonly person: Person,
    /** Order in which this person's UI first showed the card (higher is newer). */
    readonly seq: number,
    readonly caseId: string | null,
  ) {}

  get locator(): Locator {
    return this.person.page.locator(`[${PIN}="${this.seq}"]`);
  }

  /** All text on the card as shown (`innerText`). */
  async text(): Promise<string> {
    return this.locator.innerText({ timeout: STEP_MS });
  }

  /** The thread (post and replies) the card is in. */
  thread(): Locator {
    return this.locator.locator('xpath=ancestor::div[@role="group"][1]');
  }

  /** The Playground's line under the card after an invoke: "Your response was sent to the app", an error, or the bot's text answer. */
  invokeLine(): Locator {
    return this.locator
      .locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ac-preview-panel ")][1]/..')
      .getByLabel('Display Invoked Message');
  }

  /** The text of `invokeLine()`, or null while there is none. */
  async invokeMessage(): Promise<string | null> {
    const line = this.invokeLine();
    return (await line.count()) ? (await line.innerText()).trim() : null;
  }
}

export type FillValue = string | boolean | readonly string[];

/** A card as `scan()` found it. */
interface Shown {
  readonly seq: number;
  readonly text: string;
  readonly seen: boolean;
}

interface Pending {
  readonly label: string;
  readonly value: FillValue;
  /** Which of several inputs with this label (0-based, in card order). */
  readonly nth?: number;
  /** What a date input showed after the pick (it shows a localised date, not the ISO value). */
  readonly shown?: string;
}

/** One card action this person's page sent to the bot (`adaptiveCard/action` invoke) and the bot's answer. */
export interface SentInvoke {
  /** The button's title as the Playground sent it. */
  readonly title: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** HTTP status of the Playground's invoke request (the bot's answer passes through it). */
  readonly status: number;
  /** The card the bot answered with (`null` when the answer was no card). */
  readonly card: Record<string, unknown> | null;
}

const INVOKE_PATH = '/_conversation/v1/invoke';
const HISTORY = '__personHistory';

/**
 * Runs in the page before the Playground's own scripts: records every text a pinned card showed,
 * in order (`textContent`, deduplicated), so a test can assert on a text the UI showed only
 * briefly (an invoke answer's notice that the bot's updateActivity replaces a moment later).
 */
const recordCardTexts = ({ pin, key }: { pin: string; key: string }): void => {
  const w = window as unknown as Record<string, Record<string, string[]>>;
  const hist: Record<string, string[]> = (w[key] = {});
  const note = (el: Element): void => {
    const seq = el.getAttribute(pin);
    if (!seq) return;
    const list = (hist[seq] ??= []);
    const text = el.textContent ?? '';
    if (list[list.length - 1] !== text) list.push(text);
    if (list.length > 200) list.splice(0, list.length - 200);
  };
  new MutationObserver((records) => {
    const dirty = new Set<Element>();
    for (const r of records) {
      const node = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      const card = node?.closest(`[${pin}]`);
      if (card) dirty.add(card);
      // A card pinned just now (scan) starts its history with what it shows.
      if (r.type === 'attributes' && r.attributeName === pin && node) dirty.add(node);
    }
    for (const el of dirty) note(el);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [pin] });
};

export interface PersonOptions {
  /** Used in error messages (default: the Playground's current user). */
  readonly name?: string;
  readonly viewport?: { width: number; height: number };
  /** Folder for screenshots (default: one `screenshotDir()` per test process, made on first use). */
  readonly shots?: string;
}

interface PgInfo {
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: { readonly id: string; readonly name: string };
  readonly teams: readonly {
    readonly id: string;
    readonly name: string;
    readonly channels: readonly { readonly id: string; readonly name: string }[];
  }[];
}

/**
 * One person at one Playground URL: a browser context of its own, requests beyond loopback aborted.
 * What the Playground's UI does that a test must know:
 * - it shows only messages that arrive while the page is open (a (re)load starts empty);
 * - the newest channel post comes first in the DOM, replies follow their post in time order;
 * - it renders every card anew when any message arrives: typed input values are lost then
 *   (`click()` fills again what `fill()` set), the card's DOM element and its pin stay;
 * - it never sends the `refresh` invoke of a card (it logs "User specific view is not supported
 *   yet"): a person clicks the button instead; its invokes carry no `trigger`.
 */
export class Person {
  readonly pageErrors: string[] = [];
  /** Every card action this person's page sent, with the bot's answer, in order. */
  readonly invokes: SentInvoke[] = [];
  private readonly pending = new Map<number, Pending[]>();
  /** Per card: the length of its text history when it was last clicked. */
  private readonly marks = new Map<number, number>();
  private shots: string | null;

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly url: string,
    readonly info: PgInfo,
    /** Requests this person's page tried beyond loopback (aborted). */
    readonly blocked: string[],
    readonly name: string,
    shots: string | undefined,
  ) {
    this.shots = shots ?? null;
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
    page.on('response', (r) => {
      if (r.request().method() !== 'POST' || !r.url().endsWith(INVOKE_PATH)) return;
      const sent = (() => {
        try {
          return JSON.parse(r.request().postData() ?? '{}') as {
            value?: { action?: { title?: string; verb?: string; data?: Record<string, unknown> } };
          };
        } catch {
          return {};
        }
      })();
      const action = sent.value?.action ?? {};
      void r
        .json()
        .catch(() => null)
        .then((body: { value?: unknown } | null) => {
          const card = body && typeof body.value === 'object' && body.value ? (body.value as Record<string, unknown>) : null;
          this.invokes.push({ title: action.title ?? '', verb: action.verb ?? '', data: action.data ?? {}, status: r.status(), card });
        });
    });
  }

  /** Opens `url` (a Playground) in a fresh context of `browser`. */
  static async open(browser: Browser, url: string, opts: PersonOptions = {}): Promise<Person> {
    const r = await fetch(`${url}/_internal/v1/config`);
    if (!r.ok) throw new Error(`${url}: config ${r.status}`);
    const info = ((await r.json()) as { config: PgInfo }).config;
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    const blocked = await blockOutside(context);
    const page = await context.newPage();
    await page.addInitScript(recordCardTexts, { pin: PIN, key: HISTORY });
    page.setDefaultTimeout(STEP_MS);
    const person = new Person(page, context, url, info, blocked, opts.name ?? info.currentUser.name, opts.shots);
    await page.goto(url);
    return person;
  }

  /** The Playground's current user (who this person is to the bot). */
  get me(): { readonly id: string; readonly name: string } {
    return this.info.currentUser;
  }

  /** Opens a team channel in the tree ('General' or another configured channel); its compose box shows. */
  async openChannel(channel = 'General', team = this.info.teams[0]?.name ?? ''): Promise<void> {
    await this.page.getByRole('treeitem', { name: `${team} - ${channel}`, exact: true }).click();
    await this.compose().waitFor({ state: 'visible' });
  }

  private compose(): Locator {
    // The channel's "Start a new post" box comes first; reply boxes of threads follow.
    return this.page.locator('[data-lexical-editor]').first();
  }

  /**
   * Posts a new message in the open channel: `@Esc`, the mention picker's item for the bot, then
   * `text` (with `mention: false` only the text: the bot never sees it in a channel). Every card on
   * screen is marked as seen first, so `newCard()` finds what this post brought.
   */
  async post(text: string, opts: { mention?: boolean } = {}): Promise<void> {
    await this.scan(true);
    const compose = this.compose();
    await compose.click();
    if (opts.mention !== false) {
      const bot = this.info.bot.name;
      await this.page.keyboard.type(`@${bot.slice(0, 3)}`);
      await this.page.getByRole('menuitem', { name: new RegExp(escapeRe(bot)) }).click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    const typed = await compose.innerText();
    if (!typed.includes(text.trim())) throw new Error(`${this.name}: invoerveld bevat '${typed}', niet '${text}'`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    await this.until(async () => (await compose.innerText()).trim() === '', `bericht '${text}' verstuurd`);
  }

  /** Top-level cards on screen (nested ShowCard cards excluded). */
  cards(): Locator {
    return this.page.locator(CARD);
  }

  /**
   * Pins every unpinned card and returns all cards, in one step in the page (a card arriving
   * between two steps would otherwise go unpinned). The newest thread comes first in the DOM, so
   * new pins go in reverse DOM order. With `markSeen` every card is marked as seen.
   */
  private async scan(markSeen = false): Promise<Shown[]> {
    return this.page.evaluate(
      ({ sel, pin, seen, markSeen }) => {
        const w = window as unknown as { __personSeq?: number };
        const all = Array.from(document.querySelectorAll(sel));
        for (const el of all.filter((e) => !e.hasAttribute(pin)).reverse())
          el.setAttribute(pin, String((w.__personSeq = (w.__personSeq ?? 0) + 1)));
        if (markSeen) for (const el of all) el.setAttribute(seen, '1');
        return all.map((el) => ({ seq: Number(el.getAttribute(pin)), text: (el as HTMLElement).innerText, seen: el.hasAttribute(seen) }));
      },
      { sel: CARD, pin: PIN, seen: SEEN, markSeen },
    );
  }

  private async pick(what: string, choose: (cards: Shown[]) => Shown | undefined, caseId: string | null): Promise<Card> {
    let last: Shown[] = [];
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      last = await this.scan();
      const hit = choose(last);
      if (hit) return new Card(this, hit.seq, caseId ?? /CAS-\d{4}-\d{4,}/.exec(hit.text)?.[0] ?? null);
      if (Date.now() > deadline) {
        throw new Error(
          `${this.name}: geen ${what} binnen ${STEP_MS} ms. Kaarten op het scherm:\n${last.map((c) => `  #${c.seq}: ${c.text.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n') || '  (geen)'}`,
        );
      }
      await sleep(100);
    }
  }

  /** The first card that appeared since the last `post()` (optionally one showing `hasText`). */
  async newCard(opts: { hasText?: string | RegExp } = {}): Promise<Card> {
    const want = opts.hasText;
    return this.pick(
      `nieuwe kaart${want ? ` met ${show(want)}` : ''}`,
      (cs) => cs.filter((c) => !c.seen && (!want || matches(c.text, want))).sort((a, b) => a.seq - b.seq)[0],
      null,
    );
  }

  /** The newest card that shows `Casus <caseId>` (status card, its form, a notice; narrow with `hasText`). */
  async cardOf(caseId: string, opts: { hasText?: string | RegExp } = {}): Promise<Card> {
    const want = opts.hasText;
    return this.pick(
      `kaart van ${caseId}${want ? ` met ${show(want)}` : ''}`,
      (cs) => cs.filter((c) => c.text.includes(`Casus ${caseId}`) && (!want || matches(c.text, want))).sort((a, b) => b.seq - a.seq)[0],
      caseId,
    );
  }

  /** The card this person's UI showed last. */
  async latestCard(): Promise<Card> {
    return this.pick('kaart', (cs) => [...cs].sort((a, b) => b.seq - a.seq)[0], null);
  }

  /**
   * Clicks the button titled `title` on `card` (exact title, or a RegExp). A button inside a
   * collapsed Action.ShowCard ("Meer") is found by opening the ShowCards. Inputs filled with
   * `fill()` are checked first and filled again if a re-render emptied them. When a message
   * arrives in between (the Playground then renders every card anew: typed values gone, ShowCards
   * closed), it starts over, within {@link STEP_MS}.
   */
  async click(card: Card, title: string | RegExp): Promise<void> {
    await this.ensure(card);
    const button = () => card.locator.getByRole('button', { name: title, exact: true }).filter({ visible: true });
    const deadline = Date.now() + STEP_MS;
    let looked = false;
    for (;;) {
      // Put back what fill() set (a re-render empties typed values).
      for (const p of this.pending.get(card.seq) ?? [])
        await this.fill(card, p.label, p.value, { remember: false, shown: p.shown, nth: p.nth });
      if ((await button().count()) === 0) {
        const closed = card.locator.locator('button[aria-expanded="false"]').filter({ visible: true });
        for (let i = 0, n = await closed.count(); i < n && (await button().count()) === 0; i++) await closed.first().click();
      }
      if ((await button().count()) === 0) {
        // Once more after a moment: a re-render may have closed a ShowCard while it was opened.
        if (!looked) {
          looked = true;
          await sleep(300);
          continue;
        }
        const titles = await card.locator
          .getByRole('button')
          .filter({ visible: true })
          .evaluateAll((bs) => bs.map((b) => b.getAttribute('title') ?? (b as HTMLElement).innerText));
        throw new Error(`${this.name}: geen knop ${show(title)} op de kaart; wel: ${titles.map((t) => `'${t}'`).join(', ')}`);
      }
      this.marks.set(card.seq, (await this.history(card)).length);
      try {
        await button()
          .first()
          .click({ timeout: Math.max(500, Math.min(2000, deadline - Date.now())) });
        break;
      } catch (e) {
        // The button went away under the pointer (a re-render closed its ShowCard): again.
        if (Date.now() > deadline) throw e;
      }
    }
    this.pending.delete(card.seq);
  }

  /**
   * Fills the input labelled `label` on `card` as a person would, by what the input is:
   * Input.Text (also multiline) and Input.Number: the text; Input.Date: an ISO date `yyyy-mm-dd`
   * picked in the calendar; Input.ChoiceSet expanded single: the option's title (radio); expanded
   * multi: the titles to tick (others are unticked); compact: the option's title picked from the
   * list; Input.Toggle: true/false (found by its label or, without one, its title).
   */
  async fill(card: Card, label: string, value: FillValue, opts: { remember?: boolean; shown?: string; nth?: number } = {}): Promise<void> {
    await this.ensure(card);
    const target = await this.control(card, label, opts.nth);
    const byId = (id: string) => this.page.locator(`[id="${id}"]`);
    const el = byId(target.id);
    let shown: string | undefined;
    switch (target.kind) {
      case 'text':
      case 'textarea':
        if ((await el.inputValue()) !== String(value)) await el.fill(String(value));
        break;
      case 'date':
        if (!opts.shown || (await el.inputValue()) !== opts.shown) await this.pickDate(el, String(value), label);
        shown = await el.inputValue();
        break;
      case 'combobox': {
        const want = Array.isArray(value) ? value : [String(value)];
        if (!Array.isArray(value) && (await el.inputValue()) === want[0]) break;
        await el.click();
        for (const option of want) {
          const o = this.page.getByRole('option', { name: option, exact: true });
          if ((await o.getAttribute('aria-selected')) !== 'true' || !Array.isArray(value)) await o.click();
        }
        if (Array.isArray(value)) await this.page.keyboard.press('Escape');
        break;
      }
      case 'radio': {
        const id = target.options[String(value)];
        if (!id)
          throw new Error(`${this.name}: '${label}' heeft geen keuze '${String(value)}'; wel: ${Object.keys(target.options).join(', ')}`);
        await byId(id).check();
        break;
      }
      case 'checkboxes': {
        const want = new Set(Array.isArray(value) ? value : [String(value)]);
        for (const w of want)
          if (!target.options[w])
            throw new Error(`${this.name}: '${label}' heeft geen keuze '${w}'; wel: ${Object.keys(target.options).join(', ')}`);
        for (const [title, id] of Object.entries(target.options)) await byId(id).setChecked(want.has(title));
        break;
      }
      case 'toggle':
        await el.setChecked(value === true || value === 'true');
        break;
    }
    if (opts.remember !== false) {
      const list = (this.pending.get(card.seq) ?? []).filter((p) => p.label !== label || p.nth !== opts.nth);
      this.pending.set(card.seq, [
        ...list,
        { label, value, ...(shown ? { shown } : {}), ...(opts.nth !== undefined ? { nth: opts.nth } : {}) },
      ]);
    }
  }

  /**
   * Finds the control for `label`: an input label's `for` target, else (toggles without label) a
   * checkbox's own title. With `nth`, the nth (0-based, card order) of several inputs with that label.
   */
  private async control(card: Card, label: string, nth?: number): Promise<{ id: string; kind: string; options: Record<string, string> }> {
    const found = await card.locator.evaluate((root, label) => {
      const norm = (s: string | null) =>
        (s ?? '')
          .replace(/\s+/g, ' ')
          .replace(/\s*\*$/, '')
          .trim();
      const shown = (e: Element) => (e as HTMLElement).getClientRects().length > 0;
      const kindOf = (t: Element): string => {
        if (t.tagName === 'TEXTAREA') return 'textarea';
        if (t.getAttribute('role') === 'radiogroup') return 'radio';
        if (t.tagName === 'INPUT') {
          if (t.getAttribute('role') === 'combobox') return t.getAttribute('aria-haspopup') === 'dialog' ? 'date' : 'combobox';
          return (t as HTMLInputElement).type === 'checkbox' ? 'toggle' : 'text';
        }
        return t.querySelector('input[type=checkbox]') ? 'checkboxes' : 'unknown';
      };
      const options = (t: Element): Record<string, string> => {
        const out: Record<string, string> = {};
        for (const input of Array.from(t.querySelectorAll('input[type=radio], input[type=checkbox]'))) {
          const own = t.querySelector(`label[for="${input.id}"]`);
          if (own) out[norm(own.textContent)] = input.id;
        }
        return out;
      };
      const labels = Array.from(root.querySelectorAll('label.ac-richTextBlock[for]')).filter(
        (l) => shown(l) && norm(l.textContent) === label,
      );
      const hits = labels.map((l) => document.getElementById(l.getAttribute('for') ?? '')).filter((t): t is HTMLElement => Boolean(t));
      if (hits.length === 0) {
        // An Input.Toggle without label: its title is the checkbox's own label.
        for (const l of Array.from(root.querySelectorAll('label[for]'))) {
          const t = document.getElementById(l.getAttribute('for') ?? '');
          // …but not an option of an expanded multi-select ChoiceSet (ids `<set id>-<n>`).
          const set = t?.parentElement?.parentElement;
          const option = Boolean(t && set?.id && t.id.startsWith(`${set.id}-`));
          if (t instanceof HTMLInputElement && t.type === 'checkbox' && !option && shown(l) && norm(l.textContent) === label) hits.push(t);
        }
      }
      const all = Array.from(root.querySelectorAll('label.ac-richTextBlock[for]'))
        .filter(shown)
        .map((l) => norm(l.textContent));
      return { hits: hits.map((t) => ({ id: t.id, kind: kindOf(t), options: options(t) })), all };
    }, label);
    if (nth !== undefined ? found.hits.length <= nth : found.hits.length !== 1) {
      const which = nth !== undefined ? ` (nummer ${nth + 1} gevraagd)` : '';
      throw new Error(
        `${this.name}: ${found.hits.length === 0 ? 'geen' : `${found.hits.length}×`} invoer '${label}' op de kaart${which}; labels: ${found.all.map((l) => `'${l}'`).join(', ') || '(geen)'}`,
      );
    }
    const hit = found.hits[nth ?? 0]!;
    if (hit.kind === 'unknown') throw new Error(`${this.name}: invoer '${label}' van onbekende soort`);
    return hit;
  }

  /** Picks an ISO date in the Fluent calendar of Input.Date (typing is not accepted there). */
  private async pickDate(input: Locator, iso: string, label: string): Promise<void> {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) throw new Error(`${this.name}: datum voor '${label}' als jjjj-mm-dd, niet '${iso}'`);
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    await input.click();
    const dialog = this.page.getByRole('dialog', { name: 'Calendar' });
    await dialog.waitFor();
    for (let i = 0; ; i++) {
      const head = (await dialog.locator('.fui-CalendarDay__monthAndYear').innerText()).trim();
      const [monthName = '', year = ''] = head.split(/\s+/);
      const diff = (y - Number(year)) * 12 + (mo - 1 - MONTHS.indexOf(monthName));
      if (Number.isNaN(diff) || MONTHS.indexOf(monthName) < 0) throw new Error(`${this.name}: kalenderkop '${head}' niet begrepen`);
      if (diff === 0) break;
      if (i > 240) throw new Error(`${this.name}: ${iso} ligt te ver van ${head}`);
      await dialog.locator(`button[title^="${diff > 0 ? 'Next' : 'Previous'} month"]`).click();
    }
    await dialog.getByRole('button', { name: `${d}, ${MONTHS[mo - 1]}, ${y}`, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    if (!(await input.inputValue()).includes(String(y))) throw new Error(`${this.name}: datum ${iso} niet overgenomen in '${label}'`);
  }

  /** Re-pins a card of a known case when a re-mount lost the pin. */
  private async ensure(card: Card): Promise<void> {
    if ((await card.locator.count()) > 0 || !card.caseId) return;
    const again = await this.cardOf(card.caseId);
    await again.locator.evaluate((el, { pin, seq }) => el.setAttribute(pin, seq), { pin: PIN, seq: String(card.seq) });
  }

  /**
   * Waits until `where` (a card, a locator, or the whole page when null) shows `text`; fails after
   * `ms` with what it shows instead (and, for a card, the Playground's invoke line).
   */
  async waitForText(where: Card | Locator | null, text: string | RegExp, ms = STEP_MS): Promise<string> {
    const loc = where instanceof Card ? where.locator : (where ?? this.page.locator('body'));
    let seen = '';
    const deadline = Date.now() + ms;
    for (;;) {
      seen = await loc.innerText({ timeout: 1000 }).catch(() => '');
      if (matches(seen, text)) return seen;
      if (Date.now() > deadline) {
        const line = where instanceof Card ? await where.invokeMessage().catch(() => null) : null;
        throw new Error(
          `${this.name}: ${show(text)} niet gezien binnen ${ms} ms${line ? ` (Playground: '${line}')` : ''}. Wel:\n${seen.slice(0, 1500)}`,
        );
      }
      await sleep(100);
    }
  }

  /** Every text `card` showed since it was pinned, oldest first (`textContent`: blocks run together). */
  async history(card: Card): Promise<string[]> {
    return this.page.evaluate(({ key, seq }) => (window as unknown as Record<string, Record<string, string[]>>)[key]?.[seq] ?? [], {
      key: HISTORY,
      seq: String(card.seq),
    });
  }

  /**
   * Waits until `card` shows `text` now or showed it at some moment since it was last clicked
   * (an invoke answer the bot's updateActivity replaced a moment later still counts: the person
   * saw it). Fails after `ms` with what the card showed since the click.
   */
  async waitForShown(card: Card, text: string | RegExp, ms = STEP_MS): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const since = (await this.history(card)).slice(this.marks.get(card.seq) ?? 0);
      const now = await card.locator.innerText({ timeout: 1000 }).catch(() => '');
      const hit = [now, ...since].find((t) => matches(t, text) || matches(t.replace(/\s+/g, ' '), text));
      if (hit !== undefined) return hit;
      if (Date.now() > deadline) {
        const line = await card.invokeMessage().catch(() => null);
        throw new Error(
          `${this.name}: ${show(text)} niet gezien binnen ${ms} ms${line ? ` (Playground: '${line}')` : ''}. Nu:\n${now.slice(0, 1500)}\nEerder sinds de klik:\n${since.map((t) => `  - ${t.slice(0, 300)}`).join('\n') || '  (niets)'}`,
        );
      }
      await sleep(100);
    }
  }

  /**
   * What the input labelled `label` (optionally the nth) on `card` holds now: a toggle's state,
   * the chosen option's title (radio), the ticked titles (checkboxes), else the text in the field
   * (a date input shows a localised date).
   */
  async valueOf(card: Card, label: string, nth?: number): Promise<string | boolean | string[]> {
    await this.ensure(card);
    const target = await this.control(card, label, nth);
    const el = this.page.locator(`[id="${target.id}"]`);
    switch (target.kind) {
      case 'toggle':
        return el.isChecked();
      case 'radio':
      case 'checkboxes': {
        const out: string[] = [];
        for (const [title, id] of Object.entries(target.options)) if (await this.page.locator(`[id="${id}"]`).isChecked()) out.push(title);
        return target.kind === 'radio' ? (out[0] ?? '') : out;
      }
      default:
        return el.inputValue();
    }
  }

  /**
   * Saves a palette-compacted screenshot of the window (scrolled to `card` when given; with
   * `align` a card taller than the window shows its top or its bottom); returns its path.
   */
  async screenshot(name: string, card?: Card, opts: { align?: 'start' | 'end' } = {}): Promise<string> {
    this.shots ??= sharedShots ??= screenshotDir();
    mkdirSync(this.shots, { recursive: true });
    if (card && opts.align) await card.locator.evaluate((el, block) => el.scrollIntoView({ block }), opts.align);
    else if (card) await card.locator.scrollIntoViewIfNeeded();
    const path = join(this.shots, `${name}.png`);
    writeFileSync(path, compactPng(await this.page.screenshot({ animations: 'disabled' })));
    return path;
  }

  private async until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + STEP_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${this.name}: ${what} duurde langer dan ${STEP_MS} ms`);
      await sleep(50);
    }
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
