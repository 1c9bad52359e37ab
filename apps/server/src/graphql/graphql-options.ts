import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLSchemaHost } from '@nestjs/graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { NodeConfig } from '@lessons-network/config';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Logger } from 'pino';
import { correlationPlugin, formatGraphqlError } from '../errors/graphql-errors';
import { complexityPlugin } from './complexity.plugin';
import { inputPlugin } from './input.plugin';
import { MAX_INTROSPECTION_DEPTH, maxIntrospectionDepthRule } from './introspection-depth.rule';

export const MAX_ALIASES = 15;

/**
 * Apollo settings: in-memory code-first schema, depth/alias/cost limits, uniform errors.
 *
 * A browser opening `/graphql` (a GET asking for HTML) gets Apollo Server 5's own landing page:
 * the embedded Apollo Sandbox, an explorer for this node's schema, when introspection is served;
 * otherwise a page that says how to query the node. GraphQL Playground (retired, made for Apollo 4)
 * is never used: `playground: false` only stops Nest adding it.
 */
export function graphqlOptions(
  config: NodeConfig,
  schemaHost: GraphQLSchemaHost,
  logger: Logger,
): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: config.graphqlIntrospection,
    includeStacktraceInErrorResponses: false,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    validationRules: [
      maxDepthRule({
        n: config.graphqlMaxDepth,
        onReject: [report],
        propagateOnRejection: false,
        exposeLimits: true,
      }),
      maxIntrospectionDepthRule(MAX_INTROSPECTION_DEPTH),
      maxAliasesRule({
        n: MAX_ALIASES,
        // `__typename` aliases count like any other: only the cost limit bounded them before.
        allowList: [],
        onReject: [report],
        propagateOnRejection: false,
        exposeLimits: true,
      }),
      ...(config.graphqlIntrospection ? [] : [noIntrospection]),
    ],
    // The input plugin first: the cost plugin reads coerced variables.
    plugins: [
      inputPlugin(schemaHost),
      complexityPlugin(schemaHost, config.graphqlMaxCost),
      correlationPlugin(logger),
      config.graphqlIntrospection
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
    formatError: formatGraphqlError,
  };
}

/** Reports a graphql-armor rejection as an ordinary validation error (GRAPHQL_VALIDATION_FAILED). */
function report(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(error);
}

function noIntrospection(context: ValidationContext) {
  return {
    Field(node: { name: { value: string } }) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(new GraphQLError('Introspection is turned off on this node'));
      }
    },
  };
}
