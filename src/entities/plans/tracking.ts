import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PlanRow, VersionRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { ImplementationStatus, PlanAdoptionStatus } from './enums';

/** The council decision of one municipality on one version. */
@ObjectType({ description: 'One covered municipality\'s decision on a plan version; PENDING until its council decided.' })
@Entity('plan_adoption')
export class PlanAdoption extends VersionRow {
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Field(() => PlanAdoptionStatus)
  @Column({ type: 'text' })
  status: PlanAdoptionStatus;

  @Field(() => String, { nullable: true, description: 'Decision body, e.g. "Kommunestyret".' })
  @Column({ name: 'decision_body', type: 'text', nullable: true })
  decisionBody: string | null;

  @Field(() => GraphQLDate, { nullable: true })
  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Case number (saksnummer), e.g. "23/145".' })
  @Column({ name: 'case_number', type: 'text', nullable: true })
  caseNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Token subject of whoever recorded the decision.' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date | null;
}

/** How far one municipality has come with one measure (by measure lineage, so it survives revisions). */
@ObjectType({ description: 'Implementation status of a measure in one municipality; NOT_STARTED until someone sets it.' })
@Entity('measure_implementation')
export class MeasureImplementation extends PlanRow {
  @Column({ name: 'measure_key', type: 'uuid' })
  measureKey: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Field(() => ImplementationStatus)
  @Column({ type: 'text' })
  status: ImplementationStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'Token subject of whoever set the status.' })
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date | null;
}

/** A yearly review (årlig gjennomgang) of a plan. */
@ObjectType({ implements: Node, description: 'A yearly review of the plan: when, what was found, which changes were decided.' })
@Entity('plan_review')
export class PlanReview extends VersionRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanReview', this.id);
  }

  @Field(() => GraphQLDate)
  @Column({ name: 'reviewed_on', type: 'date' })
  reviewedOn: string;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field(() => [String], { description: 'Changes the review decided (to be carried out in a revision).' })
  @Column({ name: 'decided_changes', type: 'text', array: true, default: () => `'{}'` })
  decidedChanges: string[];

  @Field({ description: 'Token subject of whoever recorded the review.' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Field(() => Date)
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
