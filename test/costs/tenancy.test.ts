import { Role } from '../../src/auth/roles';
import { ApiQuery, asApiRole, municipalityId, regionId, scalar, serviceId, toGlobalId, unitId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { importLedger, ledgerCsv, mutate, refused } from './fixtures';

/**
 * Every table of the costs feature against another region, another municipality and another
 * service: through the API, and with the service checks bypassed (raw SQL as the API role with the
 * caller's context). The demo data of Nord-Østerdal fills every table; the setup adds a webhook,
 * a delivery and a draft.
 */
let app: TestApp;
const TABLES = [
  'cost_category',
  'cost_category_account',
  'cost_agreement',
  'cost_agreement_direct_category',
  'cost_budget',
  'ledger_entry',
  'cost_report',
  'cost_report_line',
  'cost_alert_rule',
  'cost_alert',
  'cost_webhook',
  'cost_alert_delivery',
  'cost_report_export_labels',
];
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  ids.nord = await regionId(app, 'nord-osterdal');
  ids.valdres = await regionId(app, 'valdres');
  ids.barnevern = await serviceId(app, 'barnevern', 'nord-osterdal');
  ids.ppt = await serviceId(app, 'ppt', 'nord-osterdal');
  ids.valdresBarnevern = await serviceId(app, 'barnevern', 'valdres');
  ids.folldal = await municipalityId(app, '3429');
  ids.tynset = await municipalityId(app, '3427');
  ids.sorAurdal = await municipalityId(app, '3449');
  ids.unit = await unitId(app, 'folldal-skole', 'nord-osterdal');
  // A webhook and a delivery (Tynset), and a draft (barnevern, a correction of December).
  const hostFinance = await app.token(Role.HOST_FINANCE, { service: 'barnevern' });
  await mutate(app, await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3427' }), 'setCostAlertWebhook', { url: 'https://example.org/tynset' }, 'secret');
  const res = await importLedger(app, hostFinance, ledgerCsv([{ voucher: 'TEN-1', date: '2024-12-20', funksjon: '252', art: '375', ore: 3_000_000_00, kommunenummer: '3427' }]));
  expect(res.body.changes.some((c: string) => c.startsWith('Alert:'))).toBe(true);
  await mutate(app, hostFinance, 'prepareCostReport', { serviceId: toGlobalId('SharedService', ids.barnevern), period: '2024-12', correctionReason: 'Sent bilag' }, 'report { id }');
  for (const table of TABLES) expect([table, await scalar<number>(app, `SELECT count(*)::int FROM ${table} WHERE region_id = $1`, [ids.nord])]).not.toEqual([table, 0]);
});
afterAll(() => app.close());

interface Caller {
  role: Role;
  region: string;
  municipality?: string;
  service?: string;
  unit?: string;
}

/** Runs `work` as the API role with the caller's RLS context (each statement in a savepoint, so a refusal does not end it), and rolls back. */
async function asCaller<T>(caller: Caller, work: (q: ApiQuery) => Promise<T>): Promise<T> {
  let out: T;
  const settings = { role: caller.role, region_id: caller.region, municipality_id: caller.municipality ?? '', service_id: caller.service ?? '', unit_id: caller.unit ?? '' };
  await asApiRole(app, settings, async (query) => {
    out = await work(async (sql, params) => {
      await query('SAVEPOINT attempt');
      try {
        const result = await query(sql, params);
        await query('RELEASE SAVEPOINT attempt');
        return result;
      } catch (error) {
        await query('ROLLBACK TO SAVEPOINT attempt');
        throw error;
      }
    });
  });
  return out!;
}

