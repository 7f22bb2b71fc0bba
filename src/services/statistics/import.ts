import { randomUUID } from 'node:crypto';
import { Role } from '../../auth/roles';
import { MetricAggregation, MetricPeriod } from '../../entities/statistics/enums';
import { ownScope } from '../access';
import type { Message } from '../../i18n';
import { Importer, ImportPlan, ImportProblem, Line, NEW, REMOVED } from '../imports/importer';
import { MutationScope } from '../mutation';
import { wholeNumber } from '../reference/population-import';
import { KOMMUNENUMMER } from '../reference/kommunenummer';
import { illustrativeFagsystemExport, jsonStatAdapter, problemOf } from './adapters';
import { numbersToday } from '../reference/municipality-numbers';
import { formatPeriod, parsePeriod, Period, periodEnd } from './periods';
import { republish, serviceMunicipalities, TableKey } from './publish';
import { statisticsSession } from './import-session';

export interface StatisticsRow {
  kommunenummer: string;
  period: Period;
  /** A catalogue code or a metric's SSB code (JSON-stat). */
  metric: string;
  value: number;
  /** Where a derived row comes from (a fagsystem file's name and element), for the messages. */
  source?: string;
}

/**
 * What a file's figures replace. `period`: the file is the complete figure of each metric and
 * period it gives (every municipality; the canonical statistics import). `municipality-year`: the
 * file is the complete figure of each municipality, metric and year it gives (a fagsystem's
 * report of one municipality, e.g. KOSTRA 15F): other municipalities are left as they are.
 */
export type Replaces = 'period' | 'municipality-year';

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
const METRIC = /^[A-Za-z0-9_.-]{1,60}$/;

/** Largest count one row may carry (a bad export, not a real number of children). */
export const MAX_VALUE = 10_000_000;
/** Largest value a stored cell (observation or published total) holds: PostgreSQL int. */
export const MAX_CELL = 2_147_483_647;

/** `problem` prefixed with the file and element a derived row comes from (`source`), if any. */
export function fromSource(source: string | undefined | null, problem: ImportProblem): ImportProblem {
  if (!source) return problem;
  const { key, params, ...where } = problem;
  return { ...where, key: 'imports.fromSource', params: { source, problem: { key, params } } };
}

/** One canonical record (kommunenummer, period, metric, value) → a typed row; `maxValue` for amounts. */
export function readStatisticsRecord(record: Record<string, unknown>, line: number, today: string, maxValue = MAX_VALUE): ReturnType<Importer<StatisticsRow>['read']> {
  const problem = problemOf(record);
  if (problem) return { problems: [{ line, field: null, ...problem }] };
  const problems: ImportProblem[] = [];
  const kommunenummer = text(record.kommunenummer);
  if (!KOMMUNENUMMER.test(kommunenummer)) problems.push({ line, field: 'kommunenummer', key: 'imports.notKommunenummer', params: { value: kommunenummer.slice(0, 40) } });
  const periodText = text(record.period);
  const period = parsePeriod(periodText);
  if (!period) problems.push({ line, field: 'period', key: 'statistics.import.notPeriod', params: { value: periodText.slice(0, 40) } });
  else if (periodEnd(period) >= today) problems.push({ line, field: 'period', key: 'statistics.import.periodNotEnded', params: { period: formatPeriod(period) } });
  const metric = text(record.metric);
  if (!METRIC.test(metric)) problems.push({ line, field: 'metric', key: 'statistics.import.notMetricCode', params: { value: metric.slice(0, 40) } });
  const valueText = text(record.value);
  if (/^-\d+$/.test(valueText)) problems.push({ line, field: 'value', key: 'statistics.import.negative', params: { value: valueText } });
  const value = wholeNumber(record.value, 'value', line, 0, maxValue);
  if (typeof value !== 'number' && !/^-\d+$/.test(valueText)) problems.push(value);
  if (problems.length) return { problems };
  return { row: { kommunenummer, period: period!, metric, value: value as number } };
}

/**
 * Activity statistics from a fagsystem export or an SSB table into the caller's service
 * (SERVICE_LEADER). Canonical format, CSV (`,` or `;`) or JSON: one record per kommunenummer,
 * period ("2021" or "2021-03"), metric (catalogue code) and value (a count ≥ 0). Other layouts come
 * through adapters: SSB JSON-stat 2.0, and a wide fagsystem CSV (illustrative).
 *
 * A re-import of a period replaces it: the file's records for a metric and period are that period's
 * complete figures; an earlier value is replaced, and a municipality the file no longer lists for
 * that metric and period is removed. Replaced values are kept (history), and the tables concerned
 * are suppressed and published again in the same transaction.
 */
