import { randomUUID } from 'node:crypto';
import type { Message } from '../../i18n';
import { ImportProblem, ImportSession, NEW, REMOVED } from '../imports/importer';
import { MutationScope } from '../mutation';
import { MAX_CELL, Resolved, StatisticsRow, statisticsResolver } from './import';
import { formatPeriod } from './periods';
import { republish } from './publish';

/**
 * The canonical statistics import as a streaming session (ImportSession): however large the file,
 * the process holds one batch of rows at a time. Each batch is checked against the service's owners
 * and catalogue and **staged** in a temporary table of the import's transaction (dropped at its
 * end, rolled back with its savepoint); the rules that need the whole file — a duplicate anywhere in
 * it, a flow's year against its months, a total the publication could not store — and the change
 * itself (history kept, the periods the file gives replaced) are then set-based SQL over the staged
 * rows, and the tables touched are published again a year and metric at a time (publish.ts). All or
 * nothing as before: a problem in any batch or in the file as a whole, or a dry run, rolls every
 * write back, staging included.
 */

/** Changes listed in words (the dry run): the framework lists at most 200 anyway. */
const LISTED = 200;

const STAGING = 'statistics_import_staging';

/** The file's rows, one per municipality, metric and period (unique): what the import replaces each period with. */
async function createStaging(scope: MutationScope): Promise<void> {
  await scope.tx.query(`DROP TABLE IF EXISTS pg_temp.${STAGING}`);
  await scope.tx.query(
    `CREATE TEMPORARY TABLE ${STAGING} (line int NOT NULL, given text NOT NULL, municipality_id uuid NOT NULL, metric_id uuid NOT NULL, year int NOT NULL, month int, value int NOT NULL) ON COMMIT DROP`,
  );
  await scope.tx.query(`CREATE UNIQUE INDEX ON pg_temp.${STAGING} (metric_id, year, coalesce(month, 0), municipality_id)`);
}

/** Current observations of the service in a period the file gives (the file replaces those periods). */
const CURRENT_IN_FILE_PERIODS = `SELECT o.* FROM statistics_observation o
   WHERE o.service_id = $1 AND o.replaced_at IS NULL
     AND (o.metric_id, o.year) IN (SELECT DISTINCT metric_id, year FROM pg_temp.${STAGING})
     AND EXISTS (SELECT 1 FROM pg_temp.${STAGING} p WHERE p.metric_id = o.metric_id AND p.year = o.year AND coalesce(p.month, 0) = coalesce(o.month, 0))`;

