import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type NodeConfig } from '@lessons-network/config';
import pino, { type Logger } from 'pino';
import { openDatabase, migrate, type DatabaseHandle } from './database/database-lifecycle';
import { baseLoggerOptions } from './logging/logger-options';
import { createNodeApp } from './node-app';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';

/** Starts a node: configuration → database (embedded or DATABASE_URL) → migrations → HTTP. */
async function main(): Promise<void> {
  const config = configOrExit();
  const logger = pino(baseLoggerOptions(config));
  logger.info({ config: config.describe() }, 'starting Lessons Network node');
  if (config.usingPlaceholderIdentity) {
    logger.warn(
      'ODS_CODE and ORG_NAME are not set: running as a development placeholder organisation',
    );
  }

  let database: DatabaseHandle | undefined;
  let app: NestExpressApplication | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app?.close();
      await database?.close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    database = await openDatabase(config, logger, 'server');
    if (config.migrateOnStart) await migrate(database.url, logger);
    app = await createNodeApp(config, database.url);
    await app.listen(config.port, config.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    printBanner(config, port, logger, await needsFirstAdmin(app));
  } catch (error) {
    logger.fatal({ err: error }, 'the node could not start');
    await app?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

function configOrExit(): NodeConfig {
  const fileFlag = process.argv.indexOf('--config');
  try {
    return loadConfig(process.env, fileFlag > 0 ? process.argv[fileFlag + 1] : undefined);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function needsFirstAdmin(app: NestExpressApplication): Promise<boolean> {
  const rows: unknown[] = await app
    .get(DataSource)
    .query(
      `SELECT 1 FROM app_user WHERE 'quality_lead' = ANY(roles) AND status <> 'disabled' LIMIT 1`,
    );
  return rows.length === 0;
}

function printBanner(config: NodeConfig, port: number, logger: Logger, firstAdmin: boolean): void {
  const local = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url: local, graphql: `${local}/graphql`, port }, 'node listening');
  const lines = [
    '',
    `  Lessons Network ${config.role} node for ${config.organisationName} (${config.odsCode})`,
    `  GraphQL:   ${local}/graphql`,
    `  Health:    ${local}/health   Ready: ${local}/ready`,
    `  Public URL: ${config.baseUrl}`,
    `  Data:      ${config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `${config.dataDir} (embedded PostgreSQL)`}`,
  ];
  if (firstAdmin) {
    lines.push(
      '',
      '  No quality lead yet. In another terminal, create the first one:',
      '    npm run cli -- admin:create --email you@trust.nhs.uk --name "Your Name"',
    );
  }
  lines.push('  Stop with Ctrl-C.', '');
  process.stderr.write(`${lines.join('\n')}\n`);
}

void main();
