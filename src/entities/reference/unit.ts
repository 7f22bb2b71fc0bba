import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';

export enum UnitKind {
  SCHOOL = 'SCHOOL',
  KINDERGARTEN = 'KINDERGARTEN',
  OTHER = 'OTHER',
}
registerEnumType(UnitKind, { name: 'UnitKind', description: 'SCHOOL = skole, KINDERGARTEN = barnehage.' });

/** A school or kindergarten (tjenestested) where a TST meets; its size drives meeting frequency. */
@ObjectType({ implements: Node, description: 'A school, kindergarten or other unit in a municipality.' })
@Entity('unit')
export class Unit extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('Unit', this.id);
  }

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Field({ description: 'Short code, unique in the region, used in tokens (e.g. "tynset-ungdomsskole").' })
  @Column({ type: 'text' })
  code: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => UnitKind)
  @Column({ type: 'text' })
  kind: UnitKind;

  @Field(() => Int, { description: 'Number of children (kindergarten) or pupils (school).' })
  @Column({ type: 'int' })
  size: number;

  @Field(() => GraphQLDate, { description: 'The first day the unit exists (2000-01-01: since before any data). Compliance counts a unit only in periods it is open in.' })
  @Column({ name: 'opened_on', type: 'date', default: '2000-01-01' })
  openedOn: string;

  @Field(() => GraphQLDate, { nullable: true, description: 'The last day the unit exists; none while open.' })
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;
}
