import { EntityManager, In } from 'typeorm';
import { badInput } from '../../errors';
import { Message } from '../../i18n';
import { Municipality } from '../../entities/reference/municipality';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';

/** A kommunenummer: four digits, leading zeros kept ("0301" Oslo, "3429" Folldal). */
export const KOMMUNENUMMER = /^\d{4}$/;
export const KOMMUNENUMMER_RULE = 'must be a four-digit kommunenummer, e.g. "0301"';
/** KOMMUNENUMMER_RULE as a message, in the reader's language (BAD_USER_INPUT). */
export const KOMMUNENUMMER_MESSAGE: Message = { key: 'common.validation.kommunenummer' };

/** For query arguments (inputs use the schema's @IsKommunenummer): BAD_USER_INPUT naming the argument. */
export function assertKommunenummer(value: string, field: string): void {
  if (!KOMMUNENUMMER.test(value)) throw badInput(field, 'pattern', KOMMUNENUMMER_MESSAGE);
}

/**
 * Kommunenummer → municipalities of the caller's region (RLS hides the others), in input order.
 * Each number that is not found is a NOT_FOUND rule violation on `fieldOf(index)`.
 */
export async function municipalitiesByNumber(tx: EntityManager, numbers: readonly string[], rules: RuleCheck, fieldOf: (index: number) => string | string[]): Promise<Municipality[]> {
  const found = numbers.length ? await tx.getRepository(Municipality).findBy({ number: In([...new Set(numbers)]) }) : [];
  const byNumber = new Map(found.map((m) => [m.number, m]));
  numbers.forEach((n, i) => {
    if (!byNumber.has(n)) rules.add(userError(fieldOf(i), 'reference.noSuchMunicipality', { n }, UserErrorCode.NOT_FOUND));
  });
  return [...new Set(numbers)].map((n) => byNumber.get(n)).filter((m): m is Municipality => !!m);
}

/** Rule: a list names each value once. */
export function checkUnique(rules: RuleCheck, values: readonly (string | null)[], field: string, what = 'Listed'): void {
  const dupes = values.filter((v, i) => v !== null && values.indexOf(v) !== i);
  if (dupes.length) rules.add(userError(field, 'reference.givenMoreThanOnce', { what, values: [...new Set(dupes)].join(', ') }));
}
