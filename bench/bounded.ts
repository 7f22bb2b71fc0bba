import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { signToken } from '../src/auth/jwt';
import { Role } from '../src/auth/roles';
import { loadConfig } from '../src/config';
import { FULL_PLAN_QUERY } from '../test/plans/fixtures/queries';
import { COMPLIANCE, lastSchoolYear } from './fora';
import { createLargeRegion, LARGE } from './large-dataset';
import { BenchServer } from './run';
import { httpRequest, mb, percentile, procStatusKb, round } from './util';

/**
 * `node dist/bench/bounded.js` (after `npm run build && tsc -p tsconfig.bench.json`): "no single
 * answer grows with the data" (docs/plans.md "Bounded answers"). One production server with the demo
 * data and the generated large region; then Tynset's TSTs (unit, forum, members, leader terms,
 * meetings, attendance, agenda sections) are cloned so that Tynset has 1×, 10× and 100× of them,
 * and at each factor every query below is measured: the answer's bytes (one request), p50 at
 * BOUNDED_CONNECTIONS (10) concurrent clients, and the server's peak RSS during the run (VmHWM,
 * reset before each query by writing 5 to /proc/<pid>/clear_refs).
 *
 * BOUNDED_FACTORS (default "1,10,100"), BOUNDED_REQUESTS (requests per query and factor, default
 * 40), BOUNDED_LABEL (a name for the run, e.g. "before" / "after"). Writes
 * bench/bounded-<label>.json. A query the server refuses (QUERY_TOO_COMPLEX, unknown field) is
 * reported with its error code and still timed: the refusal is the answer.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const TYNSET = '3427';
const DIRECTOR_TYNSET = { role: Role.MUNICIPAL_DIRECTOR, municipality: TYNSET };
const DIRECTOR_LARGE = { role: Role.MUNICIPAL_DIRECTOR, municipality: LARGE.directorMunicipality };

/** The full plan query, and the fora evidence of every implementation row (what grows with Tynset's TSTs). */
export const FULL_PLAN_WITH_EVIDENCE = FULL_PLAN_QUERY.replace(
  'implementations { status note updatedAt municipality { number } }',
  `implementations { status note updatedAt municipality { number }
          foraEvidence { available forumsEstablished unitsRequired unitsCovered meetingsHeld forumsBelowMinimum
            unitsWithoutForum { name } forums { forum { name } unit { name } held minimum status } } }`,
);
if (FULL_PLAN_WITH_EVIDENCE === FULL_PLAN_QUERY) throw new Error('FULL_PLAN_QUERY changed: update bench/bounded.ts');

/** The per-municipality view: one page of the adopted version's measures with Tynset's status and evidence. */
const IMPLEMENTATIONS_PAGE = `query Page($id: ID!, $n: String!) { strategicPlan(id: $id) { adoptedVersion {
  implementations(municipalityNumber: $n, first: 20) { totalCount pageInfo { hasNextPage endCursor }
    nodes { status note updatedAt measure { code title } municipality { number }
      foraEvidence { available forumsEstablished unitsRequired unitsCovered meetingsHeld forumsBelowMinimum
        unitsWithoutForum { name } forums { forum { name } unit { name } held minimum status } } } } } } }`;

/** forumCompliance, one page of its fora. */
const COMPLIANCE_PAGE = COMPLIANCE.replace(/\n {4}forums \{/, '\n    forumCount forumPage(first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes {').replace(
  /minutesNotSent\n {4}\}/,
  'minutesNotSent\n    } }',
);

interface Query {
  name: string;
  query: string;
  token: { role: Role; municipality: string };
  variables: (server: BenchServer) => Promise<Record<string, unknown>>;
}

async function planIdOf(server: BenchServer, token: string): Promise<string> {
  const res = await post(server, JSON.stringify({ query: '{ strategicPlans(first: 20) { nodes { id status } } }' }), token);
  const plan = (res.json.data as any)?.strategicPlans?.nodes?.find((p: { status: string }) => p.status === 'ADOPTED');
  if (!plan) throw new Error(`no adopted plan: ${res.text.slice(0, 300)}`);
  return plan.id;
}