export async function statisticsSession(scope: MutationScope): Promise<ImportSession<StatisticsRow>> {
  const { tx } = scope;
  const { serviceId, regionId, resolve } = await statisticsResolver(scope);
  const importId = randomUUID();
  await createStaging(scope);

  return {
    audit: { entity: 'StatisticsImport', entityId: importId },

    async batch(lines) {
      const problems: ImportProblem[] = [];
      const rows: (Resolved & { given: string })[] = [];
      for (const { line, row } of lines) {
        const r = resolve(line, row, problems);
        if (r) rows.push({ ...r, given: `${row.kommunenummer} ${formatPeriod(row.period)} ${row.metric}` });
      }
      const none = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
      if (problems.length) return { problems, ...none };
      const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
      const staged: { line: number }[] = await tx.query(
        `INSERT INTO pg_temp.${STAGING} (line, given, municipality_id, metric_id, year, month, value)
         SELECT * FROM unnest($1::int[], $2::text[], $3::uuid[], $4::uuid[], $5::int[], $6::int[], $7::int[]) ON CONFLICT DO NOTHING RETURNING line`,
        [col((r) => r.line), col((r) => r.given), col((r) => r.municipalityId), col((r) => r.metric.id), col((r) => r.year), col((r) => r.month), col((r) => r.value)],
      );
      if (staged.length === rows.length) return { problems, ...none };
      // A row of a municipality, metric and period the file gave before (in this batch or an earlier one).
      const kept = new Set(staged.map((s) => s.line));
      const repeats = rows.filter((r) => !kept.has(r.line));
      const firsts: { i: number; line: number; given: string }[] = await tx.query(
        `SELECT d.i::int AS i, s.line, s.given FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[]) WITH ORDINALITY AS d(metric_id, municipality_id, year, month, i)
           JOIN pg_temp.${STAGING} s ON s.metric_id = d.metric_id AND s.municipality_id = d.municipality_id AND s.year = d.year AND coalesce(s.month, 0) = coalesce(d.month, 0)`,
        [repeats.map((r) => r.metric.id), repeats.map((r) => r.municipalityId), repeats.map((r) => r.year), repeats.map((r) => r.month)],
      );
      const firstOf = new Map(firsts.map((f) => [f.i - 1, f]));
      repeats.forEach((r, i) => {
        const first = firstOf.get(i)!;
        const period = formatPeriod({ year: r.year, month: r.month });
        problems.push(
          first.given === r.given
            ? { line: r.line, field: null, key: 'imports.duplicate', params: { first: first.line, identity: r.given } }
            : { line: r.line, field: 'metric', key: 'statistics.import.duplicateBySsbCode', params: { first: first.line, number: r.given.split(' ')[0], period, metric: r.metric.code } },
        );
      });
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      return { problems, ...none };
    },

    async finish() {
      await tx.query(`ANALYZE pg_temp.${STAGING}`);
      const problems = await wholeFileProblems(scope, serviceId);
      if (problems.length) return { changes: [], consequences: [], problems };

      const [counts] = (await tx.query(
        `SELECT count(*) FILTER (WHERE o.id IS NULL)::int AS inserted, count(*) FILTER (WHERE o.value <> s.value)::int AS updated,
                count(*) FILTER (WHERE o.value = s.value)::int AS unchanged, count(*)::int AS records,
                (SELECT count(*)::int FROM (${CURRENT_IN_FILE_PERIODS}) c
                  WHERE NOT EXISTS (SELECT 1 FROM pg_temp.${STAGING} f WHERE f.metric_id = c.metric_id AND f.municipality_id = c.municipality_id AND f.year = c.year AND coalesce(f.month, 0) = coalesce(c.month, 0))) AS deleted
           FROM pg_temp.${STAGING} s
           LEFT JOIN statistics_observation o ON o.service_id = $1 AND o.replaced_at IS NULL AND o.metric_id = s.metric_id AND o.municipality_id = s.municipality_id
                AND o.year = s.year AND coalesce(o.month, 0) = coalesce(s.month, 0)`,
        [serviceId],
      )) as { inserted: number; updated: number; unchanged: number; deleted: number; records: number }[];
      const { records, ...written } = counts;
      const total = written.inserted + written.updated + written.deleted;
      const changes = await listChanges(scope, serviceId, total);
      if (total === 0) return { changes, consequences: [], counts: written };

      await tx.query(`INSERT INTO statistics_import (id, region_id, service_id, records, inserted, updated, deleted) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        importId,
        regionId,
        serviceId,
        records,
        written.inserted,
        written.updated,
        written.deleted,
      ]);
      // Replaced: what the file changes or no longer lists in the periods it gives; unchanged rows stay as they are.
      await tx.query(
        `UPDATE statistics_observation SET replaced_at = now(), replaced_by_import_id = $2
          WHERE id IN (SELECT c.id FROM (${CURRENT_IN_FILE_PERIODS}) c
                        WHERE NOT EXISTS (SELECT 1 FROM pg_temp.${STAGING} f WHERE f.metric_id = c.metric_id AND f.municipality_id = c.municipality_id AND f.year = c.year
                                             AND coalesce(f.month, 0) = coalesce(c.month, 0) AND f.value = c.value))`,
        [serviceId, importId],
      );
      await tx.query(
        `INSERT INTO statistics_observation (region_id, service_id, import_id, municipality_id, metric_id, year, month, value)
         SELECT $1, $2, $3, s.municipality_id, s.metric_id, s.year, s.month, s.value FROM pg_temp.${STAGING} s
          WHERE NOT EXISTS (SELECT 1 FROM statistics_observation o WHERE o.service_id = $2 AND o.replaced_at IS NULL AND o.metric_id = s.metric_id
                              AND o.municipality_id = s.municipality_id AND o.year = s.year AND coalesce(o.month, 0) = coalesce(s.month, 0))`,
        [regionId, serviceId, importId],
      );
      const tables: { metric_id: string; year: number }[] = await tx.query(`SELECT DISTINCT metric_id, year FROM pg_temp.${STAGING} ORDER BY year, metric_id`);
      await republish(
        tx,
        { regionId, serviceId },
        importId,
        tables.map((t) => ({ metricId: t.metric_id, year: t.year })),
      );
      return { changes, consequences: [], counts: written };
    },
  };
}

/**
 * The rules over the whole file, on the staged rows and what stays stored: a flow's year is the sum
 * of its months where both are there after the import (all twelve: equal; fewer: not more than the
 * year), and each period's total (the publication's total row, an int) fits.
 */
async function wholeFileProblems({ tx }: MutationScope, serviceId: string): Promise<ImportProblem[]> {
  const flows: { line: number; metric: string; year: number; value: number; sum: string; count: number }[] = await tx.query(
    `WITH after AS (
       SELECT municipality_id, metric_id, year, month, value, line FROM pg_temp.${STAGING}
       UNION ALL
       SELECT o.municipality_id, o.metric_id, o.year, o.month, o.value, NULL FROM statistics_observation o
        WHERE o.service_id = $1 AND o.replaced_at IS NULL AND (o.metric_id, o.year) IN (SELECT DISTINCT metric_id, year FROM pg_temp.${STAGING})
          AND NOT EXISTS (SELECT 1 FROM pg_temp.${STAGING} p WHERE p.metric_id = o.metric_id AND p.year = o.year AND coalesce(p.month, 0) = coalesce(o.month, 0))
     ), groups AS (
       SELECT a.municipality_id, a.metric_id, a.year, max(a.value) FILTER (WHERE a.month IS NULL) AS year_value,
              sum(a.value) FILTER (WHERE a.month IS NOT NULL) AS sum, count(*) FILTER (WHERE a.month IS NOT NULL)::int AS count,
              min(a.line) FILTER (WHERE a.month IS NULL) AS year_line, min(a.line) AS first_line
         FROM after a JOIN statistics_metric m ON m.id = a.metric_id AND m.aggregation = 'FLOW' AND m.finest_period = 'MONTH'
        GROUP BY a.municipality_id, a.metric_id, a.year HAVING count(a.line) > 0
     )
     SELECT coalesce(g.year_line, g.first_line) AS line, m.code AS metric, g.year, g.year_value AS value, g.sum, g.count
       FROM groups g JOIN statistics_metric m ON m.id = g.metric_id
      WHERE g.year_value IS NOT NULL AND g.count > 0 AND CASE WHEN g.count = 12 THEN g.sum <> g.year_value ELSE g.sum > g.year_value END
      ORDER BY g.first_line LIMIT 1000`,
    [serviceId],
  );
  const problems: ImportProblem[] = flows.map((f) => ({
    line: f.line,
    field: 'value',
    key: f.count === 12 ? 'statistics.import.flowYearNotSum' : 'statistics.import.flowMonthsExceedYear',
    params: { metric: f.metric, year: f.year, value: f.value, sum: Number(f.sum), count: f.count },
  }));
  // The file replaces each period it gives: a period's total is the sum of the file's rows of it.
  const totals: { line: number; metric: string; year: number; month: number | null; total: string }[] = await tx.query(
    `SELECT min(s.line) AS line, m.code AS metric, s.year, s.month, sum(s.value::bigint) AS total FROM pg_temp.${STAGING} s JOIN statistics_metric m ON m.id = s.metric_id
      GROUP BY m.code, s.year, s.month HAVING sum(s.value::bigint) > $1 ORDER BY min(s.line) LIMIT 1000`,
    [MAX_CELL],
  );
  for (const t of totals)
    problems.push({
      line: t.line,
      field: 'value',
      key: 'statistics.import.totalTooLarge',
      params: { source: '', metric: t.metric, period: formatPeriod({ year: t.year, month: t.month }), total: Number(t.total), max: MAX_CELL },
    });
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The changes in words, file order first, then what the file no longer lists; at most LISTED lines (the last says how many more). */
async function listChanges({ tx }: MutationScope, serviceId: string, total: number): Promise<Message[]> {
  if (total === 0) return [];
  const limit = total > LISTED ? LISTED - 1 : LISTED;
  const rows: { label: string; before: number | null; value: number | null }[] = await tx.query(
    `(SELECT mu.name || ' (' || mu.number || ') ' || m.code || ' ' || s.year || coalesce('-' || lpad(s.month::text, 2, '0'), '') AS label, o.value AS before, s.value, 0 AS part, s.line AS n, NULL::text AS k
        FROM pg_temp.${STAGING} s JOIN municipality mu ON mu.id = s.municipality_id JOIN statistics_metric m ON m.id = s.metric_id
        LEFT JOIN statistics_observation o ON o.service_id = $1 AND o.replaced_at IS NULL AND o.metric_id = s.metric_id AND o.municipality_id = s.municipality_id
             AND o.year = s.year AND coalesce(o.month, 0) = coalesce(s.month, 0)
       WHERE o.value IS DISTINCT FROM s.value ORDER BY s.line LIMIT $2)
     UNION ALL
     (SELECT mu.name || ' (' || mu.number || ') ' || m.code || ' ' || c.year || coalesce('-' || lpad(c.month::text, 2, '0'), ''), c.value, NULL, 1, NULL, mu.number || m.code || c.year || coalesce(c.month, 0)
        FROM (${CURRENT_IN_FILE_PERIODS}) c JOIN municipality mu ON mu.id = c.municipality_id JOIN statistics_metric m ON m.id = c.metric_id
       WHERE NOT EXISTS (SELECT 1 FROM pg_temp.${STAGING} f WHERE f.metric_id = c.metric_id AND f.municipality_id = c.municipality_id AND f.year = c.year AND coalesce(f.month, 0) = coalesce(c.month, 0))
       ORDER BY mu.number, m.code, c.year, c.month NULLS FIRST LIMIT $2)
     ORDER BY part, n, k LIMIT $2`,
    [serviceId, limit],
  );
  const changes: Message[] = rows.map((r) => ({ key: 'imports.change.value', params: { label: r.label, before: r.before ?? NEW, after: r.value ?? REMOVED } }));
  return total > LISTED ? [...changes, { key: 'imports.change.more', params: { n: total - changes.length } }] : changes;
}
