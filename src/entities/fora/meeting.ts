import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { AttendanceStatus, ForumMeetingStatus } from './enums';
import { ForumRow } from './forum';

/** A meeting of a forum: planned, held (with its record) or cancelled (with a reason). */
@ObjectType({ implements: Node, description: "A meeting of a forum. Minutes, agenda items and case items are readable by the forum's own members only." })
@Entity('forum_meeting')
export class ForumMeeting extends ForumRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumMeeting', this.id);
  }

  @Field(() => Date) @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Field(() => Int) @Column({ name: 'planned_minutes', type: 'int' }) plannedMinutes: number;
  @Field(() => Int, { nullable: true, description: 'How long the held meeting lasted.' }) @Column({ name: 'actual_minutes', type: 'int', nullable: true }) actualMinutes: number | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) place: string | null;
  @Field(() => ForumMeetingStatus) @Column({ type: 'text', default: 'PLANNED' }) status: ForumMeetingStatus;
  @Field(() => String, { nullable: true }) @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Field(() => String, { nullable: true, description: 'Who called the meeting.' }) @Column({ name: 'convened_by', type: 'text', nullable: true }) convenedBy: string | null;
  @Field(() => String, { nullable: true, description: 'Who wrote the minutes.' }) @Column({ name: 'minutes_written_by', type: 'text', nullable: true }) minutesWrittenBy: string | null;
  @Field(() => GraphQLDate, { nullable: true, description: "When the minutes were sent on (e.g. a network's minutes to the samarbeidsgruppe)." })
  @Column({ name: 'minutes_sent_on', type: 'date', nullable: true })
  minutesSentOn: string | null;
  @Column({ name: 'minutes_sent_to_forum_id', type: 'uuid', nullable: true }) minutesSentToForumId: string | null;
  @Field(() => Int, { description: 'Revision, the iCalendar SEQUENCE: grows with every change.' }) @Column({ type: 'int', default: 0 }) sequence: number;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'recorded_by', type: 'text', nullable: true }) recordedBy: string | null;
  @Field(() => Date, { nullable: true, description: 'When the held meeting was recorded.' }) @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true }) recordedAt: Date | null;
}

/** A row that belongs to one meeting. */
export abstract class MeetingRow extends ForumRow {
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
}

@ObjectType({ description: 'Whether a member attended a held meeting.' })
@Entity('forum_attendance')
export class ForumAttendance extends MeetingRow {
  @Column({ name: 'membership_id', type: 'uuid' }) membershipId: string;
  @Field(() => AttendanceStatus) @Column({ type: 'text' }) status: AttendanceStatus;
}

/** A template element a held meeting covered (structure: no text). */
@Entity('forum_agenda_section')
export class ForumAgendaSection extends MeetingRow {
  @Column({ name: 'kind_id', type: 'uuid' }) kindId: string;
  @Column({ name: 'element_id', type: 'uuid' }) elementId: string;
}

@ObjectType({ implements: Node, description: 'An agreed follow-up: what (forum members only), which service is responsible, by when, done when.' })
@Entity('forum_follow_up')
export class ForumFollowUp extends MeetingRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumFollowUp', this.id);
  }

  @Field(() => Int) @Column({ type: 'int', default: 0 }) position: number;
  @Column({ name: 'kind_id', type: 'uuid' }) kindId: string;
  @Column({ name: 'responsible_member_id', type: 'uuid', nullable: true }) responsibleMemberId: string | null;
  @Column({ name: 'responsible_service_id', type: 'uuid', nullable: true }) responsibleServiceId: string | null;
  @Field(() => GraphQLDate) @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Field(() => GraphQLDate, { nullable: true }) @Column({ name: 'done_on', type: 'date', nullable: true }) doneOn: string | null;
}

// ---- content: readable by the forum's insiders only (RLS) ------------------------------------

@ObjectType({ description: 'An item on a held meeting\'s agenda, under a template element (or none: "eventuelt").' })
@Entity('forum_agenda_item')
export class ForumAgendaItem extends MeetingRow {
  @Field(() => Int) @Column({ type: 'int', default: 0 }) position: number;
  @Column({ name: 'element_id', type: 'uuid', nullable: true }) elementId: string | null;
  @Field() @Column({ type: 'text' }) title: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
}

@Entity('forum_minutes')
export class ForumMinutes extends MeetingRow {
  @Column({ type: 'text' }) text: string;
}

@Entity('forum_follow_up_note')
export class ForumFollowUpNote extends ForumRow {
  @Column({ name: 'follow_up_id', type: 'uuid' }) followUpId: string;
  @Column({ type: 'text' }) description: string;
}

@ObjectType({ implements: Node, description: 'Consent to discuss a named case in this forum: who gave it, when, for what, withdrawn when.' })
@Entity('forum_case_consent')
export class ForumCaseConsent extends ForumRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumCaseConsent', this.id);
  }

  @Field({ description: 'Whose case (the child or family) the consent covers.' }) @Column({ type: 'text' }) subject: string;
  @Field({ description: 'Who consented (e.g. the parents).' }) @Column({ name: 'given_by', type: 'text' }) givenBy: string;
  @Field(() => GraphQLDate) @Column({ name: 'given_on', type: 'date' }) givenOn: string;
  @Field({ description: 'What the consent covers.' }) @Column({ type: 'text' }) scope: string;
  @Field(() => GraphQLDate, { nullable: true }) @Column({ name: 'withdrawn_on', type: 'date', nullable: true }) withdrawnOn: string | null;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
}

@ObjectType({ description: 'A case discussed at a held meeting: anonymous unless it names a consent.' })
@Entity('forum_case_item')
export class ForumCaseItem extends MeetingRow {
  @Field(() => Int) @Column({ type: 'int', default: 0 }) position: number;
  @Column({ name: 'element_id', type: 'uuid', nullable: true }) elementId: string | null;
  @Field({ description: 'Anonymous label, e.g. "Elev, 5. trinn".' }) @Column({ type: 'text' }) label: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ name: 'consent_id', type: 'uuid', nullable: true }) consentId: string | null;

  @Field({
    description:
      'True when no consent is recorded for the case. That is all it says: the label and summary were checked for a national identity number and for a given name with an age, class or birth date (unless the recorder confirmed with confirmedAnonymous), which catches slips but proves no anonymity.',
  })
  get withoutConsent(): boolean {
    return this.consentId === null;
  }

  @Field({ deprecationReason: 'Said more than was checked: it only means that no consent is recorded. Use withoutConsent.' })
  get anonymous(): boolean {
    return this.withoutConsent;
  }
}
