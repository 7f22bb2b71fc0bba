import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { SharedServiceKind } from '../reference/shared-service';
import { UnitKind } from '../reference/unit';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { AgendaRequirement, CadencePeriod, ForumAttendanceDuty, ForumLeadership, ForumPlacement, UnitSizeBand } from './enums';

/** Term dates of a region ("MM-DD"); a region without a row uses the defaults. */
@ObjectType({ description: 'School terms of the region as month-day ("08-01"): fora cadence counts per term.' })
@Entity('forum_term_setting')
export class ForumTermSetting extends TenantRow {
  @Field() @Column({ name: 'spring_start', type: 'text' }) springStart: string;
  @Field() @Column({ name: 'spring_end', type: 'text' }) springEnd: string;
  @Field() @Column({ name: 'autumn_start', type: 'text' }) autumnStart: string;
  @Field() @Column({ name: 'autumn_end', type: 'text' }) autumnEnd: string;
  @Field(() => Int, { description: 'The calendar year these dates apply from; earlier years keep the dates they had.' })
  @Column({ name: 'from_year', type: 'int', default: 2000 })
  fromYear: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** A kind of forum (TST, drøftingsteam, nettverk …): where it sits, who leads, who attends, how often, what is on the agenda. */
@ObjectType({ implements: Node, description: 'A kind of forum, as data: placement, leadership, members, cadence rules, agenda template, where the minutes go.' })
@Entity('forum_kind')
export class ForumKind extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumKind', this.id);
  }

  @Field({ description: 'Unique in the region, e.g. "tst".' }) @Column({ type: 'text' }) code: string;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) description: string | null;
  @Field(() => String, { nullable: true, description: 'The document the rules come from.' }) @Column({ type: 'text', nullable: true }) source: string | null;
  @Field(() => String, { nullable: true, description: 'What is illustrative or assumed rather than taken from the source.' }) @Column({ type: 'text', nullable: true }) notes: string | null;
  @Field(() => ForumPlacement) @Column({ type: 'text' }) placement: ForumPlacement;
  @Field(() => [UnitKind], { description: 'Every unit of these kinds should have a forum of this kind (UNIT placement only).' })
  @Column({ name: 'required_unit_kinds', type: 'text', array: true, default: () => `'{}'` })
  requiredUnitKinds: UnitKind[];
  @Field(() => ForumLeadership) @Column({ type: 'text' }) leadership: ForumLeadership;
  @Field(() => Int, { nullable: true, description: 'ROTATING: months a leader serves before another member takes over.' })
  @Column({ name: 'rotation_months', type: 'int', nullable: true })
  rotationMonths: number | null;
  @Field(() => String, { nullable: true, description: 'Who leads, e.g. "rektor/styrer".' }) @Column({ name: 'leader_description', type: 'text', nullable: true }) leaderDescription: string | null;
  @Field(() => Int, { nullable: true, description: 'Shortest meeting that counts as a full meeting.' }) @Column({ name: 'min_meeting_minutes', type: 'int', nullable: true }) minMeetingMinutes:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Units of at least this size (pupils/children) are LARGE for cadence rules.' })
  @Column({ name: 'large_unit_size', type: 'int', nullable: true })
  largeUnitSize: number | null;
  @Column({ name: 'minutes_to_kind_id', type: 'uuid', nullable: true }) minutesToKindId: string | null;
  @Field({ description: 'The minutes are written by whoever convened the meeting (004: "Møter skal referatføres av den som innkaller").' })
  @Column({ name: 'minutes_by_convener', type: 'boolean', default: false })
  minutesByConvener: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'Shortest spacing in days between two meetings of a forum of this kind; tells whether a term can still reach its minimum (AT_RISK). None: one meeting a week at most is assumed.',
  })
  @Column({ name: 'min_days_between_meetings', type: 'int', nullable: true })
  minDaysBetweenMeetings: number | null;
  @Field(() => GraphQLDate, {
    description: 'The first day the current rules (cadence, size band, required unit kinds, leadership, minimum length and spacing) are in force; earlier windows are judged by `ruleVersions`.',
  })
  @Column({ name: 'rules_valid_from', type: 'date', default: '2000-01-01' })
  rulesValidFrom: string;
}

