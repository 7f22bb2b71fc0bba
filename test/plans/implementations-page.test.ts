import { Role } from '../../src/auth/roles';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { createLargeRegion, LARGE } from '../../bench/large-dataset';

/**
 * The per-municipality, paged view of implementation status (PlanVersion.implementations,
 * docs/plans.md "Bounded answers") on the bench's generated region (bench/large-dataset.ts: a plan
 * of 200 measures over 40 municipalities, a status row for each): pages in plan order
 * that add up to every measure, the same statuses as the per-measure list, a fixed number of SQL
 * statements per page whatever its size, and clear errors for bad arguments.
 */
let app: TestApp;
let admin: string;
let planId: string;
let municipalities: string[];
let measures: { id: string; code: string | null; implementations: { status: string; note: string | null; municipality: { number: string } }[]; implementationCount: number }[];

const PAGE = `query Page($id: ID!, $n: String!, $first: Int, $after: String) { strategicPlan(id: $id) { adoptedVersion {
  implementations(municipalityNumber: $n, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { status note municipality { number } measure { id code } } } } } } }`;

async function page(n: string, first: number, after?: string | null, token = admin) {
  const res = await app.gql(PAGE, { id: planId, n, first, after }, token);
  return { data: ok(res).strategicPlan.adoptedVersion.implementations, statements: res.extensions!.sqlStatements! };
}

beforeAll(async () => {
  app = await startTestApp();
  await createLargeRegion(app.ownerUrl);
  admin = await app.token(Role.REGION_ADMIN, { region: LARGE.region });
  const plans = ok(await app.gql(`{ strategicPlans(first: 5) { nodes { id status } } }`, {}, admin)).strategicPlans.nodes;
  planId = plans.find((p: any) => p.status === 'ADOPTED').id;
  const plan = ok(
    await app.gql(
      `query($id: ID!) { strategicPlan(id: $id) { municipalities { number } adoptedVersion { measures { id code implementationCount implementations { status note municipality { number } } } } } }`,
      { id: planId },
      admin,
    ),
  ).strategicPlan;
  municipalities = plan.municipalities.map((m: any) => m.number);
  measures = plan.adoptedVersion.measures;
});
afterAll(() => app.close());

describe('PlanVersion.implementations(municipalityNumber:, first:, after:)', () => {
  it('pages through every measure of the version in plan order with that municipality’s status, the same as Measure.implementations says', async () => {
    expect(measures).toHaveLength(LARGE.measures);
    expect(municipalities).toHaveLength(LARGE.municipalities);
    const n = municipalities[1];
    // A status of our own, so the page must find a recorded row and not only NOT_STARTED.
    const set = ok(
      await app.gql(
        `mutation($i: SetMeasureImplementationInput!) { setMeasureImplementationStatus(input: $i) { implementation { status measure { id } } userErrors { message } } }`,
        { i: { measureId: measures[3].id, municipalityNumber: n, status: 'IN_PROGRESS', note: 'I gang (test)' } },
        admin,
      ),
    ).setMeasureImplementationStatus;
    expect(set.userErrors).toEqual([]);
    // From a payload, the measure is the adopted version's measure with the row's lineage key.
    expect(set.implementation).toEqual({ status: 'IN_PROGRESS', measure: { id: measures[3].id } });

    const seen: any[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data } = await page(n, 60, after);
      expect(data.totalCount).toBe(measures.length);
      expect(data.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...data.edges.map((e: any) => e.node));
      pages += 1;
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(measures.length / 60));
    expect(seen.map((s) => s.measure.id)).toEqual(measures.map((m) => m.id));
    expect(seen.every((s) => s.municipality.number === n)).toBe(true);
    const fresh = ok(await app.gql(`query($id: ID!) { strategicPlan(id: $id) { adoptedVersion { measures { implementations { status note municipality { number } } } } } }`, { id: planId }, admin))
      .strategicPlan.adoptedVersion.measures;
    const expected = fresh.map((m: any) => m.implementations.find((i: any) => i.municipality.number === n)).map((i: any) => [i.status, i.note]);
    expect(seen.map((s) => [s.status, s.note])).toEqual(expected);
    expect(seen[3]).toMatchObject({ status: 'IN_PROGRESS', note: 'I gang (test)' });
  });

  it('reads a fixed number of SQL statements per page, whatever the page size', async () => {
    const n = municipalities[0];
    const small = await page(n, 2);
    const large = await page(n, 40);
    expect(small.data.edges).toHaveLength(2);
    expect(large.data.edges).toHaveLength(40);
    expect(large.statements).toBe(small.statements);
  });

  it('lists each measure’s status for every covered municipality through Measure.implementations, with the count', () => {
    for (const m of measures) {
      expect(m.implementationCount).toBe(municipalities.length);
      expect(m.implementations.map((i) => i.municipality.number)).toEqual(municipalities);
    }
  });

  it('refuses a municipality the plan does not cover, a malformed kommunenummer and a page size over 100 as bad input', async () => {
    const refused = async (n: string, first: number) => {
      const res = await app.gql(PAGE, { id: planId, n, first }, admin);
      expect(res.data?.strategicPlan?.adoptedVersion?.implementations ?? null).toBeNull();
      return res.errors?.[0]?.extensions;
    };
    expect(await refused('3427', 5)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'municipalityNumber', rule: 'coverage' });
    expect(await refused('34x7', 5)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'municipalityNumber' });
    expect(await refused(municipalities[0], 101)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('answers PUBLIC with an empty page, as Measure.implementations does (status is internal to the region)', async () => {
    const data = ok(await app.gql(PAGE, { id: planId, n: municipalities[0], first: 5 })).strategicPlan.adoptedVersion.implementations;
    expect(data).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null }, edges: [] });
  });
});
