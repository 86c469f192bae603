import type { CaseId } from './caseId';
import type { Role } from './roles';
import type { StateId } from './stateIds';

export type RouteId = 'zorgkantoor' | 'bijstellen';

export const ROUTE_LABELS: Readonly<Record<RouteId, string>> = {
  zorgkantoor: 'Zorgkantoor (Wlz)',
  bijstellen: 'Bijstellen ondersteuning (Wmo)',
};

/** Where a case lives in Teams: the channel thread under its root card. */
export interface CaseLocation {
  readonly tenantId: string;
  readonly teamId: string;
  readonly channelId: string;
  /** Bot Framework conversation id of the channel (without `;messageid=`). */
  readonly conversationId: string;
  /** Bot Framework service URL to reach the conversation. */
  readonly serviceUrl: string;
  /** Activity id of the root card; set once the card is posted. */
  readonly rootActivityId: string | null;
  /** Activity ids of other messages with this case's card and its buttons (`/status CAS-…` copies), newest last. */
  readonly cardIds?: readonly string[];
}

/** Free-form data a step's form captured, keyed by field name (validated by the step's schema). */
export type StepData = Readonly<Record<string, unknown>>;

/**
 * A case (`casus`). Never holds a client name or BSN: `clientRef` is a pseudonymous reference
 * (max 20 chars, e.g. the ECD client number). Times are ISO-8601 UTC strings.
 */
export interface Case {
  readonly id: CaseId;
  readonly tenantId: string;
  readonly location: CaseLocation;
  /** `null` until the team has chosen a route (state `nieuw`). */
  readonly route: RouteId | null;
  /** State id within the route; `nieuw` before a route is chosen. Stored as a string: narrow it with `isStateId` or `stepOf`. */
  readonly state: string;
  readonly clientRef: string | null;
  /** User id of the begeleider who opened the case. */
  readonly ownerId: string;
  /** User ids of everyone who acted on the case. */
  readonly participants: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Monotonic version, +1 per change; cards carry it to detect stale clicks. */
  readonly version: number;
  /** Captured form data per step id. */
  readonly steps: Readonly<Record<string, StepData>>;
  /** Teams channel user id (MRI) of the owner, for `refresh.userIds`; absent on cases stored before it existed. */
  readonly ownerMri?: string | null;
  /** Display name of the owner (a colleague, never client data), to @mention them in reminders of begeleider steps. */
  readonly ownerName?: string | null;
  /** The latest change, for the status card: the colleague's display name (never client data), the verb, the moment. */
  readonly lastChange?: LastChange | null;
}

/** Who changed a case last and how (the status card's "Laatste wijziging"). */
export interface LastChange {
  /** Display name of the colleague who acted. */
  readonly by: string;
  /** The action's verb. */
  readonly action: string;
  /** ISO-8601 UTC. */
  readonly at: string;
}

/** One audit trail entry. `dataHash` is a SHA-256 hex digest of the submitted input (never the input itself). */
export interface CaseEvent {
  readonly caseId: CaseId;
  /** The case version this event produced (or observed, for views). */
  readonly version: number;
  readonly at: string;
  readonly actorId: string;
  /**
   * Display name of the colleague who acted, as the timeline showed it (a substitute teamleider
   * reads "… (voor …, gebiedsteam …)"); absent on views and on events stored before it existed.
   */
  readonly actorName?: string;
  readonly actorRoles: readonly Role[];
  readonly action: string;
  readonly fromState: string;
  readonly toState: string;
  readonly dataHash: string;
}

export const NEW_STATE = 'nieuw' satisfies StateId;

export interface NewCaseInput {
  readonly id: CaseId;
  readonly location: CaseLocation;
  readonly ownerId: string;
  readonly ownerMri?: string | null;
  /** Display name of the colleague who opened the case. */
  readonly ownerName?: string;
  readonly now: Date;
}

export const newCase = ({ id, location, ownerId, ownerMri, ownerName, now }: NewCaseInput): Case => ({
  id,
  tenantId: location.tenantId,
  location,
  route: null,
  state: NEW_STATE,
  clientRef: null,
  ownerId,
  participants: [ownerId],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 1,
  steps: {},
  ownerMri: ownerMri ?? null,
  ownerName: ownerName ?? null,
  lastChange: ownerName ? { by: ownerName, action: 'casus.openen', at: now.toISOString() } : null,
});
