import { RestError, type TableClient } from '@azure/data-tables';
import type { Versioned } from '../app';

type JsonEntity = { partitionKey: string; rowKey: string; data: string };
const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** One JSON value in one table row, read with its ETag and written ETag-guarded. */
export class JsonRow<T> {
  constructor(private readonly table: TableClient) {}

  async get(partitionKey: string, rowKey: string): Promise<Versioned<T> | null> {
    try {
      const e = await this.table.getEntity<JsonEntity>(partitionKey, rowKey);
      return { value: JSON.parse(e.data) as T, etag: e.etag };
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  /** Creates (`etag` null) or replaces (ETag-guarded) the row; `false` when someone else wrote first. */
  async save(partitionKey: string, rowKey: string, value: T, etag: string | null): Promise<boolean> {
    const entity: JsonEntity = { partitionKey, rowKey, data: JSON.stringify(value) };
    try {
      if (etag === null) await this.table.createEntity(entity);
      else await this.table.updateEntity(entity, 'Replace', { etag });
      return true;
    } catch (e) {
      if (statusOf(e) === 409 || statusOf(e) === 412) return false;
      throw e;
    }
  }
}
