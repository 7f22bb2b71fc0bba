import { Role } from '../../src/auth/roles';
import { regionId } from '../helpers/fixtures';
import { growTsts } from '../helpers/grow-tsts';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevernId } from './fixtures';
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from './queries';

/**
 * One query per screen in a small fixed number of SQL statements (extensions.sqlStatements, see
 * test/statement-count.test.ts): the same count on the demo data and on data ten times larger —
 * ten times the owner municipalities, Folldal's units with a TST each and their meetings,
 * attendance, agenda and follow-ups, ten times the open alerts and ledger rows, five times the
 * statistics (years) — generated here as the database owner.
 */
let app: TestApp;
let director: string;
let leader: string;
let auditor: string;
let barnevern: string;
/** The spring of the demo's last school year (src/seed/fora): its fora meet then. */
let foraMonth: string;
beforeAll(async () => {
  // The computation is measured: the read-answer cache is off (test/cache covers what a kept answer costs).
  app = await startTestApp({ answerCacheBytes: 0 });
  director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  auditor = await app.token(Role.AUDITOR, { municipality: '3429' });
  barnevern = await barnevernId(app);
  const { rows } = await app.owner.query(`SELECT max(extract(year FROM starts_at))::int AS y FROM forum_meeting WHERE status = 'HELD'`);
  foraMonth = `${rows[0].y}-03`;
});
afterAll(() => app.close());

/** Copies the rows of `table` matching `where` `times` times (g = 1…times), with `set` (column → SQL over the row `t` and `g`); other columns as they are, `id` new. */
async function copyRows(table: string, where: string, set: Record<string, string>, times: number) {
  const { rows } = await app.owner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'public' AND column_name <> 'id' AND is_generated = 'NEVER'`, [
    table,
  ]);
  const columns = rows.map((r: any) => r.column_name as string);
  await app.owner.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((c) => set[c] ?? `t.${c}`).join(', ')} FROM ${table} t CROSS JOIN generate_series(1, ${times}) g WHERE ${where}`,
  );
}

async function grow() {
  const region = await regionId(app, 'nord-osterdal');
  // 45 more owner municipalities (50 in all), each with a population, owning every service.
  await app.owner.query(
    `WITH m AS (INSERT INTO municipality (region_id, number, name) SELECT $1, (5100 + g)::text, 'Vekstkommune ' || g FROM generate_series(1, 45) g RETURNING id)
     INSERT INTO municipality_population (region_id, municipality_id, year, aged_0_17) SELECT $1, m.id, y, 300 FROM m, generate_series(2019, 2026) y`,
    [region],
  );
  await app.owner.query(
    `INSERT INTO ownership_period_owner (region_id, period_id, municipality_id)
     SELECT $1, p.id, m.id FROM ownership_period p, municipality m WHERE p.region_id = $1 AND p.valid_to IS NULL AND m.number LIKE '51%' AND m.region_id = $1`,
    [region],
  );
  // Folldal: 30 more units with a TST each (unit, PPT and barnevern), 12 held meetings a year each with attendance, agenda and follow-ups.
  const year = Number(foraMonth.slice(0, 4));
  await growTsts(app.owner, { municipality: '3429', units: 30, code: 'dash', unitName: 'Dashskole', year, absent: `(extract(day FROM m.starts_at)::int % 5) = 0` });
  // Ten times the open alerts (earlier months, same rule, municipality and category) and the ledger rows.
  await copyRows(
    'cost_alert',
    `t.acknowledged_at IS NULL`,
    { period: `to_char(to_date(t.period, 'YYYY-MM') - make_interval(months => g), 'YYYY-MM')`, raised_at: `t.raised_at - make_interval(days => g)` },
    9,
  );
  await copyRows('ledger_entry', `true`, { voucher: `t.voucher || '-x' || g` }, 9);
  // Five times the statistics: the demo's years (2019–2022) again four years apart, true counts and publication.
  const shift = `t.year + (CASE WHEN g = 4 THEN 4 ELSE -4 * g END)`;
  await copyRows('statistics_observation', `t.replaced_at IS NULL`, { year: shift }, 4);
  await copyRows('statistics_published_cell', `t.replaced_at IS NULL`, { year: shift }, 4);
}

async function measure() {
  const ask = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await app.gql(query, variables, token);
    return { statements: res.extensions!.sqlStatements!, data: ok(res) };
  };
  return {
    municipality: await ask(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-10' }, director),
    fora: await ask(MUNICIPALITY_DASHBOARD, { number: '3429', period: foraMonth }, director),
    service: await ask(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-10' }, leader),
    comparison: await ask(COMPARISON, { serviceId: barnevern, from: '2007', to: '2026' }, auditor),
  };
}

it('answers each dashboard in the same small number of statements on the demo data and on ten times as much', async () => {
  const small = await measure();
  await grow();
  const large = await measure();

  // The data really grew.
  const alerts = (m: any) => m.data.municipalityDashboard.services.reduce((n: number, s: any) => n + s.openAlerts.count, 0);
  expect(alerts(large.municipality)).toBe(10 * alerts(small.municipality));
  expect(large.fora.data.municipalityDashboard.fora.summary.forums).toBe(small.fora.data.municipalityDashboard.fora.summary.forums + 30);
  expect(large.fora.data.municipalityDashboard.fora.summary.meetingsHeld).toBeGreaterThan(10 * small.fora.data.municipalityDashboard.fora.summary.meetingsHeld);
  expect(large.service.data.serviceDashboard.owners).toHaveLength(50);
  expect(large.service.data.serviceDashboard.ownerCosts).toHaveLength(50);
  const shown = (m: any) => m.data.municipalityComparison.rows.filter((r: any) => r.value !== null).length;
  expect(shown(large.comparison)).toBeGreaterThanOrEqual(4 * shown(small.comparison));
  expect(large.comparison.data.municipalityComparison.rows.length).toBe(10 * small.comparison.data.municipalityComparison.rows.length);

  for (const key of ['municipality', 'fora', 'service', 'comparison'] as const) expect([key, large[key].statements]).toEqual([key, small[key].statements]);
  // Shape-dependent and small: the opening and one statement per wave of reads (each feature's
  // reads of a wave travel together, whatever the number of services, owners or rows).
  expect({ municipality: small.municipality.statements, fora: small.fora.statements, service: small.service.statements, comparison: small.comparison.statements }).toEqual({
    municipality: 12,
    fora: 12,
    service: 9,
    comparison: 9,
  });
});
