import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainException } from '@lessons-network/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** Codes the GraphQL layer itself produces; passed to clients unchanged. */
const PROTOCOL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_DEEP',
]);

interface NestHttpErrorBody {
  statusCode?: number;
  message?: string | string[];
}

/**
 * The one place errors become what a client sees: a message and a stable `extensions.code`.
 * Expected failures (domain exceptions, bad input, GraphQL validation) keep their message;
 * anything else becomes INTERNAL_SERVER_ERROR with no detail. Stack traces never leave.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainException) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        ...(original.details ? { details: original.details } : {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  const nestBody = formatted.extensions?.originalError as NestHttpErrorBody | undefined;
  if (code === 'BAD_REQUEST' || (nestBody && nestBody.statusCode === 400)) {
    const messages = Array.isArray(nestBody?.message)
      ? nestBody.message
      : [nestBody?.message ?? formatted.message];
    return {
      ...base,
      message: `Invalid input: ${messages.join('; ')}`,
      extensions: { code: 'BAD_USER_INPUT', details: { problems: messages } },
    };
  }
  if (typeof code === 'string' && PROTOCOL_CODES.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  if (isRequestLevelInputError(error, formatted)) {
    return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * GraphQL's own complaint about the request (e.g. a variable of the wrong type) rather than
 * something our code threw: it has no resolver path and names a variable.
 */
function isRequestLevelInputError(error: unknown, formatted: GraphQLFormattedError): boolean {
  return error instanceof GraphQLError && !formatted.path && /^Variable "\$/.test(error.message);
}

function correlationIdOf(context: { req?: { id?: unknown } }): string {
  const id = context.req?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : 'unknown';
}

/**
 * Logs unexpected errors with the request's correlation id and puts that id in every error the
 * client receives, so a report can be matched to a log line.
 */
export function correlationPlugin(logger: Logger): ApolloServerPlugin<{ req?: { id?: unknown } }> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors(ctx: GraphQLRequestContext<{ req?: { id?: unknown } }>) {
          const correlationId = correlationIdOf(ctx.contextValue);
          for (const error of ctx.errors ?? []) {
            const original = unwrapResolverError(error);
            const code = error.extensions?.code;
            const expected =
              original instanceof DomainException ||
              /^Variable "\$/.test(error.message) ||
              (typeof code === 'string' && (PROTOCOL_CODES.has(code) || code === 'BAD_REQUEST'));
            if (!expected) {
              logger.error(
                {
                  correlationId,
                  err: original instanceof Error ? original : new Error(String(original)),
                },
                'unexpected error in GraphQL operation',
              );
            }
          }
          return Promise.resolve();
        },
        willSendResponse(ctx: GraphQLRequestContext<{ req?: { id?: unknown } }>) {
          const body = ctx.response.body;
          if (!body || body.kind !== 'single' || !body.singleResult.errors)
            return Promise.resolve();
          const correlationId = correlationIdOf(ctx.contextValue);
          body.singleResult.errors = body.singleResult.errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, correlationId },
          }));
          return Promise.resolve();
        },
      });
    },
  };
}
