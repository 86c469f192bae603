import { RestError, type TableClient } from '@azure/data-tables';
import type { JobLease, LeaseClaim, LeaseStore } from '../app';
import { err, ok } from '../domain';
import { escapeKey } from './keys';

interface LeaseEntity {
  partitionKey: string;
  rowKey: string;
  name: string;
  owner: string;
  /** ISO-8601 UTC. */
  until: string;
  done: boolean;
  doneAt: string;
}

const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);
const lost = (e: unknown): boolean => statusOf(e) === 412 || statusOf(e) === 404;

/**
 * Row keys of a job slot: partition `job_<family>` (the part of the name before the first `:`,
 * e.g. `reminders`), row key the whole name, so one family's slots can be listed or purged together.
 */
const leaseKeys = (name: string): { partitionKey: string; rowKey: string } => {
  const family = name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
  return { partitionKey: `job_${escapeKey(family)}`, rowKey: escapeKey(name) };
};

/** Job slots in the `leases` table: create-if-absent, ETag-guarded takeover after expiry. */
export class TableLeaseStore implements LeaseStore {
  constructor(private readonly table: TableClient) {}

  async claim(name: string, owner: string, now: Date, until: Date): Promise<LeaseClaim> {
    const keys = leaseKeys(name);
    const entity: LeaseEntity = { ...keys, name, owner, until: until.toISOString(), done: false, doneAt: '' };
    try {
      const r = await this.table.createEntity(entity);
      return ok({ name, owner, until: entity.until, etag: r.etag ?? '' });
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
    }
    let current: LeaseEntity & { etag: string };
    try {
      current = await this.table.getEntity<LeaseEntity>(keys.partitionKey, keys.rowKey);
    } catch (e) {
      // Deleted between our create and read (a purge): the next tick claims it.
      if (statusOf(e) === 404) return err('held');
      throw e;
    }
    if (current.done) return err('done');
    if (current.until > now.toISOString() && current.owner !== owner) return err('held');
    try {
      const r = await this.table.updateEntity(entity, 'Replace', { etag: current.etag });
      return ok({ name, owner, until: entity.until, etag: r.etag ?? '' });
    } catch (e) {
      if (lost(e)) return err('held');
      throw e;
    }
  }

  async renew(lease: JobLease, until: Date): Promise<JobLease | null> {
    try {
      const r = await this.table.updateEntity({ ...leaseKeys(lease.name), until: until.toISOString() }, 'Merge', { etag: lease.etag });
      return { ...lease, until: until.toISOString(), etag: r.etag ?? '' };
    } catch (e) {
      if (lost(e)) return null;
      throw e;
    }
  }

  async finish(lease: JobLease, at: Date): Promise<boolean> {
    try {
      await this.table.updateEntity({ ...leaseKeys(lease.name), done: true, doneAt: at.toISOString() }, 'Merge', { etag: lease.etag });
      return true;
    } catch (e) {
      if (lost(e)) return false;
      throw e;
    }
  }

  async release(lease: JobLease): Promise<boolean> {
    try {
      await this.table.updateEntity({ ...leaseKeys(lease.name), until: new Date(0).toISOString() }, 'Merge', { etag: lease.etag });
      return true;
    } catch (e) {
      if (lost(e)) return false;
      throw e;
    }
  }
}
