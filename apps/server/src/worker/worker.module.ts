import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lessons-network/audit';
import { ConfigModule, type NodeConfig } from '@lessons-network/config';
import { FederationModule } from '@lessons-network/federation';
import { LessonsModule } from '@lessons-network/lessons';
import { buildDataSourceOptions } from '@lessons-network/persistence';
import { LoggerModule } from 'nestjs-pino';
import { NODE_SCHEMA } from '../database/node-schema';
import { baseLoggerOptions } from '../logging/logger-options';

/**
 * A delivery worker on its own: the federation services without HTTP. Several may run against one
 * PostgreSQL (on one machine or several); they share the queue without sending anything twice.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: NodeConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: baseLoggerOptions(config) }),
        TypeOrmModule.forRoot(buildDataSourceOptions(databaseUrl, NODE_SCHEMA)),
        AuditModule,
        LessonsModule,
        FederationModule,
      ],
    };
  }
}
