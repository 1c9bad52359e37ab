import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NodeConfig } from '@lessons-network/config';
import { OrganisationService } from '@lessons-network/identity';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/** Largest request body accepted (JSON); larger ones get 413. */
export const MAX_BODY = '256kb';

/** How long an idle kept-alive connection stays open. */
export const KEEP_ALIVE_MS = 65_000;

/**
 * Builds the node's Nest application on an already migrated database, without listening.
 * Used by `main.ts` and by the integration tests.
 */
export async function createNodeApp(
  config: NodeConfig,
  databaseUrl: string,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl),
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: MAX_BODY });
  // Keep idle connections longer than clients do (Node's 5 s default closes a kept-alive socket
  // that a busy client is about to reuse: "other side closed"). Clients learn it from Keep-Alive.
  const server = app.getHttpServer();
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await app.init();
  await app.get(OrganisationService).localOrganisation();
  return app;
}
