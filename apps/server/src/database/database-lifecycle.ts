import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeConfig } from '@lessons-network/config';
import {
  buildDataSourceOptions,
  EmbeddedDatabase,
  isProcessAlive,
} from '@lessons-network/persistence';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EMBEDDED_DATABASE_NAME, NODE_SCHEMA } from './node-schema';

/** The node's database, however it is provided; `close()` releases what was started. */
export interface DatabaseHandle {
  readonly url: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database: the server at `DATABASE_URL`, or the embedded PostgreSQL under the data
 * directory. A `server` owns the embedded cluster (and stops it on close); the CLI attaches to the
 * one a running server started, or starts and stops its own.
 */
export async function openDatabase(
  config: NodeConfig,
  logger: Logger,
  mode: 'server' | 'cli',
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, close: () => Promise.resolve() };
  }
  const releaseLock =
    mode === 'server' ? await lockDataDir(config.dataDir) : () => Promise.resolve();
  const database = new EmbeddedDatabase({
    dataDir: config.dataDir,
    port: config.embeddedDatabasePort,
    databaseName: EMBEDDED_DATABASE_NAME,
    log: (message) => logger.debug({ component: 'embedded-postgres' }, message),
  });
  try {
    await database.start();
  } catch (error) {
    await releaseLock();
    throw error;
  }
  logger.info({ dataDir: config.dataDir, owned: database.owned }, 'embedded PostgreSQL ready');
  return {
    url: database.url,
    embedded: true,
    close: async () => {
      await database.stop(mode === 'server');
      await releaseLock();
    },
  };
}

/** Runs pending migrations under an advisory lock, so concurrent starts apply each once. */
export async function migrate(url: string, logger: Logger): Promise<string[]> {
  const dataSource = await new DataSource(buildDataSourceOptions(url, NODE_SCHEMA)).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', ['lessons_network_migrations']);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied)
      logger.info({ migration: migration.name }, 'migration applied');
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', ['lessons_network_migrations'])
      .catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/** One node process per data directory: a second one gets a clear error instead of a clash. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'node.pid');
  if (existsSync(file)) {
    const pid = Number((await readFile(file, 'utf8')).trim());
    if (Number.isInteger(pid) && pid !== process.pid && isProcessAlive(pid)) {
      throw new Error(
        `Another node (pid ${pid}) is already running on ${dataDir}. Give this one its own DATA_DIR and PORT.`,
      );
    }
  }
  await writeFile(file, `${process.pid}\n`);
  return () => rm(file, { force: true });
}
