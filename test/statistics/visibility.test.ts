import { Role } from '../../src/auth/roles';
import { ApiQuery, asApiRole, municipalityId, regionId, scalar, serviceId, unitId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { ACTIVITY_QUERY, serviceGlobalId } from './fixtures/queries';

/**
 * Who sees true counts, enforced where they are read: through the API by role, then by RLS alone
 * (raw SQL as the API role with a hand-set context), and across regions.
 */
let app: TestApp;
let barnevern: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  app = await startTestApp();
  barnevern = await serviceGlobalId(app, 'barnevern');
  ids.nord = await regionId(app, 'nord-osterdal');
  ids.valdres = await regionId(app, 'valdres');
  ids.barnevern = await serviceId(app, 'barnevern', 'nord-osterdal');
  ids.nav = await serviceId(app, 'nav', 'nord-osterdal');
  ids.valdresBarnevern = await serviceId(app, 'barnevern', 'valdres');
  ids.folldal = await municipalityId(app, '3429');
  ids.folldalSchool = await unitId(app, 'folldal-skole', 'nord-osterdal');
});
afterAll(() => app.close());

/** 2021 support measures by municipality: Rendalen 2, Tolga 10, Tynset 33, Alvdal 15, Folldal 2 (true). */
async function supportMeasures2021(token?: string) {
  const res = ok(await app.gql(ACTIVITY_QUERY, { serviceId: barnevern, from: '2021', to: '2021', groupBy: ['MUNICIPALITY', 'YEAR'], metrics: ['children_support_measures'] }, token));
  const s = res.activityStatistics;
  return { view: s.view, values: s.rows.map((r: any) => r.value), total: s.totals[0].value };
}

