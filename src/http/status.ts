import { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';

/**
 * Request errors (no `data`: the operation never ran) that GraphQL over HTTP answers with 200 when
 * the client asked for `application/json` (the spec's SHOULD for that media type), and with 4xx for
 * `application/graphql-response+json`.
 */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'OPERATION_RESOLUTION_FAILURE']);

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/**
 * True when the response is `application/json` because the client asked for it by name (or sent no
 * Accept header, which the spec reads as `application/json`). A wildcard (curl, fetch) leaves the
 * choice to us: the response is `application/json` too, but keeps the informative 4xx of a request error.
 */
export function asksForJsonByName(accept: string | undefined | null): boolean {
  if (!accept) return true;
  const negotiator = new Negotiator({ headers: { accept } });
  return negotiator.mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE]) === JSON_TYPE && negotiator.mediaTypes().includes(JSON_TYPE);
}

/**
 * HTTP status codes of GraphQL over HTTP (Apollo derives them from `extensions.http` of any error,
 * field errors included):
 * - a response that carries data (some root field is not null: the operation ran, maybe partly) is
 *   200, whatever its field errors say: an anonymous query asking for one restricted field gets its
 *   other data with 200 and an UNAUTHENTICATED error on that field, not a 401;
 * - a response whose root fields are all null because of their errors keeps the errors' status (an
 *   anonymous `{ auditRecords { … } }` is refused as a whole: 401);
 * - a request error (nothing ran) keeps its 4xx, except for clients asking for `application/json`
 *   by name, which get 200 (see REQUEST_ERROR_CODES);
 * - a request refused as a whole stays as it is: an invalid token fails before the operation (401),
 *   a body over BODY_LIMIT is 413, a mutation over GET 405.
 */
export function graphqlOverHttpStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data && Object.values(result.data).some((value) => value !== null)) {
            response.http.status = 200;
            return;
          }
          const code = result.errors?.[0]?.extensions?.code;
          if (result.data === undefined && typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && asksForJsonByName(request.http?.headers.get('accept'))) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
