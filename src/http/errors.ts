import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { AppConfig } from '../config';
import { withoutSuggestions } from './introspection';
import { tokenLimitError } from './limits';
import { NOT_SERVED_OVER_HTTP } from './operations';

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function flatten(failures: ValidationFailure[], prefix: string): { field: string; rule: string; message: string }[] {
  return failures.flatMap((f) => {
    const field = prefix ? `${prefix}.${f.property}` : f.property;
    const own = Object.entries(f.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flatten(f.children ?? [], field)];
  });
}

const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  NOT_SERVED_OVER_HTTP,
]);

/** Codes our own validation rules report with (Apollo would call them all GRAPHQL_VALIDATION_FAILED). */
const RULE_CODES = new Set(['QUERY_TOO_COMPLEX']);

/** An error the client did not cause (a bug, the database down): logged with its stack, masked for the client. */
export function isUnexpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error) as { extensions?: Record<string, unknown> } | undefined;
  if (original?.extensions?.validationErrors) return false;
  const code = (original?.extensions?.code ?? (error as { extensions?: Record<string, unknown> } | undefined)?.extensions?.code) as string | undefined;
  return !(code && (CLIENT_CODES.has(code) || RULE_CODES.has(code)));
}

/**
 * Shapes every error a client sees: class-validator failures become BAD_USER_INPUT naming the field
 * and the rule; anything unexpected is masked as INTERNAL_SERVER_ERROR and, with `logUnexpected`,
 * logged with its stack here. The HTTP server logs those itself, where the request's logger (with
 * its request id) is at hand (app.ts `didEncounterErrors`, request-context.ts), and passes false.
 */
export function makeFormatError(log: Logger, config: Pick<AppConfig, 'maxTokens' | 'introspection'>, logUnexpected = true) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Variable coercion (ours in the complexity plugin, and graphql-js's) still suggests enum values.
    if (!config.introspection) formatted = { ...formatted, message: withoutSuggestions(formatted.message) };
    const original = unwrapResolverError(error) as { extensions?: Record<string, unknown>; name?: string } | undefined;
    const validationErrors = original?.extensions?.validationErrors as ValidationFailure[] | undefined;
    if (validationErrors) {
      const problems = flatten(validationErrors, 'input');
      return {
        message: `Invalid input: ${problems.map((p) => `${p.field} ${p.message} (${p.rule})`).join('; ')}`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', validationErrors: problems },
      };
    }
    let code = formatted.extensions?.code as string | undefined;
    // Apollo re-codes every validation-rule error as GRAPHQL_VALIDATION_FAILED; our limits are
    // validation rules whose own code (QUERY_TOO_COMPLEX) is the one clients switch on.
    const ruleCode = (error as { originalError?: { extensions?: Record<string, unknown> } } | undefined)?.originalError?.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof ruleCode === 'string' && RULE_CODES.has(ruleCode)) {
      code = ruleCode;
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    // The token limit is enforced by the parser, whose error is a syntax error: say it like the other limits.
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted.message, config.maxTokens) : null;
    if (tokens) {
      const { http: _http, ...extensions } = tokens.extensions;
      return { message: tokens.message, locations: formatted.locations, extensions };
    }
    if (code && CLIENT_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (logUnexpected) log.error({ err: original ?? error, path: formatted.path }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
