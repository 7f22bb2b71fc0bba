import { RuleCheck, userError, UserErrorCode } from './user-errors';

/**
 * The personal-data rule for free text that must stay anonymous: it may not contain what looks like
 * a Norwegian national identity number (fødselsnummer, or D-number: first digit + 4). One rule for
 * every feature (meeting minutes, anonymous case items, follow-ups, imports …).
 *
 * "Looks like" = 11 digits, written together or with one space after the 6th ("010203 45678"), not
 * part of a longer run of digits, whose two mod-11 check digits are valid. The birth date is not
 * checked on purpose: D-numbers (day + 40), H-numbers and synthetic test numbers (month + 40 / + 80)
 * all pass the checksum and are all identifying. Eleven digits that fail the checksum (an account
 * or phone number, a reference) are accepted.
 */

const CANDIDATE = /(?<!\d)(\d{6}) ?(\d{5})(?!\d)/g;
const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** The mod-11 check digit for `digits` with `weights`; null when the remainder makes it impossible (10). */
function checkDigit(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? null : k;
}

/** True when the 11 digits carry two valid check digits (fødselsnummer, D-number …). */
export function hasValidNationalIdChecksum(elevenDigits: string): boolean {
  if (!/^\d{11}$/.test(elevenDigits)) return false;
  const d = [...elevenDigits].map(Number);
  const k1 = checkDigit(d, WEIGHTS_1);
  if (k1 === null || k1 !== d[9]) return false;
  const k2 = checkDigit(d, WEIGHTS_2);
  return k2 !== null && k2 === d[10];
}

/** True when `text` contains something that looks like a national identity number. */
export function containsNationalId(text: string | null | undefined): boolean {
  if (!text) return false;
  for (const match of text.matchAll(CANDIDATE)) {
    if (hasValidNationalIdChecksum(match[1] + match[2])) return true;
  }
  return false;
}

/** The message never repeats the number. */
export const PERSONAL_DATA_MESSAGE =
  'Contains what looks like a national identity number (fødselsnummer or D-number). Keep this text anonymous: remove the number; nothing was saved.';

/**
 * Adds a PERSONAL_DATA rule violation for every field whose text contains a national identity
 * number. `fields` are [path under input, text] pairs, e.g. ['minutes', input.minutes] or
 * [['input', 'followUps', '0', 'description'], text].
 */
export function checkAnonymousText(rules: RuleCheck, fields: [string | string[], string | null | undefined][]): void {
  for (const [field, text] of fields) {
    if (containsNationalId(text)) rules.add(userError(field, PERSONAL_DATA_MESSAGE, UserErrorCode.PERSONAL_DATA));
  }
}
