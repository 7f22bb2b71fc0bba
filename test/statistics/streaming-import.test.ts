import { Role } from '../../src/auth/roles';
import { BARNEVERN_METRICS } from '../../src/services/statistics/catalogue';
import { layoutOf } from '../../src/services/statistics/tables';
import { baseUrl } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { demoTables } from './demo-tables';

/**
 * The statistics import streamed (import-session.ts) and the publication in chunks (publish.ts):
 * a file larger than one batch is all or nothing — a problem in a late batch or in the file as a
 * whole leaves nothing behind, although earlier batches were staged — and a chunked publication is
 * the one-pass publication, cell for cell. Flows of 1993–2017 (not in the demo data, not used by
 * the other statistics tests).
 */
// Files of 6,000 records, imported several times: more than the default 5 s on a shared machine.
jest.setTimeout(240_000);
let app: TestApp;
let leader: string;
beforeAll(async () => {
  app = await startTestApp();
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
});
afterAll(() => app.close());

async function post(body: string, query = '') {
  const res = await fetch(`${baseUrl(app)}/imports/statistics${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${leader}` }, body });
  return { status: res.status, body: (await res.json()) as any };
}

const OWNERS = ['3424', '3426', '3427', '3428', '3429'];
const FLOWS = ['reports_received', 'investigations_started', 'investigations_closed', 'investigations_closed_within_3_months'];

/** 6,000 records (more than one batch of 5,000): every owner, four monthly flows, 1993–2017; closed within 3 months ≤ closed. */
function bigFile(): string[] {
  const lines = ['kommunenummer,period,metric,value'];
  for (let year = 1993; year <= 2017; year++)
    for (const number of OWNERS)
      for (const metric of FLOWS)
        for (let month = 1; month <= 12; month++)
          lines.push(`${number},${year}-${String(month).padStart(2, '0')},${metric},${metric === 'investigations_closed_within_3_months' ? 1 : 2 + (month % 3)}`);
  return lines;
}

/** Everything of the barnevern service of Nord-Østerdal an import could change (owner's view: bypasses RLS on purpose). */
async function footprint() {
  const q = async (sql: string) => (await app.owner.query(sql)).rows[0];
  const service = `(SELECT v.id FROM shared_service v JOIN region r ON r.id = v.region_id WHERE v.code = 'barnevern' AND r.code = 'nord-osterdal')`;
  return {
    observations: await q(`SELECT count(*)::int AS n, count(replaced_at)::int AS replaced FROM statistics_observation WHERE service_id = ${service}`),
    published: await q(`SELECT count(*)::int AS n, count(replaced_at)::int AS replaced FROM statistics_published_cell WHERE service_id = ${service}`),
    imports: await q(`SELECT count(*)::int AS n FROM statistics_import WHERE service_id = ${service}`),
    audit: await q(`SELECT count(*)::int AS n FROM audit_record WHERE operation = 'import:statistics'`),
  };
}

