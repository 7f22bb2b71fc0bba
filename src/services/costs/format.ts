/**
 * Norwegian number formats for money in whole øre (exact: string work on BigInt, never a float).
 * Decimal comma; `grouped` adds a space every three digits ("1 234 567,89"), for text read by
 * people; files for spreadsheets leave it out ("1234567,89"), which Excel in Norwegian reads as a
 * number.
 */
export function kroner(ore: bigint | string, { grouped = true } = {}): string {
  const value = BigInt(ore);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  let whole = digits.slice(0, -2);
  if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${negative ? '-' : ''}${whole},${digits.slice(-2)}`;
}

/** Basis points as a Norwegian percentage with two decimals ("12,34"); empty for null. */
export function percent(bp: number | null): string {
  if (bp === null) return '';
  const negative = bp < 0;
  const digits = String(Math.abs(bp)).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)},${digits.slice(-2)}`;
}

/** Whole øre as a decimal string of kroner with a point ("1234567.89"), e.g. for a spreadsheet cell. */
export function kronerDecimal(ore: bigint | string): string {
  return kroner(ore, { grouped: false }).replace(',', '.');
}
