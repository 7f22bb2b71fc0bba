import { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';
import { AnswerStore, CACHED_FIELDS, keptCopy } from '../../src/http/answer-cache';
import { READ_DATA_EXEMPT } from '../../migrations/1733857000000-reference-read-data-announcements';
import { fromGlobalId } from '../../src/global-id';
import { withCredentials, withDatabase } from '../../src/db/data-source';
import { APP_ROLE } from '../../migrations/rls';
import { TEST_ENV } from '../helpers/env';
import { baseUrl } from '../helpers/fixtures';
import { GqlResponse, ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevernId } from '../dashboards/fixtures';
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from '../dashboards/queries';
import { ACTIVITY_QUERY } from '../statistics/fixtures/queries';

/**
 * The read-answer cache (src/http/answer-cache.ts, docs/caching.md): a repeated dashboard, fora
 * compliance or statistics query is answered from memory without SQL while nothing changed; any
 * committed change (by this process at once, by anyone else on the `read_data` NOTIFY) makes the
 * next answer a new computation; readers under different row-level security never share an answer;
 * without a listening connection nothing is cached.
 */
jest.setTimeout(120_000);

let app: TestApp;
let director: string;
let leader: string;
let auditor: string;
let barnevern: string;
/** The spring of the demo's last school year (src/seed/fora): its fora meet then. */
let foraMonth: string;
/**
 * An app that listens for NOTIFY on another database (the server's `postgres`): it hears none of
 * this database's changes, so only its own writes can retire its answers — what it shows at once
 * after a write of its own is not the NOTIFY's doing.
 */
let deaf: TestApp;

const FORUM_COMPLIANCE = `query($n: String!, $p: String!) { forumCompliance(municipalityNumber: $n, period: $p) { summary { forums meetingsHeld } } }`;

/** Cancels (as another process would) one held meeting that Folldal's forumCompliance counts in `foraMonth`'s term. */
async function cancelCountedMeeting(): Promise<void> {
  const report = ok(
    await app.gql(
      `query($n: String!, $p: String!) { forumCompliance(municipalityNumber: $n, period: $p) { period { from to } forums { forum { id } meetings { held } } } }`,
      { n: '3429', p: foraMonth },
      director,
    ),
  ).forumCompliance;
  const forum = report.forums.find((f: any) => f.meetings.held > 0);
  const { rows } = await app.owner.query(
    `UPDATE forum_meeting SET status = 'CANCELLED', cancel_reason = 'Avlyst', actual_minutes = NULL, minutes_sent_on = NULL, minutes_written_by = NULL
      WHERE id = (SELECT id FROM forum_meeting WHERE forum_id = $1 AND status = 'HELD' AND starts_at >= $2::date AND starts_at < $3::date + 1 ORDER BY starts_at LIMIT 1) RETURNING id`,
    [fromGlobalId(forum.forum.id)!.id, report.period.from, report.period.to],
  );
  expect(rows).toHaveLength(1);
}

async function eventually<T>(get: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await get();
    if (done(value) || Date.now() - start > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Data and the SQL statements the request ran (extensions.sqlStatements: 0 = answered from the cache). */
async function ask(query: string, variables: Record<string, unknown>, token?: string, a: TestApp = app) {
  const res: GqlResponse = await a.gql(query, variables, token);
  return { data: ok(res), statements: res.extensions!.sqlStatements! };
}

/** Asks until the cache listens (a repeat is answered without SQL); returns the computed answer. */
async function warm(query: string, variables: Record<string, unknown>, token?: string, a: TestApp = app) {
  const first = await eventually(
    async () => [await ask(query, variables, token, a), await ask(query, variables, token, a)],
    ([, second]) => second.statements === 0,
  );
  expect(first[1].statements).toBe(0);
  return first[0];
}

beforeAll(async () => {
  app = await startTestApp();
  director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  auditor = await app.token(Role.AUDITOR, { municipality: '3429' });
  barnevern = await barnevernId(app);
  const { rows } = await app.owner.query(`SELECT max(extract(year FROM starts_at))::int AS y FROM forum_meeting WHERE status = 'HELD'`);
  foraMonth = `${rows[0].y}-03`;
  deaf = await startTestApp({}, undefined, {
    configFor: () => ({ listenDatabaseUrl: withCredentials(withDatabase(process.env[TEST_ENV.serverUrlVar]!, 'postgres'), APP_ROLE, TEST_ENV.appPassword) }),
  });
});
afterAll(async () => {
  await app.close();
  await deaf.close();
});

describe('ANSWER_CACHE_MB', () => {
  it('is 32 MB by default, 0 turns the cache off, and anything but a whole number of megabytes is refused with its name', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).answerCacheBytes).toBe(32 * 1024 * 1024);
    expect(loadConfig({ NODE_ENV: 'test', ANSWER_CACHE_MB: '0' }).answerCacheBytes).toBe(0);
    expect(loadConfig({ NODE_ENV: 'test', ANSWER_CACHE_MB: '256' }).answerCacheBytes).toBe(256 * 1024 * 1024);
    for (const bad of ['-1', '1.5', '32MB', '70000'])
      expect(() => loadConfig({ NODE_ENV: 'test', ANSWER_CACHE_MB: bad })).toThrow(`ANSWER_CACHE_MB must be a whole number of megabytes from 0 (off) to 65536, got "${bad}"`);
  });
});

