import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { Context } from '../../context';
import { aggregate, sqlOf } from '../../db/reads';
import { CostAgreement, CostAgreementDirectCategory, CostBudget, CostCategory } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { MunicipalityPopulation } from '../../entities/reference/municipality-population';
import { OwnershipPeriod, OwnershipPeriodOwner } from '../../entities/reference/ownership-period';
import { SharedService } from '../../entities/reference/shared-service';
import { Message } from '../../i18n';
import { ActualSum, computeReport, ComputedReport, MonthKey, ownersOfYear, ReportInput } from './report-math';

/**
 * Loads what a report of one service and month is computed from (a fixed number of statements,
 * whatever the number of ledger entries: sums are grouped in SQL) and computes it. Runs inside
 * the caller's transaction, under RLS.
 */

export const firstOfMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
export const lastOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
export const periodOf = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

const covers = (p: { validFrom: string; validTo: string | null }, day: string) => p.validFrom <= day && (p.validTo === null || day <= p.validTo);

/** Agreements and ownership of services over a span of days (a fixed number of statements for any number of services). */
export interface KeyHistory {
  agreements: CostAgreement[];
  direct: CostAgreementDirectCategory[];
  periods: OwnershipPeriod[];
  owners: OwnershipPeriodOwner[];
}

export async function loadKeyHistory(tx: EntityManager, serviceIds: readonly string[], from = '2000-01-01', to = '2100-12-31'): Promise<KeyHistory> {
  if (!serviceIds.length) return { agreements: [], direct: [], periods: [], owners: [] };
  const span = { ids: [...serviceIds], from, to };
  const overlapping = 'service_id IN (:...ids) AND valid_from <= :to AND (valid_to IS NULL OR valid_to >= :from)';
  // One statement at a time: the request's connection runs them in order anyway.
  const agreements = await tx.getRepository(CostAgreement).createQueryBuilder().where(overlapping, span).orderBy('valid_from').getMany();
  const periods = await tx.getRepository(OwnershipPeriod).createQueryBuilder().where(overlapping, span).getMany();
  const direct = agreements.length ? await tx.getRepository(CostAgreementDirectCategory).findBy({ agreementId: In(agreements.map((a) => a.id)) }) : [];
  const owners = periods.length ? await tx.getRepository(OwnershipPeriodOwner).findBy({ periodId: In(periods.map((p) => p.id)) }) : [];
  return { agreements, direct, periods, owners };
}

/**
 * `loadKeyHistory` through the read path: four reads of one wave (the direct categories and the
 * owners by subquery), whatever the number of services.
 */
export async function readKeyHistory(ctx: Context, serviceIds: readonly string[], from = '2000-01-01', to = '2100-12-31'): Promise<KeyHistory> {
  if (!serviceIds.length) return { agreements: [], direct: [], periods: [], owners: [] };
  const overlapping = (table: string) => `SELECT o.id FROM ${table} o WHERE o.service_id = ANY($1::uuid[]) AND o.valid_from <= $3::date AND (o.valid_to IS NULL OR o.valid_to >= $2::date)`;
  const read = <T extends ObjectLiteral>(entity: EntityTarget<T>, key: string, where: (table: string) => string, order: string[] = []) => {
    const rows = ctx.db.rows(entity);
    const sql = sqlOf(rows, `costs:keyHistory:${key}`, () => `SELECT ${aggregate(rows.json('t'), order)} FROM ${rows.table} t WHERE ${where(rows.table)}`);
    return ctx.loaders.readRows(entity, { sql, params: [[...serviceIds], from, to] }).then((found) => found.map((r) => r.row));
  };
  const [agreements, periods, direct, owners] = await Promise.all([
    read(CostAgreement, 'agreements', (table) => `t.id IN (${overlapping(table)})`, ['t.valid_from ASC']),
    read(OwnershipPeriod, 'periods', (table) => `t.id IN (${overlapping(table)})`),
    read(CostAgreementDirectCategory, 'direct', () => `t.agreement_id IN (${overlapping('cost_agreement')})`),
    read(OwnershipPeriodOwner, 'owners', () => `t.period_id IN (${overlapping('ownership_period')})`),
  ]);
  return { agreements, direct, periods, owners };
}

