import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NodeConfig } from '@lessons-network/config';
import { OrganisationService } from '@lessons-network/identity';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/** Largest request body accepted (JSON); larger ones get 413. */
export const MAX_BODY = '256kb';

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
  await app.init();
  await app.get(OrganisationService).localOrganisation();
  return app;
}
