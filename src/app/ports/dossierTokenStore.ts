import type { CaseId } from '../../domain';

/** Who may download which case's dossier, until when: stored under the hash of the link's token. */
export interface DossierGrant {
  readonly tenantId: string;
  readonly caseId: CaseId;
  /** Entra object id of the user the link was made for (the one who opened the details). */
  readonly userId: string;
  /** Display name of that colleague, for "Opgevraagd door" (never client data). */
  readonly userName: string;
  readonly teamId: string;
  readonly channelId: string;
  /** ISO-8601 UTC. */
  readonly expiresAt: string;
}

/** Storage of dossier links. Only the SHA-256 of a token is stored, never the token itself. */
export interface DossierTokenStore {
  put(tokenHash: string, grant: DossierGrant): Promise<void>;
  /** The grant if it is still stored (used or not-yet-used), without using it up. */
  peek(tokenHash: string): Promise<DossierGrant | null>;
  /** Removes the grant and returns it; `null` when it is gone (used, or another request took it first). */
  take(tokenHash: string): Promise<DossierGrant | null>;
  /** Deletes up to `limit` grants that expired before `now` (housekeeping on each new link). */
  purgeExpired(now: Date, limit: number): Promise<number>;
}
