import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';

/** The hard tenant boundary: a set of cooperating municipalities. */
@ObjectType({ implements: Node, description: 'A set of municipalities that cooperate, e.g. Nord-Østerdal.' })
@Entity('region')
export class Region {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('Region', this.id);
  }

  @Field({ description: 'Stable short code used in tokens, e.g. "nord-osterdal".' })
  @Column({ type: 'text', unique: true })
  code: string;

  @Field()
  @Column({ type: 'text' })
  name: string;
}
