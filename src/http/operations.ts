import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';

/** Operation types this endpoint serves over HTTP (mutations over POST only, which Apollo enforces). */
const SERVED_OVER_HTTP: ReadonlySet<OperationTypeNode> = new Set([OperationTypeNode.QUERY, OperationTypeNode.MUTATION]);

export const NOT_SERVED_OVER_HTTP = 'OPERATION_NOT_SUPPORTED_OVER_HTTP';

/**
 * Any other operation type (today: subscriptions, served over a WebSocket (graphql-ws) on the same
 * path, see subscriptions.ts) is refused before anything runs: 400 with a stable code, instead of graphql-js's "Schema is
 * not configured to execute subscription operation" masked as an internal error. (Over GET, Apollo
 * refuses every operation but queries first: 405 BAD_REQUEST.)
 */
export function httpOperationTypes(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (!operation || SERVED_OVER_HTTP.has(operation.operation)) return;
          const message =
            operation.operation === OperationTypeNode.SUBSCRIPTION
              ? 'Subscriptions are not served over HTTP: open a WebSocket (graphql-ws protocol) to /graphql on this server.'
              : `${operation.operation} operations are not served over HTTP.`;
          throw new GraphQLError(message, { extensions: { code: NOT_SERVED_OVER_HTTP, operation: operation.operation, http: { status: 400 } } });
        },
      };
    },
  };
}
