/**
 * The codes SSB's control program accepts in a municipality's KOSTRA accounts (skjema 0A
 * "Bevilgningsregnskap kommunekasse", 0M "Konsolidert bevilgningsregnskap kommuner"), copied as facts
 * from statisticsnorway/kostra-kontrollprogram (Kontroll 009 kontoklasse, 010 funksjon, 012 art, 014
 * beløp in kravspesifikasjon/felles_regnskap.md). SSB's program holds the lists of the year it
 * checks; the lists of earlier years are in its history. We keep three, by the commit they come from
 * (docs/costs.md, "KOSTRA accounts"):
 *
 * - years up to 2019: e6c9ddf70577202c72254388aa89c38f7943e47e (2019-06-25),
 *   src/main/java/no/ssb/kostra/control/regnskap/regn0A/ControlFunksjoner.java and ControlArter.java
 *   (`validFunksjoner`, `validArter`); SSB's own 2019 test file passes it;
 * - 2020–2022: 26aa19b90f49f71b1a40db5278cb0ba44f21c142 (2020-05-01),
 *   src/main/java/no/ssb/kostra/control/regnskap/kostra/Definitions.java (kommunale and
 *   finansielle funksjoner; basis and konserninterne arter);
 * - 2023 on: c1f5848696d39adbccb3e35e7a96f14ed43a6c83 (2026-07-16),
 *   kontroller/src/main/kotlin/no/ssb/kostra/area/regnskap/kostra/KommuneKostraMain.kt
 *   (`kommunaleFunksjoner`, `kommuneFinansielleFunksjoner`, `basisArter`, `kommunaleArter`).
 *
 * Which commit serves which years is our reading of the commit dates, not a statement of SSB's.
 */

/** Skjema we import, with the kontoklasser SSB allows for it (Kontroll 009). */
export const KOSTRA_SKJEMA: Readonly<Record<string, readonly string[]>> = {
  '0A': ['0', '1'],
  '0M': ['3', '4'],
};

// prettier-ignore
const funksjoner2019 = [
  '100', '110', '120', '121', '130', '170', '171', '172', '173', '180', '190', '201', '202', '211', '213', '215', '221', '222', '223', '231',
  '232', '233', '234', '241', '242', '243', '244', '251', '252', '253', '254', '256', '261', '265', '273', '275', '276', '281', '283', '285',
  '290', '301', '302', '303', '315', '320', '321', '325', '329', '330', '332', '335', '338', '339', '340', '345', '350', '353', '354', '355',
  '360', '365', '370', '373', '375', '377', '380', '381', '383', '385', '386', '390', '392', '393', '800', '840', '841', '850', '860', '870',
  '880', '899',
];
// prettier-ignore
const arter2019 = [
  '010', '020', '030', '040', '050', '070', '075', '080', '089', '090', '099', '100', '105', '110', '114', '115', '120', '130', '140', '150',
  '160', '165', '170', '180', '181', '182', '183', '184', '185', '190', '195', '200', '209', '210', '220', '230', '240', '250', '260', '270',
  '280', '285', '300', '330', '350', '370', '375', '380', '400', '429', '430', '450', '470', '475', '480', '490', '500', '501', '509', '510',
  '511', '520', '521', '529', '530', '540', '548', '550', '570', '580', '590', '600', '620', '629', '630', '640', '650', '660', '670', '690',
  '700', '710', '729', '730', '750', '770', '775', '780', '800', '810', '830', '850', '870', '874', '875', '877', '880', '890', '895', '900',
  '901', '905', '909', '910', '911', '920', '921', '929', '930', '940', '948', '950', '958', '970', '980', '990',
];

