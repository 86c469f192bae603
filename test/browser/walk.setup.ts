import type { Browser } from 'playwright-core';
import { amsterdamDate } from '../../src/domain';
import { SUMMARY_OPEN } from '../../src/cards';
import { type SeededTeam, startSeededTeam } from '../support/caseDriver';
import { launchBrowser } from '../support/chromium';
import { FakeClock } from '../support/fakes';
import {
  type Card,
  type ExtraPlayground,
  Person,
  STEP_MS,
  type SentInvoke,
  botEndpointOf,
  startPlaygroundAs,
} from '../support/playgroundPerson';

/**
 * Shared setup of the browser walks (walk.*.test.ts): Escaleer with a FakeClock that starts at the
 * real current time (so the date picker's "today" is the bot's today), the demo team's roles
 * seeded (teamleider Mohamed, sleutelfiguur Sanne, coördinator Fatma, functioneel beheerder
 * Pieter; Anouk and Joost are begeleiders), Anouk in the Playground the bot starts and every
 * other person in a Playground of their own. Everything a person does goes through the web UI:
 * posts in the compose box, buttons by title, inputs by label.
 */

/** Marks every free text typed into a form: it must never reach a channel-visible card or thread line. */
export const VRIJ = 'VRIJ-';

export const NAMES = {
  anouk: 'Anouk de Vries',
  mohamed: 'Mohamed El Amrani',
  sanne: 'Sanne Bakker',
  fatma: 'Fatma Yilmaz',
  pieter: 'Pieter Jansen',
} as const;

export type Other = Exclude<keyof typeof NAMES, 'anouk'>;

export const SAVED_FOR_TEAM = 'Opgeslagen. De volgende stap is voor het team.';
export const CLOSED = 'Opgeslagen. De casus is afgerond.';

/** One form filled in and saved (see {@link Walk.fillIn}). */
export interface FormStep {
  /** The status card's button that opens the form; without its role suffix, the label of the thread line. */
  readonly button: string;
  readonly values: Fill;
  /** Where the case goes: "Nu: <step>" or "Status: <state>". */
  readonly next: string;
  /** The notice on the answer to the save. */
  readonly notice: string;
  /** The form's save button (default "Opslaan"). */
  readonly submit?: string;
  /** `false`: the form is open already. */
  readonly open?: boolean;
  /** A screenshot of the filled form before it is saved, under this name. */
  readonly shot?: string;
  /** What the channel's card shows afterwards (default `next`). */
  readonly shows?: string;
  /** The thread line the change leaves (default `<label> → <next step> (door <name>).`). */
  readonly thread?: string;
}

/** Confirms the open crisis form: the route stops. */
export const CONFIRM_CRISIS: FormStep = {
  button: 'Crisis melden',
  open: false,
  values: { 'Ik bevestig dat er nu sprake is van een crisissituatie': true },
  submit: 'Crisis bevestigen en route stoppen',
  next: 'Status: Crisis',
  notice: CLOSED,
};

const FORM_NOTE = 'Alleen jij ziet dit formulier.';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `caseId` and `version` the card's actions carry (every case card has them). */
const versionOn = (card: Record<string, unknown> | null): { caseId: string; version: number } | null => {
  const m = /"caseId":"(CAS-\d{4}-\d{4,6})","version":(\d+)/.exec(JSON.stringify(card ?? {}));
  return m ? { caseId: m[1] as string, version: Number(m[2]) } : null;
};

export class Walk {
  private constructor(
    readonly team: SeededTeam,
    readonly clock: FakeClock,
    readonly browser: Browser,
    readonly anouk: Person,
    private readonly people: Partial<Record<Other, Person>>,
    private readonly extras: readonly ExtraPlayground[],
  ) {}

