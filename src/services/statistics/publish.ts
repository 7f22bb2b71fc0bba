import { EntityManager } from 'typeorm';
import { Context } from '../../context';
import { MetricAggregation, MetricPeriod } from '../../entities/statistics/enums';
import { DEFAULT_RULE, SuppressionRule } from './suppression';
import { layoutOf, ObservationValue, publishTable, TableCell, TableLayout, trueValues } from './tables';

/**
 * The publication: after every change of a service's observations, the tables that changed are
 * suppressed again and their published cells replaced (old rows kept with `replaced_at`). Runs in
 * the caller's transaction as the service's leader (RLS: only they may read the true counts and
 * write the publication).
 */
export interface ServiceRef {
  regionId: string;
  serviceId: string;
}

export interface TableKey {
  metricId: string;
  year: number;
}

export interface CatalogueMetric {
  id: string;
  code: string;
  aggregation: MetricAggregation;
  finestPeriod: MetricPeriod;
  shareOfCode: string | null;
}

const SERVICE_MUNICIPALITIES = `SELECT DISTINCT m.id, m.number, m.name FROM ownership_period_owner o
       JOIN ownership_period p ON p.id = o.period_id JOIN municipality m ON m.id = o.municipality_id
      WHERE p.service_id = $1::uuid`;

/** Every municipality that has owned the service (kommunenummer order): the rows of its tables (in a write, through its `tx`). */
export async function serviceMunicipalities(em: EntityManager, serviceId: string): Promise<{ id: string; number: string; name: string }[]> {
  return em.query(`${SERVICE_MUNICIPALITIES} ORDER BY m.number`, [serviceId]);
}

/** The same through the read path (one JSON value). */
export function readServiceMunicipalities(ctx: Context, serviceId: string): Promise<{ id: string; number: string; name: string }[]> {
  return ctx.db.read({
    sql: `SELECT coalesce(json_agg(json_build_object('id', x.id, 'number', x.number, 'name', x.name) ORDER BY x.number), '[]') FROM (${SERVICE_MUNICIPALITIES}) x`,
    params: [serviceId],
  });
}

const SUPPRESSION_RULE = `SELECT min_count, max_count FROM statistics_suppression_rule WHERE service_id = $1::uuid`;

export async function suppressionRuleOf(em: EntityManager, serviceId: string): Promise<SuppressionRule> {
  const rows: { min_count: number; max_count: number }[] = await em.query(SUPPRESSION_RULE, [serviceId]);
  return rows.length ? { min: rows[0].min_count, max: rows[0].max_count } : DEFAULT_RULE;
}

/** The same through the read path. */
export async function readSuppressionRule(ctx: Context, serviceId: string): Promise<SuppressionRule> {
  const rule = await ctx.db.read<SuppressionRule | null>({ sql: `SELECT json_build_object('min', r.min_count, 'max', r.max_count) FROM (${SUPPRESSION_RULE} LIMIT 1) r`, params: [serviceId] });
  return rule ?? DEFAULT_RULE;
}

export async function catalogueOf(em: EntityManager, serviceId: string): Promise<CatalogueMetric[]> {
  const rows: { id: string; code: string; aggregation: MetricAggregation; finest_period: MetricPeriod; share_of_code: string | null }[] = await em.query(
    `SELECT m.id, m.code, m.aggregation, m.finest_period, m.share_of_code FROM statistics_metric m
       JOIN shared_service s ON s.region_id = m.region_id AND s.kind = m.service_kind WHERE s.id = $1 ORDER BY m.position, m.code`,
    [serviceId],
  );
  return rows.map((r) => ({ id: r.id, code: r.code, aggregation: r.aggregation, finestPeriod: r.finest_period, shareOfCode: r.share_of_code }));
}

export const keyOf = (k: TableKey) => `${k.metricId} ${k.year}`;

/** Rows per INSERT: bounded statement size whatever the table. */
const CHUNK = 20_000;

/**
 * Publishes `tables` (or every table of the service) again from the current observations. A table
 * whose metric counts a part of another (share_of_code) is published after it, so that a part whose
 * remainder is small is protected too (see docs/statistics.md).
 */
