import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { ForumAttendanceDuty, ForumPlacement } from './enums';
import { ForumRole } from './exchange-enums';

/** A concrete forum, e.g. "TST Folldal skole". */
@ObjectType({ implements: Node, description: 'A forum of some kind at a unit, a group of units, a municipality or the region.' })
@Entity('forum')
export class Forum extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('Forum', this.id);
  }

  @Column({ name: 'kind_id', type: 'uuid' }) kindId: string;
  @Field(() => ForumPlacement) @Column({ type: 'text' }) placement: ForumPlacement;
  @Field() @Column({ type: 'text' }) name: string;
  @Column({ name: 'municipality_id', type: 'uuid', nullable: true }) municipalityId: string | null;
  @Column({ name: 'unit_id', type: 'uuid', nullable: true }) unitId: string | null;
  @Field(() => GraphQLDate) @Column({ name: 'established_on', type: 'date' }) establishedOn: string;
  @Field(() => GraphQLDate, { nullable: true }) @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn: string | null;
  @Column({ name: 'minutes_to_forum_id', type: 'uuid', nullable: true }) minutesToForumId: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A row that belongs to one forum. */
export abstract class ForumRow extends TenantRow {
  @Column({ name: 'forum_id', type: 'uuid' }) forumId: string;
}

/** A unit of a forum placed at a group of units (a network). */
@Entity('forum_unit')
export class ForumUnit extends ForumRow {
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
}

/** Who sits in a forum, for which member service, from when to when. People change; history stays. */
@ObjectType({ implements: Node, description: "A seat in a forum held by a person or a service's representative, dated." })
@Entity('forum_membership')
export class ForumMembership extends ForumRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('ForumMembership', this.id);
  }

  @Column({ name: 'kind_id', type: 'uuid' }) kindId: string;
  @Column({ name: 'kind_member_id', type: 'uuid' }) kindMemberId: string;
  @Field(() => String, { nullable: true, description: 'Null = "the service\'s representative" (whoever the service sends).' })
  @Column({ name: 'person_name', type: 'text', nullable: true })
  personName: string | null;
  @Column({ name: 'service_id', type: 'uuid', nullable: true }) serviceId: string | null;
  @Field(() => ForumAttendanceDuty) @Column({ type: 'text' }) attendance: ForumAttendanceDuty;
  @Field(() => GraphQLDate) @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Field(() => GraphQLDate, { nullable: true }) @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  /** A seat held by whoever holds `roleInForum` in this other forum (then no person or service of its own). */
  @Column({ name: 'role_forum_id', type: 'uuid', nullable: true }) roleForumId: string | null;
  @Field(() => ForumRole, { nullable: true, description: 'The seat is held by whoever holds this role in `roleForum` (e.g. LEADER), resolved in `holder`.' })
  @Column({ name: 'role_in_forum', type: 'text', nullable: true })
  roleInForum: ForumRole | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

@ObjectType({ description: 'Who led the forum from when to when.' })
@Entity('forum_leader_term')
export class ForumLeaderTerm extends ForumRow {
  @Column({ name: 'membership_id', type: 'uuid' }) membershipId: string;
  @Field(() => GraphQLDate) @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Field(() => GraphQLDate, { nullable: true }) @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
}

/** The SHA-256 of a forum's calendar token (the token itself is shown once). */
@Entity('forum_calendar_token')
export class ForumCalendarToken extends ForumRow {
  @Column({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'rotated_by', type: 'text' }) rotatedBy: string;
  @Column({ name: 'rotated_at', type: 'timestamptz', default: () => 'now()' }) rotatedAt: Date;
}