describe('what is kept (pure)', () => {
  it("is a plain, deep-frozen copy of graphql-js's prototype-less result objects, weighed in UTF-8 bytes of its JSON", () => {
    // As graphql-js builds a result: objects without a prototype (dictionary objects, about five times their JSON in the heap).
    const row = Object.assign(Object.create(null), { name: 'Tynset – æøå', figures: [1, null, 2.5] });
    const data = Object.assign(Object.create(null), { municipalityDashboard: Object.assign(Object.create(null), { rows: [row], hidden: [] }) });
    const { value, bytes } = keptCopy(data) as { value: any; bytes: number };
    expect(value).toEqual({ municipalityDashboard: { rows: [{ name: 'Tynset – æøå', figures: [1, null, 2.5] }], hidden: [] } });
    expect([Object.getPrototypeOf(value), Object.getPrototypeOf(value.municipalityDashboard), Object.getPrototypeOf(value.municipalityDashboard.rows[0])]).toEqual([
      Object.prototype,
      Object.prototype,
      Object.prototype,
    ]);
    expect(value.municipalityDashboard.rows[0]).not.toBe(row);
    expect([Object.isFrozen(value), Object.isFrozen(value.municipalityDashboard.rows), Object.isFrozen(value.municipalityDashboard.rows[0].figures)]).toEqual([true, true, true]);
    expect(Object.isFrozen(row)).toBe(false); // the response being sent is left alone
    expect(bytes).toBe(Buffer.byteLength(JSON.stringify(data), 'utf8'));
    expect(bytes).toBeGreaterThan(JSON.stringify(data).length); // æøå and – are more than one byte each
  });
});

describe('the store (pure)', () => {
  it('keeps answers up to its bytes, forgetting the least recently used first, never one over a quarter of the bound, and freezes what it keeps', () => {
    const store = new AnswerStore(100);
    store.set('a', { v: [1] }, 25);
    store.set('b', { v: [2] }, 25);
    store.set('c', { v: [3] }, 25);
    expect(store.get('a')).toEqual({ v: [1] }); // a is now the most recently used
    store.set('d', { v: [4] }, 25);
    store.set('e', { v: [5] }, 25); // 125 bytes: b, the least recently used, goes
    expect([store.get('a'), store.get('b'), store.get('c'), store.get('d'), store.get('e')]).toEqual([{ v: [1] }, undefined, { v: [3] }, { v: [4] }, { v: [5] }]);
    expect(store.bytes).toBe(100);
    store.set('big', { v: [0] }, 26);
    expect(store.get('big')).toBeUndefined();
    const kept = store.get('a') as { v: number[] };
    expect(Object.isFrozen(kept) && Object.isFrozen(kept.v)).toBe(true);
    expect(() => kept.v.push(9)).toThrow(TypeError);
  });
});

