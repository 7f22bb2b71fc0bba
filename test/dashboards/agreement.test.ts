import { Role } from '../../src/auth/roles';
import { osloToday } from '../../src/services/dates';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { barnevernId } from './fixtures';
import { COMPARISON, MUNICIPALITY_DASHBOARD, SERVICE_DASHBOARD } from './queries';

/**
 * Each part of a dashboard has the same figures as the feature query it summarises, asked by the
 * same caller with the same arguments (docs/dashboards.md, "What each part shows").
 */
let app: TestApp;
let director: string;
let finance: string;
let leader: string;
let hostFinance: string;
let barnevern: string;
/** A month of the demo's cost reports (2024 is published month by month). */
const COSTS_MONTH = '2024-10';
/** March of the spring term of the last school year that is over: the demo's fora meet then (src/seed/fora). */
const today = osloToday(new Date());
const FORA_MONTH = `${Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 7 ? 0 : 1)}-03`;

beforeAll(async () => {
  app = await startTestApp();
  director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  hostFinance = await app.token(Role.HOST_FINANCE, { service: 'barnevern' });
  barnevern = await barnevernId(app);
});
afterAll(() => app.close());

const LINE = `municipality { number } budgetYtdOre actualYtdOre forecastOre deviationOre sharePercent`;
const ROW = `metric { code } municipality { number } period value suppressed reason per1000Aged0To17 changeFromPreviousYear`;
const pick = (l: any) =>
  l && { municipality: l.municipality, budgetYtdOre: l.budgetYtdOre, actualYtdOre: l.actualYtdOre, forecastOre: l.forecastOre, deviationOre: l.deviationOre, sharePercent: l.sharePercent };
const minus = (a: string | number, b: string | number) => Number(BigInt(a) - BigInt(b));

async function reportTotals(serviceId: string, period: string, token: string) {
  const res = await app.gql(`query($s: ID!, $p: String!) { costReport(serviceId: $s, period: $p) { period version lines(totalsOnly: true) { ${LINE} } } }`, { s: serviceId, p: period }, token);
  return ok(res).costReport;
}

async function activity(token: string, from: string, to: string, metrics: string[]) {
  const res = await app.gql(
    `query($s: ID!, $from: String!, $to: String!, $m: [String!]) { activityStatistics(serviceId: $s, from: $from, to: $to, groupBy: [MUNICIPALITY, YEAR], metrics: $m) { view rows { ${ROW} } totals { ${ROW} } } }`,
    { s: barnevern, from, to, m: metrics },
    token,
  );
  return ok(res).activityStatistics;
}

