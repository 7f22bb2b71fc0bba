import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../../schema/node';
import { OreScalar } from '../../schema/money';
import { toGlobalId } from '../../global-id';
import { CostReportStatus, ForecastMethod } from './enums';
import { ServiceRow } from './row';

/** One version of the cost report of a service for a month. A PUBLISHED version never changes. */
@ObjectType({ implements: Node, description: 'One version of the monthly cost report of a shared service. A published version never changes; a correction is a new version that supersedes it.' })
@Entity('cost_report')
export class CostReport extends ServiceRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('CostReport', this.id);
  }

  @Field({ description: 'The month, YYYY-MM; figures are year-to-date up to and including it.' })
  @Column({ type: 'text' })
  period: string;

  @Field(() => Int, { description: '1 for the first publication of the month, then 2, 3 … for corrections.' })
  @Column({ type: 'int' })
  version: number;

  @Field(() => CostReportStatus)
  @Column({ type: 'text' })
  status: CostReportStatus;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId: string | null;

  @Field(() => String, { nullable: true, description: 'Why this version corrects the one it supersedes (required for a correction).' })
  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason: string | null;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @Field(() => Int, { description: 'The year whose population aged 0–17 (1 January) the key used.' })
  @Column({ name: 'population_year', type: 'int' })
  populationYear: number;

  @Column({ name: 'owner_municipality_ids', type: 'uuid', array: true })
  ownerMunicipalityIds: string[];

  @Field(() => ForecastMethod)
  @Column({ name: 'forecast_method', type: 'text' })
  forecastMethod: ForecastMethod;

  @Field({ description: "SHA-256 of the report's figures (canonical JSON): the same for every read of a version." })
  @Column({ name: 'content_sha256', type: 'text' })
  contentSha256: string;

  @Field(() => String, { nullable: true, description: 'Says "illustrative" for demo data.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Date)
  @Column({ name: 'prepared_at', type: 'timestamptz', default: () => 'now()' })
  preparedAt: Date;

  @Field({ description: 'Token subject of whoever prepared the version.' })
  @Column({ name: 'prepared_by', type: 'text' })
  preparedBy: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy: string | null;

  get year(): number {
    return Number(this.period.slice(0, 4));
  }

  get month(): number {
    return Number(this.period.slice(5, 7));
  }
}

/**
 * One line of a report: an owner municipality × a category, or a total (municipality null = all
 * owners, category null = all categories). Amounts in øre.
 */
@ObjectType({
  description:
    'Figures of a report for one owner municipality and category, or a total (municipality null = all owners; category null = all categories). Year-to-date = January up to the report month.',
})
@Entity('cost_report_line')
export class CostReportLine extends ServiceRow {
  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId: string | null;

  @Column({ type: 'int' })
  position: number;

  @Field(() => Int, { nullable: true, description: "On a municipality's total line: its population aged 0–17 that the key used." })
  @Column({ type: 'int', nullable: true })
  population: number | null;

  @Column({ name: 'share_ppm', type: 'int', nullable: true })
  sharePpm: number | null;

  @Field(() => OreScalar, { description: 'Annual budget allocated to the line.' })
  @Column({ name: 'budget_year_ore', type: 'bigint' })
  budgetYearOre: string;

  @Field(() => OreScalar, { description: 'Budget January up to the report month (by the monthly profile).' })
  @Column({ name: 'budget_ytd_ore', type: 'bigint' })
  budgetYtdOre: string;

  @Field(() => OreScalar, { description: 'Actual costs January up to the report month (ledger entries by posting date).' })
  @Column({ name: 'actual_ytd_ore', type: 'bigint' })
  actualYtdOre: string;

  @Field(() => OreScalar, { description: 'Year-end forecast (forecastMethod of the report).' })
  @Column({ name: 'forecast_ore', type: 'bigint' })
  forecastOre: string;

  @Field(() => OreScalar, { description: 'actualYtd − budgetYtd (positive = over budget).' })
  @Column({ name: 'deviation_ore', type: 'bigint' })
  deviationOre: string;

  @Column({ name: 'deviation_bp', type: 'int', nullable: true })
  deviationBp: number | null;

  @Field(() => Float, { nullable: true, description: "On a municipality's total line: its share of the shared costs in the report month, in per cent (two decimals)." })
  get sharePercent(): number | null {
    return this.sharePpm === null ? null : Math.round(this.sharePpm / 100) / 100;
  }

  @Field(() => Float, { nullable: true, description: 'deviation ÷ |budgetYtd| in per cent, two decimals; null when budgetYtd is 0.' })
  get deviationPercent(): number | null {
    return this.deviationBp === null ? null : this.deviationBp / 100;
  }
}
