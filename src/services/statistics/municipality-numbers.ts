/**
 * The kommunenummer a fagsystem file of a given year uses → the number the municipality has today.
 *
 * TEMPORARY, to be replaced at merge by `resolveMunicipalityNumber(number, onDate)` of
 * src/services/reference/municipality-history.ts (built in parallel from SSB's KLASS 131). Until
 * then this table holds only what the imports here need: the Nord-Østerdal municipalities, which
 * were renumbered on 1 January 2020 when Hedmark and Oppland became Innlandet (SSB KLASS 131,
 * changes 2019 → 2020: 0432 → 3424 Rendalen, 0436 → 3426 Tolga, 0437 → 3427 Tynset, 0438 → 3428
 * Alvdal, 0439 → 3429 Folldal). Every other number is taken as it is.
 */
const INNLANDET_2020: Readonly<Record<string, string>> = { '0432': '3424', '0436': '3426', '0437': '3427', '0438': '3428', '0439': '3429' };

/** The current number of the municipality a file for `year` calls `number`. */
export function currentNumberFor(number: string, year: number): string {
  if (year < 2020 && INNLANDET_2020[number]) return INNLANDET_2020[number];
  return number;
}
