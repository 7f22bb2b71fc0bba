import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { markFreeText } from '../services/personal-data';

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/**
 * Free text: a person writes it, and it is stored and shown. Every mutation's free-text fields are
 * checked for personal data (a national identity number in any spelling, see
 * src/services/personal-data/) by `defineMutation` before the mutation runs: a PERSONAL_DATA
 * userError naming the field, nothing saved. The text decorators below include it; a free-text
 * field with other shape rules (a pattern) takes `@FreeText()` as well.
 */
export const FreeText = (): PropertyDecorator => (target, key) => markFreeText(target, String(key));

/**
 * Text that must say something: 1–max characters and not only white space. Services store it
 * trimmed, and the tables require a non-empty value, so "   " must fail here (BAD_USER_INPUT naming
 * the field), never in SQL. On an optional update field it applies when the field is given.
 * (NUL characters, which PostgreSQL text cannot hold, are refused for every string input at once by
 * src/http/input-guard.ts, before any input class is validated.)
 */
export const RequiredText = (max: number): PropertyDecorator =>
  compose(FreeText(), Length(1, max), Matches(/\S/, { message: 'must contain more than white space', context: { key: 'common.validation.notBlank' } }));

/** Optional free text of at most `max` characters; blank text clears it (stored as null). */
export const OptionalText = (max: number): PropertyDecorator => compose(FreeText(), IsOptional(), MaxLength(max));

/** An optional field that, when given, must be non-blank text (e.g. a new title in an update). */
export const OptionalRequiredText = (max: number): PropertyDecorator => compose(IsOptional(), RequiredText(max));

export { compose };
