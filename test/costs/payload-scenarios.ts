import { Role } from '../../src/auth/roles';
import { TestApp } from '../helpers/test-app';
import { costFixture, importLedger, ledgerCsv, mutate } from './fixtures';

/** test/payloads.test.ts: a successful call of every costs mutation (each on a fixture of its own). */
export interface PayloadScenario {
  token(): Promise<string>;
  input(): Promise<Record<string, unknown>>;
}

export function payloadScenarios(app: () => TestApp): Record<string, PayloadScenario> {
  const admin = () => app().token(Role.REGION_ADMIN);
  const folldal = (role: Role) => () => app().token(role, { municipality: '3429' });
  /** The host finance of a fresh fixture, created once per scenario when its token is asked for first. */
  const withFixture = (input: (f: Awaited<ReturnType<typeof costFixture>>) => Promise<Record<string, unknown>>, token?: () => Promise<string>): PayloadScenario => {
    let fixture: Promise<Awaited<ReturnType<typeof costFixture>>> | undefined;
    const f = () => (fixture ??= costFixture(app()));
    return { token: async () => (token ? token() : (await f()).hostFinance), input: async () => input(await f()) };
  };
  const draft = async (f: Awaited<ReturnType<typeof costFixture>>) =>
    (await mutate(app(), f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-01' }, 'report { id }')).report.id;
  return {
    createCostCategory: { token: admin, input: async () => ({ code: 'nyttelast-kategori', name: 'Nyttelast', accounts: [{ funksjon: '890', artFrom: '010', artTo: '099' }] }) },
    updateCostCategory: withFixture(async (f) => ({ id: f.shared.gid, name: 'Nytt navn', description: null }), admin),
    setCostAgreement: withFixture(async (f) => ({ serviceId: f.serviceGid, validFrom: '2030-01-01', equalShareBp: 2500, populationShareBp: 7500, directCategoryIds: [f.direct.gid] })),
    defineLedgerMapping: withFixture(async (f) => ({ serviceId: f.serviceGid, profile: 'VISMA_ENTERPRISE', municipalityColumn: 'Kommune' })),
    setCostBudget: withFixture(async (f) => ({ serviceId: f.serviceGid, categoryId: f.shared.gid, year: 2025, amountOre: '123456', monthlyProfile: [1, 1, 1, 1, 1, 2, 0, 1, 1, 1, 1, 1] })),
    prepareCostReport: withFixture(async (f) => ({ serviceId: f.serviceGid, period: '2024-01' })),
    publishCostReport: withFixture(async (f) => ({ reportId: await draft(f) })),
    discardCostReportDraft: withFixture(async (f) => ({ reportId: await draft(f) })),
    createCostAlertRule: withFixture(async (f) => ({ serviceId: f.serviceGid, name: 'Regel', basis: 'PREVIOUS_REPORT', thresholdPercent: 10, municipalityNumber: '3429', categoryId: f.shared.gid })),
    updateCostAlertRule: withFixture(async (f) => ({
      id: (await mutate(app(), f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Regel', basis: 'BUDGET', thresholdOre: '100' }, 'rule { id }')).rule.id,
      thresholdPercent: 5,
    })),
    acknowledgeCostAlert: withFixture(async (f) => {
      await mutate(app(), f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Regel', basis: 'BUDGET', thresholdOre: '100' }, 'rule { id }');
      await importLedger(app(), f.hostFinance, ledgerCsv([{ voucher: 'N-1', date: '2024-01-10', funksjon: f.direct.funksjon, ore: 50_000_00, kommunenummer: '3429' }]));
      const id = (await app().owner.query(`SELECT id FROM cost_alert WHERE service_id = $1 AND municipality_id = $2`, [f.serviceId, f.municipalities['3429']])).rows[0].id;
      return { alertId: Buffer.from(`CostAlert:${id}`).toString('base64url') };
    }, folldal(Role.MUNICIPAL_FINANCE)),
    setCostAlertWebhook: { token: folldal(Role.MUNICIPAL_DIRECTOR), input: async () => ({ url: 'https://example.org/nyttelast', rotateSecret: true }) },
  };
}
