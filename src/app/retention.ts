import { createHash } from 'node:crypto';
import { type CaseEvent, END_STATES } from '../domain';
import type { Clock, Logger } from './ports';
import type { RetentionStore } from './ports/retentionStore';

export interface RetentionPolicy {
  /** Months after closing that a closed case is kept; 0 = never purged. */
  readonly caseMonths: number;
  /**
   * Months after the purge that the audit events of a purged case are kept; 0 = for ever. The
   * purge's own event is the trail's last line (a purged case can no longer be viewed), so every
   * line is kept at least this long after it was written.
   */
  readonly auditMonths: number;
}

export interface PurgeTotals {
  readonly cases: number;
  readonly audits: number;
  /** Rows of purged cases (their dossier links included) and of audit trails. */
  readonly rows: number;
  /** Expired dossier links removed, and rows left in the old shared link partition. */
  readonly links: number;
}

/** The actor of the purge's own audit event. */
const PURGE_ACTOR = 'escaleer:bewaartermijn';
const PURGE_ACTION = 'casus.verwijderd';
const PURGED_STATE = 'verwijderd';

/** `at` minus whole calendar months (UTC), e.g. 2 December 2026 − 24 → 2 December 2024. */
export const monthsBefore = (at: Date, months: number): Date => {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The retention purge: closed cases (end states of the domain) are removed `caseMonths` after
 * closing; their audit events (who, role, what, when, input hash: no client data) stay, with one
 * more event for the purge itself, until `auditMonths` after the purge. Safe to run twice at once and
 * to resume after a crash: each case ends with one transaction, and what is gone is skipped.
 *
 * Each run also sweeps the dossier links that expired (ten minutes after their details view), per
 * tenant, also when cases are kept for ever (`caseMonths` 0): a details view writes its link and
 * never sweeps. A full run (all tenants) also empties the shared partition the links had before.
 */
export class RetentionService {
  /** The old shared link partition was found empty by this instance: no need to look again. */

  constructor(
    private readonly store: RetentionStore,
    private readonly tenants: () => Promise<readonly string[]>,
    private readonly policy: RetentionPolicy,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly batch = 200,
  ) {}

  /** One pass over every tenant (or only `onlyTenant`); stops at a safe point when `signal` aborts. */
  async run(signal?: AbortSignal, onlyTenant?: string): Promise<PurgeTotals> {
    const totals = { cases: 0, audits: 0, rows: 0, links: 0 };
    const now = this.clock.now();
    const caseCutoff = this.policy.caseMonths > 0 ? monthsBefore(now, this.policy.caseMonths) : null;
    const auditCutoff = this.policy.auditMonths > 0 ? monthsBefore(now, this.policy.auditMonths) : null;
    // Every full run, not once per instance: a short batch (a concurrent run deleted rows first)
    // must not leave rows behind for good; on an empty partition it is one query a day.
    if (!onlyTenant) {
      for (;;) {
        if (signal?.aborted) return totals;
        const n = await this.store.purgeLegacyLinks(this.batch);
        totals.links += n;
        if (n < this.batch) break;
      }
    }
    const tenants = onlyTenant ? [onlyTenant] : await this.tenants();
    for (const tenant of tenants) {
      for (;;) {
        if (signal?.aborted) return totals;
        const n = await this.store.purgeExpiredLinks(tenant, now, this.batch);
        totals.links += n;
        if (n < this.batch) break;
      }
      if (!caseCutoff) continue;
      for (;;) {
        if (signal?.aborted) return totals;
        const closed = await this.store.closedCases(tenant, END_STATES, caseCutoff, this.batch);
        let purged = 0;
        for (const c of closed) {
          if (signal?.aborted) return totals;
          const event: CaseEvent = {
            caseId: c.caseId,
            version: c.version + 1,
            at: now.toISOString(),
            actorId: PURGE_ACTOR,
            actorRoles: [],
            action: PURGE_ACTION,
            fromState: c.state,
            toState: PURGED_STATE,
            dataHash: sha256(c.data),
          };
          const r = await this.store.purgeCase(tenant, c, event, now.toISOString());
          totals.rows += r.rows;
          if (r.purged) {
            totals.cases++;
            purged++;
          }
        }
        if (closed.length < this.batch || purged === 0) break;
      }
      if (!auditCutoff) continue;
      for (;;) {
        if (signal?.aborted) return totals;
        const old = await this.store.purgedCases(tenant, auditCutoff, this.batch);
        for (const p of old) {
          totals.rows += await this.store.purgeAudit(tenant, p);
          totals.audits++;
        }
        if (old.length < this.batch) break;
      }
    }
    if (totals.cases + totals.audits > 0) {
      this.log.info('bewaartermijn: gesloten casussen verwijderd', {
        casussen: totals.cases,
        auditsporen: totals.audits,
        rijen: totals.rows,
      });
    }
    if (totals.links > 0) this.log.info('bewaartermijn: verlopen dossierlinks verwijderd', { dossierlinks: totals.links });
    return totals;
  }
}
