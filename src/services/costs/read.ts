import { In } from 'typeorm';
import { ROLE_SCOPE } from '../../auth/roles';
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
import { badInput } from '../../errors';
import { idOfType } from '../../global-id';
import { requireRead, requireScope } from '../access';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { assertKommunenummer } from '../reference/kommunenummer';
import { lastOfMonth } from './report-data';
import { monthlyBudget } from './report-math';
import { assertPeriod, READ_COST_WEBHOOK, READ_COST_ALERTS, READ_COST_CONFIGURATION, READ_COST_REPORTS, READ_SERVICE_COSTS } from './guard';

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
        const em = await ctx.db.manager();
        const rows = await em.getRepository(CostReport).findBy({ supersedesId: In([...ids]), status: CostReportStatus.PUBLISHED });
        return ids.map((id) => rows.find((r) => r.supersedesId === id) ?? null);
      })
      .load(reportId),
};

/** The service a query names, or for a service-scoped role its own (FORBIDDEN for another one). */
function serviceFilter(ctx: Context, serviceId: string | null | undefined): string | undefined {
  const own = ROLE_SCOPE[ctx.principal.role] === 'SERVICE' ? ctx.principal.serviceId : undefined;
  if (!serviceId) return own;
  const id = idOfType(serviceId, 'SharedService');
  if (!id) throw badInput('serviceId', 'id', 'is not a SharedService ID');
  if (own) requireScope(id === own, 'You may read costs of your own shared service only.');
  return id;
}

export async function listCostCategories(ctx: Context): Promise<CostCategory[]> {
  requireRead(ctx, READ_COST_CONFIGURATION);
  const em = await ctx.db.manager();
  return em.getRepository(CostCategory).find({ order: { position: 'ASC', code: 'ASC' } });
}

export async function listCostAgreements(ctx: Context, serviceId: string | null | undefined): Promise<CostAgreement[]> {
  requireRead(ctx, READ_COST_CONFIGURATION);
  const id = serviceId ? idOfType(serviceId, 'SharedService') : undefined;
  if (serviceId && !id) throw badInput('serviceId', 'id', 'is not a SharedService ID');
  const em = await ctx.db.manager();
  return em.getRepository(CostAgreement).find({ where: id ? { serviceId: id } : {}, order: { validFrom: 'ASC' } });
}

export async function listCostBudgets(ctx: Context, serviceId: string | null | undefined, year: number): Promise<CostBudget[]> {
  requireRead(ctx, READ_SERVICE_COSTS);
  const id = serviceFilter(ctx, serviceId);
  const em = await ctx.db.manager();
  return em.getRepository(CostBudget).find({ where: { year, ...(id ? { serviceId: id } : {}) }, order: { categoryId: 'ASC' } });
}

/** A budget's twelve months (largest remainder by its profile: they add up to the annual amount). */
export const budgetMonths = (b: CostBudget) => monthlyBudget(BigInt(b.amountOre), b.monthlyProfile).map(String);

