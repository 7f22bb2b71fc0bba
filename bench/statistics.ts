import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { Role } from '../src/auth/roles';
import { MetricAggregation, MetricPeriod } from '../src/entities/statistics/enums';
import { layoutOf, publishTable, trueValues } from '../src/services/statistics/tables';
import { DEFAULT_RULE } from '../src/services/statistics/suppression';
import type { Scenario, ScenarioSetup, TokenSpec } from './scenario-types';
import { generator } from '../src/seed/statistics/random';

/**
 * The statistics scenarios of `npm run bench`: a national-size table — 356 municipalities × 10
 * years × 12 months × 6 metrics (3 flows, 3 stocks given per month) = 256,320 observations —
 * suppressed in-process (the pure algorithm alone), then imported through `POST
 * /imports/statistics` (validation, storage, suppression and publication in one transaction), then
 * served: `activityStatistics` for all 356 municipalities as PUBLIC (the published table) and as the
 * service's leader (true counts). The municipalities, their children and all counts are synthetic.
 */
export const NATIONAL = { region: 'bench-national', service: 'national', municipalities: 356, years: 10, firstYear: 2014, metrics: 6 } as const;

const FLOWS = ['bench_reports', 'bench_investigations_started', 'bench_investigations_closed'];
const STOCKS = ['bench_children_support', 'bench_children_care', 'bench_placements'];
const LEADER: TokenSpec = { role: Role.SERVICE_LEADER, region: NATIONAL.region, service: NATIONAL.service };

/** A Poisson count (Knuth for small means, normal approximation for large ones). */
function poisson(mean: number, rnd: () => number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd())));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rnd(); p > limit; p *= rnd()) k += 1;
  return k;
}

export interface NationalRow {
  kommunenummer: string;
  year: number;
  month: number;
  metric: string;
  value: number;
}

/** Synthetic municipalities (children aged 0–17 from ~60 to ~120,000, skewed as Norway's) and their monthly counts. */
export function nationalData(years: number = NATIONAL.years): { numbers: string[]; rows: NationalRow[] } {
  const firstYear = NATIONAL.firstYear + NATIONAL.years - years;
  const rnd = generator(356);
  // Four-digit numbers no Norwegian municipality has (counties end at 56): added to the classification by prepareNational.
  const numbers = Array.from({ length: NATIONAL.municipalities }, (_, i) => String(7001 + i));
  const children = numbers.map(() => Math.round(Math.exp(5.5 + rnd() * 4 + (rnd() < 0.03 ? 2.5 : 0))));
  const rates = {
    bench_reports: 0.0045,
    bench_investigations_started: 0.0035,
    bench_investigations_closed: 0.0033,
    bench_children_support: 0.025,
    bench_children_care: 0.008,
    bench_placements: 0.002,
  } as Record<string, number>;
  const rows: NationalRow[] = [];
  numbers.forEach((kommunenummer, i) => {
    for (let y = 0; y < years; y++) {
      for (const metric of [...FLOWS, ...STOCKS]) {
        let level = poisson(children[i] * rates[metric], rnd);
        for (let month = 1; month <= 12; month++) {
          // Flows: events per month. Stocks: children in measures at month end, drifting slowly.
          const value = FLOWS.includes(metric) ? poisson(children[i] * rates[metric], rnd) : (level = Math.max(0, level + Math.round((rnd() - 0.5) * 2)));
          rows.push({ kommunenummer, year: firstYear + y, month, metric, value });
        }
      }
    }
  });
  return { numbers, rows };
}