export async function republish(em: EntityManager, service: ServiceRef, importId: string, tables: TableKey[] | 'all'): Promise<{ tables: number; cells: number }> {
  // One after another: they share the transaction's one connection (pg deprecates overlapping queries on a client).
  const rule = await suppressionRuleOf(em, service.serviceId);
  const metrics = await catalogueOf(em, service.serviceId);
  const municipalities = await serviceMunicipalities(em, service.serviceId);
  let keys: TableKey[];
  if (tables === 'all') {
    const rows: { metric_id: string; year: number }[] = await em.query(
      `SELECT metric_id, year FROM statistics_observation WHERE service_id = $1 AND replaced_at IS NULL
       UNION SELECT metric_id, year FROM statistics_published_cell WHERE service_id = $1 AND replaced_at IS NULL`,
      [service.serviceId],
    );
    keys = rows.map((r) => ({ metricId: r.metric_id, year: r.year }));
  } else {
    keys = [...new Map(tables.map((k) => [keyOf(k), k])).values()];
  }
  // A part's table needs its whole's: publish both, wholes first.
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const byCode = new Map(metrics.map((m) => [m.code, m]));
  for (const k of [...keys]) {
    const m = byId.get(k.metricId);
    const whole = m?.shareOfCode ? byCode.get(m.shareOfCode) : undefined;
    if (whole && !keys.some((x) => x.metricId === whole.id && x.year === k.year)) keys.push({ metricId: whole.id, year: k.year });
    for (const part of metrics.filter((p) => p.shareOfCode === m?.code)) if (!keys.some((x) => x.metricId === part.id && x.year === k.year)) keys.push({ metricId: part.id, year: k.year });
  }
  keys.sort((a, b) => Number(!!byId.get(a.metricId)?.shareOfCode) - Number(!!byId.get(b.metricId)?.shareOfCode));
  if (!keys.length) return { tables: 0, cells: 0 };
  const ids = municipalities.map((m) => m.id);
  let tablesDone = 0;
  let cells = 0;
  // A chunk at a time (one year of one metric and its parts): memory follows the largest table, not the import.
  for (const chunk of publicationChunks(metrics, keys)) {
    const done = await publishChunk(em, service, importId, metrics, chunk, ids, rule);
    tablesDone += done.tables;
    cells += done.cells;
  }
  return { tables: tablesDone, cells };
}

/**
 * `keys` (in publishing order) in chunks that can be suppressed apart: one year of a metric with
 * every metric that is a part of it (share_of_code, followed to the top), in the same order. A part
 * is suppressed with its whole's published cells, so they share a chunk; nothing else ties tables.
 */
export function publicationChunks(metrics: CatalogueMetric[], keys: TableKey[]): TableKey[][] {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const byCode = new Map(metrics.map((m) => [m.code, m]));
  const rootOf = (metricId: string): string => {
    let m = byId.get(metricId);
    for (let depth = 0; m?.shareOfCode && byCode.has(m.shareOfCode) && depth < metrics.length; depth++) m = byCode.get(m.shareOfCode);
    return m?.id ?? metricId;
  };
  const chunks = new Map<string, TableKey[]>();
  for (const k of keys) {
    const c = `${rootOf(k.metricId)} ${k.year}`;
    if (!chunks.has(c)) chunks.set(c, []);
    chunks.get(c)!.push(k);
  }
  return [...chunks.values()];
}