export async function listLedgerEntries(ctx: Context, filter: PageRequest & { serviceId?: string | null; period?: string | null }) {
  requireRead(ctx, READ_SERVICE_COSTS);
  const serviceId = serviceFilter(ctx, filter.serviceId);
  if (filter.period) assertPeriod(filter.period, 'period');
  const { offset, limit } = pageWindow(filter);
  const em = await ctx.db.manager();
  const q = em.getRepository(LedgerEntry).createQueryBuilder('e');
  if (serviceId) q.andWhere('e.service_id = :serviceId', { serviceId });
  // A date range, so the (service_id, posting_date) index finds the month.
  if (filter.period) q.andWhere('e.posting_date BETWEEN :from AND :to', { from: `${filter.period}-01`, to: lastOfMonth(Number(filter.period.slice(0, 4)), Number(filter.period.slice(5, 7))) });
  const [rows, total] = await q.orderBy('e.posting_date', 'ASC').addOrderBy('e.voucher', 'ASC').addOrderBy('e.voucher_line', 'ASC').skip(offset).take(limit).getManyAndCount();
  return toConnection(rows, total, offset);
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
  requireRead(ctx, READ_COST_REPORTS);
  const serviceId = serviceFilter(ctx, filter.serviceId);
  if (filter.period) assertPeriod(filter.period, 'period');
  const { offset, limit } = pageWindow(filter);
  const em = await ctx.db.manager();
  const q = em.getRepository(CostReport).createQueryBuilder('r');
  if (serviceId) q.andWhere('r.service_id = :serviceId', { serviceId });
  if (filter.year) q.andWhere('r.period LIKE :year', { year: `${filter.year}-%` });
  if (filter.period) q.andWhere('r.period = :period', { period: filter.period });
  if (filter.status) q.andWhere('r.status = :status', { status: filter.status });
  // RLS applies inside the subquery too: "newest" is the newest this caller may see.
  if (filter.currentOnly) q.andWhere('NOT EXISTS (SELECT 1 FROM cost_report n WHERE n.service_id = r.service_id AND n.period = r.period AND n.version > r.version)');
  const [rows, total] = await q.orderBy('r.period', 'DESC').addOrderBy('r.service_id', 'ASC').addOrderBy('r.version', 'DESC').skip(offset).take(limit).getManyAndCount();
  return toConnection(rows, total, offset);
}

/** A report of a service and month: the given version, else the newest the caller may see. */
export async function findCostReport(ctx: Context, serviceId: string, period: string, version: number | null | undefined): Promise<CostReport | null> {
  requireRead(ctx, READ_COST_REPORTS);
  const id = serviceFilter(ctx, serviceId)!;
  assertPeriod(period, 'period');
  const em = await ctx.db.manager();
  return em.getRepository(CostReport).findOne({ where: { serviceId: id, period, ...(version ? { version } : {}) }, order: { version: 'DESC' } });
}

export async function listCostAlertRules(ctx: Context, serviceId: string | null | undefined): Promise<CostAlertRule[]> {
  requireRead(ctx, READ_SERVICE_COSTS);
  const id = serviceFilter(ctx, serviceId);
  const em = await ctx.db.manager();
  return em.getRepository(CostAlertRule).find({ where: id ? { serviceId: id } : {}, order: { createdAt: 'ASC', id: 'ASC' } });
}

export async function listCostAlerts(ctx: Context, filter: PageRequest & { acknowledged?: boolean | null; serviceId?: string | null; period?: string | null }) {
  requireRead(ctx, READ_COST_ALERTS);
  const serviceId = serviceFilter(ctx, filter.serviceId);
  if (filter.period) assertPeriod(filter.period, 'period');
  const { offset, limit } = pageWindow(filter);
  const em = await ctx.db.manager();
  const q = em.getRepository(CostAlert).createQueryBuilder('a');
  if (serviceId) q.andWhere('a.service_id = :serviceId', { serviceId });
  if (filter.period) q.andWhere('a.period = :period', { period: filter.period });
  if (filter.acknowledged === true) q.andWhere('a.acknowledged_at IS NOT NULL');
  if (filter.acknowledged === false) q.andWhere('a.acknowledged_at IS NULL');
  const [rows, total] = await q.orderBy('a.raised_at', 'DESC').addOrderBy('a.id', 'ASC').skip(offset).take(limit).getManyAndCount();
  return toConnection(rows, total, offset);
}

export async function findCostWebhook(ctx: Context, municipalityNumber: string | null | undefined): Promise<CostWebhook | null> {
  requireRead(ctx, READ_COST_WEBHOOK);
  const em = await ctx.db.manager();
  if (municipalityNumber) {
    assertKommunenummer(municipalityNumber, 'municipalityNumber');
    const m = await em.getRepository(Municipality).findOneBy({ number: municipalityNumber });
    requireScope(!m || m.id === ctx.principal.municipalityId, 'You may read the webhook of your own municipality only.');
  }
  return em.getRepository(CostWebhook).findOneBy({ municipalityId: ctx.principal.municipalityId! });
}