/** Suppresses the 60 national tables in-process and returns the milliseconds (the algorithm alone). */
export function timeSuppression(rows: NationalRow[], numbers: string[]): { ms: number; cells: number; suppressed: number } {
  let cells = 0;
  let suppressed = 0;
  const started = process.hrtime.bigint();
  for (const metric of [...FLOWS, ...STOCKS]) {
    const layout = layoutOf({ aggregation: FLOWS.includes(metric) ? MetricAggregation.FLOW : MetricAggregation.STOCK, finestPeriod: MetricPeriod.MONTH }, numbers);
    for (let y = 0; y < NATIONAL.years; y++) {
      const year = NATIONAL.firstYear + y;
      const obs = rows.filter((r) => r.metric === metric && r.year === year).map((r) => ({ municipalityId: r.kommunenummer, month: r.month, value: r.value }));
      // Stocks given per month also have a year figure (the December count here).
      if (!FLOWS.includes(metric)) for (const r of obs.filter((o) => o.month === 12)) obs.push({ ...r, month: null as unknown as number });
      const published = publishTable(layout, trueValues(layout, obs), { rule: DEFAULT_RULE });
      cells += published.length;
      suppressed += published.filter((c) => c.status === 'SUPPRESSED').length;
    }
  }
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, cells, suppressed };
}

/** The owner connection of the benchmark server's embedded PostgreSQL (port from its pid file). */
async function ownerClient(dataDir: string): Promise<Client> {
  const port = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const password = fs.readFileSync(path.join(dataDir, 'pg-superuser-password'), 'utf8').trim();
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'samvirke' });
  await client.connect();
  return client;
}

/** Creates the national region, its municipalities and service (owner SQL), the metrics (API), imports the data (HTTP) and returns what it measured. */
async function prepareNational(setup: ScenarioSetup): Promise<string[]> {
  const owner = await ownerClient(setup.dataDir);
  try {
    return await loadNational(setup, owner);
  } finally {
    await owner.end();
  }
}

/** prepareNational on a server reached through `setup` and its database's owner connection `owner` (also used by a profiling run on the test app). */
export async function loadNational(setup: Pick<ScenarioSetup, 'gql' | 'post' | 'dataDir'>, owner: Pick<Client, 'query'>, years: number = NATIONAL.years): Promise<string[]> {
  const { numbers, rows } = nationalData(years);
  const inProcess = years === NATIONAL.years ? timeSuppression(rows, numbers) : { ms: 0, cells: 0, suppressed: 0 };
  {
    await owner.query('BEGIN');
    // The import maps a past period's kommunenummer through SSB's classification (KLASS 131): the
    // synthetic numbers become municipalities of the version in force today, so they are valid as they are.
    await owner.query(
      `INSERT INTO municipality_classification_item (valid_from, code, name)
       SELECT v.valid_from, n, 'Kommune ' || n FROM (SELECT valid_from FROM municipality_classification_version WHERE valid_from <= current_date ORDER BY valid_from DESC LIMIT 1) v,
              unnest($1::text[]) AS n ON CONFLICT DO NOTHING`,
      [numbers],
    );
    const [{ id: region }] = (await owner.query(`INSERT INTO region (code, name) VALUES ($1, 'Benchmark: a national-size table (synthetic)') RETURNING id`, [NATIONAL.region])).rows;
    await owner.query(`INSERT INTO municipality (region_id, number, name) SELECT $1, n, 'Kommune ' || n FROM unnest($2::text[]) AS n`, [region, numbers]);
    await owner.query(`INSERT INTO shared_service (region_id, code, name, kind, host_municipality_id) SELECT $1, $2, 'National service (synthetic)', 'OTHER', id FROM municipality WHERE number = $3`, [
      region,
      NATIONAL.service,
      numbers[0],
    ]);
    await owner.query(`INSERT INTO ownership_period (region_id, service_id, valid_from) SELECT $1, id, '2014-01-01' FROM shared_service WHERE code = $2 AND region_id = $1`, [
      region,
      NATIONAL.service,
    ]);
    await owner.query(
      `INSERT INTO ownership_period_owner (region_id, period_id, municipality_id) SELECT $1, p.id, m.id FROM ownership_period p, municipality m WHERE p.region_id = $1 AND m.region_id = $1`,
      [region],
    );
    await owner.query('COMMIT');
  }
  const admin: TokenSpec = { role: Role.REGION_ADMIN, region: NATIONAL.region };
  for (const code of [...FLOWS, ...STOCKS]) {
    const input = { serviceKind: 'OTHER', code, name: code, unit: 'count', aggregation: FLOWS.includes(code) ? 'FLOW' : 'STOCK', finestPeriod: 'MONTH' };
    await setup.gql(`mutation($input: DefineStatisticsMetricInput!) { defineStatisticsMetric(input: $input) { userErrors { message } } }`, { input }, admin);
  }
  // Stocks also have a year figure (children in measures at 31.12: the December count here).
  const yearFigures = rows.filter((r) => STOCKS.includes(r.metric) && r.month === 12).map((r) => `${r.kommunenummer},${r.year},${r.metric},${r.value}`);
  const csv = ['kommunenummer,period,metric,value', ...rows.map((r) => `${r.kommunenummer},${r.year}-${String(r.month).padStart(2, '0')},${r.metric},${r.value}`), ...yearFigures].join('\n');
  const started = Date.now();
  const result = await setup.post('/imports/statistics', csv, 'text/csv', LEADER);
  const seconds = (Date.now() - started) / 1000;
  if (result.status !== 200 || !result.body.applied) throw new Error(`national import failed (HTTP ${result.status}): ${JSON.stringify(result.body).slice(0, 500)}`);
  const published: number = (
    await setup.gql(
      `query($id: ID!) { activityStatistics(serviceId: $id, from: "2023", to: "2023", groupBy: [MUNICIPALITY, YEAR], metrics: ["bench_reports"]) { rows { value } } }`,
      { id: await serviceId(setup) },
      LEADER,
    )
  ).activityStatistics.rows.length;
  return [
    `National table (synthetic): ${numbers.length} municipalities × ${NATIONAL.years} years × 12 months × ${NATIONAL.metrics} metrics = ${rows.length.toLocaleString('en')} observations; ${inProcess.cells.toLocaleString('en')} published cells in 60 tables.`,
    `Suppression alone (in-process, primary + secondary): ${(inProcess.ms / 1000).toFixed(2)} s, ${inProcess.suppressed.toLocaleString('en')} cells suppressed.`,
    `Import through POST /imports/statistics (parse, validate, store, suppress, publish; one transaction): ${seconds.toFixed(1)} s for ${(csv.length / 1e6).toFixed(1)} MB, ${result.body.inserted.toLocaleString('en')} observations (the monthly ones and the stocks' ${yearFigures.length.toLocaleString('en')} year figures); the leader then reads ${published} municipalities per year.`,
  ];
}