describe('municipalityDashboard', () => {
  it('shows the costs of ownedServiceCosts, the report lines of costReport with the change since the month before, and the open alerts of costAlerts', async () => {
    const d = ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: COSTS_MONTH }, director)).municipalityDashboard;
    const owned = ok(
      await app.gql(`query { ownedServiceCosts(year: 2024) { service { id name } year sharePercent population report { period version } own { ${LINE} } total { ${LINE} } } }`, {}, director),
    ).ownedServiceCosts;
    expect(d.services.map((s: any) => s.service.name)).toEqual(owned.map((o: any) => o.service.name));
    expect(d.services.length).toBe(3);
    for (const [i, s] of d.services.entries()) {
      const { service, ...costs } = owned[i];
      expect(s.costs).toEqual(costs);
      const now = await reportTotals(service.id, COSTS_MONTH, director);
      const before = await reportTotals(service.id, '2024-09', director);
      // An owner reads its own total line and the grand total only.
      expect(now.lines.map((l: any) => l.municipality?.number ?? null)).toEqual(['3429', null]);
      expect(s.reportPeriod).toBe(COSTS_MONTH);
      expect(s.ownLine).toEqual(pick(now.lines[0]));
      expect(s.ownChange).toEqual({
        since: '2024-09',
        actualYtdOre: minus(now.lines[0].actualYtdOre, before.lines[0].actualYtdOre),
        forecastOre: minus(now.lines[0].forecastOre, before.lines[0].forecastOre),
        deviationOre: minus(now.lines[0].deviationOre, before.lines[0].deviationOre),
      });
      const alerts = ok(await app.gql(`query($s: ID!) { costAlerts(serviceId: $s, acknowledged: false, first: 10) { totalCount nodes { id } } }`, { s: service.id }, director)).costAlerts;
      expect(s.openAlerts.count).toBe(alerts.totalCount);
      expect(s.openAlerts.newest.map((a: any) => a.id)).toEqual(alerts.nodes.map((a: any) => a.id));
    }
    // The demo's emergency placement for Folldal (September 2024) raised an alert that is still open.
    expect(d.services.find((s: any) => s.service.name.startsWith('Barnevern')).openAlerts.count).toBeGreaterThan(0);
  });

  it("shows activityStatistics as the caller sees it: the municipality's rows and the cooperation's totals, ten years up to the period", async () => {
    const d = ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: COSTS_MONTH }, director)).municipalityDashboard;
    const s = d.services.find((x: any) => x.service.name.startsWith('Barnevern')).statistics;
    expect([s.from, s.to, s.view]).toEqual(['2015', '2024', 'OWN_MUNICIPALITY']);
    const a = await activity(
      director,
      s.from,
      s.to,
      s.metrics.map((m: any) => m.code),
    );
    expect(s.rows).toEqual(a.rows.filter((r: any) => r.municipality.number === '3429'));
    expect(s.cooperation).toEqual(a.totals);
    // Real figures, with rates per 1,000 where the population is imported.
    expect(s.rows.some((r: any) => r.value !== null && r.per1000Aged0To17 !== null)).toBe(true);
  });

  it('shows forumCompliance of the term (counts per status add up to the fora), and hides it from MUNICIPAL_FINANCE', async () => {
    const d = ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: FORA_MONTH }, director)).municipalityDashboard;
    const term = `${FORA_MONTH.slice(0, 4)}-SPRING`;
    const report = ok(
      await app.gql(
        `query($p: String!) { forumCompliance(municipalityNumber: "3429", period: $p) { period { label from to } summary { forums meetingsHeld forumsBelowMinimum mandatoryExpected mandatoryPresent mandatoryAttendanceRate overdueFollowUps }
          forums { belowMinimum cadence { windows { status } } } } }`,
        { p: term },
        director,
      ),
    ).forumCompliance;
    expect(d.period.term).toBe(term);
    expect(d.fora.period).toEqual(report.period);
    expect(d.fora.summary).toEqual(report.summary);
    expect(report.summary.meetingsHeld).toBeGreaterThan(0);
    const sum = (list: any[]) => list.reduce((n, c) => n + c.count, 0);
    expect(sum(d.fora.forumsByStatus)).toBe(report.forums.filter((f: any) => f.cadence.some((c: any) => c.windows.length)).length);
    expect(sum(d.fora.cadenceWindows)).toBe(report.forums.flatMap((f: any) => f.cadence.flatMap((c: any) => c.windows)).length);
    const below = d.fora.forumsByStatus.find((c: any) => c.status === 'BELOW_MINIMUM')?.count ?? 0;
    expect(below).toBe(report.summary.forumsBelowMinimum);

    const f = ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: FORA_MONTH }, finance)).municipalityDashboard;
    expect(f.fora).toBeNull();
    expect(f.hidden).toEqual([{ part: 'fora', reason: expect.stringContaining('MUNICIPAL_DIRECTOR') }]);
    // The rest is the same as the director's.
    expect(f.services).toEqual(d.services);
    expect(f.plans).toEqual(d.plans);
  });

  it("shows planFollowUp's overdue milestones and expiry, the plan's progress in the municipality, and milestones due within six months", async () => {
    const asOf = '2024-03-31';
    const d = ok(await app.gql(MUNICIPALITY_DASHBOARD, { number: '3429', period: '2024-03' }, director)).municipalityDashboard;
    expect(d.period.asOf).toBe(asOf);
    const follow = ok(
      await app.gql(
        `query($d: Date!) { planFollowUp(asOf: $d, horizonMonths: 6) { plan { id progress { perMunicipality { municipality { number } measureCount counts { status count total share } } }
           } expiry { periodEnd state monthsLeft flagged } overdueMilestones { milestone { key } status dueBy overdue doneLate } } }`,
        { d: asOf },
        director,
      ),
    ).planFollowUp;
    expect(d.plans.length).toBeGreaterThan(0);
    for (const p of d.plans) {
      const f = follow.find((x: any) => x.plan.id === p.plan.id);
      expect(p.expiry).toEqual(f.expiry);
      expect(p.overdueMilestones).toEqual(f.overdueMilestones);
      expect(p.implementation).toEqual(f.plan.progress.perMunicipality.filter((m: any) => m.municipality.number === '3429'));
      expect(p.milestonesDue.every((m: any) => !m.overdue && m.dueBy >= asOf && m.dueBy <= '2024-09-30')).toBe(true);
    }
    // Seed 001: "våren 2024 evaluere og rapportere" is due by 30 June 2024.
    expect(d.plans.flatMap((p: any) => p.milestonesDue.map((m: any) => m.dueBy))).toContain('2024-06-30');
  });
  it("gives every owner's implementation of the plan as progress.perMunicipality does, also for a service and after statuses change", async () => {
    // Statuses of several measures in two owners, as the plans feature stores them.
    await app.owner.query(`
      INSERT INTO measure_implementation (region_id, plan_id, measure_key, municipality_id, status, updated_by)
      SELECT m.region_id, m.plan_id, m.key, k.id, (ARRAY['IN_PROGRESS', 'IMPLEMENTED', 'EVALUATED', 'NOT_STARTED'])[1 + (row_number() OVER (ORDER BY m.position, m.id))::int % 4], 'test'
        FROM plan_measure m JOIN strategic_plan p ON p.adopted_version_id = m.version_id CROSS JOIN municipality k
       WHERE k.number IN ('3427', '3428')
      ON CONFLICT (measure_key, municipality_id) DO NOTHING`);
    const d = ok(await app.gql(SERVICE_DASHBOARD, { serviceId: barnevern, period: '2024-03' }, leader)).serviceDashboard;
    const follow = ok(
      await app.gql(
        `query($d: Date!) { planFollowUp(asOf: $d, horizonMonths: 6) { plan { id progress { perMunicipality { municipality { number } measureCount counts { status count total share } } } } } }`,
        { d: d.period.asOf },
        leader,
      ),
    ).planFollowUp;
    const owners = new Set(d.owners.map((o: any) => o.number));
    expect(d.plans.length).toBeGreaterThan(0);
    for (const p of d.plans) {
      const f = follow.find((x: any) => x.plan.id === p.plan.id);
      expect(p.implementation).toEqual(f.plan.progress.perMunicipality.filter((m: any) => owners.has(m.municipality.number)));
    }
    // Not vacuous: some owner has measures in progress.
    const started = d.plans.flatMap((p: any) => p.implementation.flatMap((i: any) => i.counts.filter((c: any) => c.status !== 'NOT_STARTED' && c.count > 0)));
    expect(started.length).toBeGreaterThan(0);
  });
});

