import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { ServiceRow } from './row';

/** The allocation key of a shared service for a period (part of the cooperation agreement). */
@ObjectType({
  implements: Node,
  description:
    'The allocation key of a shared service from one month on: a part shared equally, a part by population aged 0–17 (1 January of the report year), and categories charged directly to the municipality they concern.',
})
@Entity('cost_agreement')
export class CostAgreement extends ServiceRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('CostAgreement', this.id);
  }

  @Field(() => GraphQLDate, { description: 'First day (the first of a month).' })
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Field(() => GraphQLDate, { nullable: true, description: 'Last day (the last of a month); null while in force.' })
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Field(() => Int, { description: 'Share of the shared costs split equally between the owners, in basis points (10000 = 100 %).' })
  @Column({ name: 'equal_share_bp', type: 'int' })
  equalShareBp: number;

  @Field(() => Int, { description: 'Share split by population aged 0–17, in basis points; equalShareBp + populationShareBp = 10000.' })
  @Column({ name: 'population_share_bp', type: 'int' })
  populationShareBp: number;

  @Field(() => String, { nullable: true, description: 'E.g. the agreement or decision behind the key; says "illustrative" for demo data.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;
}

/** A category the agreement charges directly to the municipality a cost concerns. */
@Entity('cost_agreement_direct_category')
export class CostAgreementDirectCategory extends TenantRow {
  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;
}
