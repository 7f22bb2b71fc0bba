import { idnr } from '@navikt/fnrvalidator';

/**
 * Finds Norwegian national identity numbers in free text: fødselsnummer, D-number (day + 40),
 * H-number (month + 40) and the synthetic test numbers (month + 80), however they are spelled.
 *
 * 1. The text is normalised: Unicode NFKC (full-width digits become ASCII digits, a no-break space
 *    becomes a space …), then every format character (Unicode category Cf: zero-width space and
 *    joiners, soft hyphen, byte-order mark, direction marks) is removed.
 * 2. The digits are read as groups: a maximal run of digits is one group; two groups belong to the
 *    same chain when only a short separator stands between them (1–3 characters of white space —
 *    spaces, no-break spaces, tabs, line breaks — dots, slashes, hyphens and dashes). So
 *    `150765 00565`, `150765-00565`, `150765–00565`, `15.07.65 00565`, `15 07 65 00565` and a
 *    number broken over two lines are all chains of groups.
 * 3. Every run of consecutive groups of a chain whose digits add up to exactly 11 is a candidate;
 *    a candidate is a national identity number when `@navikt/fnrvalidator`'s `idnr()` says it is
 *    valid (both check digits, with the 2032 rule for the first one, and a real birth date).
 *
 * A group is never split: a run of 12 or more digits written together (an account with a prefix, a
 * long reference) contains no candidate, and neither does a chain such as `1234567 89012` whose
 * groups cannot make exactly 11 digits. Eleven digits that fail the check (an account, organisation
 * or phone number) are not national identity numbers.
 */

/** Format characters: zero-width space/joiners, soft hyphen, word joiner, BOM, bidi marks … */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
/** What may stand between two digit groups of one number. */
const SEPARATOR = /^[\s.\/\-\u2010-\u2015\u2212]{1,3}$/u;
const TOKENS = /\d+|\D+/g;
const ASCII = /^[\x00-\x7F]*$/;

/** NFKC, then without format characters: the text the rule reads. */
export function normaliseForScan(text: string): string {
  return text.normalize('NFKC').replace(FORMAT_CHARACTERS, '');
}

/** True when the 11 digits are a valid fødselsnummer, D-, H- or synthetic number (checked by `idnr`). */
export function isNationalIdNumber(elevenDigits: string): boolean {
  return /^\d{11}$/.test(elevenDigits) && idnr(elevenDigits).status === 'valid';
}

/** The chains of digit groups of the (normalised) text. */
function chainsOf(text: string): string[][] {
  const chains: string[][] = [];
  let chain: string[] = [];
  let gap: string | null = null;
  for (const [token] of text.matchAll(TOKENS)) {
    if (/^\d/.test(token)) {
      if (gap !== null && !SEPARATOR.test(gap) && chain.length) {
        chains.push(chain);
        chain = [];
      }
      chain.push(token);
      gap = null;
    } else {
      gap = token;
    }
  }
  if (chain.length) chains.push(chain);
  return chains;
}

/** The ASCII digits in `text`, counted without building a match array (this runs on every cell of an import). */
function asciiDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** True when `text` contains a national identity number in any of the spellings above. */
export function containsNationalId(text: string | null | undefined): boolean {
  if (!text) return false;
  // Plain ASCII (no compatibility characters to expand) with fewer than 11 digits cannot hold one:
  // the common case of every cell of an import (a kommunenummer, a period, a metric code).
  if (ASCII.test(text) && asciiDigits(text) < 11) return false;
  for (const chain of chainsOf(normaliseForScan(text))) {
    for (let start = 0; start < chain.length; start++) {
      let digits = '';
      for (let end = start; end < chain.length && digits.length < 11; end++) {
        digits += chain[end];
        if (digits.length === 11 && isNationalIdNumber(digits)) return true;
      }
    }
  }
  return false;
}
