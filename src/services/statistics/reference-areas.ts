import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { ownScope } from '../access';
import type { Message } from '../../i18n';
import { Importer, ImportPlan, ImportProblem, JsonAdapter, Line, NEW } from '../imports/importer';
import { wholeNumber } from '../reference/population-import';
import { jsonStatAdapter, PROBLEM } from './adapters';
import { MAX_VALUE, readStatisticsRecord } from './import';

/**
 * County (fylke) and country (hele landet) figures from SSB's tables (docs/statistics.md
 * "Reference areas"): what a dashboard compares the municipality and the cooperation with. A figure
 * is SSB's published count of a catalogue metric for an area and a year, or the area's population
 * aged 0–17 (`population_0_17`), from which the rate per 1,000 children is computed. Stored in
 * `statistics_reference_figure` (1733852000000-statistics-reference-areas): public, per service.
 */

/** The reserved metric code of an area's residents aged 0–17 (SSB table 07459, summed over ages 0–17). */
export const POPULATION_0_17 = 'population_0_17';

export type AreaKind = 'COUNTY' | 'COUNTRY';
export interface ReferenceArea {
  kind: AreaKind;
  /** "0" for the country, the two-digit fylkesnummer for a county. */
  code: string;
}

/**
 * An SSB region code as a reference area, or null. SSB's statbank tables code the country "0"
 * (value set "Landet") and a county by its two-digit number ("34"; value set "Fylker"); the KOSTRA
 * tables code them "EAK" (Landet) and "EKA34" (the county's municipalities). Anything else —
 * a kommunenummer, a KOSTRA group ("EKG13"), "Landet uten Oslo" ("EAKUO") — is not a reference area.
 */
export function referenceArea(ssbCode: string): ReferenceArea | null {
  const code = ssbCode.trim();
  if (code === '0' || code === 'EAK') return { kind: 'COUNTRY', code: '0' };
  const county = /^(?:EKA)?(\d{2})$/.exec(code);
  return county ? { kind: 'COUNTY', code: county[1] } : null;
}

/** The county of a municipality: the first two digits of its kommunenummer (the numbering of its time). */
export const countyOf = (kommunenummer: string): string => kommunenummer.slice(0, 2);