/** What a caller can do to the rows `where` selects (as the owner sees them): read, update, delete, and insert a copy. */
async function reach(caller: Caller, table: string, where: string, params: unknown[] = [], alter: Record<string, unknown> = {}) {
  const { rows } = await app.owner.query(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE ${where} LIMIT 1`, params);
  expect(rows.length).toBe(1);
  const copy = { ...rows[0].row, id: '00000000-0000-4000-8000-000000000001', ...alter };
  return asCaller(caller, async (q) => {
    const seen = (await q(`SELECT count(*)::int AS n FROM ${table} t WHERE ${where}`, params))[0].n;
    const changed = async (sql: string) => {
      try {
        return (await q(sql, params))[1];
      } catch (error) {
        expect(String(error)).toMatch(/permission denied|row-level security|cannot change|never changed/);
        return 0;
      }
    };
    const updated = await changed(`UPDATE ${table} t SET region_id = region_id WHERE ${where}`);
    const deleted = await changed(`DELETE FROM ${table} t WHERE ${where}`);
    let inserted = true;
    try {
      await q(`INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, $1::jsonb)`, [JSON.stringify(copy)]);
    } catch (error) {
      expect(String(error)).toMatch(/permission denied|row-level security/);
      inserted = false;
    }
    return { seen, updated, deleted, inserted };
  });
}
const NOTHING = { seen: 0, updated: 0, deleted: 0, inserted: false };

describe('RLS alone: another region', () => {
  const valdresCallers: Caller[] = [
    { role: Role.REGION_ADMIN, region: 'valdres' },
    { role: Role.HOST_FINANCE, region: 'valdres', service: 'valdresBarnevern' },
    { role: Role.SERVICE_LEADER, region: 'valdres', service: 'valdresBarnevern' },
    { role: Role.MUNICIPAL_DIRECTOR, region: 'valdres', municipality: 'sorAurdal' },
  ];
  it.each(TABLES.flatMap((t) => valdresCallers.map((c) => [t, c.role, c] as const)))('%s as a Valdres %s: nothing of Nord-Østerdal to read or change', async (table, _role, c) => {
    const caller = { ...c, region: ids[c.region], municipality: c.municipality && ids[c.municipality], service: c.service && ids[c.service] };
    expect(await reach(caller, table, 'region_id = $1', [ids.nord])).toEqual(NOTHING);
  });
});

describe('RLS alone: another municipality, another service, other roles of the region', () => {
  const nord = (role: Role, scope: Partial<Caller> = {}): Caller => ({ role, region: ids.nord, ...scope });

  it("shows an owner municipality its own lines of published reports and the totals, never another municipality's or a draft", async () => {
    for (const role of [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR]) {
      const folldal = nord(role, { municipality: ids.folldal });
      expect(await reach(folldal, 'cost_report_line', 'municipality_id = $1', [ids.tynset])).toEqual(NOTHING);
      expect(await reach(folldal, 'cost_report', `status = 'DRAFT'`)).toEqual(NOTHING);
      const mine = await asCaller(
        folldal,
        async (q) =>
          (
            await q(`SELECT count(*) FILTER (WHERE municipality_id = $1)::int AS own, count(*) FILTER (WHERE municipality_id IS NULL)::int AS totals, count(*)::int AS n FROM cost_report_line`, [
              ids.folldal,
            ])
          )[0],
      );
      expect(mine.own).toBeGreaterThan(0);
      expect(mine.totals).toBeGreaterThan(0);
      expect(mine.n).toBe(mine.own + mine.totals);
      // The published reports themselves: readable, never changeable.
      const published = await reach(folldal, 'cost_report', `status = 'PUBLISHED' AND service_id = $1`, [ids.barnevern]);
      expect(published).toEqual({ seen: expect.any(Number), updated: 0, deleted: 0, inserted: false });
      expect(published.seen).toBeGreaterThan(20);
      for (const table of ['ledger_entry', 'cost_budget', 'cost_alert_rule']) expect([table, await reach(folldal, table, 'service_id = $1', [ids.barnevern])]).toEqual([table, NOTHING]);
      for (const table of ['cost_alert', 'cost_alert_delivery', 'cost_webhook']) expect([table, await reach(folldal, table, 'municipality_id = $1', [ids.tynset])]).toEqual([table, NOTHING]);
    }
  });

  it("keeps another service's host finance and leader out of a service's budgets, ledger, reports, rules and alerts", async () => {
    for (const role of [Role.HOST_FINANCE, Role.SERVICE_LEADER]) {
      const ppt = nord(role, { service: ids.ppt });
      for (const table of ['cost_budget', 'ledger_entry', 'cost_report', 'cost_report_line', 'cost_alert_rule', 'cost_alert', 'cost_alert_delivery']) {
        expect([table, await reach(ppt, table, 'service_id = $1', [ids.barnevern])]).toEqual([table, NOTHING]);
      }
      // The webhook of an owner municipality: the sending host finance reads it (it signs with it), nobody else.
      const webhook = await reach(ppt, 'cost_webhook', 'municipality_id = $1', [ids.tynset]);
      expect(webhook).toEqual({ seen: role === Role.HOST_FINANCE ? 1 : 0, updated: 0, deleted: 0, inserted: false });
    }
  });

  it("lets a service's own host finance append ledger entries but never change or delete one", async () => {
    const own = nord(Role.HOST_FINANCE, { service: ids.barnevern });
    const ledger = await reach(own, 'ledger_entry', `service_id = $1 AND voucher = 'TEN-1'`, [ids.barnevern], { voucher: 'TEN-COPY' });
    expect(ledger).toEqual({ seen: 1, updated: 0, deleted: 0, inserted: true });
  });

  it.each([Role.TST_LEADER, Role.TST_MEMBER])('gives a %s nothing at all', async (role) => {
    for (const table of TABLES) expect([table, await reach(nord(role, { unit: ids.unit }), table, 'region_id = $1', [ids.nord])]).toEqual([table, NOTHING]);
  });

  it('lets no one without context see anything', async () => {
    for (const table of TABLES) {
      const n = await asCaller({ role: '' as Role, region: '' }, async (q) => (await q(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
      expect([table, n]).toEqual([table, 0]);
    }
  });
});

describe('through the API: another region', () => {
  it('shows a Valdres caller nothing of Nord-Østerdal and reports its IDs as not found', async () => {
    const valdresFinance = await app.token(Role.HOST_FINANCE, { region: 'valdres', service: 'barnevern' });
    const valdresDirector = await app.token(Role.MUNICIPAL_DIRECTOR, { region: 'valdres', municipality: '3449' });
    const nordReport = (await app.owner.query(`SELECT id FROM cost_report WHERE service_id = $1 AND status = 'PUBLISHED' LIMIT 1`, [ids.barnevern])).rows[0].id;
    const nordAlert = (await app.owner.query(`SELECT id FROM cost_alert WHERE region_id = $1 LIMIT 1`, [ids.nord])).rows[0].id;
    const nordCategory = (await app.owner.query(`SELECT id FROM cost_category WHERE region_id = $1 LIMIT 1`, [ids.nord])).rows[0].id;
    for (const token of [valdresFinance, valdresDirector]) {
      const data = ok(
        await app.gql(
          `query($r: ID!, $a: ID!) { costReports(first: 100) { totalCount } costAlerts(first: 100) { totalCount } costCategories { id } costAgreements { id } report: node(id: $r) { id } alert: node(id: $a) { id } }`,
          { r: toGlobalId('CostReport', nordReport), a: toGlobalId('CostAlert', nordAlert) },
          token,
        ),
      );
      expect(data).toEqual({ costReports: { totalCount: 0 }, costAlerts: { totalCount: 0 }, costCategories: [], costAgreements: [], report: null, alert: null });
    }
    expect((await refused(app, valdresDirector, 'acknowledgeCostAlert', { alertId: toGlobalId('CostAlert', nordAlert) }, 'CostAlertIdInput')).map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect((await refused(app, valdresFinance, 'publishCostReport', { reportId: toGlobalId('CostReport', nordReport) }, 'CostReportIdInput')).map((e) => e.code)).toEqual(['NOT_FOUND']);
    const budget = await refused(app, valdresFinance, 'setCostBudget', {
      serviceId: toGlobalId('SharedService', ids.valdresBarnevern),
      categoryId: toGlobalId('CostCategory', nordCategory),
      year: 2024,
      amountOre: '1',
    });
    expect(budget.map((e) => [e.field.join('.'), e.code])).toEqual([['input.categoryId', 'NOT_FOUND']]);
    const foreignService = await refused(app, valdresFinance, 'setCostAgreement', {
      serviceId: toGlobalId('SharedService', ids.barnevern),
      validFrom: '2030-01-01',
      equalShareBp: 10000,
      populationShareBp: 0,
      directCategoryIds: [],
    });
    expect(foreignService.map((e) => e.code)).toEqual(['NOT_FOUND']);
  });
});
