import { type DossierRead, type TeamSettings, memberName } from '../app';
import { type SectionView, detailSections, fieldText, formatMoment } from '../cards';
import {
  ALL_VERBS,
  type CaseEvent,
  ROLE_LABELS,
  ROLES,
  ROUTE_LABELS,
  type Role,
  STEPS,
  actionLabel,
  conditionsToReconfirm,
  describeTable,
  evaluateConditions,
  formatDutchDate,
  isSubmitted,
  registeredTable,
  rolesFor,
  stepOf,
} from '../domain';

export interface Fact {
  readonly title: string;
  readonly value: string;
}

/** One change of the case: when, in which step, what, by whom, to which step. */
export interface DossierStep {
  readonly at: string;
  readonly step: string;
  readonly action: string;
  readonly by: string;
  readonly to: string;
}

export interface DossierCondition {
  readonly label: string;
  readonly met: boolean;
  readonly explanation: string;
}

/**
 * The dossier of a case as plain text blocks, ready for a PDF (or any other layout). Free text
 * is as authorised users entered it; names are colleagues' display names; no client name or BSN
 * is ever stored, so none can appear.
 */
export interface Dossier {
  readonly caseId: string;
  readonly title: string;
  readonly general: readonly Fact[];
  readonly steps: readonly DossierStep[];
  readonly participants: readonly Fact[];
  /** Route Zorgkantoor: the seven conditions; `null` on route Bijstellen. */
  readonly conditions: readonly DossierCondition[] | null;
  readonly conditionsNote: string | null;
  readonly decisions: readonly DossierStep[];
  /** Route Zorgkantoor: the regional table; `null` on route Bijstellen. */
  readonly table: readonly Fact[] | null;
  /** Everything recorded per step (outcomes, agreements, dates), the conditions excepted. */
  readonly sections: readonly SectionView[];
}

const ACTIONS = new Map(STEPS.flatMap((s) => s.actions.map((a) => [a.verb, a] as const)));

/** Verdicts a begeleider records for someone else (the adviseur, the table) and the ends a case can take. */
const RECORDED_VERDICTS = new Set(['adviseur.oordeel', 'bespreking.vastleggen', 'casus.afsluiten', 'crisis.melden', 'casus.intrekken']);

/**
 * The decisions of a case: what a care role decided (an action not open to the begeleider, such
 * as Akkoord / Niet akkoord or the teamleider's besluit), a stamped verdict, and the recorded
 * verdicts of others and the case's end.
 */
const DECISIONS: ReadonlySet<string> = new Set(
  STEPS.flatMap((s) =>
    s.actions.filter((a) => a.stamp || !rolesFor(s, a).includes('begeleider') || RECORDED_VERDICTS.has(a.verb)).map((a) => a.verb),
  ),
);

const isDecision = (verb: string): boolean => DECISIONS.has(verb);

const isChange = (e: CaseEvent): boolean => e.action === 'casus.openen' || ALL_VERBS.has(e.action);

const stateLabel = (state: string): string => (state ? (stepOf(state)?.label ?? state) : '—');

const nameIn = (settings: TeamSettings | null, userId: string): string | null => memberName(settings, userId) || null;

const roleText = (roles: readonly Role[]): string => {
  const shown = roles.filter((r) => r !== 'begeleider' && r !== 'functioneel_beheerder');
  return (shown.length ? shown : (['begeleider'] as const)).map((r) => ROLE_LABELS[r]).join(', ');
};

const whoOf = (e: CaseEvent, settings: TeamSettings | null): string => {
  const name = e.actorName || nameIn(settings, e.actorId) || 'Onbekende collega';
  return `${name} (${roleText(e.actorRoles)})`;
};

const stepOfEvent = (e: CaseEvent, settings: TeamSettings | null): DossierStep => ({
  at: formatMoment(e.at),
  step: stateLabel(e.fromState),
  action: actionLabel(e.action),
  by: whoOf(e, settings),
  to: stateLabel(e.toState),
});

