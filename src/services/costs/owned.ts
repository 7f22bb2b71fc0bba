import { Context, nowOf } from '../../context';
import { aggregate, sqlOf } from '../../db/reads';
import { CostAgreement, CostReport, CostReportLine, CostReportStatus } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { MunicipalityPopulation } from '../../entities/reference/municipality-population';
import { SharedService } from '../../entities/reference/shared-service';
import { badInput } from '../../errors';
import { ownScope, requireRole } from '../access';
import { MUNICIPAL_READERS } from './guard';
import { osloMonth } from '../dates';
import { firstOfMonth, keyOn, lastOfMonth, readKeyHistory } from './report-data';
import { allocateByKey } from './report-math';

/**
 * What a kommunedirektør asks first: the shared services my municipality owns this year, my share
 * of each, and the latest published figures. A fixed number of statements, however many services.
 */

export interface OwnedServiceCost {
  service: SharedService;
  year: number;
  /** The month whose key the share is of: the current month this year, December of a past year. */
  keyMonth: string;
  agreement: CostAgreement | null;
  /** Parts per million of the shared costs (largest remainder over the owners: they add up to 100 %). */
  sharePpm: number | null;
  population: number | null;
  /** The newest published report of the year, the municipality's own total line and the all-owner total. */
  report: CostReport | null;
  own: CostReportLine | null;
  total: CostReportLine | null;
}

export async function ownedServiceCosts(ctx: Context, yearArg: number | null | undefined): Promise<OwnedServiceCost[]> {
  ctx = requireRole(ctx, MUNICIPAL_READERS, 'Listing the costs of owned services');
  const { year: thisYear, month: thisMonth } = osloMonth(nowOf(ctx));
  const year = yearArg ?? thisYear;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'range', { key: 'common.errors.yearBetween', params: { min: 2000, max: 2100 } });
  const month = year === thisYear ? thisMonth : year < thisYear ? 12 : 1;
  const day = firstOfMonth(year, month);
  const me = ownScope(ctx, 'MUNICIPALITY');
  const serviceIds = await ctx.db.read<string[]>({
    sql: `SELECT coalesce(json_agg(DISTINCT p.service_id), '[]') FROM ownership_period p JOIN ownership_period_owner o ON o.period_id = p.id
      WHERE o.municipality_id = $1::uuid AND p.valid_from <= $3::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date)`,
    params: [me, firstOfMonth(year, 1), lastOfMonth(year, 12)],
  });
  if (!serviceIds.length) return [];
  // One wave: the services, their keys, the newest published report of the year of each and its lines.
  const reportRows = ctx.db.rows(CostReport);
  const newest = `SELECT DISTINCT ON (r.service_id) r.* FROM cost_report r WHERE r.service_id = ANY($1::uuid[]) AND r.status = $2::text AND r.period LIKE $3::text
    ORDER BY r.service_id, r.period DESC, r.version DESC`;
  const reportsSql = sqlOf(reportRows, 'costs:owned:reports', () => `SELECT ${aggregate(reportRows.json('t'), ['t.service_id ASC'])} FROM (${newest}) t`);
  const lineRows = ctx.db.rows(CostReportLine);
  const linesSql = sqlOf(lineRows, 'costs:owned:lines', () => `SELECT ${aggregate(lineRows.json('t'), [])} FROM ${lineRows.table} t WHERE t.report_id IN (SELECT n.id FROM (${newest}) n)`);
  const newestParams = [serviceIds, CostReportStatus.PUBLISHED, `${year}-%`];
  const [services, history, reports, lines] = await Promise.all([
    ctx.loaders.list(SharedService, { id: serviceIds }),
    readKeyHistory(ctx, serviceIds, day, day),
    ctx.loaders.readRows(CostReport, { sql: reportsSql, params: newestParams }).then((found) => found.map((r) => r.row)),
    ctx.loaders.readRows(CostReportLine, { sql: linesSql, params: newestParams }).then((found) => found.map((r) => r.row)),
  ]);
  const keys = new Map(serviceIds.map((id) => [id, keyOn(history, id, day)]));
  const ownerIds = [...new Set([...keys.values()].flatMap((k) => (k ? [...k.ownerIds] : [])))];
  // Kommunenummer: the same tie-break as the reports' allocations.
  const [municipalities, populationRows] = ownerIds.length
    ? await Promise.all([ctx.loaders.list(Municipality, { id: ownerIds }), ctx.loaders.list(MunicipalityPopulation, { municipalityId: ownerIds, year })])
    : [[], []];
  const numbers = new Map(municipalities.map((m) => [m.id, m.number]));
  const populations = new Map(populationRows.map((p) => [p.municipalityId, p.aged0To17]));
  return services
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'))
    .map((service) => {
      const key = keys.get(service.id) ?? null;
      const report = reports.find((r) => r.serviceId === service.id) ?? null;
      const totals = lines.filter((l) => l.reportId === report?.id && l.categoryId === null);
      let sharePpm: number | null = null;
      if (key && key.ownerIds.includes(me) && (key.populationBp === 0 || key.ownerIds.every((id) => populations.has(id)))) {
        const members = key.ownerIds.map((id) => ({ id, number: numbers.get(id) ?? '', population: populations.get(id) ?? 0 }));
        sharePpm = Number(allocateByKey(1_000_000n, key.equalBp, key.populationBp, members)[key.ownerIds.indexOf(me)]);
      }
      return {
        service,
        year,
        keyMonth: day.slice(0, 7),
        agreement: key ? (history.agreements.find((a) => a.id === key.agreementId) ?? null) : null,
        sharePpm,
        population: populations.get(me) ?? null,
        report,
        own: totals.find((l) => l.municipalityId === me) ?? null,
        total: totals.find((l) => l.municipalityId === null) ?? null,
      };
    });
}
