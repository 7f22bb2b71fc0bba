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
}