describe('serviceDashboard', () => {
  it("shows every owner's total line and the grand total of costReport, the change since the month before, alerts, statistics and the fora load of serviceForumLoad", async () => {
    const d = ok(await app.gql(SERVICE_DASHBOARD, { serviceId: barnevern, period: COSTS_MONTH }, leader)).serviceDashboard;
    const now = await reportTotals(barnevern, COSTS_MONTH, leader);
    const before = await reportTotals(barnevern, '2024-09', leader);
    expect(d.report.period).toBe(COSTS_MONTH);
    expect([...d.ownerCosts.map((o: any) => o.line), d.total.line]).toEqual(now.lines.map(pick));
    for (const o of [...d.ownerCosts, d.total]) {
      const prev = before.lines.find((l: any) => (l.municipality?.number ?? null) === (o.line.municipality?.number ?? null));
      expect(o.change.forecastOre).toBe(minus(o.line.forecastOre, prev.forecastOre));
    }
    const alerts = ok(await app.gql(`query($s: ID!) { costAlerts(serviceId: $s, acknowledged: false, first: 10) { totalCount } }`, { s: barnevern }, leader)).costAlerts;
    expect(d.openAlerts.count).toBe(alerts.totalCount);
    const a = await activity(
      leader,
      d.statistics.from,
      d.statistics.to,
      d.statistics.metrics.map((m: any) => m.code),
    );
    expect(d.statistics.view).toBe('UNSUPPRESSED');
    expect(d.statistics.rows).toEqual(a.rows);
    expect(d.statistics.cooperation).toEqual(a.totals);
    const load = ok(
      await app.gql(
        `query($s: ID!, $p: String!) { serviceForumLoad(serviceId: $s, period: $p) { owners { number } attendance { municipality { number } kind { code } meetingsHeld expected present } load { hoursPerYear meetingsPerYear fullTimeEquivalents } } }`,
        { s: barnevern, p: d.period.term },
        leader,
      ),
    ).serviceForumLoad;
    expect(d.foraLoad).toEqual(load);
    expect(d.hidden.map((h: any) => h.part)).toEqual(['fora compliance']);
  });

  it('shows HOST_FINANCE the suppressed statistics and no fora load', async () => {
    const d = ok(await app.gql(SERVICE_DASHBOARD, { serviceId: barnevern, period: COSTS_MONTH }, hostFinance)).serviceDashboard;
    expect(d.foraLoad).toBeNull();
    expect(d.hidden.map((h: any) => h.part)).toEqual(['fora compliance', 'foraLoad']);
    const a = await activity(
      hostFinance,
      d.statistics.from,
      d.statistics.to,
      d.statistics.metrics.map((m: any) => m.code),
    );
    expect([d.statistics.view, a.view]).toEqual(['SUPPRESSED', 'SUPPRESSED']);
    expect(d.statistics.rows).toEqual(a.rows);
    expect(d.statistics.rows.some((r: any) => r.suppressed)).toBe(true);
  });
});

