import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';

export enum SharedServiceKind {
  BARNEVERN = 'BARNEVERN',
  PPT = 'PPT',
  NAV = 'NAV',
  OTHER = 'OTHER',
}
registerEnumType(SharedServiceKind, {
  name: 'SharedServiceKind',
  description: 'BARNEVERN = child welfare, PPT = educational-psychological service, NAV = labour and welfare office.',
});

/** A service one host municipality runs for several owner municipalities (vertskommune, kommuneloven ch. 20). */
@ObjectType({ implements: Node, description: 'A service a host municipality runs for its owner municipalities.' })
@Entity('shared_service')
export class SharedService extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('SharedService', this.id);
  }

  @Field({ description: 'Short code, unique in the region, used in tokens (e.g. "barnevern").' })
  @Column({ type: 'text' })
  code: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => SharedServiceKind)
  @Column({ type: 'text' })
  kind: SharedServiceKind;

  @Column({ name: 'host_municipality_id', type: 'uuid' })
  hostMunicipalityId: string;
}
