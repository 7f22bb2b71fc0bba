import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { AuditRecord } from '../../entities/reference/audit-record';
import { toGlobalId } from '../../global-id';
import { listAuditRecords } from '../../services/reference/audit-trail';
import { PageArgs } from '../../schema/connection';
import { AuditRecordConnection } from '../../schema/reference/connections';

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
