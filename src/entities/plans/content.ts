import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { OreScalar } from '../../schema/money';
import { MeasureResponsibleKind, MilestoneStatus, PlanGoalKind, PlanTerm, PreventionLevel } from './enums';

/** Columns every versioned content row has. */
@InterfaceType('PlanContentItem', { description: 'A goal, focus area, measure or milestone: a row of one plan version with a lineage key shared across versions.' })
export abstract class VersionedContent extends VersionRow {
  @Field(() => ID, { description: 'Lineage key: the same goal/measure/… keeps its key in every version (used by compareVersions).' })
  // The database default is declared here too, so an insert returns the new key to the payload.
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' })
  key: string;

  @Field(() => Int, { description: 'Order within its list.' })
  @Column({ type: 'int', default: 0 })
  position: number;
}

@ObjectType({ implements: [Node, VersionedContent], description: 'The main goal (hovedmål), a goal (mål/delmål) or a sub-goal nested one level under a goal.' })
@Entity('plan_goal')
export class PlanGoal extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanGoal', this.id);
  }

  @Field(() => PlanGoalKind)
  @Column({ type: 'text' })
  kind: PlanGoalKind;

  @Column({ name: 'parent_goal_id', type: 'uuid', nullable: true })
  parentGoalId: string | null;

  @Field(() => String, { nullable: true, description: 'Label as printed in the plan, e.g. "1" for "Delmål 1".' })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}

@ObjectType({ implements: [Node, VersionedContent], description: 'A focus area (innsatsområde) with what we will achieve, how we do it, and roles and responsibility.' })
@Entity('plan_focus_area')
export class PlanFocusArea extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanFocusArea', this.id);
  }

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: '"Dette vil vi oppnå".' })
  @Column({ name: 'what_we_achieve', type: 'text', nullable: true })
  whatWeAchieve: string | null;

  @Field(() => String, { nullable: true, description: '"Slik gjør vi det".' })
  @Column({ name: 'how_we_do_it', type: 'text', nullable: true })
  howWeDoIt: string | null;

  @Field(() => String, { nullable: true, description: '"Roller og ansvar".' })
  @Column({ name: 'roles_and_responsibility', type: 'text', nullable: true })
  rolesAndResponsibility: string | null;
}

@ObjectType({ implements: [Node, VersionedContent], description: 'A measure (tiltak).' })
@Entity('plan_measure')
export class PlanMeasure extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanMeasure', this.id);
  }

  @Column({ name: 'focus_area_id', type: 'uuid', nullable: true })
  focusAreaId: string | null;

  @Field(() => String, { nullable: true, description: 'Label as printed in the plan, e.g. "1" for "Tiltak 1".' })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'How the measure is organised (organisering).' })
  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  @Field(() => String, { nullable: true, description: 'Time frame (tidsperspektiv), as text.' })
  @Column({ name: 'time_frame', type: 'text', nullable: true })
  timeFrame: string | null;

  @Field(() => OreScalar, { nullable: true, name: 'budgetOre', description: 'Budget in whole øre.' })
  @Column({ name: 'budget_ore', type: 'bigint', nullable: true })
  budgetOre: string | null;

  @Field(() => String, { nullable: true, description: 'Budget line or economy note, e.g. "Tiltak innarbeides i budsjett for 2025".' })
  @Column({ name: 'budget_line', type: 'text', nullable: true })
  budgetLine: string | null;

  @Field(() => PreventionLevel, { nullable: true })
  @Column({ name: 'prevention_level', type: 'text', nullable: true })
  preventionLevel: PreventionLevel | null;

  @Field(() => String, { nullable: true, description: 'Målgruppe.' })
  @Column({ name: 'target_group', type: 'text', nullable: true })
  targetGroup: string | null;
}

@ObjectType({ description: 'Who is responsible for a measure: a shared service, a municipality or a named role.' })
@Entity('plan_measure_responsible')
export class PlanMeasureResponsible extends VersionRow {
  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Field(() => MeasureResponsibleKind)
  @Column({ type: 'text' })
  kind: MeasureResponsibleKind;

  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Field(() => String, { name: 'role', nullable: true, description: 'The role, when kind is ROLE (e.g. "Kommunalsjef oppvekst").' })
  @Column({ name: 'role_name', type: 'text', nullable: true })
  roleName: string | null;
}

/** A goal ↔ measure link: the measure serves the goal. */
@Entity('plan_goal_measure')
export class PlanGoalMeasure extends VersionRow {
  @Column({ name: 'goal_id', type: 'uuid' })
  goalId: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;
}

@ObjectType({ implements: [Node, VersionedContent], description: 'A milestone of the plan timeline, due in a term (e.g. spring 2023) or on a date.' })
@Entity('plan_milestone')
export class PlanMilestone extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanMilestone', this.id);
  }

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => PlanTerm, { nullable: true })
  @Column({ name: 'due_term', type: 'text', nullable: true })
  dueTerm: PlanTerm | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'due_year', type: 'int', nullable: true })
  dueYear: number | null;

  @Field(() => GraphQLDate, { nullable: true })
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Field({ description: 'Due as text: "Våren 2023", "Høsten 2023" or the date.' })
  get due(): string {
    if (this.dueTerm && this.dueYear) return `${this.dueTerm === PlanTerm.SPRING ? 'Våren' : 'Høsten'} ${this.dueYear}`;
    return this.dueDate ?? '';
  }

  @Field(() => MilestoneStatus)
  @Column({ type: 'text', default: MilestoneStatus.PLANNED })
  status: MilestoneStatus;
}