export interface ReferenceRow {
  area: ReferenceArea;
  year: number;
  /** A catalogue code, a metric's SSB code, or POPULATION_0_17. */
  metric: string;
  value: number;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
const METRIC = /^[A-Za-z0-9_.-]{1,60}$/;

/** SSB's JSON-stat 2.0 (the statistics import's adapter), its region dimension as `region`. */
const jsonStatRegions: JsonAdapter = {
  name: jsonStatAdapter.name,
  streamed: jsonStatAdapter.streamed,
  matches: (head, streamed) => jsonStatAdapter.matches(head, streamed),
  read() {
    const reading = jsonStatAdapter.read();
    return {
      element: (member, key, value) => reading.element(member, key, value),
      *records(head) {
        for (const { line, record } of reading.records(head)) {
          if (record[PROBLEM]) yield { line, record };
          else {
            const { kommunenummer, ...rest } = record;
            yield { line, record: { ...rest, region: kommunenummer } };
          }
        }
      },
    };
  },
};

/** One record (region, period, metric, value) → a typed row, or what is wrong with it. */
export function readReferenceRecord(record: Record<string, unknown>, line: number, today: string): ReturnType<Importer<ReferenceRow>['read']> {
  // What the JSON-stat adapter could not read is reported as the statistics import reports it.
  if (record[PROBLEM]) return { problems: readStatisticsRecord(record, line, today).problems ?? [] };
  const problems: ImportProblem[] = [];
  const region = text(record.region);
  const area = referenceArea(region);
  if (!area) problems.push({ line, field: 'region', key: 'statistics.referenceAreas.notArea', params: { value: region.slice(0, 40) } });
  const period = text(record.period);
  const year = /^\d{4}$/.test(period) ? Number(period) : null;
  if (year === null) problems.push({ line, field: 'period', key: 'statistics.referenceAreas.yearOnly', params: { value: period.slice(0, 40) } });
  else if (`${year}-12-31` >= today) problems.push({ line, field: 'period', key: 'statistics.import.periodNotEnded', params: { period } });
  const metric = text(record.metric);
  if (!METRIC.test(metric)) problems.push({ line, field: 'metric', key: 'statistics.import.notMetricCode', params: { value: metric.slice(0, 40) } });
  const valueText = text(record.value);
  const value = /^-\d+$/.test(valueText)
    ? ({ line, field: 'value', key: 'statistics.import.negative', params: { value: valueText } } as ImportProblem)
    : wholeNumber(record.value, 'value', line, 0, MAX_VALUE);
  if (typeof value !== 'number') problems.push(value);
  if (problems.length) return { problems };
  return { row: { area: area!, year: year!, metric, value: value as number } };
}

/**
 * County and country figures of SSB's tables into the caller's service (SERVICE_LEADER): canonical
 * CSV or JSON (`region,period,metric,value`; region "0"/"EAK" or "34"/"EKA34", period a year) or
 * SSB's JSON-stat 2.0 as the statistics import reads it. A figure already stored for the service,
 * area, year and metric is replaced; nothing else is removed. All or nothing, with a dry run.
 */
export const referenceAreaImport: Importer<ReferenceRow> = {
  kind: 'statistics-reference-areas',
  title: { key: 'imports.title.statisticsReferenceAreas' },
  roles: [Role.SERVICE_LEADER],
  action: 'Importing county and country statistics',
  columns: ['region', 'period', 'metric', 'value'],
  numericColumns: ['value'],
  jsonAdapters: [jsonStatRegions],
  // Every row is held until the plan (16 areas × 30 years × 50 metrics is 24,000): bounded so that two
  // such files at once stay within the process's heap budget (bench/memory-budget.ts).
  maxRecords: 50_000,
  read: readReferenceRecord,
  identity: (row) => `${row.area.code} ${row.year} ${row.metric}`,
  async plan({ tx, ctx }, rows: Line<ReferenceRow>[]): Promise<ImportPlan> {
    const serviceId = ownScope(ctx, 'SERVICE');
    const regionId = ctx.principal.regionId!;
    const [service] = (await tx.query(`SELECT kind FROM shared_service WHERE id = $1`, [serviceId])) as { kind: string }[];
    const metrics: { id: string; code: string; ssb_code: string | null }[] = await tx.query(
      `SELECT id, code, ssb_code FROM statistics_metric WHERE service_kind = $1 AND region_id = $2 ORDER BY position, code`,
      [service.kind, regionId],
    );
    const byCode = new Map<string, { id: string | null; code: string }>([[POPULATION_0_17, { id: null, code: POPULATION_0_17 }]]);
    for (const m of metrics) {
      byCode.set(m.code, m);
      if (m.ssb_code) byCode.set(m.ssb_code, m);
    }
    const problems: ImportProblem[] = [];
    const resolved: { line: number; row: ReferenceRow; metricId: string | null; code: string }[] = [];
    const seen = new Map<string, number>();
    // One string for every problem that names the known metrics (a file of unknown metrics has one problem per record).
    const known = [POPULATION_0_17, ...metrics.map((m) => m.code)].join(', ');
    for (const { line, row } of rows) {
      const metric = byCode.get(row.metric);
      if (!metric) {
        problems.push({ line, field: 'metric', key: 'statistics.import.unknownMetric', params: { metric: row.metric, serviceKind: service.kind, known } });
        continue;
      }
      const key = `${row.area.code} ${row.year} ${metric.code}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ line, field: 'metric', key: 'statistics.import.duplicateBySsbCode', params: { first, number: row.area.code, period: String(row.year), metric: metric.code } });
        continue;
      }
      seen.set(key, line);
      resolved.push({ line, row, metricId: metric.id, code: metric.code });
    }
    const stored: { area_code: string; year: number; metric_id: string | null; value: number }[] = await tx.query(
      `SELECT area_code, year, metric_id, value FROM statistics_reference_figure WHERE service_id = $1`,
      [serviceId],
    );
    const storedKey = (area: string, year: number, metricId: string | null) => `${area} ${year} ${metricId ?? '-'}`;
    const before = new Map(stored.map((s) => [storedKey(s.area_code, s.year, s.metric_id), s.value]));
    const writes = resolved.filter((r) => before.get(storedKey(r.row.area.code, r.row.year, r.metricId)) !== r.row.value);
    const inserted = writes.filter((r) => !before.has(storedKey(r.row.area.code, r.row.year, r.metricId))).length;
    const areaName = (a: ReferenceArea) => (a.kind === 'COUNTRY' ? 'landet' : `fylke ${a.code}`);
    return {
      problems,
      inserted,
      updated: writes.length - inserted,
      unchanged: resolved.length - writes.length,
      deleted: 0,
      changes: writes.map((r): Message => ({
        key: 'imports.change.value',
        params: { label: `${areaName(r.row.area)} ${r.code} ${r.row.year}`, before: before.get(storedKey(r.row.area.code, r.row.year, r.metricId)) ?? NEW, after: r.row.value },
      })),
      audit: { entity: 'SharedService', entityId: serviceId },
      async apply() {
        if (!writes.length) return;
        await tx.query(
          `INSERT INTO statistics_reference_figure (region_id, service_id, area_kind, area_code, metric_id, year, value)
           SELECT $1, $2, w.* FROM unnest($3::text[], $4::text[], $5::uuid[], $6::int[], $7::int[]) AS w(area_kind, area_code, metric_id, year, value)
           ON CONFLICT (service_id, area_code, year, coalesce(metric_id, '00000000-0000-0000-0000-000000000000'::uuid))
           DO UPDATE SET value = EXCLUDED.value, imported_at = now()`,
          [regionId, serviceId, writes.map((w) => w.row.area.kind), writes.map((w) => w.row.area.code), writes.map((w) => w.metricId), writes.map((w) => w.row.year), writes.map((w) => w.row.value)],
        );
      },
    };
  },
};

/** A reference area's rate of one metric and year. */
export interface ReferenceRate {
  serviceId: string;
  metricId: string;
  year: number;
  areaKind: AreaKind;
  areaCode: string;
  value: number;
  /** The area's residents aged 0–17 that year; null when not imported. */
  population0To17: number | null;
  /** value × 1,000 ÷ population0To17, one decimal as activityStatistics rounds its rates; null without a population. */
  per1000Aged0To17: number | null;
}

/** A count per 1,000 residents aged 0–17, one decimal (activityStatistics' rounding); null without a population. */
export const ratePer1000 = (value: number, population: number | null): number | null => (population && population > 0 ? Math.round((value / population) * 1000 * 10) / 10 : null);

const REFERENCE_RATES = `SELECT coalesce(json_agg(json_build_object(
    'serviceId', f.service_id, 'metricId', f.metric_id, 'year', f.year, 'areaKind', f.area_kind, 'areaCode', f.area_code, 'value', f.value, 'population0To17', p.value)
    ORDER BY f.service_id, f.metric_id, f.year, f.area_kind), '[]'::json)
  FROM statistics_reference_figure f
  LEFT JOIN statistics_reference_figure p ON p.service_id = f.service_id AND p.area_code = f.area_code AND p.year = f.year AND p.metric_id IS NULL
  WHERE f.service_id = ANY($1::uuid[]) AND f.metric_id IS NOT NULL AND f.area_code = ANY($2::text[]) AND f.year BETWEEN $3::int AND $4::int`;

/**
 * The imported county and country rates of `serviceIds` for the areas `areaCodes` ("0" the country,
 * a fylkesnummer) and years `from`–`to`: one read, sent with the other reads of its wave. Public
 * figures: every reader sees the same (RLS: the region and PUBLIC).
 */
export async function referenceRates(ctx: Context, serviceIds: string[], areaCodes: string[], from: number, to: number): Promise<ReferenceRate[]> {
  if (!serviceIds.length) return [];
  const rows = await ctx.db.read<Omit<ReferenceRate, 'per1000Aged0To17'>[]>({ sql: REFERENCE_RATES, params: [serviceIds, areaCodes, from, to] });
  return rows.map((r) => ({ ...r, per1000Aged0To17: ratePer1000(r.value, r.population0To17) }));
}
