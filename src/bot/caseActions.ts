import { z } from 'zod';
import {
  type ActionContextRead,
  type CaseService,
  type Clock,
  type DossierService,
  actingOn,
  cardBelongs,
  waitingOn,
  wrongCard,
} from '../app';
import {
  DETAILS_VERB,
  type FormState,
  type Notice,
  OPEN_VERB,
  STATUS_VERB,
  awaitingText,
  detailsCard,
  inputsFor,
  statusCard,
  stepFormCard,
  summaryCard,
  withNotice,
} from '../cards';
import { type Actor, type Case, type CaseId, ROLE_LABELS, type Refusal, availableActions, stepOf } from '../domain';
import type { ChannelPlace } from './context';
import { refusalCard, refusalNotice } from './refusals';

const textAt = (c: Case, step: string, field: string): string | null => {
  const v = c.steps[step]?.[field];
  return typeof v === 'string' && v ? v : null;
};

/**
 * Why the case is back at this step, with the reason given (free text: only ever in this
 * user-specific view, for someone who may read the details; the channel's card says only who).
 */
const whyBack = (c: Case): string => {
  if (c.state === 'voorwaarden' && c.steps.akkoord_teamleider?.besluit === 'afgewezen') {
    const reason = textAt(c, 'akkoord_teamleider', 'reden');
    return `Niet akkoord van de teamleider${reason ? `: ${reason}` : ''}. Bevestig de voorwaarden opnieuw. `;
  }
  if (c.state === 'cirkel3' && c.steps.contact_adviseur?.oordeel === 'niet_passend') {
    const advice = textAt(c, 'contact_adviseur', 'advies');
    return `De zorginhoudelijk adviseur vond bespreking niet passend${advice ? `: ${advice}` : ''}. Werk het plan bij, of sluit de casus als het is opgelost. `;
  }
  return '';
};

/** `formulier.openen` names the action whose form it opens; anything else in `data` is ignored. */
const openData = z.object({ actie: z.string().min(1).max(64) });

/** Which part of a long details card; anything else shows the first. */
const detailsPart = z.object({ deel: z.coerce.number().int().min(1).max(100) });

const STALE_TEXT = 'Iemand anders heeft deze casus net bijgewerkt. Dit is de actuele stand; je invoer is niet opgeslagen.';
const STALE_FORM_TEXT = 'Iemand anders heeft deze casus net bijgewerkt. Je invoer staat er nog: controleer hem en sla opnieuw op.';
const MOVED_ON_TEXT = 'De casus is intussen bijgewerkt. Dit is de actuele stand.';

/** What the details view needs to offer the dossier: the use case and where the bot is reached. */
export interface DossierLinks {
  readonly service: DossierService;
  /** `https://<PUBLIC_HOSTNAME>`, or locally the bot's own `http://127.0.0.1:<port>`. */
  readonly base: () => string;
}

export interface CaseActionRequest {
  readonly place: ChannelPlace;
  readonly caseId: CaseId;
  readonly version: number;
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly actor: Actor;
  readonly activityId: string;
  /** `automatic` when Teams refreshes a user-specific view by itself (Universal Actions `refresh`). */
  readonly automatic: boolean;
  /** The message the card is on (Teams' `replyToId`; `null` when missing): one of the case's own cards. */
  readonly card: string | null;
}

/**
 * Card actions on a case, answered with the card for the clicking user only: the status card,
 * one action's form, the crisis confirmation, or the details. Every answer reloads the case and
 * checks channel, version, step and role; the use case validates and commits changes.
 */
export class CaseCardActions {
  constructor(
    private readonly cases: CaseService,
    private readonly clock: Clock,
    /** Wakes the outbox dispatcher after a change. */
    private readonly kick: (tenantId: string) => void,
    /** Where the progress pictures are served, if the bot has a public address. */
    private readonly imageBase?: string,
    /** Dossier links in the details view: the service and the bot's own base URL (no trailing `/`). */
    private readonly dossier?: DossierLinks,
  ) {}

