import { MessageKey, MessageParams, translate } from '../i18n';

/**
 * Rule violations, the domain's own type: a service reports what was wrong with the input
 * (nothing was changed) and the schema layer exposes it as `UserError` in every mutation payload.
 */
export enum UserErrorCode {
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  /** Kept in the schema for old clients; not allowed is always a top-level FORBIDDEN error (CONVENTIONS). */
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  IMMUTABLE = 'IMMUTABLE',
  PERSONAL_DATA = 'PERSONAL_DATA',
  /** The input is valid but needs an explicit confirmation flag (named by `field`) to go ahead. */
  CONFIRMATION_REQUIRED = 'CONFIRMATION_REQUIRED',
}

export interface UserError {
  /** Path to the input field, e.g. ["input", "size"]. */
  field: string[];
  /** The message, a key of the catalogues (src/i18n): rendered in the reader's language at the boundary. */
  key: MessageKey;
  /** What the message interpolates. */
  params: MessageParams;
  code: UserErrorCode;
}

/**
 * `field` is a path or a dotted name under `input` ("responsible.0.serviceId"); `key` names the
 * message in src/i18n/nb.ts (and en.ts), `params` fills it in.
 */
export function userError(field: string | string[], key: MessageKey, params: MessageParams = {}, code: UserErrorCode = UserErrorCode.INVALID): UserError {
  return { field: Array.isArray(field) ? field : ['input', ...field.split('.')], key, params, code };
}

/** The message of a user error in English (logs, the exception's own message). */
export const englishMessage = (error: Pick<UserError, 'key' | 'params'>): string => translate('en', error.key, error.params);

/** Thrown inside a mutation to roll it back and report rule violations as userErrors. */
export class UserErrorsException extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => `${e.field.join('.')}: ${englishMessage(e)}`).join('; '));
  }
}

/** Throws one rule violation. */
export function reject(field: string | string[], key: MessageKey, params: MessageParams = {}, code: UserErrorCode = UserErrorCode.INVALID): never {
  throw new UserErrorsException([userError(field, key, params, code)]);
}

/** Collects rule violations and throws them together, so the client sees all at once. */
export class RuleCheck {
  readonly errors: UserError[] = [];
  add(error: UserError): this {
    this.errors.push(error);
    return this;
  }
  throwIfAny(): void {
    if (this.errors.length) throw new UserErrorsException(this.errors);
  }
}
