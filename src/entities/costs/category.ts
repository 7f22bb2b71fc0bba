import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';

/** A cost category of the region (e.g. "Tiltak utenfor familien"), tied to the municipal chart of accounts. */
@ObjectType({ implements: Node, description: 'A cost category of the region, mapped to KOSTRA funksjon and art ranges so a report ties back to the accounts.' })
@Entity('cost_category')
export class CostCategory extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('CostCategory', this.id);
  }

  @Field({ description: 'Short code, unique in the region (e.g. "bv-tiltak-plassert").' })
  @Column({ type: 'text' })
  code: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => Int, { description: 'Order in reports.' })
  @Column({ type: 'int', default: 0 })
  position: number;
}

/** One KOSTRA funksjon with an art range that belongs to a category. */
@ObjectType({ description: 'Ledger lines with this KOSTRA funksjon and an art in [artFrom, artTo] belong to the category.' })
@Entity('cost_category_account')
export class CostCategoryAccount extends TenantRow {
  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Field({ description: 'KOSTRA funksjon, three digits (e.g. 244 barneverntjeneste, 251 tiltak når barnet ikke er plassert, 252 tiltak når barnet er plassert).' })
  @Column({ type: 'text' })
  funksjon: string;

  @Field({ description: 'First KOSTRA art of the range (three digits).' })
  @Column({ name: 'art_from', type: 'text' })
  artFrom: string;

  @Field({ description: 'Last KOSTRA art of the range (inclusive).' })
  @Column({ name: 'art_to', type: 'text' })
  artTo: string;
}
