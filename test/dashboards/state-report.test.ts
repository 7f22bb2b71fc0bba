import { Role } from '../../src/auth/roles';
import { idOfType } from '../../src/global-id';
import { contentSha256 } from '../../src/services/dashboards/state-report-figures';
import { asApiRole, scalar, tableFingerprint, toGlobalId } from '../helpers/fixtures';
import { withCheckDigits } from '../helpers/national-id';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { SERVICE_DASHBOARD } from './queries';
import { barnevern, leaderToken, PREPARE, prepared, PUBLISH, WRITE } from './state-report-fixtures';

/**
 * The yearly state-of-service report (docs/dashboards.md): prepared from the dashboards' figures,
 * its narrative sections written through the personal-data guard, published (frozen, API and
 * database), the next version after publication; bad input changes nothing.
 */
let app: TestApp;
let leader: string;
let service: string;
beforeAll(async () => {
  app = await startTestApp();
  leader = await leaderToken(app);
  service = await barnevern(app);
});
afterAll(() => app.close());

const prepare = (input: Record<string, unknown>, token = leader) => app.gql(PREPARE, { input: { serviceId: service, ...input } }, token);
const write = (reportId: string, key: string, text: string | null) => app.gql(WRITE, { input: { reportId, key, text } }, leader);
const publish = (reportId: string) => app.gql(PUBLISH, { input: { reportId } }, leader);
const codes = (payload: { userErrors: { field: string[]; code: string }[] }) => payload.userErrors.map((e) => [e.field.join('.'), e.code]);
const TABLES = ['state_report', 'audit_record'];

it('prepares the draft from the figures the service dashboard shows for the year', async () => {
  const report = await prepared(app, '3428', 2024);
  expect([report.status, report.version, report.year, report.figuresAsOf, report.municipality.number]).toEqual(['DRAFT', 1, 2024, '2024-12-31', '3428']);
  const dashboard = ok(await app.gql(SERVICE_DASHBOARD, { serviceId: service, period: '2024-12' }, leader)).serviceDashboard;
  // Costs: the newest published report of the year, the municipality's total line.
  const own = dashboard.ownerCosts.find((o: any) => o.municipality.number === '3428').line;
  expect(report.figures.costs).toEqual({
    reportPeriod: dashboard.report.period,
    reportVersion: dashboard.report.version,
    budgetYearOre: expect.anything(),
    budgetYtdOre: own.budgetYtdOre,
    actualYtdOre: own.actualYtdOre,
    forecastOre: own.forecastOre,
    deviationOre: own.deviationOre,
  });
  expect(report.figures.costs.reportPeriod).toBe('2024-12');
  // The plan's implementation in the municipality and its overdue milestones at year end, as the dashboard's.
  expect(dashboard.plans.length).toBeGreaterThan(0);
  expect(report.figures.plans.map((p: any) => [p.planId, p.measureCount, p.counts.map((c: any) => [c.status, c.count]), p.overdueMilestones.map((m: any) => m.dueBy), p.expiry.periodEnd])).toEqual(
    dashboard.plans.map((p: any) => {
      const here = p.implementation.find((i: any) => i.municipality.number === '3428');
      return [p.plan.id, here.measureCount, here.counts.map((c: any) => [c.status, c.count]), p.overdueMilestones.map((m: any) => m.dueBy), p.expiry.periodEnd];
    }),
  );
  // Fora: the year's two terms; statistics: five years up to the report's year, as published.
  expect(report.figures.fora.map((t: any) => t.term)).toEqual(['2024-SPRING', '2024-AUTUMN']);
  expect([report.figures.statistics.view, report.figures.statistics.from, report.figures.statistics.to]).toEqual(['SUPPRESSED', '2020', '2024']);
  expect(report.figures.statistics.rows.length).toBeGreaterThan(0);
  expect(new Set(report.figures.statistics.rows.map((r: any) => r.period))).toEqual(new Set(['2020', '2021', '2022', '2023', '2024']));
  // Every section, in page order, with its bokmål title; none written yet.
  expect(report.sections.map((s: any) => [s.key, s.title, s.text])).toEqual([
    ['SUMMARY', 'Sammendrag', null],
    ['ACTIVITY', 'Aktivitet', null],
    ['ECONOMY', 'Økonomi', null],
    ['COLLABORATION', 'Samarbeid og fora', null],
    ['PLAN', 'Plan og oppfølging', null],
    ['OUTLOOK', 'Utfordringer og veien videre', null],
  ]);
  // The snapshot is stored with the day it is as of; the audit trail has the preparation.
  const row = (await app.owner.query(`SELECT figures, figures_as_of::text AS as_of FROM state_report WHERE id = $1`, [await rawId(report.id)])).rows[0];
  expect([row.as_of, row.figures.costs.actualYtdOre, row.figures.municipality.number]).toEqual(['2024-12-31', String(own.actualYtdOre), '3428']);
  expect(await scalar(app, `SELECT count(*)::int FROM audit_record WHERE operation = 'prepareStateReport' AND entity_id = $1`, [await rawId(report.id)])).toBe(1);
});