export const statisticsImport: Importer<StatisticsRow> = {
  kind: 'statistics',
  title: { key: 'imports.title.statistics' },
  roles: [Role.SERVICE_LEADER],
  action: 'Importing activity statistics',
  columns: ['kommunenummer', 'period', 'metric', 'value'],
  numericColumns: ['value'],
  jsonAdapters: [jsonStatAdapter],
  csvAdapters: [illustrativeFagsystemExport],
  read: (record, line, today) => readStatisticsRecord(record, line, today),
  identity: (row) => `${row.kommunenummer} ${formatPeriod(row.period)} ${row.metric}`,
  // Streamed: a batch at a time, staged and checked as a whole in the database (import-session.ts).
  session: (scope) => statisticsSession(scope),
  // Rows a batch holds (the only rows the process holds; see the ledger import's CHUNK).
  batchSize: 5000,
  sessionFindsDuplicates: true,
};

export interface CatalogueRow {
  id: string;
  code: string;
  name: string;
  ssb_code: string | null;
  aggregation: MetricAggregation;
  finest_period: MetricPeriod;
}

/** A row checked against the service's owners and catalogue. */
export interface Resolved {
  line: number;
  municipalityId: string;
  metric: CatalogueRow;
  year: number;
  month: number | null;
  value: number;
  label: string;
  source: string;
}

/**
 * The service of the caller (SERVICE_LEADER), its owners and catalogue, and a function that checks
 * one typed row against them (today's municipality of a past kommunenummer, an owner, a known
 * metric, a month only where the metric has months): the resolved row, or undefined with the
 * problems added to `problems`. Shared by the plan (planStatistics) and the streaming session.
 */
export async function statisticsResolver({ tx, ctx }: MutationScope) {
  const serviceId = ownScope(ctx, 'SERVICE');
  const regionId = ctx.principal.regionId!;
  const [service] = (await tx.query(`SELECT kind FROM shared_service WHERE id = $1`, [serviceId])) as { kind: string }[];
  const owners = await serviceMunicipalities(tx, serviceId);
  const ownerByNumber = new Map(owners.map((m) => [m.number, m]));
  const metrics: CatalogueRow[] = await tx.query(`SELECT id, code, name, ssb_code, aggregation, finest_period FROM statistics_metric WHERE service_kind = $1 AND region_id = $2`, [
    service.kind,
    regionId,
  ]);
  const metricByCode = new Map<string, CatalogueRow>();
  for (const m of metrics) {
    metricByCode.set(m.code, m);
    if (m.ssb_code) metricByCode.set(m.ssb_code, m);
  }
  const ownerList = owners.map((o) => o.number).join(', ');
  const known = metrics.map((m) => m.code).join(', ');
  // A past period's kommunenummer means today's municipality (KLASS 131; src/services/reference/municipality-numbers.ts).
  const numberToday = await numbersToday(ctx);
  const resolve = (line: number, row: StatisticsRow, problems: ImportProblem[]): Resolved | undefined => {
    const at = (problem: ImportProblem): ImportProblem => fromSource(row.source, problem);
    const onDate = `${row.period.year}-${String(row.period.month ?? 12).padStart(2, '0')}-01`;
    const today = numberToday(row.kommunenummer, onDate, formatPeriod(row.period));
    if (today.problem !== undefined) problems.push(at({ line, field: 'kommunenummer', ...today.problem }));
    const number = today.number;
    if (number === undefined) return undefined;
    const municipality = ownerByNumber.get(number);
    const metric = metricByCode.get(row.metric);
    if (!municipality) problems.push(at({ line, field: 'kommunenummer', key: 'statistics.import.notOwner', params: { number: row.kommunenummer, owners: ownerList } }));
    if (!metric) problems.push(at({ line, field: 'metric', key: 'statistics.import.unknownMetric', params: { metric: row.metric, serviceKind: service.kind, known } }));
    if (!municipality || !metric) return undefined;
    if (row.period.month !== null && metric.finest_period === MetricPeriod.YEAR) {
      const key = metric.aggregation === MetricAggregation.STOCK ? 'statistics.import.stockPerYearOnly' : 'statistics.import.perYearOnly';
      problems.push({ line, field: 'period', key, params: { metric: metric.code, year: row.period.year } });
      return undefined;
    }
    return {
      line,
      municipalityId: municipality.id,
      metric,
      year: row.period.year,
      month: row.period.month,
      value: row.value,
      label: `${municipality.name} (${municipality.number}) ${metric.code} ${formatPeriod(row.period)}`,
      source: row.source ? `${row.source}: ` : '',
    };
  };
  return { serviceId, regionId, serviceKind: service.kind, owners, metrics, resolve };
}

