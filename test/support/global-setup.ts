import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '../../libs/persistence/src/embedded-database';

/**
 * Starts one embedded PostgreSQL for the whole run. Each test file makes its own database in it
 * (test/support/test-database.ts), so files are isolated and can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ln-test-pg-'));
  const database = new EmbeddedDatabase({ dataDir: dir, port: 0, databaseName: 'postgres' });
  await database.start();
  process.env.LN_TEST_ADMIN_URL = database.adminUrl;
  (globalThis as Record<string, unknown>).__lnTestDatabase = { database, dir };
}
