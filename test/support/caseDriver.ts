import { openTables } from '../../src/storage';
import type { Clock } from '../../src/app';
import { type E2e, startE2e } from './app';
import { type InvokeResult, cardText, fill, verbsOn } from './playgroundClient';
import { seedTeam } from './teamSettings';

export const DEMO = {
  anouk: { id: 'user-anouk', aad: '11111111-1111-4111-8111-000000000001', name: 'Anouk de Vries' },
  mohamed: { id: 'user-mohamed', aad: '11111111-1111-4111-8111-000000000002', name: 'Mohamed El Amrani' },
  sanne: { id: 'user-sanne', aad: '11111111-1111-4111-8111-000000000003', name: 'Sanne Bakker' },
  joost: { id: 'user-joost', aad: '11111111-1111-4111-8111-000000000004', name: 'Joost Visser' },
  fatma: { id: 'user-fatma', aad: '11111111-1111-4111-8111-000000000005', name: 'Fatma Yilmaz' },
  pieter: { id: 'user-pieter', aad: '11111111-1111-4111-8111-000000000006', name: 'Pieter Jansen' },
} as const;

export type DemoUser = (typeof DEMO)[keyof typeof DEMO];

/** Stores demo team settings directly (the /instellingen card has its own test). Joost holds no role. */
const seedRoles = async (e: E2e, tenantId: string, teamId: string, serviceUrl: string): Promise<void> => {
  const tables = await openTables(e.app.storageConnection, e.prefix);
  const m = (u: DemoUser) => ({ id: u.aad, name: u.name });
  await seedTeam(
    tables.cases,
    { tenantId, teamId },
    {
      serviceUrl,
      roleHolders: {
        teamleider: [m(DEMO.mohamed)],
        sleutelfiguur: [m(DEMO.sanne)],
        coordinator_verstevigingsteam: [m(DEMO.fatma)],
        functioneel_beheerder: [m(DEMO.pieter)],
      },
      updatedBy: DEMO.pieter.aad,
    },
  );
};

const refOf = (card: unknown): { caseId: string; version: number } => {
  const text = JSON.stringify(card);
  const caseId = /"caseId":"(CAS-\d{4}-\d{4,6})"/.exec(text)?.[1];
  const version = /"version":(\d+)/.exec(text.replace(/"version":"1\.5"/g, ''))?.[1];
  if (!caseId || !version) throw new Error(`geen casus/versie op kaart: ${text.slice(0, 300)}`);
  return { caseId, version: Number(version) };
};

/** Walks one case through its steps as different demo users, via the Playground API. */
export class CaseDriver {
  card: Record<string, unknown>;

  private constructor(
    private readonly e: E2e,
    readonly thread: string,
    readonly rootMessageId: string,
    readonly caseId: string,
    card: Record<string, unknown>,
  ) {
    this.card = card;
  }

  static async open(e: E2e, channel: string, user: DemoUser): Promise<CaseDriver> {
    const post = await e.pg.say(channel, user.id, '/escaleer');
    const root = await e.pg.waitFor(
      (ev) =>
        ev.action === 'createMessage' && ev.actionConversationId === post.postConversationId && Boolean(ev.message.attachments?.length),
      8000,
      'hoofdkaart',
    );
    const card = root.message.attachments?.[0]?.content ?? {};
    return new CaseDriver(e, post.postConversationId, root.message.messageId, refOf(card).caseId, card);
  }