/** Per server (each has its own database, so its own ids), keyed by its DATA_DIR. */
const nationalServiceIds = new Map<string, Promise<string>>();
async function serviceId(setup: ScenarioSetup): Promise<string> {
  let id = nationalServiceIds.get(setup.dataDir);
  if (!id) {
    id = setup.gql<{ sharedServices: { id: string; code: string }[] }>('{ sharedServices { id code } }', undefined, LEADER).then((d) => d.sharedServices.find((s) => s.code === NATIONAL.service)!.id);
    nationalServiceIds.set(setup.dataDir, id);
  }
  return id;
}

const NATIONAL_QUERY = `query($id: ID!, $groupBy: [StatisticsGroupBy!]!, $metrics: [String!]) {
  activityStatistics(serviceId: $id, from: "2023", to: "2023", groupBy: $groupBy, metrics: $metrics) {
    view rows { period value suppressed reason } totals { value reason partialSum suppressedContributors }
  }
}`;

export const STATISTICS_SCENARIOS: Scenario[] = [
  {
    name: 'statistics national year (PUBLIC)',
    query: NATIONAL_QUERY,
    prepare: prepareNational,
    variables: async (setup) => ({ id: await serviceId(setup), groupBy: ['MUNICIPALITY', 'YEAR'], metrics: [...FLOWS, ...STOCKS] }),
    token: { role: Role.PUBLIC },
  },
  {
    name: 'statistics national months (PUBLIC)',
    query: NATIONAL_QUERY,
    variables: async (setup) => ({ id: await serviceId(setup), groupBy: ['MUNICIPALITY', 'MONTH'], metrics: ['bench_reports'] }),
    token: { role: Role.PUBLIC },
  },
  {
    name: 'statistics national months (leader)',
    query: NATIONAL_QUERY,
    variables: async (setup) => ({ id: await serviceId(setup), groupBy: ['MUNICIPALITY', 'MONTH'], metrics: ['bench_reports'] }),
    token: LEADER,
  },
];
