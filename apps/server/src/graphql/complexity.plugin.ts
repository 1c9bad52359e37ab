import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { badUserInput } from './input.plugin';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Refuses an operation whose estimated cost exceeds `maxCost`. Each field costs 1 unless it
 * declares a `complexity` (lists multiply by their page size).
 */
export function complexityPlugin(
  schemaHost: GraphQLSchemaHost,
  maxCost: number,
): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema: schemaHost.schema,
              operationName: request.operationName,
              query: document,
              variables: request.variables,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Variables that do not coerce are the client's mistake (the input plugin, registered
            // first, normally refuses them before this runs).
            if (error instanceof GraphQLError && /^Variable "\$/.test(error.message))
              throw badUserInput(error.message);
            throw error;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `The query costs ${cost}, more than the limit of ${maxCost}; ask for fewer items or fields`,
              {
                extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } },
              },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
