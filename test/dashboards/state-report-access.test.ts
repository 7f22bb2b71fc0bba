import { Role } from '../../src/auth/roles';
import { idOfType } from '../../src/global-id';
import { asApiRole, municipalityId, regionId, scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { LIST, NODE, ONE, prepared, published } from './state-report-fixtures';

/**
 * Who reads a state-of-service report (docs/permissions.md, feature dashboards): the service's
 * leader every version; the owner municipality's director, finance and auditor its published ones;
 * the region admin all; another municipality and another region nothing — through the API and
 * with the service checks bypassed (raw SQL as the API role under RLS).
 */
let app: TestApp;
let draftId: string;
let publishedId: string;
beforeAll(async () => {
  app = await startTestApp();
  publishedId = (await published(app, '3429', 2023)).id;
  draftId = (await prepared(app, '3429', 2024)).id;
});
afterAll(() => app.close());

const reads = async (token: string | undefined) => {
  const one = await app.gql(ONE, { id: publishedId }, token);
  const draft = await app.gql(ONE, { id: draftId }, token);
  const node = await app.gql(NODE, { id: publishedId }, token);
  const list = await app.gql(LIST, { municipalityNumber: '3429' }, token);
  return { one, draft, node, list };
};

it("the leader reads drafts and published versions; the owner's director, finance and auditor published ones only", async () => {
  const leader = ok((await reads(await app.token(Role.SERVICE_LEADER, { service: 'barnevern' }))).list).stateReports;
  expect(leader.nodes.map((n: any) => [n.year, n.status])).toEqual([
    [2024, 'DRAFT'],
    [2023, 'PUBLISHED'],
  ]);
  for (const role of [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR]) {
    const r = await reads(await app.token(role, { municipality: '3429' }));
    expect(ok(r.one).stateReport).toMatchObject({ id: publishedId, status: 'PUBLISHED' });
    expect(ok(r.node).node).toMatchObject({ id: publishedId, status: 'PUBLISHED' });
    expect(ok(r.draft).stateReport).toBeNull();
    const list = ok(r.list).stateReports;
    expect(list.nodes.map((n: any) => [n.year, n.status, n.municipality.number])).toEqual([[2023, 'PUBLISHED', '3429']]);
    // What a page renders: typed figures and titled sections.
    expect(list.nodes[0].figures.municipalityNumber).toBe('3429');
    expect(list.nodes[0].sections[0]).toMatchObject({ key: 'SUMMARY', title: 'Sammendrag' });
  }
  const admin = ok((await reads(await app.token(Role.REGION_ADMIN))).list).stateReports;
  expect(admin.totalCount).toBe(2);
});

it("another municipality's director and another region read nothing", async () => {
  const other = await reads(await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3428' }));
  expect([ok(other.one).stateReport, ok(other.node).node, ok(other.draft).stateReport]).toEqual([null, null, null]);
  expect(ok(other.list).stateReports.totalCount).toBe(0);
  const elsewhereRegion = await scalar(app, `SELECT r.code FROM region r WHERE r.code <> 'nord-osterdal' ORDER BY r.code LIMIT 1`);
  const elsewhere = await reads(await app.token(Role.REGION_ADMIN, { region: elsewhereRegion }));
  expect([ok(elsewhere.one).stateReport, ok(elsewhere.node).node]).toEqual([null, null]);
  expect(ok(elsewhere.list).stateReports.totalCount).toBe(0);
  const finance = await reads(await app.token(Role.HOST_FINANCE, { service: 'barnevern' }));
  expect(finance.list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('RLS alone: another municipality, a draft for the owner, another region — nothing to read or change', async () => {
  const region = await regionId(app, 'nord-osterdal');
  const folldal = await municipalityId(app, '3429');
  const alvdal = await municipalityId(app, '3428');
  const pub = idOfType(publishedId, 'StateReport')!;
  const draft = idOfType(draftId, 'StateReport')!;
  const visible = (q: (sql: string, p?: unknown[]) => Promise<any[]>) => q(`SELECT id, status FROM state_report WHERE id = ANY($1::uuid[]) ORDER BY status`, [[pub, draft]]);
  await asApiRole(app, { role: 'MUNICIPAL_DIRECTOR', region_id: region, municipality_id: folldal }, async (q) => {
    expect((await visible(q)).map((r) => r.id)).toEqual([pub]);
    const updated = await q(`UPDATE state_report SET sections = '{}' WHERE id = ANY($1::uuid[])`, [[pub, draft]]);
    expect(updated[1]).toBe(0);
  });
  await asApiRole(app, { role: 'MUNICIPAL_DIRECTOR', region_id: region, municipality_id: alvdal }, async (q) => {
    expect(await visible(q)).toEqual([]);
  });
  const otherRegion = await scalar(app, `SELECT id FROM region WHERE code <> 'nord-osterdal' ORDER BY code LIMIT 1`);
  const otherService = await scalar(app, `SELECT id FROM shared_service WHERE region_id = $1 AND code = 'barnevern'`, [otherRegion]);
  await asApiRole(app, { role: 'SERVICE_LEADER', region_id: otherRegion, service_id: otherService }, async (q) => {
    expect(await visible(q)).toEqual([]);
    expect((await q(`UPDATE state_report SET sections = '{}' WHERE id = $1`, [draft]))[1]).toBe(0);
  });
  await asApiRole(app, { role: 'REGION_ADMIN', region_id: otherRegion }, async (q) => {
    expect(await visible(q)).toEqual([]);
    // Nor can a row be written into our region from there.
    const serviceUuid = await scalar(app, `SELECT service_id FROM state_report WHERE id = $1`, [draft]);
    await expect(
      q(`INSERT INTO state_report (region_id, service_id, municipality_id, year, version, figures, figures_as_of, prepared_by) VALUES ($1, $2, $3, 2020, 1, '{}', '2020-12-31', 'x')`, [
        region,
        serviceUuid,
        folldal,
      ]),
    ).rejects.toThrow(/row-level security/);
  });
  // The draft stays the leader's: the owner's director cannot see or change it (above), nor can another service's leader.
  await asApiRole(app, { role: 'SERVICE_LEADER', region_id: region, service_id: await scalar(app, `SELECT id FROM shared_service WHERE region_id = $1 AND code = 'ppt'`, [region]) }, async (q) => {
    expect(await visible(q)).toEqual([]);
  });
});

it("the audit trail: the owner's auditor reads the records of its published report, not its draft's nor another municipality's", async () => {
  const trail = async (number: string) =>
    ok(await app.gql(`{ auditRecords(entity: "StateReport", first: 50) { nodes { operation entityId } } }`, {}, await app.token(Role.AUDITOR, { municipality: number }))).auditRecords.nodes;
  const folldal = await trail('3429');
  // entityId is the row's global ID.
  expect(folldal).toContainEqual({ operation: 'publishStateReport', entityId: publishedId });
  expect(folldal.filter((n: any) => n.entityId === draftId)).toEqual([]);
  expect(await trail('3428')).toEqual([]);
});
