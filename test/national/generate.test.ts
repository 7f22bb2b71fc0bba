import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { createDataSource } from '../../src/db/data-source';
import { database } from '../../src/features/data';
import { generateNational, NationalOptions, NationalResult } from '../../bench/national/generate';
import { MUNICIPALITY_DASHBOARD } from '../dashboards/queries';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * `npm run gen:national` (bench/national/generate.ts) at a tiny scale: the same seed gives the same
 * content in two fresh databases (checksums of the key tables over their natural content), another
 * seed gives other content, a second run on the same database adds nothing, and what it wrote
 * answers through the API (a dashboard and forum compliance of a generated municipality).
 */
jest.setTimeout(600_000);

const TINY: Omit<NationalOptions, 'seed'> = { scale: 0.01, reportMonths: 2, kostraFiles: 1 };

/** Checksums of the generated regions' key tables, over content (and the ids the generator derives from the seed). */
const CHECKSUMS: Record<string, string> = {
  municipality: `SELECT m.id, m.number, m.name, r.code FROM municipality m JOIN region r ON r.id = m.region_id WHERE r.code LIKE 'nat-%' ORDER BY m.number`,
  municipality_population: `SELECT p.municipality_id, p.year, p.aged_0_17 FROM municipality_population p JOIN region r ON r.id = p.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1, 2`,
  unit: `SELECT u.id, u.code, u.name, u.kind, u.size FROM unit u JOIN region r ON r.id = u.region_id WHERE r.code LIKE 'nat-%' ORDER BY u.id`,
  forum_membership: `SELECT ms.id, ms.forum_id, ms.person_name, ms.service_id, ms.attendance FROM forum_membership ms JOIN region r ON r.id = ms.region_id WHERE r.code LIKE 'nat-%' ORDER BY ms.id`,
  forum_meeting: `SELECT mt.id, mt.forum_id, mt.starts_at, mt.actual_minutes, mt.status FROM forum_meeting mt JOIN region r ON r.id = mt.region_id WHERE r.code LIKE 'nat-%' ORDER BY mt.id`,
  forum_attendance: `SELECT a.meeting_id, a.membership_id, a.status FROM forum_attendance a JOIN region r ON r.id = a.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1, 2`,
  forum_agenda_section: `SELECT s.meeting_id, s.element_id FROM forum_agenda_section s JOIN region r ON r.id = s.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1, 2`,
  ledger_entry: `SELECT l.service_id, l.voucher, l.voucher_line, l.posting_date, l.art, l.funksjon, l.amount_ore, l.municipality_id, l.category_id FROM ledger_entry l JOIN region r ON r.id = l.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1, 2, 3`,
  cost_report: `SELECT c.service_id, c.period, c.version, c.status, c.content_sha256, c.published_at FROM cost_report c JOIN region r ON r.id = c.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1, 2, 3`,
  cost_report_line: `SELECT c.service_id, c.period, l.municipality_id, l.category_id, l.budget_ytd_ore, l.actual_ytd_ore, l.forecast_ore FROM cost_report_line l JOIN cost_report c ON c.id = l.report_id JOIN region r ON r.id = l.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1, 2, 3 NULLS FIRST, 4 NULLS FIRST`,
  statistics_observation: `SELECT o.municipality_id, mt.code, o.year, o.month, o.value FROM statistics_observation o JOIN statistics_metric mt ON mt.id = o.metric_id JOIN region r ON r.id = o.region_id WHERE r.code LIKE 'nat-%' AND o.replaced_at IS NULL ORDER BY 1, 2, 3, 4`,
  measure_implementation: `SELECT i.municipality_id, pm.code, i.status FROM measure_implementation i JOIN plan_measure pm ON pm.key = i.measure_key JOIN region r ON r.id = i.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1, 2`,
  plan_adoption: `SELECT a.municipality_id, a.decided_on, a.case_number FROM plan_adoption a JOIN region r ON r.id = a.region_id WHERE r.code LIKE 'nat-%' ORDER BY 1`,
};

