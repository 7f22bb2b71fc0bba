import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';

@ObjectType({ implements: Node, description: 'A municipality (kommune), identified by its kommunenummer.' })
@Entity('municipality')
export class Municipality extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('Municipality', this.id);
  }

  @Field({ description: 'Kommunenummer: four characters, leading zeros kept (e.g. "0301").' })
  @Column({ type: 'char', length: 4, unique: true })
  number: string;

  @Field()
  @Column({ type: 'text' })
  name: string;
}