it('changes nothing when a late batch, or the file as a whole, breaks a rule; the dry run still reports everything', async () => {
  const before = await footprint();
  const lines = bigFile();
  expect(lines.length - 1).toBe(6000);

  // Line 6002, in the second batch: not an owner of the service.
  const notOwner = await post([...lines, '3449,2017-12,reports_received,1'].join('\n'));
  expect(notOwner.status).toBe(422);
  expect(notOwner.body.problems).toEqual([expect.objectContaining({ line: 6002, field: 'kommunenummer', key: 'statistics.import.notOwner' })]);
  expect(await footprint()).toEqual(before);

  // A repeat, in the second batch, of line 2 (staged by the first batch).
  const repeat = await post([...lines, lines[1]].join('\n'));
  expect(repeat.status).toBe(422);
  expect(repeat.body.problems).toEqual([expect.objectContaining({ line: 6002, key: 'imports.duplicate', params: { first: 2, identity: '3424 1993-01 reports_received' } })]);
  expect(await footprint()).toEqual(before);

  // The last line, a flow's year that disagrees with its twelve months: found only once every batch is in.
  const sum = Array.from({ length: 12 }, (_, i) => 2 + ((i + 1) % 3)).reduce((a, b) => a + b, 0);
  const wrongYear = await post([...lines, `3429,2017,reports_received,${sum + 1}`].join('\n'));
  expect(wrongYear.status).toBe(422);
  expect(wrongYear.body.problems).toEqual([
    expect.objectContaining({ line: 6002, field: 'value', key: 'statistics.import.flowYearNotSum', params: { metric: 'reports_received', year: 2017, value: sum + 1, sum, count: 12 } }),
  ]);
  expect(await footprint()).toEqual(before);

  // The dry run of the good file (with its correct year figure) reports what the import would do, and changes nothing.
  const good = [...lines, `3429,2017,reports_received,${sum}`].join('\n');
  const dry = await post(good, '?dryRun=true');
  expect(dry.status).toBe(200);
  expect(dry.body).toMatchObject({ applied: false, dryRun: true, records: 6001, inserted: 6001, updated: 0, deleted: 0, problems: [] });
  expect(dry.body.changes).toHaveLength(200);
  expect(dry.body.changes[0]).toBe('Rendalen (3424) reports_received 1993-01: new → 3');
  expect(dry.body.changes[199]).toBe('… and 5802 more');
  expect(await footprint()).toEqual(before);

  // Applied: every batch's rows, one import, one audit record, the tables published.
  const applied = await post(good);
  expect(applied.body).toMatchObject({ applied: true, inserted: 6001, problems: [] });
  const after = await footprint();
  expect(after.observations.n).toBe(before.observations.n + 6001);
  expect(after.imports.n).toBe(before.imports.n + 1);
  expect(after.audit.n).toBe(before.audit.n + 1);
  // 25 years × 4 flows, each a table of 5 municipalities + total × 12 months + year.
  expect(after.published.n).toBe(before.published.n + 25 * 4 * 6 * 13);

  // The same file again changes nothing; a re-import of one period replaces it (and removes what it no longer lists).
  expect((await post(good)).body).toMatchObject({ applied: false, inserted: 0, unchanged: 6001 });
  const revised = await post(['kommunenummer,period,metric,value', '3424,2017-01,reports_received,3', '3426,2017-01,reports_received,4'].join('\n'));
  expect(revised.body).toMatchObject({ applied: true, inserted: 0, updated: 1, unchanged: 1, deleted: 3 });
  expect(revised.body.changes).toEqual([
    'Tolga (3426) reports_received 2017-01: 3 → 4',
    'Tynset (3427) reports_received 2017-01: 3 → removed',
    'Alvdal (3428) reports_received 2017-01: 3 → removed',
    'Folldal (3429) reports_received 2017-01: 3 → removed',
  ]);
});

it('publishes in chunks (a year and metric family at a time) exactly the tables of the one-pass publication of the demo data', async () => {
  // Every table of the service published again, through the chunked republish, by the default range (1–4).
  const res = ok<any>(
    await app.gql(`mutation { setStatisticsSuppression(input: { min: 1, max: 4 }) { tablesPublished userErrors { message } } }`, {}, await app.token(Role.SERVICE_LEADER, { service: 'barnevern' })),
  );
  expect(res.setStatisticsSuppression.userErrors).toEqual([]);
  const rows: { metric: string; year: number; number: string | null; month: number | null; status: string }[] = (
    await app.owner.query(
      `SELECT s.code AS metric, c.year, m.number, c.month, c.status FROM statistics_published_cell c
         JOIN statistics_metric s ON s.id = c.metric_id LEFT JOIN municipality m ON m.id = c.municipality_id
         JOIN shared_service v ON v.id = c.service_id JOIN region r ON r.id = c.region_id
        WHERE r.code = 'nord-osterdal' AND v.code = 'barnevern' AND c.replaced_at IS NULL AND c.year BETWEEN 2019 AND 2022`,
    )
  ).rows;
  const tables = demoTables();
  expect(new Set(rows.map((r) => `${r.metric} ${r.year}`)).size).toBe(tables.length);
  expect(res.setStatisticsSuppression.tablesPublished).toBeGreaterThanOrEqual(tables.length);
  let suppressed = 0;
  for (const t of tables) {
    const [code, year] = t.name.split(' ');
    const ids = [...OWNERS];
    const layout = layoutOf(
      BARNEVERN_METRICS.find((m) => m.code === code)!,
      ids,
    );
    const state = new Uint8Array(t.state.length).fill(9);
    for (const r of rows.filter((x) => x.metric === code && x.year === Number(year))) {
      const i = (r.number === null ? ids.length : ids.indexOf(r.number)) * layout.columns.length + layout.columns.indexOf(r.month);
      state[i] = r.status === 'SUPPRESSED' ? 1 : 0;
    }
    expect([t.name, [...state]]).toEqual([t.name, [...t.state]]);
    suppressed += t.state.filter((s) => s === 1).length;
  }
  // The comparison is not empty: the demo tables have suppressed cells.
  expect(suppressed).toBeGreaterThan(0);
});