async function rawId(globalId: string): Promise<string> {
  return idOfType(globalId, 'StateReport')!;
}

it('keeps one draft: preparing again refreshes its figures and keeps its sections', async () => {
  const first = await prepared(app, '3426', 2023);
  expect(ok(await write(first.id, 'SUMMARY', 'Tjenesten leverte stabilt gjennom året.')).writeStateReportSection.userErrors).toEqual([]);
  // A cost report of the year changes meanwhile (a new published version): the refresh picks it up.
  await app.owner.query(`UPDATE state_report SET figures = jsonb_set(figures, '{costs}', 'null') WHERE id = $1`, [await rawId(first.id)]);
  const again = await prepared(app, '3426', 2023);
  expect([again.id, again.version, again.status]).toEqual([first.id, 1, 'DRAFT']);
  expect(again.figures.costs).toEqual(first.figures.costs);
  expect(again.sections[0]).toEqual({ key: 'SUMMARY', title: 'Sammendrag', text: 'Tjenesten leverte stabilt gjennom året.' });
  expect(await scalar(app, `SELECT count(*)::int FROM state_report WHERE id = $1`, [await rawId(first.id)])).toBe(1);
});

it('writes and removes sections; refuses a national identity number in any spelling, and text over the limit', async () => {
  const report = await prepared(app, '3427', 2023);
  const written = ok(await write(report.id, 'OUTLOOK', '  Rekruttering er den største utfordringen.  ')).writeStateReportSection;
  expect(written.report.sections.find((s: any) => s.key === 'OUTLOOK').text).toBe('Rekruttering er den største utfordringen.');
  const before = await tableFingerprint(app, TABLES);
  const FNR = withCheckDigits('150765005');
  for (const spelling of [FNR, `${FNR.slice(0, 6)} ${FNR.slice(6)}`, `${FNR.slice(0, 6)}-${FNR.slice(6)}`, `${FNR.slice(0, 2)}.${FNR.slice(2, 4)}.${FNR.slice(4, 6)} ${FNR.slice(6)}`]) {
    const res = ok(await write(report.id, 'ACTIVITY', `Saken gjaldt ${spelling}.`)).writeStateReportSection;
    expect([codes(res), res.report]).toEqual([[['input.text', 'PERSONAL_DATA']], null]);
    expect(JSON.stringify(res)).not.toContain(FNR.slice(6));
  }
  const long = await write(report.id, 'ACTIVITY', 'x'.repeat(20_001));
  expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(await tableFingerprint(app, TABLES)).toEqual(before);
  const removed = ok(await write(report.id, 'OUTLOOK', '   ')).writeStateReportSection;
  expect(removed.report.sections.find((s: any) => s.key === 'OUTLOOK').text).toBeNull();
  const unknownKey = await write(report.id, 'EPILOGUE', 'x');
  expect(unknownKey.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

it('publishes: frozen with the hash of figures and sections, IMMUTABLE through the API, refused by the database, then version 2', async () => {
  const report = await prepared(app, '3424', 2024);
  ok(await write(report.id, 'SUMMARY', 'Oppsummering av 2024.'));
  const pub = ok(await publish(report.id)).publishStateReport;
  expect(pub.userErrors).toEqual([]);
  expect([pub.report.status, pub.report.version, pub.report.publishedBy]).toEqual(['PUBLISHED', 1, 'test-service_leader']);
  const id = await rawId(report.id);
  const row = (await app.owner.query(`SELECT figures, sections, content_sha256 FROM state_report WHERE id = $1`, [id])).rows[0];
  expect(row.sections).toEqual({ SUMMARY: 'Oppsummering av 2024.' });
  expect(pub.report.contentSha256).toBe(contentSha256(row.figures, row.sections));
  expect(pub.report.contentSha256).not.toBe(contentSha256(row.figures, {}));

  const before = await tableFingerprint(app, TABLES);
  expect(codes(ok(await write(report.id, 'SUMMARY', 'Endret.')).writeStateReportSection)).toEqual([['input.reportId', 'IMMUTABLE']]);
  expect(codes(ok(await publish(report.id)).publishStateReport)).toEqual([['input.reportId', 'IMMUTABLE']]);
  expect(await tableFingerprint(app, TABLES)).toEqual(before);
  // The database: RLS admits no change of a published row for the leader, and the trigger refuses even the owner.
  const region = await scalar(app, `SELECT region_id FROM state_report WHERE id = $1`, [id]);
  const serviceUuid = await scalar(app, `SELECT service_id FROM state_report WHERE id = $1`, [id]);
  await asApiRole(app, { role: 'SERVICE_LEADER', region_id: region, service_id: serviceUuid }, async (q) => {
    const updated = await q(`UPDATE state_report SET sections = '{}' WHERE id = $1`, [id]);
    expect(updated[1]).toBe(0);
    await expect(q(`DELETE FROM state_report WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
  });
  await expect(app.owner.query(`UPDATE state_report SET sections = '{}' WHERE id = $1`, [id])).rejects.toThrow(/published and cannot change/);
  await expect(app.owner.query(`DELETE FROM state_report WHERE id = $1`, [id])).rejects.toThrow(/published and cannot change/);

  // Preparing again: version 2, a new draft; version 1 stays as it was.
  const next = await prepared(app, '3424', 2024);
  expect([next.version, next.status, next.id === report.id]).toEqual([2, 'DRAFT', false]);
  expect(next.sections.every((s: any) => s.text === null)).toBe(true);
  expect(await scalar(app, `SELECT content_sha256 FROM state_report WHERE id = $1`, [id])).toBe(pub.report.contentSha256);
  expect(await scalar(app, `SELECT count(*)::int FROM audit_record WHERE entity_id = $1 AND operation IN ('prepareStateReport', 'writeStateReportSection', 'publishStateReport')`, [id])).toBe(3);
});

describe('bad input: a clear error, nothing written', () => {
  let before: Record<string, string>;
  beforeEach(async () => {
    before = await tableFingerprint(app, TABLES);
  });
  afterEach(async () => {
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('a year in the future', async () => {
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    const res = ok(await prepare({ municipalityNumber: '3429', year: thisYear + 2 })).prepareStateReport;
    expect(codes(res)).toEqual([['input.year', 'INVALID']]);
    expect(res.userErrors[0].message).toMatch(/future/);
  });

  it('a municipality that did not own the service that year (Folldal joined in 2022), and one not in the region', async () => {
    const res = ok(await prepare({ municipalityNumber: '3429', year: 2021 })).prepareStateReport;
    expect(codes(res)).toEqual([['input.municipalityNumber', 'INVALID']]);
    expect(res.userErrors[0].message).toMatch(/not an owner/);
    expect(codes(ok(await prepare({ municipalityNumber: '0301', year: 2023 })).prepareStateReport)).toEqual([['input.municipalityNumber', 'NOT_FOUND']]);
  });

  it("another region's service is NOT_FOUND; another service of the region is FORBIDDEN", async () => {
    const other = await scalar(app, `SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE s.code = 'barnevern' AND r.code <> 'nord-osterdal'`);
    const res = ok(await app.gql(PREPARE, { input: { serviceId: toGlobalId('SharedService', other), municipalityNumber: '3429', year: 2023 } }, leader)).prepareStateReport;
    expect(codes(res)).toEqual([['input.serviceId', 'NOT_FOUND']]);
    const ppt = await scalar(app, `SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE s.code = 'ppt' AND r.code = 'nord-osterdal'`);
    const forbidden = await app.gql(PREPARE, { input: { serviceId: toGlobalId('SharedService', ppt), municipalityNumber: '3429', year: 2023 } }, leader);
    expect([forbidden.errors?.[0]?.extensions?.code, forbidden.data?.prepareStateReport ?? null]).toEqual(['FORBIDDEN', null]);
  });

  it('a role that does not lead the service', async () => {
    for (const role of [Role.HOST_FINANCE, Role.MUNICIPAL_DIRECTOR]) {
      const token = await app.token(role, role === Role.HOST_FINANCE ? { service: 'barnevern' } : { municipality: '3429' });
      const res = await prepare({ municipalityNumber: '3429', year: 2023 }, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
