import { isoDate, today } from '../../services/dates';

/** The day a follow-up field judges by: the `asOf` argument, or today. */
export const dayOf = (asOf: Date | null | undefined): string => (asOf ? isoDate(asOf) : today());

/** Options of every `asOf` argument. */
export const AS_OF = { nullable: true, description: 'The day to judge by (default today).' };
