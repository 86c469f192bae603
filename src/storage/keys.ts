import { odata } from '@azure/data-tables';
/**
 * Table key layout (one table, one partition per tenant, so a case change, its audit events,
 * its outbox items and its dedupe marker commit in one transaction):
 *   PK `t_<tenant>`  RK `case_<id>` | `event_<id>_<version>_<n>` | `outbox_<id>` | `dedupe_<key>` | `counter_<year>`
 *                    | `team_<teamId>` | `calmeta` | `caltafel_<tableId>` (see calendarStore.ts)
 *                    | `dossier_<sha256 of a link's secret>` (see dossierTokenStore.ts)
 *   PK `tenants`     RK `<tenant>` (registry for the dispatcher and scheduler)
 */
const FORBIDDEN = /[/\\#?%\u0000-\u001f\u007f-\u009f]/g;

/** Escapes characters Azure Tables refuses in keys (`/ \ # ?` and control characters). */
export const escapeKey = (value: string): string => value.replace(FORBIDDEN, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);

export const tenantPk = (tenantId: string): string => `t_${escapeKey(tenantId)}`;
export const TENANTS_PK = 'tenants';

/** Row-key prefix of the dossier links in a tenant partition. */
export const DOSSIER_PREFIX = 'dossier_';

export const rk = {
  case: (id: string) => `case_${id}`,
  event: (id: string, version: number, n: number | string) => `event_${id}_${String(version).padStart(6, '0')}_${n}`,
  eventsOf: (id: string) => `event_${id}_`,
  outbox: (id: string) => `outbox_${escapeKey(id)}`,
  dedupe: (key: string) => `dedupe_${escapeKey(key)}`,
  counter: (year: number) => `counter_${year}`,
  due: (at: string, key: string) => `due_${at}_${escapeKey(key)}`,
  /** A dossier link; `hash` is 64 hex characters, nothing to escape. */
  dossier: (hash: string) => `${DOSSIER_PREFIX}${hash}`,
  /** The marker a case leaves when the retention purge removed it (kept with its audit trail). */
  purged: (id: string) => `purged_${id}`,
};

/** OData range filter for all row keys that start with `prefix`. */
export const prefixFilter = (pk: string, prefix: string): string => {
  const last = prefix.charCodeAt(prefix.length - 1);
  const upper = prefix.slice(0, -1) + String.fromCharCode(last + 1);
  return odata`PartitionKey eq ${pk} and RowKey ge ${prefix} and RowKey lt ${upper}`;
};

/** The outbox row of a message (same shape whichever transaction writes it). */
export const outboxRow = (
  tenantId: string,
  m: { readonly id: string; readonly caseId: string | null },
): { partitionKey: string; rowKey: string; data: string; caseId: string; leaseUntil: string } => ({
  partitionKey: tenantPk(tenantId),
  rowKey: rk.outbox(m.id),
  data: JSON.stringify(m),
  caseId: m.caseId ?? '',
  leaseUntil: '',
});
