import type { CaseId } from '../../domain';

/** Who may download which case's dossier, until when: stored under the hash of the link's secret. */
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

/**
 * A dossier link as it is stored: a row in the case's tenant partition, keyed by the SHA-256 (hex)
 * of the link's secret. It is written in the transaction of the details view that shows the link
 * ({@link CaseRepository.recordView}).
 */
export interface DossierLinkRow {
  readonly tokenHash: string;
  readonly grant: DossierGrant;
}

/** A new dossier link: what its URL carries, and the row that makes it work. */
export interface DossierLink extends DossierLinkRow {
  /** `<tenantId>/<secret>`: what follows `/dossier/` in the link; the secret itself is never stored. */
  readonly path: string;
}

/**
 * Reading and using up dossier links, in the tenant partition the link names. Only the SHA-256 of
 * a link's secret is stored, never the secret itself.
 */
export interface DossierTokenStore {
  /** The grant if it is still stored (used or not-yet-used), without using it up. */
  peek(tenantId: string, tokenHash: string): Promise<DossierGrant | null>;
  /** Removes the grant and returns it; `null` when it is gone (used, or another request took it first). */
  take(tenantId: string, tokenHash: string): Promise<DossierGrant | null>;
}
