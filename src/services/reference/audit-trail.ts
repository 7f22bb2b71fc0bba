import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { AuditRecord } from '../../entities/reference/audit-record';
import { requireRole } from '../access';
import { pageWindow, PageRequest, toConnection } from '../paging';

export interface AuditFilter extends PageRequest {
  entity?: string | null;
}

/** The audit trail; RLS narrows it to the region (REGION_ADMIN) or the auditor's municipality. */
export async function listAuditRecords(ctx: Context, filter: AuditFilter) {
  requireRole(ctx, [Role.REGION_ADMIN, Role.AUDITOR], 'Reading the audit trail');
  const { offset, limit } = pageWindow(filter);
  const em = await ctx.db.manager();
  const [rows, total] = await em.getRepository(AuditRecord).findAndCount({
    where: filter.entity ? { entity: filter.entity } : {},
    order: { at: 'DESC', id: 'ASC' },
    skip: offset,
    take: limit,
  });
  return toConnection(rows, total, offset);
}