  /** Starts the bot, Anouk's Playground and one more Playground per person in `others`; everyone opens General. */
  static async start(others: readonly Other[]): Promise<Walk> {
    const clock = new FakeClock(new Date());
    const [team, browser] = await Promise.all([startSeededTeam(clock), launchBrowser()]);
    const extras: ExtraPlayground[] = [];
    try {
      extras.push(...(await Promise.all(others.map((o) => startPlaygroundAs(NAMES[o], botEndpointOf(team.e.app.port))))));
      // One page at a time: the Playground's bundle loads slowly on 2 cores, several at once
      // take longer than a step may.
      const anouk = await Person.open(browser, team.e.app.playgroundUrl ?? '', { name: 'Anouk' });
      const rest: Person[] = [];
      for (const [i, x] of extras.entries())
        rest.push(await Person.open(browser, x.url, { name: NAMES[others[i] as Other].split(' ')[0] }));
      for (const p of [anouk, ...rest]) await p.openChannel('General');
      const people = Object.fromEntries(others.map((o, i) => [o, rest[i] as Person])) as Partial<Record<Other, Person>>;
      return new Walk(team, clock, browser, anouk, people, extras);
    } catch (e) {
      await browser.close();
      await Promise.all(extras.map((x) => x.close()));
      await team.e.close();
      throw e;
    }
  }

  person(who: Other): Person {
    const p = this.people[who];
    if (!p) throw new Error(`${NAMES[who]} heeft in deze walk geen Playground`);
    return p;
  }

  /** The full name `who` goes by in the thread lines. */
  nameOf(who: Person): string {
    if (who === this.anouk) return NAMES.anouk;
    const other = (Object.keys(this.people) as Other[]).find((o) => this.people[o] === who);
    if (!other) throw new Error(`${who.name} hoort niet bij deze walk`);
    return NAMES[other];
  }

  /** The bot's today (Europe/Amsterdam), ISO; `days` later or earlier. */
  today(days = 0): string {
    return amsterdamDate(new Date(this.clock.now().getTime() + days * 86_400_000));
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await Promise.all(this.extras.map((x) => x.close()));
    await this.team?.e.close();
  }

  // -------------------------------------------------------------------------------------------
  // What a person does

  /** Anouk types `@Escaleer /escaleer`: the new case's status card. */
  async newCase(): Promise<Card> {
    await this.anouk.post('/escaleer');
    const card = await this.anouk.newCard({ hasText: /Casus CAS-\d{4}-\d{4,6}/ });
    await this.anouk.waitForText(card, 'Nu: Nieuwe casus: route kiezen');
    return card;
  }

  /**
   * `who` types `@Escaleer /status CAS-…` in their own Playground: a snapshot (it never changes;
   * the case's one live card stays in its thread). "Casus openen" on it gives `who`, and only
   * them, the live status card in its place.
   */
  async statusIn(who: Person, caseId: string, step?: string, shot?: string): Promise<Card> {
    await who.post(`/status ${caseId}`);
    const card = await who.newCard({ hasText: `Casus ${caseId}` });
    await who.waitForText(card, 'Momentopname van');
    if (shot) await who.screenshot(shot, card);
    expect(await card.text()).not.toMatch(/\bMeer\b/);
    await this.press(who, card, SUMMARY_OPEN, /\bMeer\b/);
    if (step) await who.waitForText(card, `Nu: ${step}`);
    expect(await card.text()).not.toContain('Momentopname');
    return card;
  }

  /**
   * `who` clicks the button titled `title` on `card` (opening "Meer" when it is in there) and
   * the click must reach the bot: the page sends an Action.Execute with that title and gets the
   * bot's card back (HTTP 200). Then the card must show `shows` (now, or for a moment since the
   * click). Returns what was sent and answered.
   */
  async press(who: Person, card: Card, title: string, shows: string | RegExp): Promise<SentInvoke> {
    const before = who.invokes.length;
    await who.click(card, title);
    const deadline = Date.now() + STEP_MS;
    let sent: SentInvoke | undefined;
    while (!(sent = who.invokes.slice(before).find((i) => i.title === title))) {
      if (Date.now() > deadline) {
        const now = await card.text().catch(() => '(kaart weg)');
        throw new Error(
          `${who.name}: klik op '${title}' bereikte de bot niet binnen ${STEP_MS} ms (geen invoke). De kaart toont:\n${now.slice(0, 1500)}`,
        );
      }
      await sleep(50);
    }
    if (sent.status !== 200 || !sent.card)
      throw new Error(`${who.name}: '${title}' (${sent.verb}) gaf HTTP ${sent.status} ${sent.card ? '' : 'zonder kaart'}`);
    await who.waitForShown(card, shows);
    return sent;
  }

