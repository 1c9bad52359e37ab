/**
 * Prints the code-first GraphQL schema to schema.gql (committed), or with --check fails when the
 * committed file differs from what the code produces.
 *
 *   npm run schema:generate
 *   npm run schema:check
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { NODE_RESOLVERS } from '../apps/server/src/graphql/resolvers';

export const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');

async function main(): Promise<void> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(NODE_RESOLVERS);
  await app.close();
  const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
  if (process.argv.includes('--check')) {
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== printed) {
      process.stderr.write(
        'schema.gql is out of date: run npm run schema:generate and commit it.\n',
      );
      process.exit(1);
    }
    process.stdout.write('schema.gql matches the code.\n');
    return;
  }
  writeFileSync(SCHEMA_FILE, printed);
  process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