  /**
   * A driver for a case someone opened in the Playground's web UI (`@Escaleer /escaleer` typed in
   * the instance `e` started): its thread and root card come from the Playground's stream, the
   * card as last updated there. (A post through the API does not show in an open web UI, so a
   * browser test opens the case in the UI and lets the API take over.)
   */
  static async attach(e: E2e, caseId: string): Promise<CaseDriver> {
    const ofCase = (content: unknown) => cardText(content).includes(`Casus ${caseId}`);
    const root = await e.pg.waitFor(
      (ev) => ev.action === 'createMessage' && ofCase(ev.message.attachments?.[0]?.content),
      8000,
      `hoofdkaart van ${caseId}`,
    );
    const latest =
      [...e.pg.events]
        .reverse()
        .find((ev) => ev.message.messageId === root.message.messageId && ofCase(ev.message.attachments?.[0]?.content)) ?? root;
    return new CaseDriver(e, root.actionConversationId, root.message.messageId, caseId, latest.message.attachments?.[0]?.content ?? {});
  }

  get version(): number {
    return refOf(this.card).version;
  }

  get text(): string {
    return cardText(this.card);
  }

  /**
   * Opens the form of `verb` as `user` (the status card's button), fills it and submits it; keeps
   * the returned card when it is the case's. When the form is not offered to `user` (another role,
   * another step) the submit is posted anyway, as a forged card would: the server must refuse it.
   */
  async act(
    user: DemoUser,
    verb: string,
    values: Record<string, string>,
    version = this.version,
  ): Promise<InvokeResult & { text: string }> {
    const form = await this.open(user, verb, version);
    const data = verbsOn(form).includes(verb)
      ? fill(form, verb, values, { caseId: this.caseId, version })
      : { caseId: this.caseId, version, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`${verb}.${k}`, v])) };
    const r = await this.e.pg.execute(this.thread, user.id, this.rootMessageId, verb, data);
    if (r.status !== 200) throw new Error(`invoke ${verb} gaf ${r.status}`);
    const card = r.body?.value as Record<string, unknown>;
    if (JSON.stringify(card).includes(`Casus ${this.caseId}`)) this.card = card;
    return { ...r, text: cardText(card) };
  }

  /** The answer to the status card's button for `verb` as `user`: the form, or the status card with why not. */
  async open(user: DemoUser, verb: string, version = this.version): Promise<Record<string, unknown>> {
    const r = await this.e.pg.execute(this.thread, user.id, this.rootMessageId, 'formulier.openen', {
      caseId: this.caseId,
      version,
      actie: verb,
    });
    if (r.status !== 200) throw new Error(`invoke formulier.openen (${verb}) gaf ${r.status}`);
    return r.body?.value as Record<string, unknown>;
  }

  /** A read-only action (details, status) as `user`. */
  async view(user: DemoUser, verb: 'details.bekijken' | 'status.tonen'): Promise<{ card: Record<string, unknown>; text: string }> {
    const r = await this.e.pg.execute(this.thread, user.id, this.rootMessageId, verb, { caseId: this.caseId, version: this.version });
    const card = r.body?.value as Record<string, unknown>;
    return { card, text: cardText(card) };
  }

  /**
   * Waits until everyone's copy of the root card shows `text`. Generous: the dispatcher keeps
   * Teams' limit of 60 messages per 30 s per channel, and these tests act faster than people do.
   */
  async channelShows(text: string): Promise<void> {
    await this.e.pg.waitFor(
      (ev) =>
        ev.action === 'updateMessage' &&
        ev.message.messageId === this.rootMessageId &&
        cardText(ev.message.attachments?.[0]?.content).includes(text),
      45_000,
      `bijgewerkte hoofdkaart met "${text}"`,
    );
  }
}

/** The demo team with roles seeded: the bot, its Playground, the General channel and the bot's id. */
export interface SeededTeam {
  readonly e: E2e;
  readonly channel: string;
  readonly botId: string;
}

export const startSeededTeam = async (clock: Clock): Promise<SeededTeam> => {
  const e = await startE2e({}, { clock });
  const cfg = await e.pg.config();
  const team = cfg.teams[0];
  if (!team) throw new Error('geen team in de Playground-config');
  await seedRoles(e, cfg.tenantId, team.id, `${e.pg.baseUrl}/_connector`);
  return { e, channel: team.id, botId: cfg.bot.id };
};
