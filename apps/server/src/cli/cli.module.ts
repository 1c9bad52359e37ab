import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lessons-network/audit';
import { ConfigModule, type NodeConfig } from '@lessons-network/config';
import { IdentityModule } from '@lessons-network/identity';
import { LessonsModule } from '@lessons-network/lessons';
import { buildDataSourceOptions } from '@lessons-network/persistence';
import { NODE_SCHEMA } from '../database/node-schema';

/** The services the CLI drives: the node's domain without HTTP, GraphQL or request logging. */
@Module({})
export class CliModule {
  static forRoot(config: NodeConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(buildDataSourceOptions(databaseUrl, NODE_SCHEMA)),
        AuditModule,
        IdentityModule,
        LessonsModule,
      ],
    };
  }
}
