import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { AgeBandedContent, VersionedContent } from './content';
import { CollaborationModelKind, PlanBodyKind, PlanFactorKind, PlanStatementKind, PreventionLevel } from './enums';

/**
 * What real plans state besides goals, focus areas, measures and milestones: their texts (motto,
 * purpose, target audience, legal basis, definitions, principles, consent rules …), risk and
 * protective factors, target groups, governance bodies, collaboration models and escalation
 * ladders with their steps, and referral routes. All are content of one version, copied on
 * revision and compared by lineage key (content-model.ts).
 */

@ObjectType({ implements: [Node, VersionedContent], description: 'A text of the plan of one kind: its motto, purpose, target audience, legal basis, a definition, a principle, a consent rule …' })
@Entity('plan_statement')
export class PlanStatement extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanStatement', this.id);
  }

  @Field(() => PlanStatementKind)
  @Column({ type: 'text' })
  kind: PlanStatementKind;

  @Field(() => String, { nullable: true, description: 'Label as printed, e.g. "a" for principle a.' })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field(() => String, { nullable: true, description: 'Heading; for a DEFINITION the term, for a PRINCIPLE its name ("Barnets beste").' })
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Field({ description: 'The text as the plan states it.' })
  @Column({ type: 'text' })
  text: string;

  @Field(() => String, { nullable: true, description: 'What it cites, e.g. "barnevernsloven § 15-1".' })
  @Column({ type: 'text', nullable: true })
  reference: string | null;
}

@ObjectType({ implements: [Node, VersionedContent, AgeBandedContent], description: 'A risk factor (risikofaktor) or protective factor (beskyttelsesfaktor) the plan names.' })
@Entity('plan_factor')
export class PlanFactor extends AgeBandedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanFactor', this.id);
  }

  @Field(() => PlanFactorKind)
  @Column({ type: 'text' })
  kind: PlanFactorKind;

  @Field(() => String, { nullable: true, description: 'Number as printed, e.g. "3".' })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}

@ObjectType({ implements: [Node, VersionedContent, AgeBandedContent], description: 'A target group (målgruppe, risikogruppe) the plan names, with the factors that put it at risk or protect it.' })
@Entity('plan_target_group')
export class PlanTargetGroup extends AgeBandedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanTargetGroup', this.id);
  }

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}

/** The measure addresses the factor (reduces a risk, strengthens a protective factor). */
@Entity('plan_measure_factor')
export class PlanMeasureFactor extends VersionRow {
  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'factor_id', type: 'uuid' })
  factorId: string;
}

/** The factor applies to the target group. */
@Entity('plan_target_group_factor')
export class PlanTargetGroupFactor extends VersionRow {
  @Column({ name: 'target_group_id', type: 'uuid' })
  targetGroupId: string;

  @Column({ name: 'factor_id', type: 'uuid' })
  factorId: string;
}

/** The measure is meant for the target group. */
@Entity('plan_measure_target_group')
export class PlanMeasureTargetGroup extends VersionRow {
  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'target_group_id', type: 'uuid' })
  targetGroupId: string;
}

/** The measure depends on another one ("vil avhenge av arbeid med tiltak 3"). */
@Entity('plan_measure_dependency')
export class PlanMeasureDependency extends VersionRow {
  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'depends_on_measure_id', type: 'uuid' })
  dependsOnMeasureId: string;
}

@ObjectType({ implements: [Node, VersionedContent], description: 'A governance body of the plan (styringsgruppe, arbeidsgruppe, samarbeidsgruppe …) with its members by role.' })
@Entity('plan_body')
export class PlanBody extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanBody', this.id);
  }

  @Field(() => PlanBodyKind)
  @Column({ type: 'text' })
  kind: PlanBodyKind;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Mandate, tasks, reporting line.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Who leads it, e.g. "Enhetsleder i enhet familie, forebygging og mestring".' })
  @Column({ type: 'text', nullable: true })
  leader: string | null;

  @Field(() => String, { nullable: true, description: 'How often it meets, e.g. "en gang per måned".' })
  @Column({ type: 'text', nullable: true })
  cadence: string | null;
}

@ObjectType({ description: 'A member of a governance body: the role they have there, and where the plan names them, the person, municipality or service.' })
@Entity('plan_body_member')
export class PlanBodyMember extends VersionRow {
  @Column({ name: 'body_id', type: 'uuid' })
  bodyId: string;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Field({ description: 'The role, e.g. "kommunedirektør", "barnevernsleder", "Rådgivere barnehage og skole".' })
  @Column({ type: 'text' })
  role: string;