describe('through the API', () => {
  it("shows true counts to the leader of the service only; another service's leader sees the published table", async () => {
    expect(await supportMeasures2021(await app.token(Role.SERVICE_LEADER, { service: 'barnevern' }))).toEqual({ view: 'UNSUPPRESSED', values: [2, 10, 33, 15, 2], total: 62 });
    expect(await supportMeasures2021(await app.token(Role.SERVICE_LEADER, { service: 'nav' }))).toEqual({ view: 'SUPPRESSED', values: [null, 10, 33, 15, null], total: null });
    expect(await supportMeasures2021(await app.token(Role.HOST_FINANCE, { service: 'barnevern' }))).toEqual({ view: 'SUPPRESSED', values: [null, 10, 33, 15, null], total: null });
    expect(await supportMeasures2021(await app.token(Role.REGION_ADMIN))).toEqual({ view: 'SUPPRESSED', values: [null, 10, 33, 15, null], total: null });
    expect(await supportMeasures2021()).toEqual({ view: 'SUPPRESSED', values: [null, 10, 33, 15, null], total: null });
  });

  it("shows a municipality's own roles their own true counts and nobody else's, totals as published", async () => {
    for (const role of [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR]) {
      expect(await supportMeasures2021(await app.token(role, { municipality: '3429' }))).toEqual({ view: 'OWN_MUNICIPALITY', values: [null, 10, 33, 15, 2], total: null });
    }
    // A unit's TST sees the published table, even at a Folldal school.
    expect((await supportMeasures2021(await app.token(Role.TST_LEADER, { unit: 'folldal-skole' }))).values).toEqual([null, 10, 33, 15, null]);
  });

  it('shows another region nothing of this service: NOT_FOUND, and its imports cannot reach these municipalities', async () => {
    const valdresLeader = await app.token(Role.SERVICE_LEADER, { region: 'valdres', service: 'barnevern' });
    const res = await app.gql(ACTIVITY_QUERY, { serviceId: barnevern, from: '2021', to: '2021', groupBy: ['YEAR'] }, valdresLeader);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const before = await scalar<number>(app, `SELECT count(*)::int FROM statistics_observation WHERE region_id = $1`, [ids.nord]);
    const imported = await fetch(app.url.replace(/\/graphql$/, '/imports/statistics'), {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${valdresLeader}` },
      body: 'kommunenummer,period,metric,value\n3429,2021,children_support_measures,99\n',
    });
    expect(((await imported.json()) as any).problems[0].message).toContain('3429 is not a municipality of this service');
    expect(await scalar<number>(app, `SELECT count(*)::int FROM statistics_observation WHERE region_id = $1`, [ids.nord])).toBe(before);
  });

  it('reads rows with a statement count that does not grow with the rows', async () => {
    const count = async (to: string) =>
      (await app.gql(ACTIVITY_QUERY, { serviceId: barnevern, from: '2019', to, groupBy: ['MUNICIPALITY', 'MONTH'], metrics: ['reports_received', 'investigations_started'] })).extensions
        ?.sqlStatements;
    const one = await count('2019-01');
    expect(one).toBeGreaterThan(3);
    expect(await count('2022-12')).toBe(one);
  });
});

describe('row-level security alone, bypassing the service layer', () => {
  /** asApiRole with a result. */
  async function asApi<T>(context: Record<string, string>, work: (q: ApiQuery) => Promise<T>): Promise<T> {
    let out!: T;
    await asApiRole(app, context, async (q) => {
      out = await work(q);
    });
    return out;
  }
  const count = (q: ApiQuery, table: string) => q(`SELECT count(*)::int AS n, count(DISTINCT municipality_id)::int AS m, count(DISTINCT region_id)::int AS r FROM ${table}`).then((r: any[]) => r[0]);

  it('lets no one but the leader and the own municipality read a single true count', async () => {
    const leader = await asApi({ role: 'SERVICE_LEADER', region_id: ids.nord, service_id: ids.barnevern }, (q) => count(q, 'statistics_observation'));
    expect(leader).toMatchObject({ m: 5, r: 1 });
    expect(leader.n).toBeGreaterThan(900);
    const director = await asApi({ role: 'MUNICIPAL_DIRECTOR', region_id: ids.nord, municipality_id: ids.folldal }, (q) => q(`SELECT DISTINCT municipality_id FROM statistics_observation`));
    expect(director).toEqual([{ municipality_id: ids.folldal }]);
    const contexts: Record<string, string>[] = [
      { role: 'PUBLIC' },
      { role: 'REGION_ADMIN', region_id: ids.nord },
      { role: 'HOST_FINANCE', region_id: ids.nord, service_id: ids.barnevern },
      { role: 'SERVICE_LEADER', region_id: ids.nord, service_id: ids.nav },
      { role: 'TST_LEADER', region_id: ids.nord, unit_id: ids.folldalSchool },
      { role: 'MUNICIPAL_DIRECTOR', region_id: ids.valdres, municipality_id: ids.folldal },
      { role: 'SERVICE_LEADER', region_id: ids.valdres, service_id: ids.barnevern },
    ];
    for (const context of contexts) {
      expect([context, (await asApi(context, (q) => count(q, 'statistics_observation'))).n]).toEqual([context, 0]);
    }
  });

  it('gives the published table to the region and PUBLIC only, and another region nothing of it', async () => {
    expect((await asApi({ role: 'PUBLIC' }, (q) => count(q, 'statistics_published_cell'))).n).toBeGreaterThan(1000);
    expect(await asApi({ role: 'REGION_ADMIN', region_id: ids.valdres }, (q) => count(q, 'statistics_published_cell'))).toMatchObject({ n: 0 });
    expect(
      await asApi({ role: 'SERVICE_LEADER', region_id: ids.valdres, service_id: ids.valdresBarnevern }, (q) => q(`SELECT count(*)::int AS n FROM statistics_import WHERE region_id = $1`, [ids.nord])),
    ).toEqual([{ n: 0 }]);
    // A suppressed cell carries no value in the table itself.
    expect(await asApi({ role: 'PUBLIC' }, (q) => q(`SELECT count(*)::int AS n FROM statistics_published_cell WHERE status <> 'SHOWN' AND value IS NOT NULL`))).toEqual([{ n: 0 }]);
  });

  it('lets no one else change observations or the publication', async () => {
    const someObservation = await scalar<string>(app, `SELECT id FROM statistics_observation WHERE service_id = $1 AND municipality_id = $2 LIMIT 1`, [ids.barnevern, ids.folldal]);
    const someCell = await scalar<string>(app, `SELECT id FROM statistics_published_cell WHERE service_id = $1 LIMIT 1`, [ids.barnevern]);
    const contexts: Record<string, string>[] = [
      { role: 'MUNICIPAL_DIRECTOR', region_id: ids.nord, municipality_id: ids.folldal },
      { role: 'REGION_ADMIN', region_id: ids.nord },
      { role: 'SERVICE_LEADER', region_id: ids.nord, service_id: ids.nav },
      { role: 'SERVICE_LEADER', region_id: ids.valdres, service_id: ids.valdresBarnevern },
    ];
    for (const context of contexts) {
      const affected = async (q: ApiQuery, sql: string, id: string) => (await q(`WITH x AS (${sql} RETURNING id) SELECT count(*)::int AS n FROM x`, [id]))[0].n;
      const changed = await asApi(context, async (q) => [
        await affected(q, `UPDATE statistics_observation SET value = value + 1 WHERE id = $1`, someObservation),
        await affected(q, `UPDATE statistics_published_cell SET status = 'SHOWN', value = 0 WHERE id = $1`, someCell),
        await affected(q, `DELETE FROM statistics_published_cell WHERE id = $1`, someCell),
      ]);
      expect([context, changed]).toEqual([context, [0, 0, 0]]);
    }
    // Writing into another region fails outright.
    const insert = asApi({ role: 'SERVICE_LEADER', region_id: ids.valdres, service_id: ids.valdresBarnevern }, (q) =>
      q(`INSERT INTO statistics_import (region_id, service_id, records, inserted, updated, deleted) VALUES ($1, $2, 0, 0, 0, 0)`, [ids.nord, ids.barnevern]),
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });
});
