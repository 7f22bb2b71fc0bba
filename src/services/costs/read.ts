import { actsAt } from '../../auth/roles';
import { Context } from '../../context';
import {
  CostAgreement,
  CostAgreementDirectCategory,
  CostAlert,
  CostAlertDelivery,
  CostAlertRule,
  CostBudget,
  CostCategory,
  CostCategoryAccount,
  CostReport,
  CostReportLine,
  CostReportStatus,
  CostWebhook,
  LedgerEntry,
} from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { Conditions, conditionsPageRead } from '../../db/reads';
import { badInput } from '../../errors';
import { idOfType } from '../../global-id';
import { ownScope, requireRead, requireScope } from '../access';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { assertKommunenummer } from '../reference/kommunenummer';
import { lastOfMonth } from './report-data';
import { monthlyBudget } from './report-math';
import { actsOnService, assertPeriod, READ_COST_WEBHOOK, READ_COST_ALERTS, READ_COST_CONFIGURATION, READ_COST_REPORTS, READ_SERVICE_COSTS, soleServiceOf } from './guard';

/** Reads of the costs feature: role first (FORBIDDEN before any SQL), then RLS decides the rows. */

/** Per-request batched relations; every field resolver goes through these. */
export const costLoaders = {
  accounts: (ctx: Context, categoryId: string) => ctx.loaders.manyBy(CostCategoryAccount, 'categoryId', { funksjon: 'ASC', artFrom: 'ASC' }).load(categoryId),
  async directCategories(ctx: Context, agreementId: string): Promise<CostCategory[]> {
    const links = await ctx.loaders.manyBy(CostAgreementDirectCategory, 'agreementId').load(agreementId);
    const found = await ctx.loaders.byId(CostCategory).loadMany(links.map((l) => l.categoryId));
    return found.filter((c): c is CostCategory => c instanceof CostCategory).sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
  },
  lines: (ctx: Context, reportId: string) => ctx.loaders.manyBy(CostReportLine, 'reportId', { position: 'ASC' }).load(reportId),
  deliveries: (ctx: Context, alertId: string) => ctx.loaders.manyBy(CostAlertDelivery, 'alertId', { createdAt: 'ASC' }).load(alertId),
  /** The published version that corrects this one, if any. */
  supersededBy: (ctx: Context, reportId: string) =>
    ctx.loaders
      .custom<string, CostReport | null>('costs:supersededBy', async (ids) => {
        const rows = await ctx.loaders.list(CostReport, { supersedesId: [...ids], status: CostReportStatus.PUBLISHED });
        return ids.map((id) => rows.find((r) => r.supersedesId === id) ?? null);
      })
      .load(reportId),
};

/** The service a query names (FORBIDDEN for another one than a service role's), or the one service a service-scoped caller holds. */
function serviceFilter(ctx: Context, serviceId: string | null | undefined): string | undefined {
  if (!serviceId) return soleServiceOf(ctx);
  const id = idOfType(serviceId, 'SharedService');
  if (!id) throw badInput('serviceId', 'id', { key: 'common.errors.notIdOf', params: { type: 'SharedService' } });
  requireScope(actsOnService(ctx, id), { key: 'costs.errors.readOwnServiceOnly' });
  return id;
}

export async function listCostCategories(ctx: Context): Promise<CostCategory[]> {
  ctx = requireRead(ctx, READ_COST_CONFIGURATION);
  return ctx.loaders.list(CostCategory, {}, { position: 'ASC', code: 'ASC' });
}

export async function listCostAgreements(ctx: Context, serviceId: string | null | undefined): Promise<CostAgreement[]> {
  ctx = requireRead(ctx, READ_COST_CONFIGURATION);
  const id = serviceId ? idOfType(serviceId, 'SharedService') : undefined;
  if (serviceId && !id) throw badInput('serviceId', 'id', { key: 'common.errors.notIdOf', params: { type: 'SharedService' } });
  return ctx.loaders.list(CostAgreement, id ? { serviceId: id } : {}, { validFrom: 'ASC' });
}

export async function listCostBudgets(ctx: Context, serviceId: string | null | undefined, year: number): Promise<CostBudget[]> {
  ctx = requireRead(ctx, READ_SERVICE_COSTS);
  const id = serviceFilter(ctx, serviceId);
  return ctx.loaders.list(CostBudget, { year, ...(id ? { serviceId: id } : {}) }, { categoryId: 'ASC' });
}

/** A budget's twelve months (largest remainder by its profile: they add up to the annual amount). */
export const budgetMonths = (b: CostBudget) => monthlyBudget(BigInt(b.amountOre), b.monthlyProfile).map(String);

