import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '@lessons-network/persistence';

/**
 * A throw-away empty database for developer scripts: a fresh embedded PostgreSQL in a temporary
 * directory, or `SCRATCH_DATABASE_URL` if set (it must point at an empty database).
 */
export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.SCRATCH_DATABASE_URL) return work(process.env.SCRATCH_DATABASE_URL);
  const dir = await mkdtemp(join(tmpdir(), 'ln-scratch-'));
  const database = new EmbeddedDatabase({ dataDir: dir, port: 0, databaseName: 'scratch' });
  await database.start();
  try {
    return await work(database.url);
  } finally {
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