const QUERIES: Query[] = [
  {
    name: 'full plan, large region (200 measures × 40 municipalities)',
    query: FULL_PLAN_QUERY,
    token: DIRECTOR_LARGE,
    variables: async (s) => ({ id: await planIdOf(s, await tokenFor(s, DIRECTOR_LARGE)) }),
  },
  {
    name: 'full plan + fora evidence, Tynset director (demo plan)',
    query: FULL_PLAN_WITH_EVIDENCE,
    token: DIRECTOR_TYNSET,
    variables: async (s) => ({ id: await planIdOf(s, await tokenFor(s, DIRECTOR_TYNSET)) }),
  },
  {
    name: 'implementations page (first: 20) + evidence, Tynset',
    query: IMPLEMENTATIONS_PAGE,
    token: DIRECTOR_TYNSET,
    variables: async (s) => ({ id: await planIdOf(s, await tokenFor(s, DIRECTOR_TYNSET)), n: TYNSET }),
  },
  { name: 'forumCompliance (Tynset, school year)', query: COMPLIANCE, token: DIRECTOR_TYNSET, variables: async () => ({ n: TYNSET, p: lastSchoolYear().year }) },
  { name: 'forumCompliance forumPage(first: 20) (Tynset, school year)', query: COMPLIANCE_PAGE, token: DIRECTOR_TYNSET, variables: async () => ({ n: TYNSET, p: lastSchoolYear().year }) },
];

function tokenFor(server: BenchServer, spec: { role: Role; municipality: string }): Promise<string> {
  const config = loadConfig({ JWT_SECRET: server.jwtSecret, DATA_DIR: server.dataDir });
  return signToken(config, { sub: `bench-${spec.role.toLowerCase()}`, ...spec }, '2h');
}

async function post(server: BenchServer, body: string, token: string) {
  const res = await httpRequest(`${server.url}/graphql`, 'POST', { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body);
  let json: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } = {};
  try {
    json = JSON.parse(res.text);
  } catch {
    // reported as not JSON below
  }
  return { status: res.status, text: res.text, json };
}

/** Columns of a table in order, for a copy that names them all. */
async function columnsOf(db: Client, table: string): Promise<string[]> {
  const { rows } = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, [table]);
  return rows.map((r) => r.column_name as string);
}

/** INSERT INTO table SELECT every column of `t` (the row copied), `overrides` replacing some, FROM table t + joins. */
async function copy(db: Client, table: string, from: string, overrides: Record<string, string>): Promise<number> {
  const cols = await columnsOf(db, table);
  const select = cols.map((c) => overrides[c] ?? `t.${c}`).join(', ');
  const res = await db.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select} FROM ${table} t ${from}`);
  return res.rowCount ?? 0;
}

/**
 * Adds copies `first`..`last` of every TST of Tynset that is not itself a copy: a unit, its forum,
 * members, leader terms, meetings, attendance and agenda sections, with new ids. As the owner, in one
 * transaction (the API's rules are not what is measured).
 */
export async function cloneTynsetTsts(ownerUrl: string, first: number, last: number): Promise<string> {
  if (last < first) return 'nothing to add';
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(
      `CREATE TEMP TABLE f_map ON COMMIT DROP AS
       SELECT f.id AS old_id, f.unit_id AS old_unit, c, gen_random_uuid() AS new_id, gen_random_uuid() AS new_unit
         FROM forum f JOIN forum_kind k ON k.id = f.kind_id JOIN municipality m ON m.id = f.municipality_id JOIN unit u ON u.id = f.unit_id
         CROSS JOIN generate_series($1::int, $2::int) c
        WHERE m.number = $3 AND k.code = 'tst' AND f.unit_id IS NOT NULL AND u.code NOT LIKE '%-copy-%'`,
      [first, last, TYNSET],
    );
    const units = await copy(db, 'unit', 'JOIN f_map ON f_map.old_unit = t.id', {
      id: 'f_map.new_unit',
      code: `left(t.code, 60) || '-copy-' || f_map.c`,
      name: `left(t.name, 180) || ' (kopi ' || f_map.c || ')'`,
    });
    const forums = await copy(db, 'forum', 'JOIN f_map ON f_map.old_id = t.id', { id: 'f_map.new_id', unit_id: 'f_map.new_unit', name: `left(t.name, 180) || ' (kopi ' || f_map.c || ')'` });
    await db.query(
      `CREATE TEMP TABLE m_map ON COMMIT DROP AS SELECT t.id AS old_id, f_map.c, gen_random_uuid() AS new_id, f_map.new_id AS forum_id FROM forum_membership t JOIN f_map ON f_map.old_id = t.forum_id`,
    );
    await copy(db, 'forum_membership', 'JOIN m_map ON m_map.old_id = t.id', { id: 'm_map.new_id', forum_id: 'm_map.forum_id' });
    await copy(db, 'forum_leader_term', 'JOIN m_map ON m_map.old_id = t.membership_id', { id: 'gen_random_uuid()', forum_id: 'm_map.forum_id', membership_id: 'm_map.new_id' });
    await db.query(
      `CREATE TEMP TABLE mt_map ON COMMIT DROP AS SELECT t.id AS old_id, f_map.c, gen_random_uuid() AS new_id, f_map.new_id AS forum_id FROM forum_meeting t JOIN f_map ON f_map.old_id = t.forum_id`,
    );
    const meetings = await copy(db, 'forum_meeting', 'JOIN mt_map ON mt_map.old_id = t.id', { id: 'mt_map.new_id', forum_id: 'mt_map.forum_id' });
    const attendance = await copy(db, 'forum_attendance', 'JOIN mt_map ON mt_map.old_id = t.meeting_id JOIN m_map ON m_map.old_id = t.membership_id AND m_map.c = mt_map.c', {
      id: 'gen_random_uuid()',
      forum_id: 'mt_map.forum_id',
      meeting_id: 'mt_map.new_id',
      membership_id: 'm_map.new_id',
    });
    await copy(db, 'forum_agenda_section', 'JOIN mt_map ON mt_map.old_id = t.meeting_id', { id: 'gen_random_uuid()', forum_id: 'mt_map.forum_id', meeting_id: 'mt_map.new_id' });
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return `+${units} units, +${forums} TSTs, +${meetings} meetings, +${attendance} attendance rows`;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  } finally {
    await db.end();
  }
}

interface Measured {
  factor: number;
  query: string;
  status: number;
  error: string | null;
  bytes: number;
  sqlStatements: number | null;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  peakRssMB: number;
  non2xx: number;
  errors: number;
}

async function measure(server: BenchServer, factor: number, q: Query, requests: number, connections: number): Promise<Measured> {
  const token = await tokenFor(server, q.token);
  const body = JSON.stringify({ query: q.query, variables: await q.variables(server) });
  const probe = await post(server, body, token);
  const error = probe.json.errors?.[0] ? (probe.json.errors[0].extensions?.code ?? 'ERROR') + ': ' + probe.json.errors[0].message.slice(0, 160) : null;
  const pid = server.child!.pid!;
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
  const latencies: number[] = [];
  const result = await new Promise<autocannon.AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${server.url}/graphql`,
        connections,
        pipelining: 1,
        timeout: 300,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        amount: requests,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    factor,
    query: q.name,
    status: probe.status,
    error,
    bytes: Buffer.byteLength(probe.text),
    sqlStatements: null,
    requests: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    peakRssMB: mb(procStatusKb(pid, 'VmHWM') ?? 0),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the reads of one implementations page on the large plan (as the
 * owner; the same statements the loaders send, with the values of page 3 of 50 for municipality
 * 9020): to see whether an index would pay.
 */