/**
 * Checks typed statistics rows against the service's owners and catalogue and plans the change:
 * new and changed values, and the removal of what the file's scope (`replaces`) no longer lists;
 * applied, the import is recorded, the replaced values kept as history, and the tables touched
 * suppressed and published again.
 */
export async function planStatistics(scope: MutationScope, rows: Line<StatisticsRow>[], replaces: Replaces): Promise<ImportPlan> {
  const { tx } = scope;
  const { serviceId, regionId, owners, metrics, resolve } = await statisticsResolver(scope);
  const problems: ImportProblem[] = [];
  const resolved: Resolved[] = [];
  const seen = new Map<string, number>();
  for (const { line, row } of rows) {
    const r = resolve(line, row, problems);
    if (!r) continue;
    const key = `${r.municipalityId} ${r.metric.id} ${formatPeriod(row.period)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, field: 'metric', key: 'statistics.import.duplicateBySsbCode', params: { first, number: row.kommunenummer, period: formatPeriod(row.period), metric: r.metric.code } });
      continue;
    }
    seen.set(key, line);
    resolved.push(r);
  }
  if (problems.length) return { problems, inserted: 0, updated: 0, unchanged: 0, deleted: 0, changes: [], audit: { entity: 'StatisticsImport', entityId: regionId }, apply: async () => undefined };

  // What is stored now for every table the file touches (a table = metric × year).
  const tables = [...new Map(resolved.map((r) => [`${r.metric.id} ${r.year}`, { metricId: r.metric.id, year: r.year }])).values()] as TableKey[];
  const current: { id: string; municipality_id: string; metric_id: string; year: number; month: number | null; value: number }[] = tables.length
    ? await tx.query(
        `SELECT id, municipality_id, metric_id, year, month, value FROM statistics_observation
          WHERE service_id = $1 AND replaced_at IS NULL AND (metric_id, year) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))`,
        [serviceId, tables.map((t) => t.metricId), tables.map((t) => t.year)],
      )
    : [];
  const cellKey = (municipalityId: string, metricId: string, year: number, month: number | null) => `${municipalityId} ${metricId} ${year} ${month ?? 0}`;
  const periodKey = (metricId: string, year: number, month: number | null) => `${metricId} ${year} ${month ?? 0}`;
  const stored = new Map(current.map((o) => [cellKey(o.municipality_id, o.metric_id, o.year, o.month), o]));
  // What the file gives complete figures of (see Replaces).
  const scopeOf = (municipalityId: string, metricId: string, year: number, month: number | null) =>
    replaces === 'period' ? periodKey(metricId, year, month) : `${municipalityId} ${metricId} ${year}`;
  const periodsInFile = new Set(resolved.map((r) => scopeOf(r.municipalityId, r.metric.id, r.year, r.month)));
  const inFile = new Set(resolved.map((r) => cellKey(r.municipalityId, r.metric.id, r.year, r.month)));

  const changes: Message[] = [];
  const writes: Resolved[] = [];
  const replaced: string[] = [];
  let inserted = 0;
  let unchanged = 0;
  for (const r of resolved) {
    const before = stored.get(cellKey(r.municipalityId, r.metric.id, r.year, r.month));
    if (before?.value === r.value) {
      unchanged += 1;
      continue;
    }
    if (before) replaced.push(before.id);
    else inserted += 1;
    writes.push(r);
    changes.push({ key: 'imports.change.value', params: { label: r.label, before: before ? before.value : NEW, after: r.value } });
  }
  // The file is the complete figure of each metric and period it gives: what it no longer lists goes.
  const nameOf = new Map(owners.map((o) => [o.id, `${o.name} (${o.number})`]));
  const codeOf = new Map(metrics.map((m) => [m.id, m.code]));
  let deleted = 0;
  for (const o of current) {
    if (!periodsInFile.has(scopeOf(o.municipality_id, o.metric_id, o.year, o.month)) || inFile.has(cellKey(o.municipality_id, o.metric_id, o.year, o.month))) continue;
    replaced.push(o.id);
    deleted += 1;
    changes.push({
      key: 'imports.change.value',
      params: { label: `${nameOf.get(o.municipality_id) ?? o.municipality_id} ${codeOf.get(o.metric_id)} ${formatPeriod({ year: o.year, month: o.month })}`, before: o.value, after: REMOVED },
    });
  }

  // A flow's year is the sum of its months: where both are stored after this import, they must agree.
  const gone = new Set(replaced);
  const after = new Map(current.filter((o) => !gone.has(o.id)).map((o) => [cellKey(o.municipality_id, o.metric_id, o.year, o.month), o.value]));
  for (const w of writes) after.set(cellKey(w.municipalityId, w.metric.id, w.year, w.month), w.value);
  const lineOf = new Map(resolved.map((r) => [cellKey(r.municipalityId, r.metric.id, r.year, r.month), r.line]));
  const checked = new Set<string>();
  for (const r of resolved) {
    if (r.metric.aggregation !== MetricAggregation.FLOW || r.metric.finest_period !== MetricPeriod.MONTH) continue;
    const group = `${r.municipalityId} ${r.metric.id} ${r.year}`;
    if (checked.has(group)) continue;
    checked.add(group);
    const year = after.get(cellKey(r.municipalityId, r.metric.id, r.year, null));
    const months = Array.from({ length: 12 }, (_, i) => after.get(cellKey(r.municipalityId, r.metric.id, r.year, i + 1)));
    const given = months.filter((v): v is number => v !== undefined);
    const sum = given.reduce((s, v) => s + v, 0);
    if (year === undefined || !given.length) continue;
    if (given.length === 12 ? sum !== year : sum > year) {
      const line = lineOf.get(cellKey(r.municipalityId, r.metric.id, r.year, null)) ?? r.line;
      problems.push({
        line,
        field: 'value',
        key: given.length === 12 ? 'statistics.import.flowYearNotSum' : 'statistics.import.flowMonthsExceedYear',
        params: { metric: r.metric.code, year: r.year, value: year, sum, count: given.length },
      });
    }
  }

  // The publication adds the municipalities up (the total row) in an int column: a total it could not store is refused here.
  const totals = new Map<string, number>();
  for (const [key, value] of after) {
    const [, metricId, year, month] = key.split(' ');
    const group = `${metricId} ${year} ${month}`;
    totals.set(group, (totals.get(group) ?? 0) + value);
  }
  const reported = new Set<string>();
  for (const r of resolved) {
    const group = `${r.metric.id} ${r.year} ${r.month ?? 0}`;
    if ((totals.get(group) ?? 0) <= MAX_CELL || reported.has(group)) continue;
    reported.add(group);
    problems.push({
      line: r.line,
      field: 'value',
      key: 'statistics.import.totalTooLarge',
      params: { source: r.source, metric: r.metric.code, period: formatPeriod({ year: r.year, month: r.month }), total: totals.get(group) ?? 0, max: MAX_CELL },
    });
  }

  const importId = randomUUID();
  return {
    problems,
    inserted,
    updated: writes.length - inserted,
    unchanged,
    deleted,
    changes,
    audit: { entity: 'StatisticsImport', entityId: importId },
    async apply() {
      await tx.query(`INSERT INTO statistics_import (id, region_id, service_id, records, inserted, updated, deleted) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        importId,
        regionId,
        serviceId,
        rows.length,
        inserted,
        writes.length - inserted,
        deleted,
      ]);
      await storeObservations(tx, { regionId, serviceId }, importId, replaced, writes);
      const touched = new Map(tables.map((t) => [`${t.metricId} ${t.year}`, t]));
      await republish(tx, { regionId, serviceId }, importId, [...touched.values()]);
    },
  };
}

/** Marks `replaced` observations as replaced by this import and inserts `writes` (one statement each). */
export async function storeObservations(
  tx: import('typeorm').EntityManager,
  service: { regionId: string; serviceId: string },
  importId: string,
  replaced: string[],
  writes: { municipalityId: string; metric: { id: string }; year: number; month: number | null; value: number }[],
): Promise<void> {
  if (replaced.length) await tx.query(`UPDATE statistics_observation SET replaced_at = now(), replaced_by_import_id = $1 WHERE id = ANY($2::uuid[])`, [importId, replaced]);
  if (!writes.length) return;
  await tx.query(
    `INSERT INTO statistics_observation (region_id, service_id, import_id, municipality_id, metric_id, year, month, value)
     SELECT $1, $2, $3, w.* FROM unnest($4::uuid[], $5::uuid[], $6::int[], $7::int[], $8::int[]) AS w(municipality_id, metric_id, year, month, value)`,
    [
      service.regionId,
      service.serviceId,
      importId,
      writes.map((w) => w.municipalityId),
      writes.map((w) => w.metric.id),
      writes.map((w) => w.year),
      writes.map((w) => w.month),
      writes.map((w) => w.value),
    ],
  );
}
