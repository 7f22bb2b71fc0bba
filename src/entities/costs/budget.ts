import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../../schema/node';
import { OreScalar } from '../../schema/money';
import { toGlobalId } from '../../global-id';
import { ServiceRow } from './row';

/** The budget of one service, year and category, with the weights that spread it over the months. */
@ObjectType({ implements: Node, description: 'The budget of a shared service for one year and category, with its monthly profile.' })
@Entity('cost_budget')
export class CostBudget extends ServiceRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('CostBudget', this.id);
  }

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  year: number;

  @Field(() => OreScalar, { description: 'Annual budget in whole øre.' })
  @Column({ name: 'amount_ore', type: 'bigint' })
  amountOre: string;

  @Field(() => [Int], { description: 'Twelve weights, January first; month m gets weight[m] ÷ sum of the annual budget (largest remainder, so the months add up exactly). Even = twelve 1s.' })
  @Column({ name: 'monthly_profile', type: 'int', array: true })
  monthlyProfile: number[];

  @Field(() => String, { nullable: true, description: 'Says "illustrative" for demo data.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Date)
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;
}
