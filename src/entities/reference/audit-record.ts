import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Role } from '../../auth/roles';

/** Append-only trail of every mutation, written in the mutation's own transaction. */
@ObjectType({ description: 'Who changed what, when: one record per mutation.' })
@Entity('audit_record')
export class AuditRecord extends TenantRow {
  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Field({ description: 'Token subject of the caller.' })
  @Column({ type: 'text' })
  actor: string;

  @Field(() => Role)
  @Column({ name: 'actor_role', type: 'text' })
  actorRole: Role;

  @Field({ description: 'GraphQL mutation name, e.g. "createUnit".' })
  @Column({ type: 'text' })
  operation: string;

  @Field({ description: 'Entity type, e.g. "Unit".' })
  @Column({ type: 'text' })
  entity: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Field(() => String, { nullable: true })
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  /** Other municipalities the change concerns (e.g. every owner before and after an ownership change). */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  concerns: string[];
}