  /** The status card as the channel shows it, optionally with a notice for this user. */
  async status(c: Case, notice: Notice | null = null, read?: ActionContextRead | null): Promise<Record<string, unknown>> {
    const r = read ?? (await this.cases.contextFor(c));
    return withNotice(
      statusCard(c, {
        tables: r.tables,
        now: this.clock.now(),
        waiting: waitingOn(c, r.settings),
        ...(this.imageBase ? { imageBase: this.imageBase } : {}),
      }),
      notice,
    );
  }

  /** The read-only snapshot `/status CAS-…` posts (the live card stays the root card in the case's thread). */
  async summary(c: Case): Promise<Record<string, unknown>> {
    const r = await this.cases.contextFor(c);
    return summaryCard(c, {
      tables: r.tables,
      now: this.clock.now(),
      waiting: waitingOn(c, r.settings),
      ...(this.imageBase ? { imageBase: this.imageBase } : {}),
    });
  }

  async handle(req: CaseActionRequest): Promise<Record<string, unknown>> {
    const common = this.viewOf(req);
    if (req.verb === DETAILS_VERB) {
      const dossier = this.dossier;
      const shown = await this.cases.viewDetails(common, dossier ? (c, actor) => dossier.service.newLink(c, actor) : undefined);
      const part = detailsPart.safeParse(req.data);
      if (shown.ok) {
        const { case: c, dossierPath } = shown.value;
        const read = await this.cases.contextFor(c);
        const url = dossier && dossierPath ? `${dossier.base()}/dossier/${dossierPath}` : undefined;
        return detailsCard(c, read.tables, part.success ? part.data.deel : 1, url);
      }
      if (shown.error.code === 'wrong_card') return refusalCard(shown.error);
      const c = await this.cases.find(req.place.tenantId, req.caseId, req.place);
      return c ? this.status(c, { text: shown.error.message, style: 'attention' }) : refusalCard(shown.error);
    }
    if (req.verb === STATUS_VERB || req.verb === OPEN_VERB) {
      const c = await this.cases.find(req.place.tenantId, req.caseId, req.place);
      if (!c) return refusalCard(await this.cases.whyMissing(req.place.tenantId, req.caseId));
      if (!cardBelongs(c, req.card)) return refusalCard(wrongCard(req.caseId));
      return req.verb === STATUS_VERB ? this.status(c) : this.openForm(c, req);
    }
    const input = inputsFor(req.verb, req.data);
    const outcome = await this.cases.execute({ ...common, version: req.version, verb: req.verb, input });
    if (outcome.ok) {
      const done = outcome.value;
      if (done.kind === 'duplicate') return this.status(done.case, null, done.read);
      this.kick(done.case.tenantId);
      const card = done.status.attachments?.[0]?.content as Record<string, unknown>;
      return withNotice(card, { text: this.savedText(done.case, done.read), style: 'good' });
    }
    const { refusal, case: c, read } = outcome.error;
    if (!c) return refusalCard(refusal);
    // Only `execute` refuses with stale_version (it never hands the engine an expected version):
    // someone else changed the case since the card was rendered.
    if (refusal.code === 'stale_version') return this.staleAnswer(c, req, input, read);
    return this.refusedAnswer(c, req, input, refusal, read);
  }