/** The key of a service on a day: the agreement and the owners then (null when either is missing). */
export function keyOn(history: KeyHistory, serviceId: string, day: string): MonthKey | null {
  const agreement = history.agreements.find((a) => a.serviceId === serviceId && covers(a, day));
  const period = history.periods.find((p) => p.serviceId === serviceId && covers(p, day));
  if (!agreement || !period) return null;
  return {
    agreementId: agreement.id,
    equalBp: agreement.equalShareBp,
    populationBp: agreement.populationShareBp,
    ownerIds: history.owners.filter((o) => o.periodId === period.id).map((o) => o.municipalityId),
    directCategoryIds: new Set(history.direct.filter((d) => d.agreementId === agreement.id).map((d) => d.categoryId)),
  };
}

/** The agreement and owners of a service on the first day of each month of a year (null = none). */
export async function keysOfYear(tx: EntityManager, serviceId: string, year: number): Promise<(MonthKey | null)[]> {
  const history = await loadKeyHistory(tx, [serviceId], firstOfMonth(year, 1), lastOfMonth(year, 12));
  return Array.from({ length: 12 }, (_, i) => keyOn(history, serviceId, firstOfMonth(year, i + 1)));
}

export interface ReportBasis {
  input: ReportInput;
  municipalities: Municipality[];
  categories: CostCategory[];
  /** The agreement in force in the report month. */
  agreementId: string;
  /** What keeps the report from being computed (no agreement, owners without population …). */
  problems: Message[];
}

/** Everything a report is computed from. */
export async function loadReportBasis(tx: EntityManager, service: SharedService, year: number, month: number): Promise<ReportBasis> {
  const keys = await keysOfYear(tx, service.id, year);
  const problems: Message[] = [];
  const missing = keys.slice(0, month).flatMap((k, i) => (k ? [] : [periodOf(year, i + 1)]));
  if (missing.length) problems.push({ key: 'costs.noAgreementForMonths', params: { months: missing.join(', ') } });
  const ownerIds = ownersOfYear(keys);
  const municipalities = ownerIds.length ? await tx.getRepository(Municipality).findBy({ id: In(ownerIds) }) : [];
  const populations = ownerIds.length ? await tx.getRepository(MunicipalityPopulation).findBy({ municipalityId: In(ownerIds), year }) : [];
  const budgets = await tx.getRepository(CostBudget).findBy({ serviceId: service.id, year });
  const actualRows: { categoryId: string; month: number; municipalityId: string | null; amount: string }[] = await tx.query(
    `SELECT category_id AS "categoryId", extract(month FROM posting_date)::int AS month, municipality_id AS "municipalityId", sum(amount_ore)::text AS amount
       FROM ledger_entry WHERE service_id = $1 AND posting_date BETWEEN $2 AND $3
      GROUP BY 1, 2, 3`,
    [service.id, firstOfMonth(year, 1), lastOfMonth(year, month)],
  );
  const population = new Map(populations.map((p) => [p.municipalityId, p.aged0To17]));
  const needsPopulation = keys.some((k) => k && k.populationBp > 0);
  const withoutPopulation = municipalities.filter((m) => !population.has(m.id));
  if (needsPopulation && withoutPopulation.length) {
    problems.push({ key: 'costs.noPopulation', params: { year, municipalities: withoutPopulation.map((m) => `${m.name} (${m.number})`).join(', ') } });
  }
  const actuals: ActualSum[] = actualRows.map((r) => ({ categoryId: r.categoryId, month: r.month, municipalityId: r.municipalityId, amount: BigInt(r.amount) }));
  const categoryIds = [...new Set([...budgets.map((b) => b.categoryId), ...actuals.map((a) => a.categoryId)])];
  const categories = categoryIds.length ? await tx.getRepository(CostCategory).findBy({ id: In(categoryIds) }) : [];
  const agreementId = keys[month - 1]?.agreementId ?? '';
  return {
    agreementId,
    municipalities,
    categories,
    problems,
    input: {
      year,
      month,
      keys,
      owners: municipalities.map((m) => ({ id: m.id, number: m.number, population: population.get(m.id) ?? 0 })),
      categories: categories.map((c) => ({ id: c.id, position: c.position, code: c.code })),
      budgets: new Map(budgets.map((b) => [b.categoryId, { amount: BigInt(b.amountOre), profile: b.monthlyProfile }])),
      actuals,
    },
  };
}

/** The report's figures, or the problems that keep it from being computed. */
export async function computeReportFor(tx: EntityManager, service: SharedService, year: number, month: number): Promise<{ basis: ReportBasis; report: ComputedReport | null }> {
  const basis = await loadReportBasis(tx, service, year, month);
  if (basis.problems.length) return { basis, report: null };
  return { basis, report: computeReport(basis.input) };
}
