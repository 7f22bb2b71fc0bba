import type { MessageKey } from '../../i18n';
import { UserError, userError, UserErrorCode } from '../user-errors';
import { freeTextViolations } from './free-text';
import { containsNationalId } from './national-id';
import { namesAPerson } from './named-person';

/**
 * The personal-data rules for free text, one set for every feature.
 *
 * - No free-text input of any mutation may contain a Norwegian national identity number
 *   (fødselsnummer, D-, H- or synthetic test number) in any spelling (./national-id.ts). The rule is
 *   structural: the shared text decorators (src/schema/text.ts) mark each free-text field
 *   (./free-text.ts) and `defineMutation` checks every marked field of the input before the
 *   mutation runs, so no field can be forgotten; test/personal-data/schema-coverage.test.ts proves
 *   it for every String input field of the schema.
 * - A case item discussed without a consent may not name the child (./named-person.ts) unless the
 *   caller confirms it does not (the fora feature applies that one).
 * - Stored text written before these rules: `npm run check:personal-data` (scripts/check-personal-data.ts).
 */

export { containsNationalId, isNationalIdNumber, normaliseForScan } from './national-id';
export { freeTextFields, freeTextViolations, markFreeText } from './free-text';
export { namesAPerson } from './named-person';
export { GIVEN_NAMES, GIVEN_NAMES_SOURCE } from './given-names';

/** The message (src/i18n) never repeats the number. */
export const PERSONAL_DATA_MESSAGE = 'personalData.nationalId' satisfies MessageKey;

/** The PERSONAL_DATA violation for `field` when `text` contains a national identity number. */
export function nationalIdViolation(text: string | null | undefined, field: string | string[]): UserError | null {
  return containsNationalId(text) ? userError(field, PERSONAL_DATA_MESSAGE, {}, UserErrorCode.PERSONAL_DATA) : null;
}

/** Every free-text field of a mutation's input that holds a national identity number (the guard `defineMutation` applies). */
export function personalDataInInput(input: unknown): UserError[] {
  return freeTextViolations(input, nationalIdViolation);
}

export const NAMED_PERSON_MESSAGE = 'personalData.namedPerson' satisfies MessageKey;

/** The PERSONAL_DATA violation for a text that should be anonymous but reads like it names someone. */
export function namedPersonViolation(text: string | null | undefined, field: string | string[]): UserError | null {
  return namesAPerson(text) ? userError(field, NAMED_PERSON_MESSAGE, {}, UserErrorCode.PERSONAL_DATA) : null;
}
