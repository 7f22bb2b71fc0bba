import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { Locale, Message, MessageParams, render, renderedParams } from './i18n';

/** Error codes a client can switch on (extensions.code). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'QUERY_TOO_COMPLEX' | 'INTERNAL_SERVER_ERROR';

/**
 * Where a top-level error carries its message (a key of the catalogues and its params) until the
 * boundary renders it in the reader's language (`localizeError`); the boundary removes it, so a
 * client sees `message` in its language and `extensions.code` as always.
 */
export const MESSAGE_EXTENSION = 'i18nMessage';

/** A top-level error with a catalogue message: `message` is English (for logs) until the boundary renders it. */
export function errorWithMessage(message: Message, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(render('en', message), { extensions: { ...extensions, [MESSAGE_EXTENSION]: message } });
}

function error(code: ErrorCode, message: Message, extra: Record<string, unknown> = {}, status?: number): GraphQLError {
  return errorWithMessage(message, { code, ...extra, ...(status ? { http: { status } } : {}) });
}

export const unauthenticated = (message: Message = { key: 'common.errors.unauthenticated' }) => error('UNAUTHENTICATED', message, {}, 401);
/** FORBIDDEN with its reason: a catalogue message (a plain string does not type-check, so every reason has its bokmål text). */
export const forbidden = (reason: Message = { key: 'common.errors.forbidden' }) => error('FORBIDDEN', reason);
/** NOT_FOUND naming what was not found (a message: "the shared service", "municipality 3427 in your region"). */
export const notFound = (what: Message) => error('NOT_FOUND', { key: 'common.errors.notFound', params: { what } });
/** Bad input that is not a domain rule: names the field and the rule that failed, and what is wrong (a catalogue message, shown after the field's name). */
export const badInput = (field: string, rule: string, problem: Message, status?: number) =>
  error('BAD_USER_INPUT', { key: 'common.errors.badInput', params: { field, problem } }, { field, rule }, status);

/** The message an error carries for the boundary, if it has one. */
export function messageOf(extensions: Record<string, unknown> | undefined): Message | undefined {
  const m = extensions?.[MESSAGE_EXTENSION] as Message | undefined;
  return m && typeof m === 'object' && typeof m.key === 'string' ? m : undefined;
}

/** A formatted error as the reader reads it: its message rendered in `locale`, the carrier removed. */
export function localizeFormatted(locale: Locale, error: GraphQLFormattedError): GraphQLFormattedError {
  const message = messageOf(error.extensions as Record<string, unknown> | undefined);
  if (!message) return error;
  const { [MESSAGE_EXTENSION]: _m, ...extensions } = error.extensions ?? {};
  const validation = extensions.validationErrors as { field: string; rule: string; key: Message['key']; params?: MessageParams; message: string }[] | undefined;
  if (!validation) return { ...error, message: render(locale, message), extensions };
  // class-validator's problems (src/http/errors.ts): each in `locale`, and the message lists them.
  const problems = validation.map((v) => ({ ...v, params: renderedParams(locale, v.params ?? {}), message: render(locale, { key: v.key, params: v.params }) }));
  const list = validation.map((v) => render(locale, { key: 'common.validation.problem', params: { field: v.field, rule: v.rule, problem: { key: v.key, params: v.params } } }));
  return { ...error, message: render(locale, { key: 'common.errors.invalidInput', params: { problems: list.join('; ') } }), extensions: { ...extensions, validationErrors: problems } };
}

/** An error as the reader reads it (thrown where no formatter runs, e.g. while a request's context is built). */
export function localizeError(locale: Locale, error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const message = messageOf(error.extensions);
  if (!message) return error;
  const { [MESSAGE_EXTENSION]: _m, ...extensions } = error.extensions;
  return new GraphQLError(render(locale, message), { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions });
}
