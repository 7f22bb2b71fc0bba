/**
 * A small excerpt of SSB's classification of municipalities (KLASS 131), written by hand for the demo
 * and the tests, in the shape of the documents KLASS's API returns (a version:
 * `validFrom`/`validTo`/`classificationItems`; the changes: `codeChanges`). It holds the
 * municipalities the demo regions and the tests use, and the cases history must get right:
 *
 * - Nord-Østerdal renumbered in 2020 (0432 → 3424 … 0439 → 3429), Os (0441 → 3430) and, in
 *   Valdres, Sør-Aurdal (0540 → 3449);
 * - Tromsø, Balsfjord, Karlsøy and Lyngen renumbered twice (19xx → 54xx in 2020 → 55xx in 2024);
 * - a merger: Indre Østfold (2020) from Trøgstad, Spydeberg, Askim, Eidsberg and Hobøl;
 * - splits: Snillfjord (2020) into Heim, Hitra and Orkland; Ålesund (2024) into Ålesund and Haram;
 * - Oslo (0301, never renumbered), Kongsvinger and Eidsvoll (the municipalities of SSB's test files).
 *
 * The facts are SSB's (checked against KLASS 131's versions 2017–2020 and 2024 and its changes by
 * `npm run test:ssb`); the versions 2022 and 2023, which change nothing listed here, are folded
 * into 2020. A deployment
 * loads SSB's whole classification with `npm run import -- municipality-classification FILE`
 * (docs/municipality-history.md); `KLASS_131_DIR` makes the demo seed load a folder of SSB's
 * documents instead of this excerpt.
 */
import { KlassChange, klassChangesOf, klassVersionOf, KlassVersion, MunicipalityClassification } from '../../services/reference/municipality-history';

type Item = [code: string, name: string];

const version = (year: number, validTo: string | null, items: Item[]) => ({
  name: `Kommuneinndeling ${year} (utdrag)`,
  validFrom: `${year}-01-01`,
  ...(validTo ? { validTo } : {}),
  classificationItems: [...items, ['9999', 'Uoppgitt'] as Item].map(([code, name]) => ({ code, parentCode: '', level: '1', name, shortName: null, notes: '' })),
});

const NORD_OSTERDAL_2020: Item[] = [
  ['3424', 'Rendalen'],
  ['3426', 'Tolga'],
  ['3427', 'Tynset'],
  ['3428', 'Alvdal'],
  ['3429', 'Folldal'],
  ['3430', 'Os'],
];
const TRONDELAG_2020: Item[] = [
  ['5055', 'Heim'],
  ['5056', 'Hitra'],
  ['5059', 'Orkland'],
];

/** 2017–2019: the counties before the regional reform of 2020 (Trøndelag's numbers changed in 2018). */
const BEFORE_2020: Item[] = [
  ['0122', 'Trøgstad'],
  ['0123', 'Spydeberg'],
  ['0124', 'Askim'],
  ['0125', 'Eidsberg'],
  ['0138', 'Hobøl'],
  ['0237', 'Eidsvoll'],
  ['0301', 'Oslo'],
  ['0402', 'Kongsvinger'],
  ['0432', 'Rendalen'],
  ['0436', 'Tolga'],
  ['0437', 'Tynset'],
  ['0438', 'Alvdal'],
  ['0439', 'Folldal'],
  ['0441', 'Os (Hedmark)'],
  ['0540', 'Sør-Aurdal'],
  ['1504', 'Ålesund'],
  ['1523', 'Ørskog'],
  ['1529', 'Skodje'],
  ['1534', 'Haram'],
  ['1546', 'Sandøy'],
  ['1571', 'Halsa'],
  ['1902', 'Tromsø'],
  ['1933', 'Balsfjord'],
  ['1936', 'Karlsøy'],
  ['1938', 'Lyngen'],
];
const TRONDELAG_2018: Item[] = [
  ['5011', 'Hemne'],
  ['5012', 'Snillfjord'],
  ['5013', 'Hitra'],
  ['5016', 'Agdenes'],
  ['5023', 'Meldal'],
  ['5024', 'Orkdal'],
];

export const KLASS_131_SAMPLE_VERSIONS = {
  2017: version(2017, '2018-01-01', [...BEFORE_2020, ['1612', 'Hemne'], ['1613', 'Snillfjord'], ['1617', 'Hitra'], ['1622', 'Agdenes'], ['1636', 'Meldal'], ['1638', 'Orkdal']]),
  2018: version(2018, '2019-01-01', [...BEFORE_2020, ...TRONDELAG_2018]),
  2019: version(2019, '2020-01-01', [...BEFORE_2020, ...TRONDELAG_2018]),
  2020: version(2020, '2024-01-01', [
    ['0301', 'Oslo'],
    ['1507', 'Ålesund'],
    ['3014', 'Indre Østfold'],
    ['3035', 'Eidsvoll'],
    ['3401', 'Kongsvinger'],
    ...NORD_OSTERDAL_2020,
    ['3449', 'Sør-Aurdal'],
    ...TRONDELAG_2020,
    ['5401', 'Tromsø'],
    ['5422', 'Balsfjord'],
    ['5423', 'Karlsøy'],
    ['5424', 'Lyngen'],
  ]),
  2024: version(2024, null, [
    ['0301', 'Oslo'],
    ['1508', 'Ålesund'],
    ['1580', 'Haram'],
    ['3118', 'Indre Østfold'],
    ['3240', 'Eidsvoll'],
    ['3401', 'Kongsvinger'],
    ...NORD_OSTERDAL_2020,
    ['3449', 'Sør-Aurdal'],
    ...TRONDELAG_2020,
    ['5501', 'Tromsø'],
    ['5532', 'Balsfjord'],
    ['5534', 'Karlsøy'],
    ['5536', 'Lyngen'],
  ]),
};