async function explainPage(ownerUrl: string): Promise<string> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT v.id AS version_id, p.id AS plan_id, (SELECT id FROM municipality WHERE number = '9020') AS municipality_id
         FROM strategic_plan p JOIN plan_version v ON v.id = p.adopted_version_id JOIN region r ON r.id = p.region_id WHERE r.code = $1`,
      [LARGE.region],
    );
    const { version_id, plan_id, municipality_id } = rows[0];
    const explain = async (sql: string, params: unknown[]) => (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    const page = await explain(`SELECT count(*) OVER () AS total, t.* FROM plan_measure t WHERE t.version_id = $1 ORDER BY t.position, t.id OFFSET 100 LIMIT 50`, [version_id]);
    const keys = (await db.query(`SELECT key FROM plan_measure WHERE version_id = $1 ORDER BY position, id OFFSET 100 LIMIT 50`, [version_id])).rows.map((r) => r.key);
    const statuses = await explain(`SELECT * FROM measure_implementation t WHERE t.plan_id = $1 AND t.municipality_id = $2 AND t.measure_key = ANY($3)`, [plan_id, municipality_id, keys]);
    return `-- page of measures\n${page}\n-- their statuses in one municipality\n${statuses}`;
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const factors = (process.env.BOUNDED_FACTORS ?? '1,10,100').split(',').map(Number);
  const requests = Number(process.env.BOUNDED_REQUESTS ?? 40);
  const connections = Number(process.env.BOUNDED_CONNECTIONS ?? 10);
  const label = process.env.BOUNDED_LABEL ?? 'run';
  const server = new BenchServer('production');
  const results: Measured[] = [];
  try {
    console.log(`starting the server (data in ${server.dataDir}) ...`);
    await server.start();
    await createLargeRegion(server.ownerUrl());
    let have = 1;
    for (const factor of factors) {
      console.log(`factor ${factor}: ${await cloneTynsetTsts(server.ownerUrl(), have, factor - 1)}`);
      have = Math.max(have, factor);
      for (const q of QUERIES) {
        const r = await measure(server, factor, q, requests, connections);
        results.push(r);
        console.log(
          `${factor}× ${q.name.padEnd(60)} HTTP ${r.status} ${String(r.bytes).padStart(10)} B  p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  peak RSS ${r.peakRssMB} MB  ${r.requests} req${r.error ? `  ${r.error}` : ''}`,
        );
      }
    }
    console.log(await explainPage(server.ownerUrl()));
  } finally {
    await server.stop();
  }
  fs.writeFileSync(path.join(ROOT, 'bench', `bounded-${label}.json`), JSON.stringify({ label, connections, requests, results }, null, 2) + '\n');
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
