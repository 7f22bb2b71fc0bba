import type { Message } from '../../i18n';
import { Role } from '../../auth/roles';
import { FileReader, Importer } from '../imports/importer';
import { barnevern15fReader } from './barnevern-15f';
import { fromSource, MAX_CELL, MAX_VALUE, planStatistics, readStatisticsRecord, StatisticsRow } from './import';
import { formatPeriod } from './periods';
import { sosialhjelp11fReader } from './sosialhjelp-11f';

/**
 * The files municipal fagsystems must produce for SSB, as imports of the service's activity
 * statistics (docs/statistics.md, «KOSTRA files»): the reader derives canonical statistics records
 * (kommunenummer, period, metric, value) from the file, and from there the import is the
 * statistics import — owners and catalogue checked, replaced values kept as history, the tables
 * suppressed and published again — except that a file replaces the figures of its own
 * municipalities and years only (`municipality-year`), not those of the other owners.
 */
function kostraImport(kind: string, title: Message, action: string, readers: FileReader[], maxValueOf: (metric: string) => number): Importer<StatisticsRow> {
  return {
    kind,
    title,
    roles: [Role.SERVICE_LEADER],
    action,
    // What the readers yield; the file itself is XML / fixed-width, never these columns.
    columns: ['kommunenummer', 'period', 'metric', 'value', 'source'],
    numericColumns: ['value'],
    readers,
    // The readers count children and recipients as they pass and yield a few figures per municipality,
    // month and metric; held until the plan, bounded like every other import's records.
    maxRecords: 100_000,
    read(record, line, today) {
      const read = readStatisticsRecord(record, line, today, maxValueOf(String(record.metric)));
      const source = typeof record.source === 'string' ? record.source : undefined;
      if (read.problems) return { problems: read.problems.map((p) => fromSource(source, p)) };
      return { row: { ...read.row, source } };
    },
    identity: (row) => `${row.kommunenummer} ${formatPeriod(row.period)} ${row.metric}`,
    plan: (scope, rows) => planStatistics(scope, rows, 'municipality-year'),
  };
}

export const kostraBarnevernImport = kostraImport('kostra-barnevern', { key: 'imports.title.kostraBarnevern' }, 'Importing KOSTRA barnevern (15F) files', [barnevern15fReader], () => MAX_VALUE);

export const kostraSosialhjelpImport = kostraImport('kostra-sosialhjelp', { key: 'imports.title.kostraSosialhjelp' }, 'Importing KOSTRA sosialhjelp (11F) files', [sosialhjelp11fReader], (metric) =>
  metric === 'social_assistance_paid' ? MAX_CELL : MAX_VALUE,
);
