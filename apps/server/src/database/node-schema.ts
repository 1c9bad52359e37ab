import { auditEntities } from '@lessons-network/audit';
import { federationEntities } from '@lessons-network/federation';
import { identityEntities } from '@lessons-network/identity';
import { lessonEntities } from '@lessons-network/lessons';
import type { SchemaDefinition } from '@lessons-network/persistence';
import { migrations } from './migrations';

/** Every entity and migration of the node. A new entity is added here and gets a migration. */
export const NODE_SCHEMA: SchemaDefinition = {
  entities: [...auditEntities, ...identityEntities, ...lessonEntities, ...federationEntities],
  migrations,
};

/** Name of the node's database inside the embedded cluster. */
export const EMBEDDED_DATABASE_NAME = 'lessons_network';
