import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { toGlobalId } from '../../global-id';
import { Node } from '../../schema/node';
import { ServiceRow } from '../costs/row';
import { StateReportStatus } from './enums';

/**
 * One version of the yearly state-of-service report (tilstandsrapport) of a shared service to one
 * owner municipality (docs/dashboards.md, "The yearly state-of-service report"). A PUBLISHED
 * version never changes (a trigger refuses it); preparing again makes the next version.
 * `figures` (the snapshot) and `sections` are exposed as typed fields by StateReportResolver.
 */
@ObjectType({
  implements: Node,
  description:
    "The yearly state-of-service report (tilstandsrapport) of a shared service to one owner municipality: figures from Samvirke (suppressed as for the public) and the service leader's narrative sections. A published version never changes.",
})
@Entity('state_report')
export class StateReport extends ServiceRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('StateReport', this.id);
  }

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  year: number;

  @Field(() => Int, { description: '1 for the first report of the year to this municipality, then 2, 3 … when prepared again after publication.' })
  @Column({ type: 'int' })
  version: number;

  @Field(() => StateReportStatus)
  @Column({ type: 'text' })
  status: StateReportStatus;

  /** The figures snapshot (StateReportFigures of src/services/dashboards/state-report-figures.ts). */
  @Column({ type: 'jsonb' })
  figures: object;

  @Field(() => String, { description: 'The day the figures are as of (YYYY-MM-DD): the last day of the year, or the day they were prepared during the year.' })
  @Column({ name: 'figures_as_of', type: 'date' })
  figuresAsOf: string;

  /** The narrative sections by key (StateReportSectionKey → text). */
  @Column({ type: 'jsonb' })
  sections: Record<string, string>;

  @Field(() => Date, { description: 'When the figures were (last) prepared.' })
  @Column({ name: 'prepared_at', type: 'timestamptz' })
  preparedAt: Date;

  @Field({ description: 'Token subject of whoever prepared the figures.' })
  @Column({ name: 'prepared_by', type: 'text' })
  preparedBy: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the canonical JSON of figures and sections, set at publication.' })
  @Column({ name: 'content_sha256', type: 'text', nullable: true })
  contentSha256: string | null;
}
