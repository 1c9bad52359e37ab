import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type NodeConfig } from '@lessons-network/config';
import pino, { type Logger } from 'pino';
import { openDatabase, migrate, type DatabaseHandle } from './database/database-lifecycle';
import { baseLoggerOptions } from './logging/logger-options';
import { createNodeApp } from './node-app';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { storedIdentity, withStoredIdentity } from './database/stored-identity';

/** How often a node without an organisation looks for the one `admin:create` stores. */
const IDENTITY_POLL_MS = 1_000;

/** Starts a node: configuration → database (embedded or DATABASE_URL) → migrations → HTTP. */
async function main(): Promise<void> {
  let config = configOrExit();
  const logger = pino(baseLoggerOptions(config));
  logger.info({ config: config.describe() }, 'starting Lessons Network node');
  let identityPoll: NodeJS.Timeout | undefined;

  let database: DatabaseHandle | undefined;
  let app: NestExpressApplication | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    clearTimeout(identityPoll);
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
    config = await withStoredIdentity(config, database.url);
    app = await createNodeApp(config, database.url);
    await app.listen(config.port, config.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    printBanner(config, port, logger, await needsFirstAdmin(app));
    if (config.usingPlaceholderIdentity) {
      logger.warn('no organisation yet: admin:create asks for its name and ODS code');
      // Once admin:create has stored the organisation, serve as it: the application is built
      // again with the stored identity (nobody can have signed in before the first quality lead).
      const databaseUrl = database.url;
      const adopt = async (): Promise<void> => {
        const stored = await storedIdentity(databaseUrl).catch(() => undefined);
        if (stopping) return;
        if (!stored) {
          identityPoll = setTimeout(() => void adopt(), IDENTITY_POLL_MS);
          return;
        }
        config = config.withIdentity(stored.odsCode, stored.name);
        try {
          // The new application is built while the old one still serves, so the port is closed
          // only between the old one closing and the new one listening.
          const next = await createNodeApp(config, databaseUrl);
          await app?.close();
          app = next;
          await app.listen(port, config.host);
        } catch (error) {
          logger.fatal({ err: error }, 'could not serve as the stored organisation');
          await database?.close().catch(() => undefined);
          process.exit(1);
        }
        logger.info({ odsCode: config.odsCode }, 'now serving as the stored organisation');
        process.stderr.write(
          `\n  This node now runs as ${config.organisationName} (${config.odsCode}).\n\n`,
        );
      };
      identityPoll = setTimeout(() => void adopt(), IDENTITY_POLL_MS);
    }
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
    `  Web UI:    ${local}/   (sign in in a browser)`,
    `  GraphQL:   ${local}/graphql   (open it in a browser to explore the API)`,
    `  Health:    ${local}/health   Ready: ${local}/ready`,
    `  Public URL: ${config.baseUrl}`,
    `  Data:      ${config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `${config.dataDir} (embedded PostgreSQL)`}`,
  ];
  if (firstAdmin) {
    lines.push(
      '',
      '  No quality lead yet. In another terminal, create the first one:',
      '    npm run cli -- admin:create --email you@trust.nhs.uk --name "Your Name"',
      ...(config.usingPlaceholderIdentity
        ? ["  It also asks for your organisation's name and ODS code."]
        : []),
    );
  }
  lines.push('  Stop with Ctrl-C.', '');
  process.stderr.write(`${lines.join('\n')}\n`);
}

void main();
