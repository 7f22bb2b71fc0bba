import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PlanRow, TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { PlanVersionStatus, StrategicPlanStatus } from './enums';

/** A shared strategic plan of a region (e.g. "Strategisk plan for tverrfaglig samarbeid og forebyggende innsats"). */
@ObjectType({ implements: Node, description: 'A strategic plan shared by the owner municipalities of a region, kept in versions.' })
@Entity('strategic_plan')
export class StrategicPlan extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('StrategicPlan', this.id);
  }

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => Int, { description: 'First year of the plan period, e.g. 2023.' })
  @Column({ name: 'period_start_year', type: 'int' })
  periodStartYear: number;

  @Field(() => Int, { description: 'Last year of the plan period, e.g. 2026.' })
  @Column({ name: 'period_end_year', type: 'int' })
  periodEndYear: number;

  @Field({ description: 'The period as text, e.g. "2023–2026".' })
  get period(): string {
    return `${this.periodStartYear}–${this.periodEndYear}`;
  }

  @Field(() => StrategicPlanStatus)
  @Column({ type: 'text' })
  status: StrategicPlanStatus;

  @Column({ name: 'adopted_version_id', type: 'uuid', nullable: true })
  adoptedVersionId: string | null;

  @Field(() => String, { nullable: true, description: 'Where the plan text comes from (the document, its date) and what of it is not entered.' })
  @Column({ name: 'source_note', type: 'text', nullable: true })
  sourceNote: string | null;

  @Field(() => String, { nullable: true, description: 'What in this plan record is illustrative (made up for a demo or an example, e.g. a period the document does not give); null for real data.' })
  @Column({ name: 'illustrative_note', type: 'text', nullable: true })
  illustrativeNote: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;
}

/** A municipality the plan covers (an owner municipality that must adopt it). */
@Entity('plan_coverage_municipality')
export class PlanCoverageMunicipality extends PlanRow {
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;
}

/** A shared service the plan covers (its leader may edit drafts). */
@Entity('plan_coverage_service')
export class PlanCoverageService extends PlanRow {
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
}

/** One version of a plan; its content rows are frozen once it leaves DRAFT. */
@ObjectType({ implements: Node, description: 'A version of a strategic plan. Only a DRAFT version can change; revisions start a new draft.' })
@Entity('plan_version')
export class PlanVersion extends PlanRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanVersion', this.id);
  }

  @Field(() => Int, { description: '1, 2, 3… in the order versions were started.' })
  @Column({ type: 'int' })
  number: number;

  @Field(() => PlanVersionStatus)
  @Column({ type: 'text' })
  status: PlanVersionStatus;

  @Column({ name: 'based_on_version_id', type: 'uuid', nullable: true })
  basedOnVersionId: string | null;

  @Field(() => String, { nullable: true, description: 'Why this version was started (revision note).' })
  @Column({ name: 'change_note', type: 'text', nullable: true })
  changeNote: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Field(() => Date, { nullable: true, description: 'When the version was sent on consultation (høring).' })
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Field(() => GraphQLDate, { nullable: true, description: 'Date of the last council decision that made the version adopted in every covered municipality.' })
  @Column({ name: 'adopted_on', type: 'date', nullable: true })
  adoptedOn: string | null;
}
