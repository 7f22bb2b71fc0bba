import { CellReason } from '../../entities/statistics/enums';
import { CsvCell, spreadsheetCsv } from '../csv';
import { RowData } from './query';

/**
 * The CSV export of a statistics table (pure): `;`-separated as SSB's downloads, one line per row
 * and then the totals ("Alle"). A withheld value is printed as SSB prints it: ":" when suppressed
 * (for an incomplete sum, partial_sum and suppressed_contributors say what is shown), ".." when
 * there is no data. Written by csv-stringify (src/services/csv.ts): text cells (codes, metric and
 * municipality names, periods) are neutralised against formula injection, the figures stay numbers.
 */
const HEADER = [
  'metric',
  'metric_name',
  'kommunenummer',
  'municipality',
  'period',
  'value',
  'partial_sum',
  'suppressed_contributors',
  'missing_contributors',
  'per_1000_aged_0_17',
  'change_from_previous_year',
  'change_percent',
  'share_percent',
];

export function valueText(row: Pick<RowData, 'value' | 'reason'>): string {
  if (row.value !== null) return String(row.value);
  return row.reason === CellReason.MISSING ? '..' : ':';
}

export function statisticsCsv(rows: RowData[], totals: RowData[], municipality: (id: string) => { number: string; name: string } | undefined, grouped: boolean): string {
  const line = (r: RowData): CsvCell[] => {
    const m = r.municipalityId ? municipality(r.municipalityId) : undefined;
    return [
      r.metric.code,
      r.metric.name,
      m?.number ?? '',
      m?.name ?? 'Alle',
      r.period,
      r.value ?? valueText(r),
      r.value === null ? r.partialSum : null,
      r.suppressedContributors,
      r.missingContributors,
      r.per1000,
      r.changeFromPreviousYear,
      r.changePercent,
      r.sharePercent,
    ];
  };
  return spreadsheetCsv([HEADER, ...(grouped ? rows : []).map(line), ...totals.map(line)]);
}
