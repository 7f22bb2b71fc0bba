import { Matches } from 'class-validator';
import { KOMMUNENUMMER, KOMMUNENUMMER_RULE } from '../services/reference/kommunenummer';

/** class-validator rule for a kommunenummer input field (or, with each, every element of a list). */
export const IsKommunenummer = (options: { each?: boolean } = {}): PropertyDecorator =>
  Matches(KOMMUNENUMMER, {
    each: options.each,
    message: options.each ? `each ${KOMMUNENUMMER_RULE}` : KOMMUNENUMMER_RULE,
    // The message in the reader's language (src/http/errors.ts reads the context of a failed constraint).
    context: { key: options.each ? 'common.validation.eachKommunenummer' : 'common.validation.kommunenummer' },
  });
