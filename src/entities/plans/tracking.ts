import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PlanRow, VersionRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { ImplementationStatus, MilestoneStatus, PlanAdoptionStatus } from './enums';

/** The council decision of one municipality on one version. */
@ObjectType({ description: "One covered municipality's decision on a plan version; PENDING until its council decided." })
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

  @Field(() => String, { nullable: true, description: 'What in this record is illustrative (made up for a demo), if anything; null for real data.' })
  @Column({ name: 'illustrative_note', type: 'text', nullable: true })
  illustrativeNote: string | null;
}

/** What a follow-up record of a plan has besides its status: a note, who and when, and whether it is illustrative. */
@InterfaceType('PlanFollowUpRecord', { description: 'A status recorded after adoption (implementation per municipality, milestone progress): note, who and when.' })
export abstract class FollowUpRecord extends PlanRow {
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'Token subject of whoever recorded it.' })
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'What in this record is illustrative (made up for a demo), if anything; null for real data.' })
  @Column({ name: 'illustrative_note', type: 'text', nullable: true })
  illustrativeNote: string | null;
}

/** How far one municipality has come with one measure (by measure lineage, so it survives revisions). */
@ObjectType({ implements: FollowUpRecord, description: 'Implementation status of a measure in one municipality; NOT_STARTED until someone sets it.' })
@Entity('measure_implementation')
export class MeasureImplementation extends FollowUpRecord {
  @Column({ name: 'measure_key', type: 'uuid' })
  measureKey: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Field(() => ImplementationStatus)
  @Column({ type: 'text' })
  status: ImplementationStatus;
}

/** A yearly review (årlig gjennomgang) of a plan, by the whole plan or by one service of its own measures. */
@ObjectType({
  implements: Node,
  description: "A yearly review of the plan: when, what was found, which changes were decided; either of the whole plan or one shared service's review of its own measures.",
})
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

  /** The shared service whose leader reviewed its own measures; null = a review of the whole plan. */
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @Field(() => String, { nullable: true, description: 'What in this record is illustrative (made up for a demo), if anything; null for real data.' })
  @Column({ name: 'illustrative_note', type: 'text', nullable: true })
  illustrativeNote: string | null;
}

/** What a progress record of a milestone holds (plan-wide or one municipality's), by the milestone's lineage key. */
@ObjectType('PlanMilestoneProgressRecord', { description: 'A base of PlanMilestoneProgress and PlanMilestoneMunicipalProgress (not in the schema: no field returns it).' })
export abstract class MilestoneProgressRecord extends FollowUpRecord {
  @Column({ name: 'milestone_key', type: 'uuid' })
  milestoneKey: string;

  @Field(() => MilestoneStatus)
  @Column({ type: 'text' })
  status: MilestoneStatus;

  @Field(() => GraphQLDate, { nullable: true, description: 'When it was done (DONE only).' })
  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;
}

/** Progress of one milestone (by lineage key, so it carries across versions): follow-up, not content. */
@ObjectType({ implements: FollowUpRecord, description: 'Recorded progress of a milestone: status, completion date, note, who and when.' })
@Entity('plan_milestone_progress')
export class PlanMilestoneProgress extends MilestoneProgressRecord {}

/**
 * The kind of forum whose fora show how a measure is carried out (by measure lineage key, so it
 * carries into later versions): follow-up, not content — set on an adopted plan without a revision.
 */
@Entity('plan_measure_forum_kind')
export class PlanMeasureForumKind extends PlanRow {
  @Column({ name: 'measure_key', type: 'uuid' })
  measureKey: string;

  @Column({ name: 'forum_kind_id', type: 'uuid' })
  forumKindId: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** One municipality's progress on a milestone every covered municipality must reach (by lineage key). */
@ObjectType({ implements: FollowUpRecord, description: "One municipality's recorded progress on a milestone each covered municipality must reach: status, completion date, note, who and when." })
@Entity('plan_milestone_municipality_progress')
export class PlanMilestoneMunicipalProgress extends MilestoneProgressRecord {
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;
}
