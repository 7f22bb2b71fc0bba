import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { ForumReferralOutcome } from './exchange-enums';
import { ForumRow } from './forum';

/**
 * What passes between fora (seed 003): minutes sent to another forum, and cases referred to
 * another forum. Readable by the insiders of both fora (RLS: 1733770000000).
 */

/** A held meeting's minutes sent to another forum (`forumId` receives them). */
@ObjectType({ description: "Minutes of another forum's meeting, sent to this forum (e.g. a network's minutes on the samarbeidsgruppe's agenda)." })
@Entity('forum_minutes_delivery')
export class ForumMinutesDelivery extends ForumRow {
  @Column({ name: 'from_forum_id', type: 'uuid' }) fromForumId: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
  @Field(() => GraphQLDate, { description: 'The day the meeting was held (Europe/Oslo).' }) @Column({ name: 'held_on', type: 'date' }) heldOn: string;
  @Field(() => GraphQLDate) @Column({ name: 'sent_on', type: 'date' }) sentOn: string;
  @Column({ name: 'sent_by', type: 'text' }) sentBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A case referred from one forum to another (003: from the local team to the drøftingsteam after measures were tried). */
@ObjectType({ implements: Node, description: 'A case referred from one forum to another, anonymous or under a consent of the sending forum, with the outcome the receiving forum records.' })
@Entity('forum_case_referral')
export class ForumCaseReferral extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumCaseReferral', this.id);
  }

  @Column({ name: 'from_forum_id', type: 'uuid' }) fromForumId: string;
  @Column({ name: 'to_forum_id', type: 'uuid' }) toForumId: string;
  @Field(() => GraphQLDate) @Column({ name: 'referred_on', type: 'date' }) referredOn: string;
  @Field({ description: 'Anonymous label, e.g. "Elev, 5. trinn".' }) @Column({ type: 'text' }) label: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) summary: string | null;
  @Field(() => String, { nullable: true, description: 'What was tried in the services closest to the child before the referral.' })
  @Column({ name: 'measures_tried', type: 'text', nullable: true })
  measuresTried: string | null;
  @Column({ name: 'consent_id', type: 'uuid', nullable: true }) consentId: string | null;
  @Field(() => ForumReferralOutcome) @Column({ type: 'text', default: 'PENDING' }) outcome: ForumReferralOutcome;
  @Field(() => GraphQLDate, { nullable: true }) @Column({ name: 'outcome_on', type: 'date', nullable: true }) outcomeOn: string | null;
  @Field(() => String, { nullable: true, description: 'What the receiving forum decided or concluded.' }) @Column({ name: 'outcome_text', type: 'text', nullable: true }) outcomeText: string | null;
  @Column({ name: 'outcome_by', type: 'text', nullable: true }) outcomeBy: string | null;
  @Column({ name: 'referred_by', type: 'text' }) referredBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;

  @Field({
    description:
      'True when no consent is recorded for the case: label, summary and measures were checked for a national identity number and a given name with an age, class or birth date (unless confirmed), which catches slips but proves no anonymity.',
  })
  get withoutConsent(): boolean {
    return this.consentId === null;
  }
}