async function checksums(app: TestApp): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const [table, sql] of Object.entries(CHECKSUMS)) {
    const {
      rows: [row],
    } = await app.owner.query<{ rows: number; md5: string }>(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|'), '')) AS md5 FROM (${sql}) t`);
    out[table] = row;
  }
  return out;
}

async function generate(app: TestApp, seed: string): Promise<NationalResult> {
  const owner: DataSource = createDataSource(app.ownerUrl, database.model, { poolSize: 4, name: `national-test-${seed}` });
  await owner.initialize();
  try {
    return await generateNational(owner, app.appDataSource, app.config, { ...TINY, seed });
  } finally {
    await owner.destroy();
  }
}

describe('gen:national at a tiny scale', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  const fresh = async () => {
    const app = await startTestApp();
    apps.push(app);
    return app;
  };

  let first: TestApp;
  let firstSums: Awaited<ReturnType<typeof checksums>>;

  it('fills every part, and a second run on the same database changes nothing', async () => {
    first = await fresh();
    const result = await generate(first, 'tiny-seed');
    expect(result.counts.region).toBeGreaterThanOrEqual(3); // the two demo regions and one generated
    firstSums = await checksums(first);
    for (const table of [
      'municipality',
      'unit',
      'forum_meeting',
      'forum_attendance',
      'forum_agenda_section',
      'ledger_entry',
      'cost_report',
      'cost_report_line',
      'statistics_observation',
      'plan_adoption',
    ])
      expect([table, firstSums[table].rows > 0]).toEqual([table, true]);
    // Five meetings a year for ten years at every TST, one TST per unit.
    expect(firstSums.forum_meeting.rows).toBe(firstSums.unit.rows * 50);

    const again = await generate(first, 'tiny-seed');
    expect(again.steps.filter((s) => s.step !== 'analyze' && s.done > 0)).toEqual([]);
    expect(again.counts).toEqual(result.counts);
    expect(await checksums(first)).toEqual(firstSums);
  });

  it('gives the same content from the same seed in another database, and other content from another seed', async () => {
    const second = await fresh();
    await generate(second, 'tiny-seed');
    expect(await checksums(second)).toEqual(firstSums);

    const third = await fresh();
    await generate(third, 'other-seed');
    const other = await checksums(third);
    expect(other.municipality.rows).toBe(firstSums.municipality.rows);
    expect(other.forum_meeting.md5).not.toBe(firstSums.forum_meeting.md5);
    expect(other.ledger_entry.md5).not.toBe(firstSums.ledger_entry.md5);
  });

  it('answers through the API: a generated municipality’s dashboard and its TSTs’ compliance', async () => {
    const {
      rows: [m],
    } = await first.owner.query<{ number: string; region: string; units: number }>(
      `SELECT m.number, r.code AS region, (SELECT count(*)::int FROM unit u WHERE u.municipality_id = m.id) AS units
         FROM municipality m JOIN region r ON r.id = m.region_id WHERE r.code LIKE 'nat-%' ORDER BY m.number LIMIT 1`,
    );
    const director = await first.token(Role.MUNICIPAL_DIRECTOR, { municipality: m.number });
    const dashboard = ok(await first.gql(MUNICIPALITY_DASHBOARD, { number: m.number, period: '2025-12' }, director)).municipalityDashboard;
    expect(dashboard.municipality.number).toBe(m.number);
    expect(dashboard.services).toHaveLength(3);
    const barnevern = dashboard.services.find((s: any) => s.service.name.startsWith('Barnevern'));
    expect(barnevern.costs.report).toEqual({ period: '2025-12', version: 1 });
    expect(dashboard.plans[0].implementation).toEqual(expect.arrayContaining([expect.objectContaining({ municipality: { number: m.number }, measureCount: 40 })]));

    const admin = await first.token(Role.REGION_ADMIN, { region: m.region });
    const compliance = ok(
      await first.gql(`query($n: String!, $p: String!) { forumCompliance(municipalityNumber: $n, period: $p) { summary { forums meetingsHeld } } }`, { n: m.number, p: '2025' }, admin),
    ).forumCompliance;
    expect(compliance.summary).toEqual({ forums: m.units, meetingsHeld: m.units * 5 });
  });
});