type Change = [oldCode: string, oldName: string, newCode: string, newName: string];
const changesOn = (changeOccurred: string, changes: Change[]): KlassChange[] => changes.map(([oldCode, oldName, newCode, newName]) => ({ oldCode, oldName, newCode, newName, changeOccurred }));

export const KLASS_131_SAMPLE_CHANGES = {
  codeChanges: [
    ...changesOn('2018-01-01', [
      ['1612', 'Hemne', '5011', 'Hemne'],
      ['1613', 'Snillfjord', '5012', 'Snillfjord'],
      ['1617', 'Hitra', '5013', 'Hitra'],
      ['1622', 'Agdenes', '5016', 'Agdenes'],
      ['1636', 'Meldal', '5023', 'Meldal'],
      ['1638', 'Orkdal', '5024', 'Orkdal'],
    ]),
    ...changesOn('2020-01-01', [
      ['0122', 'Trøgstad', '3014', 'Indre Østfold'],
      ['0123', 'Spydeberg', '3014', 'Indre Østfold'],
      ['0124', 'Askim', '3014', 'Indre Østfold'],
      ['0125', 'Eidsberg', '3014', 'Indre Østfold'],
      ['0138', 'Hobøl', '3014', 'Indre Østfold'],
      ['0237', 'Eidsvoll', '3035', 'Eidsvoll'],
      ['0402', 'Kongsvinger', '3401', 'Kongsvinger'],
      ['0432', 'Rendalen', '3424', 'Rendalen'],
      ['0436', 'Tolga', '3426', 'Tolga'],
      ['0437', 'Tynset', '3427', 'Tynset'],
      ['0438', 'Alvdal', '3428', 'Alvdal'],
      ['0439', 'Folldal', '3429', 'Folldal'],
      ['0441', 'Os (Hedmark)', '3430', 'Os'],
      ['0540', 'Sør-Aurdal', '3449', 'Sør-Aurdal'],
      ['1504', 'Ålesund', '1507', 'Ålesund'],
      ['1523', 'Ørskog', '1507', 'Ålesund'],
      ['1529', 'Skodje', '1507', 'Ålesund'],
      ['1534', 'Haram', '1507', 'Ålesund'],
      ['1546', 'Sandøy', '1507', 'Ålesund'],
      ['1571', 'Halsa', '5055', 'Heim'],
      ['5011', 'Hemne', '5055', 'Heim'],
      ['5012', 'Snillfjord', '5055', 'Heim'],
      ['5012', 'Snillfjord', '5056', 'Hitra'],
      ['5013', 'Hitra', '5056', 'Hitra'],
      ['5012', 'Snillfjord', '5059', 'Orkland'],
      ['5016', 'Agdenes', '5059', 'Orkland'],
      ['5023', 'Meldal', '5059', 'Orkland'],
      ['5024', 'Orkdal', '5059', 'Orkland'],
      ['1902', 'Tromsø', '5401', 'Tromsø'],
      ['1933', 'Balsfjord', '5422', 'Balsfjord'],
      ['1936', 'Karlsøy', '5423', 'Karlsøy'],
      ['1938', 'Lyngen', '5424', 'Lyngen'],
    ]),
    ...changesOn('2024-01-01', [
      ['1507', 'Ålesund', '1508', 'Ålesund'],
      ['1507', 'Ålesund', '1580', 'Haram'],
      ['3014', 'Indre Østfold', '3118', 'Indre Østfold'],
      ['3035', 'Eidsvoll', '3240', 'Eidsvoll'],
      ['5401', 'Tromsø', '5501', 'Tromsø'],
      ['5422', 'Balsfjord', '5532', 'Balsfjord'],
      ['5423', 'Karlsøy', '5534', 'Karlsøy'],
      ['5424', 'Lyngen', '5536', 'Lyngen'],
    ]),
  ],
};

/** The excerpt as the classification the seed loads and the history answers from. */
export function klass131Sample(): MunicipalityClassification {
  return {
    versions: Object.values(KLASS_131_SAMPLE_VERSIONS).map((v) => klassVersionOf(v) as KlassVersion),
    changes: klassChangesOf(KLASS_131_SAMPLE_CHANGES) ?? [],
  };
}
