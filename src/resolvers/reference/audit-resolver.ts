import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { AuditRecord } from '../../entities/reference/audit-record';
import { Connection } from '../../schema/connection';
import { toGlobalId } from '../../schema/node';
import { listAuditRecords } from '../../services/audit';
import { PageArgs } from './municipality-resolver';

export const AuditRecordConnection = Connection(AuditRecord);

@Resolver(() => AuditRecord)
export class AuditResolver {
  @Query(() => AuditRecordConnection, { description: 'REGION_ADMIN (region) and AUDITOR (their municipality): the audit trail, newest first.' })
  auditRecords(@Arg('entity', () => String, { nullable: true }) entity: string | null, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return listAuditRecords(ctx, { ...page, entity });
  }

  @FieldResolver(() => ID, { description: 'Global ID of the changed object.' })
  entityId(@Root() r: AuditRecord): string {
    return toGlobalId(r.entity, r.entityId);
  }
}
