import { Extensions } from 'type-graphql';

/** The field extension the complexity limit (src/http/limits.ts) reads: how many items a plain list field can answer. */
export const LIST_CAP_EXTENSION = 'listCap';

/**
 * Declares the most items a plain (not paged) list field answers: the service stops there (and
 * says how many there are in a count field beside the list), and the complexity limit prices the
 * list at this size, multiplying what is selected in it.
 */
export const ListCap = (max: number) => Extensions({ [LIST_CAP_EXTENSION]: max });
