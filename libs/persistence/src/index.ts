export {
  EmbeddedDatabase,
  isProcessAlive,
  ensureDatabase,
  freePort,
  type EmbeddedDatabaseOptions,
} from './embedded-database';
export { buildDataSourceOptions, type SchemaDefinition } from './data-source-options';
export { databaseReadiness } from './database-readiness';
