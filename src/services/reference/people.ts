import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { Person } from '../../entities/reference/person';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { requireRole } from '../access';

/** People with role assignments: personal data, so REGION_ADMIN only (RLS says the same). */
export async function listPeople(ctx: Context, page: PageRequest) {
  requireRole(ctx, [Role.REGION_ADMIN], 'Listing people');
  const { offset, limit } = pageWindow(page);
  const em = await ctx.db.manager();
  const [rows, total] = await em.getRepository(Person).findAndCount({ order: { displayName: 'ASC', id: 'ASC' }, skip: offset, take: limit });
  return toConnection(rows, total, offset);
}