  @Field(() => String, { nullable: true, description: 'The person as the (public) plan names them, e.g. "Erling Strålberg".' })
  @Column({ name: 'person_name', type: 'text', nullable: true })
  personName: string | null;

  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @Field(() => String, { nullable: true, description: 'How they take part, e.g. "deltar ved behov for avklaringer".' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

@ObjectType({ implements: [Node, VersionedContent], description: 'A collaboration model (how services work together, step by step) or an escalation ladder for disagreements.' })
@Entity('plan_collaboration_model')
export class PlanCollaborationModel extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanCollaborationModel', this.id);
  }

  @Field(() => CollaborationModelKind)
  @Column({ type: 'text' })
  kind: CollaborationModelKind;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'consent_rule_id', type: 'uuid', nullable: true })
  consentRuleId: string | null;
}

@ObjectType({
  implements: [Node, VersionedContent],
  description: 'A step of a collaboration model (target group, criteria, tasks, who calls the meeting, who writes the minutes) or a rung of an escalation ladder (escalateTo).',
})
@Entity('plan_collaboration_step')
export class PlanCollaborationStep extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanCollaborationStep', this.id);
  }

  @Column({ name: 'model_id', type: 'uuid' })
  modelId: string;

  @Field(() => String, { nullable: true, description: 'Label as printed, e.g. "Trinn 2" or "1".' })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => PreventionLevel, { nullable: true })
  @Column({ name: 'prevention_level', type: 'text', nullable: true })
  preventionLevel: PreventionLevel | null;

  @Field(() => String, { nullable: true, description: 'Målgruppe.' })
  @Column({ name: 'target_group', type: 'text', nullable: true })
  targetGroup: string | null;

  @Field(() => String, { nullable: true, description: 'Kriterier: when a child or a case belongs on this step.' })
  @Column({ type: 'text', nullable: true })
  criteria: string | null;

  @Field(() => String, { nullable: true, description: 'Oppgaver.' })
  @Column({ type: 'text', nullable: true })
  tasks: string | null;

  @Field(() => String, { nullable: true, description: 'Samarbeid / prinsipper for samarbeid on this step.' })
  @Column({ type: 'text', nullable: true })
  collaboration: string | null;

  @Field(() => String, { nullable: true, description: 'Deltakere.' })
  @Column({ type: 'text', nullable: true })
  participants: string | null;

  @Field(() => String, { nullable: true, description: 'Who calls the meeting (innkaller).' })
  @Column({ name: 'convened_by', type: 'text', nullable: true })
  convenedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Who writes the minutes (referatfører).' })
  @Column({ name: 'minutes_by', type: 'text', nullable: true })
  minutesBy: string | null;

  @Field(() => String, { nullable: true, description: 'How often, e.g. "1 gang per måned".' })
  @Column({ type: 'text', nullable: true })
  cadence: string | null;

  @Field(() => String, { nullable: true, description: 'The forum that carries this step, by name as the plan gives it (e.g. "Innsatsteam", "Drøftingsteam for barn og unge"); see also forumKind.' })
  @Column({ type: 'text', nullable: true })
  forum: string | null;

  /** The kind of forum (fora feature) that carries the step, when the region has it. */
  @Column({ name: 'forum_kind_id', type: 'uuid', nullable: true })
  forumKindId: string | null;

  @Field(() => String, { nullable: true, description: 'Escalation ladders: the level a disagreement is lifted to ("enhetsledernivå").' })
  @Column({ name: 'escalate_to', type: 'text', nullable: true })
  escalateTo: string | null;

  @Column({ name: 'consent_rule_id', type: 'uuid', nullable: true })
  consentRuleId: string | null;
}

@ObjectType({
  implements: [Node, VersionedContent],
  description: 'A referral route (henvisning, bekymringsmelding) to a service: who refers, how, what must come first, and the consent rule that applies.',
})
@Entity('plan_referral_route')
export class PlanReferralRoute extends VersionedContent {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('PlanReferralRoute', this.id);
  }

  @Column({ name: 'step_id', type: 'uuid', nullable: true })
  stepId: string | null;

  @Field({ description: 'The service referred to, as the plan names it ("Barnevern", "BUP").' })
  @Column({ type: 'text' })
  recipient: string;

  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @Field(() => String, { nullable: true, description: 'Who may refer.' })
  @Column({ name: 'referred_by', type: 'text', nullable: true })
  referredBy: string | null;

  @Field(() => String, { nullable: true, description: 'How: the channel (national portal, form, direct contact) as the plan says it.' })
  @Column({ type: 'text', nullable: true })
  how: string | null;

  @Field(() => String, { nullable: true, description: 'What must have happened first, e.g. municipal measures tried.' })
  @Column({ type: 'text', nullable: true })
  prerequisite: string | null;

  @Field({ description: 'Cases may be discussed anonymously with the service first.' })
  @Column({ name: 'anonymous_consultation', type: 'boolean', default: false })
  anonymousConsultation: boolean;

  @Column({ name: 'consent_rule_id', type: 'uuid', nullable: true })
  consentRuleId: string | null;
}