it('every application table announces its changes on read_data — by region where it has region_id — except the exempt ones (a new table calls app_announce_read_changes)', async () => {
  const { rows } = await app.owner.query(
    `SELECT c.relname AS table,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'region_id' AND NOT a.attisdropped) AS regional,
            ARRAY(SELECT g.tgname::text FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname LIKE 'announce\\_re%' ORDER BY g.tgname) AS triggers
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  expect(rows.length).toBeGreaterThan(50);
  const expected = (regional: boolean) => (regional ? ['announce_read_change', 'announce_region_delete', 'announce_region_insert', 'announce_region_update'] : ['announce_read_change']);
  const wrong = rows.filter((r) => !READ_DATA_EXEMPT.includes(r.table) && JSON.stringify(r.triggers) !== JSON.stringify(expected(r.regional)));
  expect(wrong).toEqual([]);
  expect(rows.filter((r) => r.regional).length).toBeGreaterThan(50);
  // The exempt ones really are exempt (the list says what is true).
  expect(rows.filter((r) => r.triggers.length && READ_DATA_EXEMPT.includes(r.table)).map((r) => r.table)).toEqual([]);
});

it('answers a repeated query from memory, without SQL, with exactly the computed answer', async () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-10' }, director],
    [SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-10' }, leader],
    [COMPARISON, { serviceId: barnevern, from: '2019', to: '2022' }, auditor],
    [FORUM_COMPLIANCE, { n: '3429', p: foraMonth }, director],
    [ACTIVITY_QUERY, { serviceId: barnevern, from: '2019', to: '2022', groupBy: ['MUNICIPALITY', 'YEAR'] }, leader],
  ];
  await warm(cases[0][0], { number: '3429', period: '2024-09' }, director);
  for (const [query, variables, token] of cases) {
    const computed = await ask(query, variables, token);
    const served = await ask(query, variables, token);
    expect(computed.statements).toBeGreaterThan(2);
    expect(served.statements).toBe(0);
    expect(served.data).toEqual(computed.data);
  }
  // Another argument, another answer (computed).
  expect((await ask(COMPARISON, { serviceId: barnevern, from: '2020', to: '2022' }, auditor)).statements).toBeGreaterThan(2);
  // A query that also asks for something not cached is computed whole, every time.
  const mixed = `query($n: String!, $p: String!) { forumCompliance(municipalityNumber: $n, period: $p) { summary { forums } } viewer { role } }`;
  await ask(mixed, { n: '3429', p: foraMonth }, director);
  expect((await ask(mixed, { n: '3429', p: foraMonth }, director)).statements).toBeGreaterThan(0);
  expect([...CACHED_FIELDS].sort()).toEqual(['activityStatistics', 'forumCompliance', 'municipalityComparison', 'municipalityDashboard', 'serviceDashboard']);
});

describe('a change makes the next answer new', () => {
  it('a meeting cancelled by another process (NOTIFY): forumCompliance and the dashboard count one meeting less', async () => {
    const compliance = async () => (await ask(FORUM_COMPLIANCE, { n: '3429', p: foraMonth }, director)).data.forumCompliance.summary.meetingsHeld as number;
    const dashboard = async () => (await ask(MUNICIPALITY_DASHBOARD, { number: '3429', period: foraMonth }, director)).data.municipalityDashboard.fora.summary.meetingsHeld as number;
    await warm(FORUM_COMPLIANCE, { n: '3429', p: foraMonth }, director);
    const before = [await compliance(), await dashboard()];
    expect(before[0]).toBeGreaterThan(0);
    expect(await dashboard()).toBe(before[1]); // kept
    await cancelCountedMeeting();
    const after = await eventually(
      async () => [await compliance(), await dashboard()],
      ([c, d]) => c !== before[0] && d !== before[1],
    );
    expect(after).toEqual([before[0] - 1, before[1] - 1]);
  });

  it('an alert opened by the worker (NOTIFY): both dashboards count one more open alert', async () => {
    const open = (d: any) => (d.services ?? [d]).reduce((n: number, s: any) => n + s.openAlerts.count, 0);
    const municipality = async () => open((await ask(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-10' }, director)).data.municipalityDashboard);
    const service = async () => open((await ask(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-10' }, leader)).data.serviceDashboard);
    await warm(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-10' }, director);
    const before = [await municipality(), await service()];
    const { rows } = await app.owner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'cost_alert' AND table_schema = 'public' AND column_name NOT IN ('id', 'period')`);
    const columns = rows.map((r) => r.column_name as string);
    // A copy of one of Folldal's open barnevern alerts, a month earlier.
    await app.owner.query(
      `INSERT INTO cost_alert (${columns.join(', ')}, period) SELECT ${columns.map((c) => `a.${c}`).join(', ')}, to_char(to_date(a.period, 'YYYY-MM') - interval '1 month', 'YYYY-MM')
         FROM cost_alert a JOIN municipality m ON m.id = a.municipality_id JOIN shared_service s ON s.id = a.service_id
        WHERE a.acknowledged_at IS NULL AND m.number = '3429' AND s.code = 'barnevern' ORDER BY a.period LIMIT 1`,
    );
    const after = await eventually(
      async () => [await municipality(), await service()],
      ([m, s]) => m !== before[0] && s !== before[1],
    );
    expect(after).toEqual([before[0] + 1, before[1] + 1]);
  });

  it('a cost report published through this process: both dashboards show the new version at once', async () => {
    const service = async () => (await ask(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-12' }, leader, deaf)).data.serviceDashboard.report as { period: string; version: number };
    const municipality = async () =>
      (await ask(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-12' }, director, deaf)).data.municipalityDashboard.services.find(
        (s: any) => s.service.name === 'Barneverntjenesten i Nord-Østerdal',
      ).costs.report as {
        period: string;
        version: number;
      };
    await warm(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-12' }, leader, deaf);
    await warm(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-12' }, director, deaf);
    const before = await service();
    expect(await municipality()).toEqual(before);
    const hostFinance = await app.token(Role.HOST_FINANCE, { service: 'barnevern' });
    const mutate = async (name: string, inputType: string, input: Record<string, unknown>, select: string) => {
      const data = ok(await deaf.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${select} userErrors { code message } } }`, { input }, hostFinance));
      expect(data[name].userErrors).toEqual([]);
      return data[name];
    };
    // A posting the ERP delivered late (written as another process would), then a correction of the newest published month: a new version of it.
    const { rows } = await deaf.owner.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ledger_entry' AND table_schema = 'public' AND column_name NOT IN ('id', 'voucher')`,
    );
    const columns = rows.map((r) => r.column_name as string);
    const inserted = await deaf.owner.query(
      `INSERT INTO ledger_entry (${columns.join(', ')}, voucher) SELECT ${columns.map((c) => `l.${c}`).join(', ')}, 'SEN-' || left(l.voucher, 30)
         FROM ledger_entry l JOIN shared_service s ON s.id = l.service_id WHERE s.code = 'barnevern' AND to_char(l.posting_date, 'YYYY-MM') = $1 AND l.amount_ore > 0 ORDER BY l.voucher LIMIT 1`,
      [before.period],
    );
    expect(inserted.rowCount).toBe(1);
    // This app did not hear that write (the control: what follows is its own write's doing).
    expect((await ask(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-12' }, leader, deaf)).statements).toBe(0);
    const prepared = await mutate('prepareCostReport', 'PrepareCostReportInput', { serviceId: barnevern, period: before.period, correctionReason: 'Retting av føring' }, 'report { id }');
    await mutate('publishCostReport', 'CostReportIdInput', { reportId: prepared.report.id }, 'report { id }');
    const after = { period: before.period, version: before.version + 1 };
    expect([await service(), await municipality()]).toEqual([after, after]);
  });

  it("a plan's implementation set through this process: read at once (no wait for the NOTIFY)", async () => {
    const variables = { number: '3429', period: '2024-10' };
    const counts = async () => {
      const d = (await ask(MUNICIPALITY_DASHBOARD, variables, director, deaf)).data.municipalityDashboard;
      return d.plans.map((p: any) => p.implementation.map((i: any) => i.counts.filter((c: any) => c.status === 'IMPLEMENTED').map((c: any) => c.count))).flat(3);
    };
    await warm(MUNICIPALITY_DASHBOARD, variables, director, deaf);
    const before = await counts();
    const plans = (await ask(MUNICIPALITY_DASHBOARD, variables, director, deaf)).data.municipalityDashboard.plans;
    expect(plans.length).toBeGreaterThan(0);
    const { node } = ok(await deaf.gql(`query($id: ID!) { node(id: $id) { ... on StrategicPlan { adoptedVersion { measures { id } } } } }`, { id: plans[0].plan.id }, director));
    const measures = node.adoptedVersion.measures.map((m: any) => m.id);
    // A measure not implemented yet in Folldal becomes IMPLEMENTED.
    let changed = false;
    for (const measureId of measures) {
      const res = ok(
        await deaf.gql(
          `mutation($input: SetMeasureImplementationInput!) { setMeasureImplementationStatus(input: $input) { userErrors { code } } }`,
          { input: { measureId, municipalityNumber: '3429', status: 'IMPLEMENTED' } },
          director,
        ),
      );
      expect(res.setMeasureImplementationStatus.userErrors).toEqual([]);
      const after = await counts();
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        expect(after[0]).toBe((before[0] ?? 0) + 1);
        changed = true;
        break;
      }
    }
    expect(changed).toBe(true);
  });

  it('a statistics import through this process: the new figures at once, for the leader and for PUBLIC', async () => {
    const query = { serviceId: barnevern, from: '2015', to: '2015', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_care_measures'] };
    const values = async (token?: string) => (await ask(ACTIVITY_QUERY, query, token, deaf)).data.activityStatistics.rows.map((r: any) => r.value);
    await warm(ACTIVITY_QUERY, query, leader, deaf);
    await warm(ACTIVITY_QUERY, query, undefined, deaf);
    expect(await values(leader)).toEqual([null, null, null, null, null]);
    const file = ['kommunenummer,period,metric,value', '3424,2015,children_care_measures,21', '3426,2015,children_care_measures,31', '3427,2015,children_care_measures,41'].join('\n');
    const res = await fetch(`${baseUrl(deaf)}/imports/statistics`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${leader}` }, body: file });
    expect(((await res.json()) as any).applied).toBe(true);
    expect(await values(leader)).toEqual([21, 31, 41, null, null]);
    expect(await values()).toEqual([21, 31, 41, null, null]);
  });
});

describe('readers under different row-level security never share an answer', () => {
  it("the leader's true counts never reach PUBLIC or another service's leader; another region's director never gets Folldal's dashboard", async () => {
    const query = { serviceId: barnevern, from: '2021', to: '2021', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_support_measures'] };
    const values = async (token?: string) => {
      const res = await app.gql(ACTIVITY_QUERY, query, token);
      return { view: res.data?.activityStatistics?.view, values: res.data?.activityStatistics?.rows.map((r: any) => r.value), statements: res.extensions!.sqlStatements };
    };
    await warm(ACTIVITY_QUERY, query, leader);
    const truth = await values(leader);
    expect(truth).toEqual({ view: 'UNSUPPRESSED', values: [2, 10, 33, 15, 2], statements: 0 });
    const navLeader = await app.token(Role.SERVICE_LEADER, { service: 'nav' });
    for (let round = 0; round < 2; round++) {
      const published = await values();
      expect(published.view).toBe('SUPPRESSED');
      expect(published.values).toContain(null);
      expect(published.values).not.toEqual(truth.values);
      const nav = await values(navLeader);
      expect([nav.view, nav.values]).toEqual([published.view, published.values]);
      if (round === 1) expect([published.statements, nav.statements]).toEqual([0, 0]);
    }

    const variables = { number: '3429', period: '2024-10' };
    await warm(MUNICIPALITY_DASHBOARD, variables, director);
    const valdres = await app.token(Role.MUNICIPAL_DIRECTOR, { region: 'valdres', municipality: '3451' });
    for (let round = 0; round < 2; round++) {
      const res = await app.gql(MUNICIPALITY_DASHBOARD, variables, valdres);
      expect(res.data?.municipalityDashboard ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    }
    // Folldal's auditor (another role of the same municipality) gets its own answer, computed.
    expect((await ask(MUNICIPALITY_DASHBOARD, variables, auditor)).statements).toBeGreaterThan(0);
  });
});

it('without the listening connection nothing is served from the cache, and it caches again once listening', async () => {
  const variables = { n: '3429', p: foraMonth };
  const held = async () => (await ask(FORUM_COMPLIANCE, variables, director)).data.forumCompliance.summary.meetingsHeld as number;
  await warm(FORUM_COMPLIANCE, variables, director);
  const before = await held();
  const listeners = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'samvirke-listen'`;
  const old = (await app.owner.query(listeners)).rows.map((r) => r.pid as number);
  expect(old.length).toBeGreaterThan(0);
  await app.owner.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
  // Changed while nobody listens: the NOTIFY is lost, so the kept answer must not be served.
  await cancelCountedMeeting();
  const relistened = async () => (await app.owner.query(listeners)).rows.some((r) => !old.includes(r.pid));
  // Seen while not yet listening again (the server retries after 2 s): no epoch, so computed.
  const seen = await eventually(
    async () => {
      const listening = await relistened();
      return { listening, held: await held() };
    },
    (s) => s.held === before - 1,
  );
  expect(seen).toEqual({ listening: false, held: before - 1 });
  expect((await ask(FORUM_COMPLIANCE, variables, director)).statements).toBeGreaterThan(0);
  // Listening again: kept again.
  await eventually(relistened, (v) => v);
  await warm(FORUM_COMPLIANCE, variables, director);
  expect(await held()).toBe(before - 1);
});

it('a bound smaller than the answers keeps nothing; a bound of a few answers forgets the least recently used', async () => {
  const variables = (year: number) => ({ serviceId: barnevern, from: String(year), to: String(year), groupBy: ['MUNICIPALITY', 'YEAR'] });
  const size = Buffer.byteLength(JSON.stringify((await ask(ACTIVITY_QUERY, variables(2019), leader)).data));
  const tiny = await startTestApp({ answerCacheBytes: size * 2 });
  const small = await startTestApp({ answerCacheBytes: size * 6 });
  try {
    const tinyLeader = await tiny.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    const smallLeader = await small.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    // Listening and keeping a small answer, but one over a quarter of the bound: never kept.
    await warm(FORUM_COMPLIANCE, { n: '3429', p: foraMonth }, await tiny.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }), tiny);
    await ask(ACTIVITY_QUERY, variables(2019), tinyLeader, tiny);
    expect((await ask(ACTIVITY_QUERY, variables(2019), tinyLeader, tiny)).statements).toBeGreaterThan(0);
    // Kept, then pushed out by a dozen newer answers of about its size.
    await warm(ACTIVITY_QUERY, variables(2019), smallLeader, small);
    for (let year = 2007; year < 2019; year++) await ask(ACTIVITY_QUERY, variables(year), smallLeader, small);
    expect((await ask(ACTIVITY_QUERY, variables(2018), smallLeader, small)).statements).toBe(0);
    expect((await ask(ACTIVITY_QUERY, variables(2019), smallLeader, small)).statements).toBeGreaterThan(0);
  } finally {
    await tiny.close();
    await small.close();
  }
});

it('with a read replica, keeps nothing until READ_YOUR_WRITES_MS after the last change (the replica may not have replayed it)', async () => {
  // The "replica" is this database itself: what is tested is the rule, not the replay.
  const withReplica = (readYourWritesMs: number) => startTestApp({ readYourWritesMs }, undefined, { configFor: ({ directAppUrl }) => ({ readDatabaseUrl: directAppUrl }) });
  const [waiting, settled] = [await withReplica(600_000), await withReplica(1)];
  try {
    const token = await waiting.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    // Settled (1 ms): kept as without a replica.
    await warm(FORUM_COMPLIANCE, { n: '3429', p: foraMonth }, token, settled);
    // Ten minutes: the epoch began when listening started, so nothing is kept yet.
    for (let i = 0; i < 3; i++) expect((await ask(FORUM_COMPLIANCE, { n: '3429', p: foraMonth }, token, waiting)).statements).toBeGreaterThan(0);
  } finally {
    await waiting.close();
    await settled.close();
  }
});
