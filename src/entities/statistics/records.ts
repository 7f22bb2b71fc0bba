import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { toGlobalId } from '../../global-id';

/** One import of statistics into a service (a file, or the demo seed): where observations came from. */
@ObjectType({ implements: Node, description: 'An import of activity statistics: where the numbers came from.' })
@Entity('statistics_import')
export class StatisticsImport extends TenantRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('StatisticsImport', this.id);
  }

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @Field(() => Date)
  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;

  @Field(() => Int, { description: 'Records in the file.' })
  @Column({ type: 'int' })
  records: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  inserted: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  updated: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  deleted: number;

  @Field(() => String, { nullable: true, description: 'What the data is, e.g. that demo figures are illustrative.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** A true count: metric × municipality × month or year. Readable only by those who may see true counts (RLS). */
@Entity('statistics_observation')
export class StatisticsObservation extends TenantRow {
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Column({ name: 'metric_id', type: 'uuid' })
  metricId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  month: number | null;

  @Column({ type: 'int' })
  value: number;

  @Column({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ name: 'replaced_at', type: 'timestamptz', nullable: true })
  replacedAt: Date | null;

  @Column({ name: 'replaced_by_import_id', type: 'uuid', nullable: true })
  replacedByImportId: string | null;
}

/** The suppression range of one service's statistics (default 1–4 when there is no row). */
@ObjectType({ description: 'Counts in [min, max] are suppressed (prikket); 0 is shown.' })
@Entity('statistics_suppression_rule')
export class StatisticsSuppressionRule extends TenantRow {
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @Field(() => Int)
  @Column({ name: 'min_count', type: 'int' })
  min: number;

  @Field(() => Int)
  @Column({ name: 'max_count', type: 'int' })
  max: number;
}
