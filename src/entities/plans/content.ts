import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { OreScalar } from '../../schema/money';
import { MeasureResponsibility, MeasureResponsibleKind, PlanGoalKind, PlanMeasureStatus, PlanTerm, PreventionLevel } from './enums';

/** Columns every versioned content row has. */
@InterfaceType('PlanContentItem', {
  description:
    'A keyed row of one plan version (goal, focus area, measure, milestone, statement, factor, target group, body, collaboration model or step, referral route) with a lineage key shared across versions.',
})
export abstract class VersionedContent extends VersionRow {
  @Field(() => ID, { description: 'Lineage key: the same goal/measure/… keeps its key in every version (used by compareVersions).' })
  // The database default is declared here too, so an insert returns the new key to the payload.
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' })
  key: string;

  @Field(() => Int, { description: 'Order within its list.' })
  @Column({ type: 'int', default: 0 })
  position: number;
}

/** "0–5 år", "fra 8 år", "til 17 år"; null when no age is given. */
export function ageBandText(from: number | null, to: number | null): string | null {
  if (from === null && to === null) return null;
  if (from !== null && to !== null) return from === to ? `${from} år` : `${from}–${to} år`;
  return from !== null ? `fra ${from} år` : `til ${to} år`;
}

/** Content that applies to children of some ages (a measure, a risk or protective factor, a target group). */
@InterfaceType('AgeBandedContent', {
  implements: VersionedContent,
  description: 'Content with an age band: the ages of the children it concerns (a measure for "Foreldre til barn 0-5 år" is 0–5; "Fra 8-års alder" is from 8). No bounds = every age.',
})
export abstract class AgeBandedContent extends VersionedContent {
  @Field(() => Int, { nullable: true, description: 'Youngest age it concerns (0–30); null = from birth.' })
  @Column({ name: 'age_from', type: 'int', nullable: true })
  ageFrom: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age it concerns (0–30); null = no upper bound.' })
  @Column({ name: 'age_to', type: 'int', nullable: true })
  ageTo: number | null;

  @Field(() => String, { nullable: true, description: 'The age band as text: "0–5 år", "fra 8 år", "til 17 år"; null when no age is given.' })
  get ageBand(): string | null {
    return ageBandText(this.ageFrom, this.ageTo);
  }
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

  /** The focus area the goal belongs to (Tromsø: "Strategiske grep i satsingsområde 1"), if any. */
  @Column({ name: 'focus_area_id', type: 'uuid', nullable: true })
  focusAreaId: string | null;

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

@ObjectType({ implements: [Node, VersionedContent, AgeBandedContent], description: 'A measure (tiltak).' })
@Entity('plan_measure')
export class PlanMeasure extends AgeBandedContent {
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

  @Field(() => [PreventionLevel], { description: 'Prevention levels the measure serves, in the order the plan gives them (the level it is listed under first); empty when the plan states none.' })
  @Column({ name: 'prevention_levels', type: 'text', array: true, default: () => `'{}'` })
  preventionLevels: PreventionLevel[];

  @Field(() => PreventionLevel, { nullable: true, deprecationReason: 'A measure may serve several levels: use preventionLevels.', description: 'The first of preventionLevels.' })
  get preventionLevel(): PreventionLevel | null {
    return this.preventionLevels?.[0] ?? null;
  }

  @Field(() => PlanMeasureStatus, { nullable: true, description: 'The status the plan itself gives the measure ("Pågår" = ONGOING); null when it states none.' })
  @Column({ name: 'status_in_plan', type: 'text', nullable: true })
  statusInPlan: PlanMeasureStatus | null;

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

  @Field(() => MeasureResponsibility, { description: 'Leads, supports the lead, or takes part.' })
  @Column({ type: 'text', default: MeasureResponsibility.LEAD })
  responsibility: MeasureResponsibility;
}

/** A goal ↔ measure link: the measure serves the goal. */
@Entity('plan_goal_measure')
export class PlanGoalMeasure extends VersionRow {
  @Column({ name: 'goal_id', type: 'uuid' })
  goalId: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;
}

@ObjectType({
  implements: [Node, VersionedContent],
  description:
    'A milestone or deadline of the plan: due on a date, in a month ("innen september 2022"), a term ("Våren 2023") or a year ("i 2024"), or with no deadline given; who is responsible, and the measure or focus area it advances. Its progress is follow-up, recorded without a revision.',
})
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

  @Field(() => Int, { nullable: true, description: 'Month 1–12 (with dueYear).' })
  @Column({ name: 'due_month', type: 'int', nullable: true })
  dueMonth: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'due_year', type: 'int', nullable: true })
  dueYear: number | null;

  @Field(() => GraphQLDate, { nullable: true })
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Field({ description: 'Due as text: "Våren 2023", "september 2022", "2024" or the date; empty when no deadline is given.' })
  get due(): string {
    if (this.dueYear !== null && this.dueTerm) return `${this.dueTerm === PlanTerm.SPRING ? 'Våren' : 'Høsten'} ${this.dueYear}`;
    if (this.dueYear !== null && this.dueMonth) return `${MONTHS[this.dueMonth - 1]} ${this.dueYear}`;
    return this.dueDate ?? (this.dueYear !== null ? String(this.dueYear) : '');
  }

  @Field(() => String, { nullable: true, description: 'Who is responsible, as a role ("Kommunalsjef oppvekst"); see also responsibleBody.' })
  @Column({ type: 'text', nullable: true })
  responsible: string | null;

  @Column({ name: 'responsible_body_id', type: 'uuid', nullable: true })
  responsibleBodyId: string | null;

  @Column({ name: 'measure_id', type: 'uuid', nullable: true })
  measureId: string | null;

  @Column({ name: 'focus_area_id', type: 'uuid', nullable: true })
  focusAreaId: string | null;

  @Field({
    description: 'The milestone is the adoption of its version («Planen vedtas politisk»): done, without recorded progress, when the last covered council adopts the version (on its adoptedOn).',
  })
  @Column({ name: 'done_on_adoption', type: 'boolean', default: false })
  doneOnAdoption: boolean;

  @Field({
    description:
      'Every covered municipality must reach the milestone itself («Kompetansekartlegging … i kommunene»): its progress is recorded per municipality (recordMunicipalMilestoneProgress), and it is done when every covered municipality is.',
  })
  @Column({ name: 'per_municipality', type: 'boolean', default: false })
  perMunicipality: boolean;
}

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
