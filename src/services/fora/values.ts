import { isoDate } from '../dates';
import { DateInput } from './args';

/** Small value rules the fora services share. */

/** A calendar date from a GraphQL Date (a Date) or an ISO string. */
export const dayOf = (d: DateInput): string => (typeof d === 'string' ? d.slice(0, 10) : isoDate(d));

/** Stored text: trimmed; blank is null. */
export const trimmed = (text: string | null | undefined): string | null => text?.trim() || null;

/** A dated row (membership, leader term) that is in force on `date`. */
export const isActiveOn = (row: { validFrom: string; validTo: string | null }, date: string): boolean => row.validFrom <= date && (row.validTo === null || row.validTo >= date);

/** part / whole to 4 decimals; null when the whole is 0. */
export const rate = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 10000) / 10000 : null);