  /** The button titled `title` is not on the face of `card` but under its collapsed "Meer" (which this opens). */
  async expectUnderMeer(who: Person, card: Card, title: string): Promise<void> {
    const visible = await card.locator.getByRole('button', { name: title, exact: true }).filter({ visible: true }).count();
    const meer = await card.locator.getByRole('button', { name: 'Meer', exact: true }).getAttribute('aria-expanded');
    if (visible !== 0 || meer !== 'false')
      throw new Error(`${who.name}: '${title}' hoort onder een dichte 'Meer' te staan (zichtbaar: ${visible}, Meer open: ${meer})`);
    await who.click(card, 'Meer');
    const shown = await card.locator.getByRole('button', { name: title, exact: true }).filter({ visible: true }).count();
    if (shown === 0)
      throw new Error(`${who.name}: '${title}' staat ook niet onder 'Meer'. De kaart toont:\n${(await card.text()).slice(0, 1500)}`);
  }

  /** Clicks the status card's button `button` and expects the form titled `title` (defaults to the button's title). */
  async openForm(who: Person, card: Card, button: string, title = button): Promise<SentInvoke> {
    const sent = await this.press(who, card, button, FORM_NOTE);
    const text = await who.waitForText(card, FORM_NOTE);
    if (flat(text).split(' Casus ')[0] !== title)
      throw new Error(`${who.name}: formulier heet '${flat(text).split(' Casus ')[0]}', niet '${title}'`);
    return sent;
  }

  /**
   * Fills `values` (label → value) on the open form, clicks `submit` and expects the case to move
   * to `next` (the clicker's card says "Nu: …" or "Status: …") with the "Opgeslagen. …" notice.
   * Returns the new case version (from the answer).
   */
  async submit(
    who: Person,
    card: Card,
    values: Fill,
    submit: string,
    next: string,
    notice: string | RegExp = /Opgeslagen\. /,
  ): Promise<number> {
    await fillAll(who, card, values);
    const sent = await this.press(who, card, submit, notice);
    await who.waitForText(card, next);
    const v = versionOn(sent.card);
    if (!v) throw new Error(`${who.name}: antwoord op '${submit}' draagt geen casus/versie`);
    return v.version;
  }

  /**
   * `who` opens the form behind `step.button` on `card`, fills it in and saves; the case moves to
   * `step.next`, and the channel's copy `root` in Anouk's Playground (by default `card`: Anouk's
   * own) follows with the change's thread line. Returns the new case version.
   */
  async fillIn(who: Person, card: Card, step: FormStep, root: Card = card): Promise<number> {
    if (step.open !== false) await this.openForm(who, card, step.button);
    if (step.shot) {
      await fillAll(who, card, step.values);
      await who.screenshot(step.shot, card, { align: 'start' });
    }
    const v = await this.submit(who, card, step.values, step.submit ?? 'Opslaan', step.next, step.notice);
    const label = step.button.replace(/ \(.*\)$/, '');
    const thread = step.thread ?? line(root.caseId ?? '', label, step.next.replace(/^(Nu|Status): /, ''), this.nameOf(who));
    await this.channelShows(root, v, step.shows ?? step.next, thread);
    return v;
  }

  /**
   * `who` types /status for `root`'s case (at step `now`) in their own Playground and fills in
   * `step` on that card; Anouk's `root` follows. Returns their card.
   */
  async fillInFromStatus(who: Person, root: Card, now: string, step: FormStep): Promise<Card> {
    const theirs = await this.statusIn(who, root.caseId ?? '', now);
    await this.fillIn(who, theirs, step, root);
    return theirs;
  }

  /** Anouk picks `route` (and `values`) on the new case `card`: it moves to `first`; the card then shows `shows`. */
  async chooseRoute(card: Card, route: string, first: string, values: Fill = {}, shows = `Nu: ${first}`): Promise<number> {
    return this.fillIn(this.anouk, card, {
      button: 'Route kiezen',
      values: { Route: route, ...values },
      submit: 'Route vastleggen',
      next: `Nu: ${first}`,
      notice: SAVED_FOR_TEAM,
      shows,
      thread: `${card.caseId ?? ''}: route gekozen: ${route} (door ${NAMES.anouk}).`,
    });
  }