/** Suppresses and publishes one chunk of tables (publicationChunks), replacing their published cells. */
async function publishChunk(
  em: EntityManager,
  service: ServiceRef,
  importId: string,
  metrics: CatalogueMetric[],
  keys: TableKey[],
  ids: string[],
  rule: SuppressionRule,
): Promise<{ tables: number; cells: number }> {
  const observations: { metric_id: string; year: number; municipality_id: string; month: number | null; value: number }[] = await em.query(
    `SELECT o.metric_id, o.year, o.municipality_id, o.month, o.value FROM statistics_observation o
      WHERE o.service_id = $1 AND o.replaced_at IS NULL AND (o.metric_id, o.year) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))`,
    [service.serviceId, keys.map((k) => k.metricId), keys.map((k) => k.year)],
  );
  const grouped = new Map<string, ObservationValue[]>();
  for (const o of observations) {
    const k = keyOf({ metricId: o.metric_id, year: o.year });
    if (!grouped.has(k)) grouped.set(k, []);
    grouped.get(k)!.push({ municipalityId: o.municipality_id, month: o.month, value: o.value });
  }
  const previous = await previousPublication(em, service.serviceId, importId, keys);
  const published = suppressTables(metrics, keys, grouped, ids, rule, previous);
  const out: (TableCell & TableKey)[] = [];
  for (const key of keys) for (const c of published.get(keyOf(key))?.cells ?? []) out.push({ ...c, ...key });

  await em.query(
    `UPDATE statistics_published_cell SET replaced_at = now()
      WHERE service_id = $1 AND replaced_at IS NULL AND (metric_id, year) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))`,
    [service.serviceId, keys.map((k) => k.metricId), keys.map((k) => k.year)],
  );
  for (let start = 0; start < out.length; start += CHUNK) {
    const chunk = out.slice(start, start + CHUNK);
    const col = <T>(f: (c: TableCell & TableKey) => T) => chunk.map(f);
    await em.query(
      `INSERT INTO statistics_published_cell (region_id, service_id, import_id, metric_id, year, month, municipality_id, status, value, is_total, partial_sum, contributors, suppressed_contributors, missing_contributors)
       SELECT $1, $2, $3, c.* FROM unnest($4::uuid[], $5::int[], $6::int[], $7::uuid[], $8::text[], $9::int[], $10::bool[], $11::int[], $12::int[], $13::int[], $14::int[])
         AS c(metric_id, year, month, municipality_id, status, value, is_total, partial_sum, contributors, suppressed, missing)`,
      [
        service.regionId,
        service.serviceId,
        importId,
        col((c) => c.metricId),
        col((c) => c.year),
        col((c) => c.month),
        col((c) => c.municipalityId),
        col((c) => c.status),
        col((c) => c.value),
        col((c) => c.total !== null),
        col((c) => c.total?.partialSum ?? null),
        col((c) => c.total?.contributors ?? null),
        col((c) => c.total?.suppressed ?? null),
        col((c) => c.total?.missing ?? null),
      ],
    );
  }
  return { tables: published.size, cells: out.length };
}

/**
 * Suppresses tables (pure): `keys` in publishing order (wholes before their parts), `grouped` the
 * observations of each table by keyOf, `ids` the table's municipalities (rows). Returns each table's
 * cells and true values by keyOf.
 */
export function suppressTables(
  metrics: CatalogueMetric[],
  keys: TableKey[],
  grouped: Map<string, ObservationValue[]>,
  ids: string[],
  rule: SuppressionRule,
  previous: Map<string, PreviousTable> = new Map(),
): Map<string, { cells: TableCell[]; values: (number | null)[] }> {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const byCode = new Map(metrics.map((m) => [m.code, m]));
  const published = new Map<string, { cells: TableCell[]; values: (number | null)[] }>();
  for (const key of keys) {
    const metric = byId.get(key.metricId);
    const rows = grouped.get(keyOf(key));
    if (!metric || !rows?.length) continue;
    const layout = layoutOf(metric, ids);
    const values = trueValues(layout, rows);
    const protectDown = new Map<number, number>();
    const alsoSuppress: number[] = [];
    const whole = metric.shareOfCode ? byCode.get(metric.shareOfCode) : undefined;
    const wholeTable = whole ? published.get(keyOf({ metricId: whole.id, year: key.year })) : undefined;
    if (whole && wholeTable && whole.finestPeriod === metric.finestPeriod && whole.aggregation === metric.aggregation) {
      // The remainder (whole − part) is as sensitive as any count: where the whole is shown and the
      // remainder small, the part must not be provably close to the whole; where the whole is
      // suppressed, so is the part.
      values.forEach((v, i) => {
        const w = wholeTable.cells[i];
        if (v === null || w.status === 'MISSING') return;
        if (w.status === 'SUPPRESSED') {
          if (v > 0) alsoSuppress.push(i);
          return;
        }
        const remainder = (w.value as number) - v;
        if (remainder >= rule.min && remainder <= rule.max) protectDown.set(i, rule.max + 1 - remainder);
      });
    }
    const before = previous.get(keyOf(key));
    const cells = publishTable(layout, values, { rule, protectDown, alsoSuppress, previous: before && previousOf(layout, before) });
    published.set(keyOf(key), { cells, values });
  }
  return published;
}