  /** The form of the action the button names, if it is offered now and the user may take it. */
  private async openForm(c: Case, req: CaseActionRequest): Promise<Record<string, unknown>> {
    const read = await this.cases.contextFor(c);
    const quiet = (notice: Notice) => this.status(c, req.automatic ? null : notice, read);
    if (c.version !== req.version) return quiet({ text: MOVED_ON_TEXT, style: 'warning' });
    const wanted = openData.safeParse(req.data);
    const action = wanted.success ? this.offered(c, req, read).find((a) => a.verb === wanted.data.actie) : undefined;
    if (!action) return quiet({ text: 'Deze actie hoort niet (meer) bij de huidige stap. Dit is de actuele stand.', style: 'warning' });
    if (!action.allowed) {
      const waiting = waitingOn(c, read.settings);
      const who =
        waiting && waiting.role !== 'begeleider'
          ? awaitingText(waiting)
          : action.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' of ');
      return quiet({ text: `Deze stap is voor ${who}. Jij kunt de status en de details bekijken.`, style: 'attention' });
    }
    const def = stepOf(c.state)?.actions.find((a) => a.verb === action.verb);
    // An automatic refresh (Teams, each time the card comes into view) gets no earlier free text:
    // that read is audited, and a person opening the form gets it by the button.
    const earlier =
      def && !def.recurring && !req.automatic ? await this.cases.earlierInput(c, def.stepKey ?? c.state, this.viewOf(req)) : null;
    // Else the choices carried from earlier steps (never free text: those need the audited read).
    const start = earlier ?? def?.defaults?.(c) ?? {};
    const values = Object.fromEntries(
      action.fields.filter((f) => start[f.name] !== undefined && (earlier || !f.private)).map((f) => [f.name, start[f.name]]),
    );
    const form = { verb: action.verb, values, fieldErrors: {} };
    if (!earlier) return stepFormCard(c, action, Object.keys(values).length ? { form } : {});
    return stepFormCard(c, action, {
      form,
      notice: { text: `${whyBack(c)}Ingevuld met wat eerder is vastgelegd. Controleer het en pas aan waar nodig.`, style: 'emphasis' },
    });
  }

  private viewOf(req: CaseActionRequest) {
    return {
      tenantId: req.place.tenantId,
      caseId: req.caseId,
      actor: req.actor,
      activityId: req.activityId,
      channelId: req.place.channelId,
      teamId: req.place.teamId,
      card: req.card,
    };
  }

  /** The actions of the case's step as this user may see them (the gebiedsteam's teamleider acting as teamleider). */
  private offered(c: Case, req: CaseActionRequest, read: ActionContextRead) {
    return availableActions(c, {
      actor: actingOn(c, req.actor, read.settings),
      tables: read.tables,
      now: this.clock.now(),
      gebiedsteams: (read.settings?.gebiedsteams ?? []).map((g) => g.name),
    });
  }

  private savedText(c: Case, read: ActionContextRead): string {
    const waiting = waitingOn(c, read.settings);
    if (!waiting) return 'Opgeslagen. De casus is afgerond.';
    return waiting.role === 'begeleider'
      ? 'Opgeslagen. De volgende stap is voor het team.'
      : `Opgeslagen. De casus wacht nu op ${awaitingText(waiting)}.`;
  }

  /** Someone else changed the case: the same form with the user's input when it still applies, else the fresh status. */
  private async staleAnswer(
    c: Case,
    req: CaseActionRequest,
    input: Record<string, unknown>,
    known: ActionContextRead | null,
  ): Promise<Record<string, unknown>> {
    const read = known ?? (await this.cases.contextFor(c));
    const action = this.offered(c, req, read).find((a) => a.verb === req.verb && a.allowed);
    if (!action) return this.status(c, { text: STALE_TEXT, style: 'warning' }, read);
    return stepFormCard(c, action, {
      form: { verb: req.verb, values: input, fieldErrors: {} },
      notice: { text: STALE_FORM_TEXT, style: 'warning' },
    });
  }

  /** A refused submit: the same form with the user's values and the Dutch errors beside the fields, when the form still applies. */
  private async refusedAnswer(
    c: Case,
    req: CaseActionRequest,
    input: Record<string, unknown>,
    refusal: Refusal,
    known: ActionContextRead | null,
  ): Promise<Record<string, unknown>> {
    const read = known ?? (await this.cases.contextFor(c));
    const fieldErrors = refusal.fieldErrors ?? {};
    const notice = refusalNotice(refusal);
    const action = this.offered(c, req, read).find((a) => a.verb === req.verb && a.allowed);
    if (!action) return this.status(c, notice, read);
    const form: FormState = { verb: req.verb, values: input, fieldErrors };
    return stepFormCard(c, action, { form, notice });
  }
}
