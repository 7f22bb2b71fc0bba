import { Role } from '../../src/auth/roles';
import { toGlobalId } from '../../src/global-id';
import { fixedClock } from '../../src/services/dates';
import { regionId, scalar, serviceId, tableFingerprint } from '../helpers/fixtures';
import { GqlResponse, ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevernId } from './fixtures';
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from './queries';

/**
 * Bad input and scopes: a typed error naming the argument (BAD_USER_INPUT with `field`), FORBIDDEN
 * for another municipality or service, never INTERNAL_SERVER_ERROR. The clock stands at 23:30 UTC
 * on 31 January 2025, which is already 1 February in Norway: February is this month, March the future.
 */
let app: TestApp;
let director: string;
let barnevern: string;
beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock('2025-01-31T23:30:00Z') });
  director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  barnevern = await barnevernId(app);
});
afterAll(() => app.close());

const refusal = (res: GqlResponse) => {
  expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
  const e = res.errors![0];
  return { code: e.extensions?.code, field: e.extensions?.field ?? null };
};

describe('municipalityDashboard', () => {
  it('defaults to this month in Norway, and takes it by name', async () => {
    const d = ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429' }, director)).municipalityDashboard;
    expect(d.period).toEqual({ month: '2025-02', year: 2025, asOf: '2025-02-01', term: '2025-SPRING' });
    expect(ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2025-02' }, director)).municipalityDashboard.period.month).toBe('2025-02');
  });

  it.each([
    ['2025-03', 'period', 'future'],
    ['2031-01', 'period', 'future'],
    ['2025-13', 'period', 'format'],
    ['2025-1', 'period', 'format'],
    // NUL bytes are refused by the transport's input guard (src/http/input-guard.ts), naming the variable.
    ['2025-02\u0000', '$period', 'nul'],
    ['x'.repeat(100_000), 'period', 'format'],
    ['1999-12', 'period', 'range'],
  ])('refuses period %#', async (period, field, rule) => {
    const res = await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period }, director);
    expect(refusal(res)).toEqual({ code: 'BAD_USER_INPUT', field });
    if (rule !== 'nul') expect([res.errors![0].extensions?.rule, res.errors![0].message.slice(0, 8)]).toEqual([rule, 'period: ']);
  });

  it('refuses a malformed kommunenummer, and another municipality as FORBIDDEN', async () => {
    expect(refusal(await app.gql(MUNICIPALITY_DASHBOARD, { number: '34x9' }, director))).toEqual({ code: 'BAD_USER_INPUT', field: 'number' });
    const other = await app.gql(MUNICIPALITY_DASHBOARD, { number: '3427' }, director);
    expect(refusal(other)).toEqual({ code: 'FORBIDDEN', field: null });
    expect(other.errors![0].message).toContain('Tynset');
    // A municipality of another region is not there (RLS hides it), as for forumCompliance.
    expect(refusal(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3449' }, director)).code).toBe('NOT_FOUND');
  });

  it('refuses a role without dashboards before reading anything', async () => {
    const tst = await app.token(Role.TST_LEADER, { unit: 'folldal-skole' });
    const res = await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429' }, tst);
    expect(refusal(res).code).toBe('FORBIDDEN');
    expect(res.extensions?.sqlStatements).toBeLessThanOrEqual(2);
  });
});

describe('serviceDashboard', () => {
  it('refuses another service as FORBIDDEN, a wrong ID and a future period as BAD_USER_INPUT, and changes nothing', async () => {
    const before = await tableFingerprint(app, ['cost_report', 'cost_alert', 'statistics_published_cell']);
    const leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    const ppt = toGlobalId('SharedService', await serviceId(app, 'ppt', 'nord-osterdal'));
    expect(refusal(await app.gql(SERVICE_DASHBOARD, { serviceId: ppt }, leader))).toEqual({ code: 'FORBIDDEN', field: null });
    expect(refusal(await app.gql(SERVICE_DASHBOARD, { serviceId: 'not-an-id' }, leader))).toEqual({ code: 'BAD_USER_INPUT', field: 'serviceId' });
    expect(refusal(await app.gql(SERVICE_DASHBOARD, { serviceId: toGlobalId('Municipality', await scalar(app, `SELECT id FROM municipality WHERE number = '3429'`)) }, leader))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'serviceId',
    });
    expect(refusal(await app.gql(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2025-03' }, leader))).toEqual({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(await tableFingerprint(app, ['cost_report', 'cost_alert', 'statistics_published_cell'])).toEqual(before);
  });
});

describe('municipalityComparison', () => {
  it.each([
    [{ metrics: ['no_such_metric'] }, 'metrics'],
    [{ metrics: Array.from({ length: 101 }, (_, i) => `m${i}`) }, 'metrics'],
    [{ from: '2004', to: '2024' }, 'from'],
    [{ from: '1980', to: '2024' }, 'from'],
    [{ from: '2019', to: '2026' }, 'to'],
    [{ from: '2022', to: '2019' }, 'to'],
    [{ from: 'last year', to: '2024' }, 'from'],
    [{ from: '2019', to: '2024-12' }, 'to'],
  ])('refuses %j, naming %s', async (args, field) => {
    const res = await app.gql(COMPARISON, { serviceId: barnevern, from: '2019', to: '2022', ...args }, director);
    expect(refusal(res)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('takes 20 years, and this year', async () => {
    const c = ok(await app.gql(COMPARISON, { serviceId: barnevern, from: '2006', to: '2025' }, director)).municipalityComparison;
    expect([c.from, c.to]).toEqual(['2006', '2025']);
  });

  it('is FORBIDDEN for a service the caller’s municipality does not own, and for MUNICIPAL_FINANCE', async () => {
    const region = await regionId(app, 'nord-osterdal');
    const tynset = await scalar(app, `SELECT id FROM municipality WHERE number = '3427'`);
    const service = await scalar(app, `INSERT INTO shared_service (region_id, code, name, kind, host_municipality_id) VALUES ($1, 'tynset-alene', 'Tynset alene', 'BARNEVERN', $2) RETURNING id`, [
      region,
      tynset,
    ]);
    const period = await scalar(app, `INSERT INTO ownership_period (region_id, service_id, valid_from) VALUES ($1, $2, '2020-01-01') RETURNING id`, [region, service]);
    await app.owner.query(`INSERT INTO ownership_period_owner (region_id, period_id, municipality_id) VALUES ($1, $2, $3)`, [region, period, tynset]);
    const res = await app.gql(COMPARISON, { serviceId: toGlobalId('SharedService', service), from: '2019', to: '2022' }, director);
    expect(refusal(res).code).toBe('FORBIDDEN');
    const tynsetAuditor = await app.token(Role.AUDITOR, { municipality: '3427' });
    // Tynset's own auditor may: its one owner, with no statistics imported.
    const rows = ok(await app.gql(COMPARISON, { serviceId: toGlobalId('SharedService', service), from: '2019', to: '2022' }, tynsetAuditor)).municipalityComparison.rows;
    expect(new Set(rows.map((r: any) => `${r.municipality.number} ${r.reason}`))).toEqual(new Set(['3427 MISSING']));
    const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
    expect(refusal(await app.gql(COMPARISON, { serviceId: barnevern, from: '2019', to: '2022' }, finance)).code).toBe('FORBIDDEN');
  });
});
