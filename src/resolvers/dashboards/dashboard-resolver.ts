import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { OwnedServiceCostView } from '../../schema/costs/types';
import { MunicipalityComparison, MunicipalityDashboard, ServiceDashboard } from '../../schema/dashboards/types';
import { municipalityComparison, municipalityDashboard, serviceDashboard } from '../../services/dashboards/dashboards';

@Resolver(() => MunicipalityDashboard)
export class DashboardResolver {
  @Query(() => MunicipalityDashboard, {
    description:
      "MUNICIPAL_DIRECTOR, MUNICIPAL_FINANCE, AUDITOR of the municipality: its shared services' costs and alerts, activity statistics per 1,000 children against the cooperation, fora compliance and the plan's follow-up, in one query (docs/dashboards.md).",
  })
  async municipalityDashboard(
    @Arg('number', { description: 'Kommunenummer.' }) number: string,
    @Arg('period', () => String, { nullable: true, description: 'A month, "YYYY-MM"; default this month; not in the future.' }) period: string | null,
    @Ctx() ctx: Context,
  ): Promise<MunicipalityDashboard> {
    const d = await municipalityDashboard(ctx, { number, period });
    return { ...d, services: d.services.map((s) => ({ ...s, costs: Object.assign(new OwnedServiceCostView(), s.costs) })) };
  }

  @Query(() => ServiceDashboard, {
    description:
      "SERVICE_LEADER and HOST_FINANCE of the service: costs per owner, alerts, activity statistics, the fora load on its staff and the plans' follow-up, in one query (docs/dashboards.md).",
  })
  async serviceDashboard(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('period', () => String, { nullable: true, description: 'A month, "YYYY-MM"; default this month; not in the future.' }) period: string | null,
    @Ctx() ctx: Context,
  ): Promise<ServiceDashboard> {
    return serviceDashboard(ctx, { serviceId, period });
  }

  @Query(() => MunicipalityComparison, {
    description: 'AUDITOR (kontrollutvalg) and MUNICIPAL_DIRECTOR of an owner municipality: the owners side by side per 1,000 children aged 0–17, per metric and year (docs/dashboards.md).',
  })
  async municipalityComparison(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('from', { description: 'First year, "YYYY".' }) from: string,
    @Arg('to', { description: 'Last year, "YYYY": not after this year; at most 20 years in all.' }) to: string,
    @Arg('metrics', () => [String], { nullable: true, description: 'Metric codes; default the key metrics of the service kind.' }) metrics: string[] | null,
    @Ctx() ctx: Context,
  ): Promise<MunicipalityComparison> {
    const c = await municipalityComparison(ctx, { serviceId, from, to, metrics });
    return { ...c, standingOut: c.rows.filter((r) => r.standsOut) };
  }
}
