import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { Person } from '../../entities/reference/person';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { requireRole } from '../access';

/** People with role assignments: personal data, so REGION_ADMIN only (RLS says the same). */
export async function listPeople(ctx: Context, page: PageRequest) {
  ctx = requireRole(ctx, [Role.REGION_ADMIN], 'Listing people');
  const window = pageWindow(page);
  const { rows, total } = await ctx.loaders.page(Person, {}, { displayName: 'ASC', id: 'ASC' }, window);
  return toConnection(rows, total, window.offset);
}