/** A cadence rule as a rule version stores it (jsonb). */
export interface StoredCadenceRule {
  period: CadencePeriod;
  unitSize: UnitSizeBand;
  minMeetings: number;
  maxMeetings: number | null;
}

/** The rules a kind had before its current ones, in force from `validFrom` until the next version (or the kind's `rulesValidFrom`). Never changed. */
@Entity('forum_kind_rule_version')
export class ForumKindRuleVersion extends TenantRow {
  @Column({ name: 'kind_id', type: 'uuid' }) kindId: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ type: 'jsonb' }) cadence: StoredCadenceRule[];
  @Column({ name: 'required_unit_kinds', type: 'text', array: true, default: () => `'{}'` }) requiredUnitKinds: UnitKind[];
  @Column({ type: 'text' }) leadership: ForumLeadership;
  @Column({ name: 'rotation_months', type: 'int', nullable: true }) rotationMonths: number | null;
  @Column({ name: 'min_meeting_minutes', type: 'int', nullable: true }) minMeetingMinutes: number | null;
  @Column({ name: 'large_unit_size', type: 'int', nullable: true }) largeUnitSize: number | null;
  @Column({ name: 'min_days_between_meetings', type: 'int', nullable: true }) minDaysBetweenMeetings: number | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A kind's row: belongs to one forum kind. */
@ObjectType('ForumKindRow')
export abstract class KindRow extends TenantRow {
  @Column({ name: 'kind_id', type: 'uuid' }) kindId: string;
  @Field(() => Int) @Column({ type: 'int', default: 0 }) position: number;
}

@ObjectType({ implements: Node, description: 'A member service of a forum kind (PPT, helsesykepleier, barnevern …) and its attendance duty.' })
@Entity('forum_kind_member')
export class ForumKindMember extends KindRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumKindMember', this.id);
  }

  @Field() @Column({ type: 'text' }) code: string;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => ForumAttendanceDuty) @Column({ type: 'text' }) attendance: ForumAttendanceDuty;
  @Field(() => SharedServiceKind, { nullable: true, description: 'The shared service that fills this seat, where it is one (its leader sees attendance and load).' })
  @Column({ name: 'service_kind', type: 'text', nullable: true })
  serviceKind: SharedServiceKind | null;
  @Field(() => Int, { nullable: true, description: 'Attends only this many meetings per half-year (e.g. police: 2).' })
  @Column({ name: 'attendances_per_half_year', type: 'int', nullable: true })
  attendancesPerHalfYear: number | null;
}

@ObjectType({ description: 'At least min and at most max meetings per period, for units of a size band.' })
@Entity('forum_kind_cadence')
export class ForumKindCadence extends KindRow {
  @Field(() => CadencePeriod) @Column({ type: 'text' }) period: CadencePeriod;
  @Field(() => UnitSizeBand) @Column({ name: 'unit_size', type: 'text', default: 'ANY' }) unitSize: UnitSizeBand;
  @Field(() => Int) @Column({ name: 'min_meetings', type: 'int' }) minMeetings: number;
  @Field(() => Int, { nullable: true }) @Column({ name: 'max_meetings', type: 'int', nullable: true }) maxMeetings: number | null;
}

@ObjectType({ implements: Node, description: 'An element of the agenda template (e.g. TST element 3: observation of or talks with children/parents).' })
@Entity('forum_kind_agenda_element')
export class ForumKindAgendaElement extends KindRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumKindAgendaElement', this.id);
  }

  @Field() @Column({ type: 'text' }) code: string;
  @Field() @Column({ type: 'text' }) title: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) description: string | null;
  @Field(() => AgendaRequirement) @Column({ type: 'text' }) required: AgendaRequirement;
}
