import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { errorWithMessage } from '../errors';
import type { Message } from '../i18n';

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/**
 * A value the scalar refuses: BAD_USER_INPUT with rule `ore`, its message a catalogue message
 * (`common.ore.*`) rendered in the reader's language at the boundary — a literal in the document by
 * localizeErrorsPlugin, a variable by the complexity plugin, which coerces the variables first
 * (src/http/limits.ts).
 */
function invalid(problem: Message): GraphQLError {
  return errorWithMessage({ key: 'common.ore.invalid', params: { problem } }, { code: 'BAD_USER_INPUT', rule: 'ore' });
}

/** Parses whole øre from an Int or a string of digits into a decimal string (stored as bigint). */
export function parseOre(value: unknown): string {
  let big: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw invalid({ key: 'common.ore.fraction', params: { value } });
    if (!Number.isSafeInteger(value)) throw invalid({ key: 'common.ore.unsafe', params: { value } });
    big = BigInt(value);
  } else if (typeof value === 'string') {
    if (!/^-?\d{1,19}$/.test(value)) throw invalid({ key: 'common.ore.notDigits', params: { value } });
    big = BigInt(value);
  } else {
    throw invalid({ key: 'common.ore.type' });
  }
  if (big < INT8_MIN || big > INT8_MAX) throw invalid({ key: 'common.ore.range' });
  return big.toString();
}

/** Output: a JSON number while it is a safe integer, otherwise a string of digits. */
export function serializeOre(value: unknown): number | string {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) big = BigInt(value);
  else throw new GraphQLError(`BudgetOre cannot represent ${String(value)}`);
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big.toString();
}

/**
 * Money in whole øre (1 NOK = 100 øre), never a float. Input: an Int or a string of digits
 * ("123456789012345678" for amounts beyond 2^53). Output: a number when it is a safe integer,
 * otherwise a string.
 */
export const OreScalar = new GraphQLScalarType({
  name: 'BudgetOre',
  description: 'An amount in whole øre (1 krone = 100 øre). Accepts an Int or a string of digits; returns a number while it is a safe integer, otherwise a string. Fractions are rejected.',
  serialize: serializeOre,
  parseValue: parseOre,
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parseOre(ast.kind === Kind.INT ? (Number.isSafeInteger(Number(ast.value)) ? Number(ast.value) : ast.value) : ast.value);
    if (ast.kind === Kind.FLOAT) throw invalid({ key: 'common.ore.literalFraction', params: { value: ast.value } });
    throw invalid({ key: 'common.ore.type' });
  },
});
