import { GraphQLError } from 'graphql';

/** Error codes a client can switch on (extensions.code). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'QUERY_TOO_COMPLEX' | 'INTERNAL_SERVER_ERROR';

function error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, status?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
}

export const unauthenticated = (message = 'A valid bearer token is required.') => error('UNAUTHENTICATED', message, {}, 401);
export const forbidden = (message = 'Your role does not allow this.') => error('FORBIDDEN', message);
export const notFound = (what: string) => error('NOT_FOUND', `${what} was not found.`);
/** Bad input that is not a domain rule: names the field and the rule that failed. */
export const badInput = (field: string, rule: string, message: string, status?: number) => error('BAD_USER_INPUT', `${field}: ${message}`, { field, rule }, status);