// prettier-ignore
const funksjoner2020 = [
  '100', '110', '120', '121', '130', '170', '171', '172', '173', '180', '201', '202', '211', '213', '215', '221', '222', '223', '231', '232',
  '233', '234', '241', '242', '243', '244', '251', '252', '253', '254', '256', '261', '265', '273', '275', '276', '281', '283', '285', '290',
  '301', '302', '303', '315', '320', '321', '325', '329', '330', '332', '335', '338', '339', '340', '345', '350', '353', '354', '355', '360',
  '365', '370', '373', '375', '377', '380', '381', '383', '385', '386', '390', '392', '393', '800', '840', '841', '850', '860', '870', '880',
  '899',
];
// prettier-ignore
const arter2020 = [
  '010', '020', '030', '040', '050', '070', '075', '080', '089', '090', '099', '100', '105', '110', '114', '115', '120', '130', '140', '150',
  '160', '165', '170', '180', '181', '182', '183', '184', '185', '190', '195', '200', '209', '210', '220', '230', '240', '250', '260', '270',
  '280', '285', '300', '330', '350', '370', '375', '400', '429', '430', '450', '470', '475', '500', '501', '509', '510', '511', '512', '520',
  '521', '522', '529', '530', '540', '550', '570', '589', '590', '600', '620', '629', '630', '640', '650', '660', '670', '700', '710', '729',
  '730', '750', '770', '775', '800', '810', '830', '850', '870', '874', '875', '877', '890', '895', '900', '901', '905', '909', '910', '911',
  '912', '920', '921', '922', '929', '930', '940', '950', '970', '980', '989', '990', '380', '480', '780', '880',
];

// prettier-ignore
const funksjoner2023 = [
  '100', '110', '120', '121', '130', '170', '171', '172', '173', '180', '201', '202', '211', '213', '215', '221', '222', '223', '231', '232',
  '233', '234', '241', '242', '243', '244', '251', '252', '253', '256', '257', '258', '261', '265', '273', '275', '276', '281', '283', '285',
  '290', '301', '302', '303', '315', '320', '321', '322', '325', '329', '330', '332', '335', '338', '339', '340', '345', '350', '353', '354',
  '355', '360', '365', '370', '373', '375', '377', '380', '381', '383', '385', '386', '390', '392', '393', '800', '840', '841', '850', '860',
  '870', '880', '899',
];
// prettier-ignore
const arter2023 = [
  '010', '020', '030', '040', '050', '070', '075', '080', '089', '090', '099', '100', '105', '110', '114', '115', '120', '130', '140', '150',
  '160', '165', '170', '180', '181', '182', '183', '184', '185', '190', '195', '200', '209', '210', '220', '230', '240', '250', '260', '271',
  '272', '280', '285', '300', '330', '350', '370', '380', '400', '429', '430', '450', '470', '480', '500', '501', '509', '510', '511', '512',
  '520', '521', '522', '529', '530', '540', '550', '570', '589', '590', '600', '620', '629', '630', '640', '650', '660', '670', '700', '710',
  '729', '730', '750', '770', '780', '800', '810', '830', '850', '870', '877', '880', '890', '900', '901', '905', '909', '910', '911', '912',
  '920', '921', '922', '929', '940', '950', '970', '980', '989', '990', '871', '872', '873', '876', '878', '879',
];

export interface KostraCodes {
  funksjoner: ReadonlySet<string>;
  arter: ReadonlySet<string>;
  /** The kostra-kontrollprogram commit the lists are copied from. */
  source: string;
}

const VERSIONS: { upTo: number; codes: KostraCodes }[] = [
  { upTo: 2019, codes: { funksjoner: new Set(funksjoner2019), arter: new Set(arter2019), source: 'e6c9ddf7' } },
  { upTo: 2022, codes: { funksjoner: new Set(funksjoner2020), arter: new Set(arter2020), source: '26aa19b9' } },
  { upTo: Infinity, codes: { funksjoner: new Set(funksjoner2023), arter: new Set(arter2023), source: 'c1f58486' } },
];

/** The funksjoner and arter SSB accepts in the accounts of `year`. */
export function kostraCodesFor(year: number): KostraCodes {
  return VERSIONS.find((v) => year <= v.upTo)!.codes;
}

/** Barnevern in KOSTRA: 244 barneverntjeneste, 251 tiltak i familien, 252 tiltak utenfor familien. */
export const BARNEVERN_FUNKSJONER: readonly string[] = ['244', '251', '252'];