export async function listLedgerEntries(ctx: Context, filter: PageRequest & { serviceId?: string | null; period?: string | null }) {
  ctx = requireRead(ctx, READ_SERVICE_COSTS);
  const serviceId = serviceFilter(ctx, filter.serviceId);
  if (filter.period) assertPeriod(filter.period, 'period');
  const window = pageWindow(filter);
  const where = new Conditions();
  if (serviceId) where.add('service', [serviceId], (s) => `t.service_id = ${s}::uuid`);
  // A date range, so the (service_id, posting_date) index finds the month.
  if (filter.period)
    where.add(
      'period',
      [`${filter.period}-01`, lastOfMonth(Number(filter.period.slice(0, 4)), Number(filter.period.slice(5, 7)))],
      (from, to) => `t.posting_date BETWEEN ${from}::date AND ${to}::date`,
    );
  const read = conditionsPageRead(ctx.db.rows(LedgerEntry), 'costs:ledger', where, ['t.posting_date ASC', 't.voucher ASC', 't.voucher_line ASC', 't.id ASC'], window);
  const { rows, total } = await ctx.loaders.readPage(LedgerEntry, read);
  return toConnection(rows, total, window.offset);
}

export interface ReportFilter extends PageRequest {
  serviceId?: string | null;
  year?: number | null;
  period?: string | null;
  status?: CostReportStatus | null;
  /** Only the version in force of each month (the newest published; for the service also a newer draft). */
  currentOnly?: boolean | null;
}

export async function listCostReports(ctx: Context, filter: ReportFilter) {
  ctx = requireRead(ctx, READ_COST_REPORTS);
  const serviceId = serviceFilter(ctx, filter.serviceId);
  if (filter.period) assertPeriod(filter.period, 'period');
  const window = pageWindow(filter);
  const where = new Conditions();
  if (serviceId) where.add('service', [serviceId], (s) => `t.service_id = ${s}::uuid`);
  if (filter.year) where.add('year', [`${filter.year}-%`], (y) => `t.period LIKE ${y}::text`);
  if (filter.period) where.add('period', [filter.period], (p) => `t.period = ${p}::text`);
  if (filter.status) where.add('status', [filter.status], (s) => `t.status = ${s}::text`);
  // RLS applies inside the subquery too: "newest" is the newest this caller may see.
  if (filter.currentOnly) where.add('current', [], () => 'NOT EXISTS (SELECT 1 FROM cost_report n WHERE n.service_id = t.service_id AND n.period = t.period AND n.version > t.version)');
  const read = conditionsPageRead(ctx.db.rows(CostReport), 'costs:reports', where, ['t.period DESC', 't.service_id ASC', 't.version DESC', 't.id ASC'], window);
  const { rows, total } = await ctx.loaders.readPage(CostReport, read);
  return toConnection(rows, total, window.offset);
}

/** A report of a service and month: the given version, else the newest the caller may see. */
export async function findCostReport(ctx: Context, serviceId: string, period: string, version: number | null | undefined): Promise<CostReport | null> {
  ctx = requireRead(ctx, READ_COST_REPORTS);
  const id = serviceFilter(ctx, serviceId)!;
  assertPeriod(period, 'period');
  const [newest] = await ctx.loaders.list(CostReport, { serviceId: id, period, ...(version ? { version } : {}) }, { version: 'DESC' });
  return newest ?? null;
}

export async function listCostAlertRules(ctx: Context, serviceId: string | null | undefined): Promise<CostAlertRule[]> {
  ctx = requireRead(ctx, READ_SERVICE_COSTS);
  const id = serviceFilter(ctx, serviceId);
  return ctx.loaders.list(CostAlertRule, id ? { serviceId: id } : {}, { createdAt: 'ASC', id: 'ASC' });
}

export async function listCostAlerts(ctx: Context, filter: PageRequest & { acknowledged?: boolean | null; serviceId?: string | null; period?: string | null }) {
  ctx = requireRead(ctx, READ_COST_ALERTS);
  const serviceId = serviceFilter(ctx, filter.serviceId);
  if (filter.period) assertPeriod(filter.period, 'period');
  const window = pageWindow(filter);
  const where = new Conditions();
  if (serviceId) where.add('service', [serviceId], (s) => `t.service_id = ${s}::uuid`);
  if (filter.period) where.add('period', [filter.period], (p) => `t.period = ${p}::text`);
  if (filter.acknowledged === true) where.add('acknowledged', [], () => 't.acknowledged_at IS NOT NULL');
  if (filter.acknowledged === false) where.add('unacknowledged', [], () => 't.acknowledged_at IS NULL');
  const read = conditionsPageRead(ctx.db.rows(CostAlert), 'costs:alerts', where, ['t.raised_at DESC', 't.id ASC'], window);
  const { rows, total } = await ctx.loaders.readPage(CostAlert, read);
  return toConnection(rows, total, window.offset);
}

export async function findCostWebhook(ctx: Context, municipalityNumber: string | null | undefined): Promise<CostWebhook | null> {
  ctx = requireRead(ctx, READ_COST_WEBHOOK);
  if (municipalityNumber) assertKommunenummer(municipalityNumber, 'municipalityNumber');
  // One wave: the named municipality (for the scope check) and the caller's webhook.
  const [named, [webhook]] = await Promise.all([
    municipalityNumber ? ctx.loaders.list(Municipality, { number: municipalityNumber }) : [],
    ctx.loaders.list(CostWebhook, { municipalityId: ownScope(ctx, 'MUNICIPALITY') }),
  ]);
  if (municipalityNumber) requireScope(!named[0] || actsAt(ctx.principal, named[0].id), { key: 'costs.errors.webhookOwnMunicipalityOnly' });
  return webhook ?? null;
}
