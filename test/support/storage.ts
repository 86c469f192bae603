import { randomBytes } from 'node:crypto';
import { type Tables, openTables } from '../../src/storage';

/** The Azurite started by globalSetup. */
export const testConnectionString = (): string => {
  const cs = process.env.ESCALEER_TEST_STORAGE;
  if (!cs) throw new Error('ESCALEER_TEST_STORAGE ontbreekt: draai de tests via jest (globalSetup start Azurite)');
  return cs;
};

/** A unique table prefix so tests never see each other's data. */
export const uniquePrefix = (): string => `t${randomBytes(5).toString('hex')}`;

export const freshTables = async (): Promise<Tables> =>
  openTables({ kind: 'connectionString', connectionString: testConnectionString() }, uniquePrefix());
