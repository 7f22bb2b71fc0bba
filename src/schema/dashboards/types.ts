import { GraphQLDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CostAlert, CostReport, CostReportLine } from '../../entities/costs';
import { StrategicPlan } from '../../entities/plans/strategic-plan';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { StatisticsView } from '../../entities/statistics/enums';
import { StatisticsMetric } from '../../entities/statistics/metric';
import * as dashboards from '../../services/dashboards/dashboards';
import * as figures from '../../services/dashboards/figures';
import { OwnedServiceCostView } from '../costs/types';
import { ComplianceSummary, ReportPeriod, ServiceForumReport } from '../fora/types';
import { OreScalar } from '../money';
import { MilestoneFollowUp, MunicipalityProgress, PlanExpiry } from '../plans/types';
import { StatisticsRow, SuppressionRange } from '../statistics/types';

@ObjectType({ description: 'A part of the dashboard your role may not read (it is null), and why.' })
export class DashboardHiddenPart implements dashboards.HiddenPart {
  @Field() part: string;
  @Field() reason: string;
}

@ObjectType({ description: 'The month a dashboard is for.' })
export class DashboardPeriod implements Omit<figures.DashboardPeriod, 'monthOfYear'> {
  @Field({ description: '"YYYY-MM".' }) month: string;
  @Field(() => Int) year: number;
  monthOfYear: number;
  @Field(() => GraphQLDate, { description: 'The day follow-up is judged on: today in the current month, else the last day of the month.' }) asOf: string;
  @Field({ description: 'The school term of the month, as fora reports name it ("2026-SPRING"; July counts to the autumn term).' }) term: string;
}

@ObjectType({
  description:
    'How many have a status. The status is a string (MET, BELOW_MINIMUM, IN_PROGRESS, ABOVE_MAXIMUM, NOT_APPLICABLE, and any status the fora feature adds), so a new status needs no schema change.',
})
export class DashboardStatusCount implements figures.StatusCount {
  @Field() status: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'The change of a cost line since the previous published month of the same year.' })
export class CostLineChange implements figures.CostChange {
  @Field({ description: 'The month compared with, "YYYY-MM".' }) since: string;
  @Field(() => OreScalar) actualYtdOre: string;
  @Field(() => OreScalar) forecastOre: string;
  @Field(() => OreScalar) deviationOre: string;
}

@ObjectType({ description: 'Open (unacknowledged) cost alerts, as costAlerts(acknowledged: false) shows them to you.' })
export class DashboardAlerts implements dashboards.OpenAlerts {
  @Field(() => Int) count: number;
  @Field(() => [CostAlert], { description: 'The newest ones (at most 10).' }) newest: CostAlert[];
}

@ObjectType({ description: 'Activity statistics by year as activityStatistics shows them to you: suppression as for any reader, per1000Aged0To17 only where the count is shown.' })
export class DashboardStatistics {
  @Field(() => StatisticsView) view: StatisticsView;
  @Field(() => SuppressionRange) suppression: SuppressionRange;
  @Field(() => [StatisticsMetric]) metrics: StatisticsMetric[];
  @Field() from: string;
  @Field() to: string;
  @Field(() => [StatisticsRow], { description: 'Per municipality and year.' }) rows: StatisticsRow[];
  @Field(() => [StatisticsRow], { description: 'The cooperation as a whole (every municipality of the service), per year.' }) cooperation: StatisticsRow[];
}

@ObjectType({ description: 'Fora compliance of the municipality in the school term of the period (forumCompliance).' })
export class DashboardForaCompliance implements dashboards.ForaCompliance {
  @Field(() => ReportPeriod) period: ReportPeriod;
  @Field(() => ComplianceSummary, { description: 'Meetings, fora below minimum, attendance of the mandatory seats, overdue follow-ups.' }) summary: ComplianceSummary;
  @Field(() => [DashboardStatusCount], { description: 'Fora by status: the most severe status of their cadence windows.' }) forumsByStatus: DashboardStatusCount[];
  @Field(() => [DashboardStatusCount], { description: 'Every cadence window of every forum, by status.' }) cadenceWindows: DashboardStatusCount[];
}

@ObjectType({ description: 'An adopted plan: its implementation here, milestones due and overdue, and expiry.' })
export class DashboardPlan {
  @Field(() => StrategicPlan) plan: StrategicPlan;
  @Field(() => [MunicipalityProgress], { description: "Implementation status of the adopted version's measures, per municipality of the dashboard." }) implementation: MunicipalityProgress[];
  @Field(() => [MilestoneFollowUp], { description: 'Not done, due from asOf to six months ahead.' }) milestonesDue: MilestoneFollowUp[];
  @Field(() => [MilestoneFollowUp], { description: 'Overdue on asOf.' }) overdueMilestones: MilestoneFollowUp[];
  @Field(() => PlanExpiry, { description: 'With a horizon of six months.' }) expiry: PlanExpiry;
}

@ObjectType({ description: "A metric's rate per 1,000 children aged 0–17 in one year: the municipality beside the cooperation, the county and the country." })
export class DashboardReferenceRow implements Omit<figures.ReferenceComparisonRow, 'metricId'> {
  @Field(() => StatisticsMetric) metric: StatisticsMetric;
  @Field({ description: 'The year, "YYYY".' }) period: string;
  @Field(() => Float, { nullable: true, description: 'As statistics.rows shows it (null where suppressed for you).' }) municipalityPer1000: number | null;
  @Field(() => Float, { nullable: true, description: 'The cooperation as a whole, as statistics.cooperation shows it.' }) cooperationPer1000: number | null;
  @Field({ description: "The county (fylkesnummer) the municipality's kommunenummer lies in." }) countyCode: string;
  @Field(() => Float, { nullable: true, description: "SSB's county figure per 1,000 aged 0–17; null where not imported (docs/statistics.md, reference areas)." }) countyPer1000: number | null;
  @Field(() => Float, { nullable: true, description: "SSB's figure for the whole country per 1,000 aged 0–17; null where not imported." }) countryPer1000: number | null;
}

