import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

/** What the app tells persistence: which entities and migrations make up the node's schema. */
export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/**
 * TypeORM options for the node: PostgreSQL, migrations only (`synchronize` is never on), UTC.
 */
export function buildDataSourceOptions(url: string, schema: SchemaDefinition): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 10, options: '-c timezone=UTC' },
  };
}
