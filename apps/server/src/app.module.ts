import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lessons-network/audit';
import { ConfigModule, NodeConfig } from '@lessons-network/config';
import { FederationModule } from '@lessons-network/federation';
import { IdentityModule } from '@lessons-network/identity';
import { LessonsModule } from '@lessons-network/lessons';
import { buildDataSourceOptions } from '@lessons-network/persistence';
import { WebModule } from '@lessons-network/web';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { NODE_SCHEMA } from './database/node-schema';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { graphqlOptions } from './graphql/graphql-options';
import { HealthController } from './health/health.controller';
import { httpLoggerParams } from './logging/logger-options';

/** The node: wires the domain libs to configuration, the database, GraphQL and logging. */
@Module({})
export class AppModule {
  static forRoot(config: NodeConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(httpLoggerParams(config)),
        TypeOrmModule.forRoot(buildDataSourceOptions(databaseUrl, NODE_SCHEMA)),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [NodeConfig, GraphQLSchemaHost, PinoLogger],
          useFactory: (cfg: NodeConfig, schemaHost: GraphQLSchemaHost, logger: PinoLogger) =>
            graphqlOptions(cfg, schemaHost, logger.logger),
        }),
        AuditModule,
        IdentityModule,
        LessonsModule,
        FederationModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
          }),
        },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
