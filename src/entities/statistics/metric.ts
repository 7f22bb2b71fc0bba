import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { SharedServiceKind } from '../reference/shared-service';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';
import { MetricAggregation, MetricPeriod } from './enums';

/** One metric of a service kind's catalogue (e.g. barnevern: reports received, "meldinger"). */
@ObjectType({ implements: Node, description: 'A metric of the activity statistics of one kind of service.' })
@Entity('statistics_metric')
export class StatisticsMetric extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('StatisticsMetric', this.id);
  }

  @Field(() => SharedServiceKind)
  @Column({ name: 'service_kind', type: 'text' })
  serviceKind: SharedServiceKind;

  @Field({ description: 'Stable code used in imports and queries, e.g. "reports_received".' })
  @Column({ type: 'text' })
  code: string;

  @Field({ description: 'Name in Norwegian as KOSTRA/SSB use it, e.g. "Antall meldinger".' })
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'What is counted, e.g. "meldinger", "barn".' })
  @Column({ type: 'text' })
  unit: string;

  @Field(() => MetricAggregation)
  @Column({ type: 'text' })
  aggregation: MetricAggregation;

  @Field(() => MetricPeriod)
  @Column({ name: 'finest_period', type: 'text' })
  finestPeriod: MetricPeriod;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'The ContentsCode of this metric in SSB tables (JSON-stat imports map it).' })
  @Column({ name: 'ssb_code', type: 'text', nullable: true })
  ssbCode: string | null;

  @Field(() => String, { nullable: true, description: 'This metric counts a part of that metric (same service kind); rows then carry sharePercent.' })
  @Column({ name: 'share_of_code', type: 'text', nullable: true })
  shareOfCode: string | null;

  @Field({ description: 'Part of the fixed catalogue (barnevern, as SSB defines it); cannot be changed.' })
  @Column({ name: 'built_in', type: 'boolean' })
  builtIn: boolean;

  @Field(() => Int)
  @Column({ type: 'int' })
  position: number;
}
