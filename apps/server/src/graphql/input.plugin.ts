import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchemaHost } from '@nestjs/graphql';
import { findForbiddenCharacter } from '@lessons-network/common';
import {
  type DocumentNode,
  getVariableValues,
  GraphQLError,
  Kind,
  type ValueNode,
  visit,
} from 'graphql';

/** A client's mistake in the request: BAD_USER_INPUT with HTTP 400 (decision 0004). */
export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * Checks every operation's input once, before any resolver runs, for every door:
 * - the variables coerce to their declared types (an unknown enum value or a wrong type is the
 *   client's error: 400, not the 500 it was when the cost plugin tripped over it);
 * - no string anywhere (variables at any depth of their input types, and literals in the query) holds a
 *   character refused by `findForbiddenCharacter` (NUL, bidirectional controls).
 * Registered before the cost plugin, which needs coerced variables.
 */
export function inputPlugin(schemaHost: GraphQLSchemaHost): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation }) {
          const coerced = getVariableValues(
            schemaHost.schema,
            operation?.variableDefinitions ?? [],
            request.variables ?? {},
            { maxErrors: 1 },
          );
          if (coerced.errors?.length) throw badUserInput(coerced.errors[0].message);
          // The coerced values: only declared variables, shaped (and so bounded in depth) by
          // their types; a variable the operation does not declare is never read.
          checkVariables(coerced.coerced ?? {});
          checkLiterals(document);
          return Promise.resolve();
        },
      });
    },
  };
}

function refuse(where: string | (() => string), text: string): void {
  const found = findForbiddenCharacter(text);
  if (found) {
    throw badUserInput(
      `${typeof where === 'string' ? where : where()} contains ${found.description} at position ${found.index}: remove it and send the text again`,
    );
  }
}

function checkVariables(variables: Record<string, unknown>): void {
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') refuse(`Variable ${path}`, value);
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}.${i}`));
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
  };
  for (const [name, value] of Object.entries(variables)) walk(value, `$${name}`);
}

function checkLiterals(document: DocumentNode): void {
  const walk = (value: ValueNode, path: string): void => {
    if (value.kind === Kind.STRING) {
      // The line is worked out only for the message, when there is one.
      const loc = value.loc;
      refuse(
        () => `Argument ${path}${loc ? ` (line ${lineOf(loc.source.body, loc.start)})` : ''}`,
        value.value,
      );
    } else if (value.kind === Kind.LIST) value.values.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value.kind === Kind.OBJECT)
      for (const field of value.fields) walk(field.value, `${path}.${field.name.value}`);
  };
  // Fragments used by the operation carry arguments too, so the whole document is visited.
  visit(document, {
    Argument(node) {
      walk(node.value, node.name.value);
    },
    VariableDefinition(node) {
      if (node.defaultValue) walk(node.defaultValue, `$${node.variable.name.value} (default)`);
    },
  });
}

function lineOf(body: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (body.charCodeAt(i) === 10) line++;
  return line;
}
