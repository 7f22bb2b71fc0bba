import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';

/** Which municipalities owned a shared service from one date to another (the agreement changes over time). */
@ObjectType({ implements: Node, description: 'A dated period during which a set of municipalities owned a shared service.' })
@Entity('ownership_period')
export class OwnershipPeriod extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('OwnershipPeriod', this.id);
  }

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @Field(() => GraphQLDate, { description: 'First day of the period (inclusive).' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Field(() => GraphQLDate, { nullable: true, description: 'Last day of the period (inclusive); null while current.' })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. the agreement or council decision behind the period.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** One owner municipality in an ownership period. */
@Entity('ownership_period_owner')
export class OwnershipPeriodOwner extends TenantRow {
  @Column({ name: 'period_id', type: 'uuid' })
  periodId: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;
}
