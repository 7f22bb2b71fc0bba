import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';

/** Children and young people aged 0–17 living in a municipality on 1 January of a year (allocation keys use it). */
@ObjectType({ description: 'Population aged 0–17 in one year.' })
@Entity('municipality_population')
export class MunicipalityPopulation extends TenantRow {
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  year: number;

  @Field(() => Int, { description: 'Residents aged 0–17.' })
  @Column({ name: 'aged_0_17', type: 'int' })
  aged0To17: number;
}