@ObjectType({ description: 'One shared service the municipality owns.' })
export class MunicipalServiceSection {
  @Field(() => SharedService) service: SharedService;
  @Field(() => OwnedServiceCostView, { description: 'Share, agreement and the newest published report of the year (ownedServiceCosts).' }) costs: OwnedServiceCostView;
  @Field(() => String, { nullable: true, description: 'The month of the newest published report up to the period (null: none this year).' }) reportPeriod: string | null;
  @Field(() => CostReportLine, { nullable: true, description: 'Your total line of that report: budget and actual year-to-date, forecast, deviation.' }) ownLine: CostReportLine | null;
  @Field(() => CostLineChange, { nullable: true, description: 'Its change since the previous published month.' }) ownChange: CostLineChange | null;
  @Field(() => DashboardAlerts) openAlerts: DashboardAlerts;
  @Field(() => DashboardStatistics, { description: 'Your municipality by year (rows) and the cooperation (ten years up to the period).' }) statistics: DashboardStatistics;
  @Field(() => [DashboardReferenceRow], { description: 'Per metric and year of statistics: your rate beside the cooperation, the county and the country (SSB, where imported).' })
  references: DashboardReferenceRow[];
}

@ObjectType({ description: 'How the municipality is doing with its shared services, in one query.' })
export class MunicipalityDashboard {
  @Field(() => Municipality) municipality: Municipality;
  @Field(() => DashboardPeriod) period: DashboardPeriod;
  @Field(() => [MunicipalServiceSection]) services: MunicipalServiceSection[];
  @Field(() => DashboardForaCompliance, { nullable: true, description: 'Null when your role may not read it (see hidden).' }) fora: DashboardForaCompliance | null;
  @Field(() => [DashboardPlan]) plans: DashboardPlan[];
  @Field(() => [DashboardHiddenPart]) hidden: DashboardHiddenPart[];
}

@ObjectType({ description: "An owner municipality's total line and its change since the month before." })
export class OwnerCostLine {
  @Field(() => Municipality) municipality: Municipality;
  @Field(() => CostReportLine, { nullable: true }) line: CostReportLine | null;
  @Field(() => CostLineChange, { nullable: true }) change: CostLineChange | null;
}

@ObjectType({ description: 'A line with its change since the month before.' })
export class CostLineWithChange {
  @Field(() => CostReportLine, { nullable: true }) line: CostReportLine | null;
  @Field(() => CostLineChange, { nullable: true }) change: CostLineChange | null;
}

@ObjectType({ description: 'A shared service across its owner municipalities, in one query.' })
export class ServiceDashboard {
  @Field(() => SharedService) service: SharedService;
  @Field(() => DashboardPeriod) period: DashboardPeriod;
  @Field(() => [Municipality], { description: 'Owners on asOf.' }) owners: Municipality[];
  @Field(() => CostReport, { nullable: true, description: 'The newest published report of the year up to the period.' }) report: CostReport | null;
  @Field(() => [OwnerCostLine]) ownerCosts: OwnerCostLine[];
  @Field(() => CostLineWithChange, { description: 'All owners together.' }) total: CostLineWithChange;
  @Field(() => DashboardAlerts) openAlerts: DashboardAlerts;
  @Field(() => DashboardStatistics) statistics: DashboardStatistics;
  @Field(() => ServiceForumReport, { nullable: true, description: "The fora load on the service's staff in the school term of the period (serviceForumLoad); null when your role may not read it." })
  foraLoad: ServiceForumReport | null;
  @Field(() => [DashboardPlan]) plans: DashboardPlan[];
  @Field(() => [DashboardHiddenPart]) hidden: DashboardHiddenPart[];
}

@ObjectType({ description: 'A municipality × metric × year, with its rate against the cooperation.' })
export class ComparedStatisticsRow extends StatisticsRow {
  @Field(() => Float, { nullable: true, description: "per1000Aged0To17 ÷ the cooperation's, two decimals; null unless both are shown." }) ratioToCooperation: number | null;
  @Field({ description: "The rate is at least 1.5 times the cooperation's, or at most 1/1.5 of it." }) standsOut: boolean;
}

@ObjectType({ description: 'The owner municipalities side by side per 1,000 children: does one stand out? Suppression as activityStatistics applies it; a rate is shown only with its count.' })
export class MunicipalityComparison {
  @Field(() => SharedService) service: SharedService;
  @Field(() => StatisticsView) view: StatisticsView;
  @Field(() => SuppressionRange) suppression: SuppressionRange;
  @Field(() => [StatisticsMetric]) metrics: StatisticsMetric[];
  @Field() from: string;
  @Field() to: string;
  @Field(() => [ComparedStatisticsRow]) rows: ComparedStatisticsRow[];
  @Field(() => [StatisticsRow], { description: 'The cooperation as a whole, per metric and year.' }) cooperation: StatisticsRow[];
  @Field(() => [ComparedStatisticsRow], { description: 'The rows that stand out.' }) standingOut: ComparedStatisticsRow[];
}