/** A table as last published before this import: the observations then in force, and which cells were suppressed. */
export interface PreviousTable {
  observations: ObservationValue[];
  suppressed: { municipalityId: string | null; month: number | null }[];
}

function previousOf(layout: TableLayout, before: PreviousTable): { values: (number | null)[]; suppressed: (i: number) => boolean } {
  const values = trueValues(layout, before.observations);
  const cols = layout.columns.length;
  const rowOf = new Map(layout.municipalities.map((m, i) => [m, i]));
  const colOf = new Map(layout.columns.map((c, i) => [c, i]));
  const hidden = new Set<number>();
  for (const c of before.suppressed) {
    const r = c.municipalityId === null ? layout.municipalities.length : rowOf.get(c.municipalityId);
    const k = colOf.get(c.month);
    if (r !== undefined && k !== undefined) hidden.add(r * cols + k);
  }
  return { values, suppressed: (i) => hidden.has(i) };
}

/**
 * The previous publication of the tables this import revises (a table only when this import replaced
 * or added observations of it and it was published before): its observations then (the current ones
 * not from this import, and those this import replaced) and its suppressed cells. A republication
 * without new observations (a changed suppression range) has none: it is a new publication by a new rule.
 */
async function previousPublication(em: EntityManager, serviceId: string, importId: string, keys: TableKey[]): Promise<Map<string, PreviousTable>> {
  const tables = [keys.map((k) => k.metricId), keys.map((k) => k.year)];
  const touched: { metric_id: string; year: number }[] = await em.query(
    `SELECT DISTINCT metric_id, year FROM statistics_observation
      WHERE service_id = $1 AND (import_id = $2 OR replaced_by_import_id = $2) AND (metric_id, year) IN (SELECT * FROM unnest($3::uuid[], $4::int[]))`,
    [serviceId, importId, ...tables],
  );
  const out = new Map<string, PreviousTable>();
  if (!touched.length) return out;
  const revised = [touched.map((t) => t.metric_id), touched.map((t) => t.year)];
  const cells: { metric_id: string; year: number; municipality_id: string | null; month: number | null }[] = await em.query(
    `SELECT metric_id, year, municipality_id, month FROM statistics_published_cell
      WHERE service_id = $1 AND replaced_at IS NULL AND status = 'SUPPRESSED' AND (metric_id, year) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))`,
    [serviceId, ...revised],
  );
  const published: { metric_id: string; year: number }[] = await em.query(
    `SELECT DISTINCT metric_id, year FROM statistics_published_cell
      WHERE service_id = $1 AND replaced_at IS NULL AND (metric_id, year) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))`,
    [serviceId, ...revised],
  );
  for (const p of published) out.set(keyOf({ metricId: p.metric_id, year: p.year }), { observations: [], suppressed: [] });
  for (const c of cells) out.get(keyOf({ metricId: c.metric_id, year: c.year }))?.suppressed.push({ municipalityId: c.municipality_id, month: c.month });
  const observations: { metric_id: string; year: number; municipality_id: string; month: number | null; value: number }[] = await em.query(
    `SELECT metric_id, year, municipality_id, month, value FROM statistics_observation
      WHERE service_id = $1 AND ((replaced_at IS NULL AND import_id <> $2) OR replaced_by_import_id = $2) AND (metric_id, year) IN (SELECT * FROM unnest($3::uuid[], $4::int[]))`,
    [serviceId, importId, ...revised],
  );
  for (const o of observations) out.get(keyOf({ metricId: o.metric_id, year: o.year }))?.observations.push({ municipalityId: o.municipality_id, month: o.month, value: o.value });
  return out;
}
