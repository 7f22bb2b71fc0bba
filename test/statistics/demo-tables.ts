import { BARNEVERN_METRICS } from '../../src/services/statistics/catalogue';
import { CatalogueMetric, keyOf, suppressTables, TableKey } from '../../src/services/statistics/publish';
import { DEFAULT_RULE, SuppressionTable } from '../../src/services/statistics/suppression';
import { layoutOf, ObservationValue } from '../../src/services/statistics/tables';
import { demoObservations, SPLIT_ORDER } from '../../src/seed/statistics/demo-observations';

/**
 * The demo region's tables (Barneverntjenesten i Nord-Østerdal, 2019–2022) suppressed exactly as
 * `republish` does (through the same pure suppressTables), as tables for the attackers: rows are the
 * five municipalities (kommunenummer order, as the publication) and the total row.
 */
export interface DemoTable {
  name: string;
  table: SuppressionTable;
  state: Uint8Array;
}

export function demoTables(): DemoTable[] {
  const metrics: CatalogueMetric[] = BARNEVERN_METRICS.map((m) => ({ id: m.code, code: m.code, aggregation: m.aggregation, finestPeriod: m.finestPeriod, shareOfCode: m.shareOfCode ?? null }));
  const ids = [...SPLIT_ORDER].sort();
  const grouped = new Map<string, ObservationValue[]>();
  for (const o of demoObservations()) {
    const k = keyOf({ metricId: o.metric, year: o.year });
    if (!grouped.has(k)) grouped.set(k, []);
    grouped.get(k)!.push({ municipalityId: o.kommunenummer, month: o.month, value: o.value });
  }
  const keys: TableKey[] = [...grouped.keys()].map((k) => ({ metricId: k.split(' ')[0], year: Number(k.split(' ')[1]) }));
  keys.sort((a, b) => Number(metrics.find((m) => m.id === a.metricId)!.shareOfCode !== null) - Number(metrics.find((m) => m.id === b.metricId)!.shareOfCode !== null));
  const published = suppressTables(metrics, keys, grouped, ids, DEFAULT_RULE);
  return keys.map((key) => {
    const { cells, values } = published.get(keyOf(key))!;
    const layout = layoutOf(
      metrics.find((m) => m.id === key.metricId)!,
      ids,
    );
    const state = Uint8Array.from(cells, (c) => (c.status === 'SUPPRESSED' ? 1 : 0));
    return { name: keyOf(key), table: { rows: ids.length + 1, cols: layout.columns.length, values, totalRow: ids.length, totalCol: layout.totalCol }, state };
  });
}
