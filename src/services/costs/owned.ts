import { In } from 'typeorm';
import { Context } from '../../context';
import { CostAgreement, CostReport, CostReportLine, CostReportStatus } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { MunicipalityPopulation } from '../../entities/reference/municipality-population';
import { SharedService } from '../../entities/reference/shared-service';
import { badInput } from '../../errors';
import { requireRole } from '../access';
import { MUNICIPAL_READERS } from './guard';
import { firstOfMonth, keyOn, lastOfMonth, loadKeyHistory } from './report-data';
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

export async function ownedServiceCosts(ctx: Context, yearArg: number | null | undefined, now = new Date()): Promise<OwnedServiceCost[]> {
  requireRole(ctx, MUNICIPAL_READERS, 'Listing the costs of owned services');
  const thisYear = now.getUTCFullYear();
  const year = yearArg ?? thisYear;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'range', 'must be a year 2000–2100');
  const month = year === thisYear ? now.getUTCMonth() + 1 : year < thisYear ? 12 : 1;
  const day = firstOfMonth(year, month);
  const me = ctx.principal.municipalityId!;
  const em = await ctx.db.manager();
  const owned: { serviceId: string }[] = await em.query(
    `SELECT DISTINCT p.service_id AS "serviceId" FROM ownership_period p JOIN ownership_period_owner o ON o.period_id = p.id
      WHERE o.municipality_id = $1 AND p.valid_from <= $3 AND (p.valid_to IS NULL OR p.valid_to >= $2)`,
    [me, firstOfMonth(year, 1), lastOfMonth(year, 12)],
  );
  const serviceIds = owned.map((o) => o.serviceId);
  if (!serviceIds.length) return [];
  const services = await em.getRepository(SharedService).findBy({ id: In(serviceIds) });
  const history = await loadKeyHistory(em, serviceIds, day, day);
  const keys = new Map(serviceIds.map((id) => [id, keyOn(history, id, day)]));
  const ownerIds = [...new Set([...keys.values()].flatMap((k) => (k ? [...k.ownerIds] : [])))];
  // Kommunenummer: the same tie-break as the reports' allocations.
  const numbers = new Map((ownerIds.length ? await em.getRepository(Municipality).findBy({ id: In(ownerIds) }) : []).map((m) => [m.id, m.number]));
  const populations = new Map((ownerIds.length ? await em.getRepository(MunicipalityPopulation).findBy({ municipalityId: In(ownerIds), year }) : []).map((p) => [p.municipalityId, p.aged0To17]));
  const reports: CostReport[] = await em
    .getRepository(CostReport)
    .createQueryBuilder('r')
    .distinctOn(['r.service_id'])
    .where('r.service_id IN (:...ids) AND r.status = :published AND r.period LIKE :year', { ids: serviceIds, published: CostReportStatus.PUBLISHED, year: `${year}-%` })
    .orderBy('r.service_id')
    .addOrderBy('r.period', 'DESC')
    .addOrderBy('r.version', 'DESC')
    .getMany();
  const lines = reports.length ? await em.getRepository(CostReportLine).findBy({ reportId: In(reports.map((r) => r.id)) }) : [];
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