  /** A new case on `route` (at `first`) with the crisis form open on Anouk's card: the card and the form's text. */
  async crisisForm(route: string, first: string): Promise<{ card: Card; form: string }> {
    const card = await this.newCase();
    await this.chooseRoute(card, route, first);
    await this.openForm(this.anouk, card, 'Crisis melden');
    return { card, form: await card.text() };
  }

  /**
   * After a change: everyone's copy of the case's root card in Anouk's Playground (the case's
   * own instance) shows version `version` and `step`, and the case thread there got `line`.
   * Waits for the bot's updateActivity on the Playground's stream first, then for the page.
   */
  async channelShows(root: Card, version: number, step: string, line: string): Promise<void> {
    const caseId = root.caseId ?? '';
    await this.team.e.pg.waitFor(
      (ev) =>
        ev.action === 'updateMessage' &&
        (versionOn(ev.message.attachments?.[0]?.content ?? null)?.version ?? 0) >= version &&
        JSON.stringify(ev.message).includes(caseId),
      STEP_MS,
      `bijgewerkte hoofdkaart van ${caseId} (versie ${version})`,
    );
    await this.anouk.waitForText(root, step);
    await this.anouk.waitForText(root.thread(), line);
    // The clicker's own answer (with its notice) may still be on screen for a moment: wait until
    // the channel's copy replaced it, so the next click starts from the shared card.
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline && (await root.text().catch(() => '')).includes('Opgeslagen. ')) await sleep(50);
  }

  // -------------------------------------------------------------------------------------------
  // Privacy

  /**
   * No free text (marked {@link VRIJ}) in anything channel-visible: every message the bot posted
   * or updated in Anouk's Playground (its stream), the thread lines and the status cards on every
   * person's screen (user-specific forms and details are not channel-visible and may show it).
   */
  async assertNoFreeTextInChannel(): Promise<void> {
    const leaked = this.team.e.pg.fromBot(this.team.botId).filter((ev) => JSON.stringify(ev.message).includes(VRIJ));
    if (leaked.length)
      throw new Error(
        `vrije tekst in het kanaal (bot-berichten):\n${leaked.map((ev) => `${ev.action}: ${JSON.stringify(ev.message).slice(0, 400)}`).join('\n')}`,
      );
    for (const p of [this.anouk, ...Object.values(this.people)]) {
      const shown = await p.page.evaluate(() => {
        const out: string[] = [];
        for (const el of Array.from(document.querySelectorAll('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)'))) {
          const t = (el as HTMLElement).innerText;
          if (t.includes('Laatste wijziging') && !t.includes('Alleen jij ziet')) out.push(t);
        }
        for (const el of Array.from(document.querySelectorAll('p')))
          if (/^CAS-\d{4}-\d{4,6}: /.test((el as HTMLElement).innerText)) out.push((el as HTMLElement).innerText);
        return out;
      });
      const bad = shown.filter((t) => t.includes(VRIJ));
      if (bad.length)
        throw new Error(`${p.name}: vrije tekst op een kanaalkaart of draadregel:\n${bad.map((t) => flat(t).slice(0, 400)).join('\n')}`);
    }
  }

  /** Page errors of every person's page (should stay empty). */
  pageErrors(): string[] {
    return [this.anouk, ...Object.values(this.people)].flatMap((p) => p.pageErrors.map((e) => `${p.name}: ${e}`));
  }
}

/** Label → value; a label of several inputs as `label#n` (n from 1, card order). */
export type Fill = Readonly<Record<string, string | boolean | readonly string[]>>;

export const fillAll = async (who: Person, card: Card, values: Fill): Promise<void> => {
  for (const [key, value] of Object.entries(values)) {
    const m = /^(.*)#(\d+)$/.exec(key);
    if (m) await who.fill(card, m[1] as string, value, { nth: Number(m[2]) - 1 });
    else await who.fill(card, key, value);
  }
};

/** The thread line of a change: `CAS-…: <label> → <next step> (door <name>).` (no arrow when the step stays). */
export const line = (caseId: string, label: string, to: string | null, by: string): string =>
  to ? `${caseId}: ${label} → ${to} (door ${by}).` : `${caseId}: ${label} (door ${by}).`;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A fact of a status card as the page shows it: its title, then its value. */
export const fact = (title: string, value: string): RegExp => new RegExp(`${escapeRe(title)}\\s+${escapeRe(value)}`);
