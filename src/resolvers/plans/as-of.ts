import { type Context, todayOf } from '../../context';
import { isoDate } from '../../services/dates';

/** The day a follow-up field judges by: the `asOf` argument, or today in Norway (the app's clock). */
export const dayOf = (ctx: Context, asOf: Date | null | undefined): string => (asOf ? isoDate(asOf) : todayOf(ctx));

/** Options of every `asOf` argument. */
export const AS_OF = { nullable: true, description: 'The day to judge by (default today).' };
