import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLFormattedError } from 'graphql';
import { localeOf, type Context } from '../context';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { AppConfig } from '../config';
import { withoutSuggestions } from './introspection';
import { tokenLimitError } from './limits';
import { NOT_SERVED_OVER_HTTP } from './operations';
import { MESSAGE_EXTENSION, localizeFormatted } from '../errors';
import { isMessageKey, Locale, Message, MessageKey, MessageParams, translate } from '../i18n';

/** "Invalid input: <field> <problem> (<rule>); …" in `locale`. */
export function invalidInputMessage(locale: Locale, problems: readonly Pick<ValidationProblem, 'field' | 'rule' | 'key' | 'params'>[]): string {
  const list = problems.map((p) => translate(locale, 'common.validation.problem', { field: p.field, rule: p.rule, problem: { key: p.key, params: p.params } }));
  return translate(locale, 'common.errors.invalidInput', { problems: list.join('; ') });
}

/** `withoutSuggestions` of the message, and of the texts of the message it carries for the boundary. */
function withoutSuggestionsIn(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const carried = formatted.extensions?.[MESSAGE_EXTENSION] as Message | undefined;
  const strip = (m: Message): Message => ({
    key: m.key,
    params:
      m.params &&
      Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, typeof v === 'string' ? withoutSuggestions(v) : Array.isArray(v) ? v.map(strip) : typeof v === 'object' ? strip(v) : v])),
  });
  const extensions = carried ? { ...formatted.extensions, [MESSAGE_EXTENSION]: strip(carried) } : formatted.extensions;
  return { ...formatted, message: withoutSuggestions(formatted.message), ...(extensions ? { extensions } : {}) };
}

/**
 * Renders every error of a response in the request's language (`Context.locale`): what
 * `localizeFormatted` does for one. The last word on a response's errors, so it runs after the
 * formatter (which does not know the request) and removes the message carrier.
 */
export function localizeErrorsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          if (body?.errors?.length) body.errors = body.errors.map((e) => localizeFormatted(localeOf(contextValue), e));
        },
      };
    },
  };
}

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  /** class-validator's `context` option of a decorator, per constraint: ours name their message (`{ key }`). */
  contexts?: Record<string, { key?: unknown }>;
  children?: ValidationFailure[];
}

/** One failed class-validator constraint as a client reads it: field, rule, and its message (key, params, text). */
export interface ValidationProblem {
  field: string;
  rule: string;
  key: MessageKey;
  params: MessageParams;
  message: string;
}

/**
 * class-validator's default messages (README, "Validation messages": `$constraint1` …) say the
 * constraint's value; the number (or list) is taken from there, the text is ours, per rule.
 */
const DEFAULT_MESSAGES: [RegExp, (m: RegExpExecArray) => Message][] = [
  [/must be longer than or equal to (\d+) characters$/, (m) => ({ key: 'common.validation.tooShort', params: { count: Number(m[1]) } })],
  [/must be shorter than or equal to (\d+) characters$/, (m) => ({ key: 'common.validation.tooLong', params: { count: Number(m[1]) } })],
  [/must not be less than (-?[\d.]+)$/, (m) => ({ key: 'common.validation.min', params: { limit: Number(m[1]) } })],
  [/must not be greater than (-?[\d.]+)$/, (m) => ({ key: 'common.validation.max', params: { limit: Number(m[1]) } })],
  [/must contain at least (\d+) elements$/, (m) => ({ key: 'common.validation.arrayMinSize', params: { limit: Number(m[1]) } })],
  [/must contain no more than (\d+) elements$/, (m) => ({ key: 'common.validation.arrayMaxSize', params: { limit: Number(m[1]) } })],
  [/must be one of the following values: (.*)$/, (m) => ({ key: 'common.validation.isIn', params: { values: m[1] } })],
  [/must be an integer number$/, () => ({ key: 'common.validation.isInt' })],
  [/must be a boolean value$/, () => ({ key: 'common.validation.isBoolean' })],
];

/** The message of one failed constraint: the decorator's own key (context), class-validator's default text, or the text as given. */
function constraintMessage(property: string, rule: string, text: string, context: { key?: unknown; params?: unknown } | undefined): Message {
  if (typeof context?.key === 'string' && isMessageKey(context.key))
    return context.params && typeof context.params === 'object' ? { key: context.key, params: context.params as MessageParams } : { key: context.key };
  for (const [pattern, message] of DEFAULT_MESSAGES) {
    const m = pattern.exec(text);
    if (m) return message(m);
  }
  if (rule === 'matches' && /must match .* regular expression$/.test(text)) return { key: 'common.validation.matches' };
  const detail = text.startsWith(`${property} `) ? text.slice(property.length + 1) : text;
  return { key: 'common.validation.other', params: { detail } };
}

function flatten(failures: ValidationFailure[], prefix: string): ValidationProblem[] {
  return failures.flatMap((f) => {
    const field = prefix ? `${prefix}.${f.property}` : f.property;
    const own = Object.entries(f.constraints ?? {}).map(([rule, text]) => {
      const { key, params = {} } = constraintMessage(f.property, rule, text, f.contexts?.[rule]);
      return { field, rule, key, params, message: translate('en', key, params) };
    });
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
  // Not the client's fault, but expected and typed (overload.ts): answered as it is, not masked or logged as a bug.
  'SERVER_BUSY',
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
    if (!config.introspection) formatted = withoutSuggestionsIn(formatted);
    const original = unwrapResolverError(error) as { extensions?: Record<string, unknown>; name?: string } | undefined;
    const validationErrors = original?.extensions?.validationErrors as ValidationFailure[] | undefined;
    if (validationErrors) {
      const problems = flatten(validationErrors, 'input');
      return {
        message: invalidInputMessage('en', problems),
        path: formatted.path,
        locations: formatted.locations,
        // Rendered in the reader's language by localizeFormatted (src/errors.ts), which also fills in the problems.
        extensions: { code: 'BAD_USER_INPUT', validationErrors: problems, [MESSAGE_EXTENSION]: { key: 'common.errors.invalidInput' } },
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