/** Participants by role: each colleague under the care roles they acted in, else as begeleider. */
const participantsOf = (changes: readonly CaseEvent[], settings: TeamSettings | null): Fact[] => {
  const byRole = new Map<Role, string[]>();
  for (const e of changes) {
    const name = (e.actorName || nameIn(settings, e.actorId) || 'Onbekende collega').replace(/ \(voor .*\)$/, '');
    const roles = e.actorRoles.filter((r) => r !== 'begeleider' && r !== 'functioneel_beheerder');
    for (const r of roles.length ? roles : (['begeleider'] as const)) {
      const names = byRole.get(r) ?? [];
      if (!names.includes(name)) names.push(name);
      byRole.set(r, names);
    }
  }
  return ROLES.filter((r) => byRole.has(r)).map((r) => ({ title: ROLE_LABELS[r], value: (byRole.get(r) ?? []).join(', ') }));
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Builds the dossier of a case from what {@link DossierRead} read fresh. */
export const dossierOf = (read: DossierRead): Dossier => {
  const { case: c, tables, settings } = read;
  const changes = read.events.filter(isChange);
  const opened = changes.find((e) => e.action === 'casus.openen');
  const zorgkantoor = c.route === 'zorgkantoor';
  const conditionsData = c.steps.voorwaarden as Parameters<typeof evaluateConditions>[0];
  const table = zorgkantoor ? registeredTable(c, tables) : null;
  const tableId = text(c.steps.formulier?.tafel);
  const outcome = c.steps.besproken;
  const outcomeField = ACTIONS.get('bespreking.vastleggen')?.fields.find((f) => f.name === 'uitkomst');
  return {
    caseId: c.id,
    title: `Dossier casus ${c.id}`,
    general: [
      { title: 'Route', value: c.route ? ROUTE_LABELS[c.route] : 'Nog niet gekozen' },
      { title: 'Huidige stap', value: stateLabel(c.state) },
      { title: 'Cliëntreferentie', value: c.clientRef ?? '—' },
      { title: 'Geopend', value: `${formatMoment(c.createdAt)}${opened ? ` door ${whoOf(opened, settings)}` : ''}` },
      { title: 'Laatst bijgewerkt', value: formatMoment(c.updatedAt) },
      { title: 'Gemaakt', value: `${formatMoment(read.at.toISOString())}${read.requestedBy ? ` voor ${read.requestedBy}` : ''}` },
    ],
    steps: changes.map((e) => stepOfEvent(e, settings)),
    participants: participantsOf(changes, settings),
    conditions: zorgkantoor
      ? evaluateConditions(conditionsData).map((s) => ({
          label: s.label,
          met: s.met,
          explanation: text(c.steps.voorwaarden?.[`${s.key}Toelichting`]) || '—',
        }))
      : null,
    conditionsNote: !zorgkantoor
      ? null
      : !c.steps.voorwaarden
        ? 'De voorwaarden zijn nog niet vastgelegd.'
        : conditionsToReconfirm(c)
          ? 'De casus is teruggezet: de voorwaarden moeten opnieuw worden bevestigd.'
          : null,
    decisions: changes.filter((e) => isDecision(e.action)).map((e) => stepOfEvent(e, settings)),
    table: zorgkantoor
      ? [
          {
            title: 'Tafel',
            value: table ? describeTable(table) : tableId ? `${tableId} (niet meer in de kalender)` : 'Nog niet aangemeld',
          },
          ...(text(c.steps.formulier?.formulierOntvangenOp)
            ? [{ title: 'Aanmeldformulier ontvangen op', value: formatDutchDate(text(c.steps.formulier?.formulierOntvangenOp)) }]
            : []),
          {
            title: 'Ingeleverd bij het zorgkantoor',
            value: isSubmitted(c) ? formatDutchDate(text(c.steps.aangemeld?.ingediendOp)) : 'Nog niet',
          },
          ...(outcome && text(outcome.datum) ? [{ title: 'Besproken op', value: formatDutchDate(text(outcome.datum)) }] : []),
          ...(outcome && text(outcome.uitkomst)
            ? [{ title: 'Uitkomst van de tafel', value: fieldText(outcomeField, text(outcome.uitkomst), tables) }]
            : []),
        ]
      : null,
    sections: detailSections(c, tables, fieldText, new Set(['voorwaarden'])),
  };
};