describe('municipalityComparison', () => {
  it('has the rows and totals of activityStatistics for the same caller, with each ratio computed from shown rates only', async () => {
    const auditor = await app.token(Role.AUDITOR, { municipality: '3429' });
    const metrics = ['reports_received', 'children_support_measures'];
    const c = ok(await app.gql(COMPARISON, { serviceId: barnevern, from: '2019', to: '2022', metrics }, auditor)).municipalityComparison;
    const a = await activity(auditor, '2019', '2022', metrics);
    expect(c.rows.map(({ ratioToCooperation, standsOut, ...r }: any) => r)).toEqual(a.rows);
    expect(c.cooperation).toEqual(a.totals);
    for (const r of c.rows) {
      const coop = c.cooperation.find((t: any) => t.metric.code === r.metric.code && t.period === r.period);
      if (r.per1000Aged0To17 === null || coop.per1000Aged0To17 === null) expect(r.ratioToCooperation).toBeNull();
      else expect(r.ratioToCooperation).toBeCloseTo(r.per1000Aged0To17 / coop.per1000Aged0To17, 2);
      expect(r.standsOut).toBe(r.ratioToCooperation !== null && (r.ratioToCooperation >= 1.5 || r.ratioToCooperation <= 0.67));
    }
    expect(c.rows.some((r: any) => r.ratioToCooperation !== null)).toBe(true);
    expect(c.standingOut.length).toBe(c.rows.filter((r: any) => r.standsOut).length);
  });
});
