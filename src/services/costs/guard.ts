import { EntityManager, In } from 'typeorm';
import { Role, ROLE_SCOPE } from '../../auth/roles';
import { Context } from '../../context';
import { CostCategory } from '../../entities/costs/category';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { badInput } from '../../errors';
import { idOfType } from '../../global-id';
import { requireScope } from '../access';
import { findByGlobalId, NodeEntity } from '../lookup';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';

/** Who does what with costs (docs/permissions.md, feature `costs`). */
export const HOST_FINANCE = [Role.HOST_FINANCE];
export const SERVICE_READERS = [Role.SERVICE_LEADER, Role.HOST_FINANCE];
export const MUNICIPAL_READERS = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR];
export const ALERT_ACKNOWLEDGERS = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE];
export const REPORT_READERS = [...SERVICE_READERS, ...MUNICIPAL_READERS];
export const CONFIG_READERS = [Role.REGION_ADMIN, ...REPORT_READERS];

/** A YYYY-MM month (2000–2099). */
export const PERIOD = /^20\d{2}-(0[1-9]|1[0-2])$/;

export function assertPeriod(value: string, field: string): void {
  if (!PERIOD.test(value)) throw badInput(field, 'pattern', 'must be a month as YYYY-MM, e.g. "2024-06"');
}

/**
 * A shared service by global ID that the caller may act on: NOT_FOUND for an unknown or foreign
 * one (RLS hides other regions), FORBIDDEN for another service of the region when the caller's
 * role is scoped to one service.
 */
export async function serviceInScope(tx: EntityManager, ctx: Context, globalId: string, field = 'serviceId'): Promise<SharedService> {
  const service = await findByGlobalId(tx, SharedService, globalId, field, 'shared service');
  if (ROLE_SCOPE[ctx.principal.role] === 'SERVICE') requireScope(service.id === ctx.principal.serviceId, `You may act on costs of your own shared service only.`);
  return service;
}

/** The municipality a municipal caller acts for: their own (a number naming another one is FORBIDDEN). */
export async function ownMunicipality(tx: EntityManager, ctx: Context, number: string | null | undefined, field: string): Promise<Municipality> {
  const own = ctx.principal.municipalityId ? await tx.getRepository(Municipality).findOneBy({ id: ctx.principal.municipalityId }) : null;
  if (!own) throw new Error('a municipal role without a municipality');
  if (number && number !== own.number) {
    const other = await tx.getRepository(Municipality).findOneBy({ number });
    if (!other) reject(field, `No municipality ${number} in your region.`, UserErrorCode.NOT_FOUND);
    requireScope(false, 'You may act for your own municipality only.');
  }
  return own;
}

/** Categories by global ID, in input order; each unknown one is a NOT_FOUND on `field.<index>`. */
export async function categoriesByGlobalId(tx: EntityManager, globalIds: readonly string[], rules: RuleCheck, field: string): Promise<CostCategory[]> {
  const ids = globalIds.map((g) => idOfType(g, 'CostCategory'));
  const wanted = ids.filter((id): id is string => id !== null);
  const found = new Map((wanted.length ? await tx.getRepository(CostCategory).findBy({ id: In(wanted) }) : []).map((c) => [c.id, c]));
  const out: CostCategory[] = [];
  ids.forEach((id, i) => {
    const category = id ? found.get(id) : undefined;
    if (category) out.push(category);
    else rules.add(userError(`${field}.${i}`, 'No such cost category in your region.', UserErrorCode.NOT_FOUND));
  });
  return [...new Set(out)];
}

/**
 * A row of the caller's own service by global ID: NOT_FOUND when RLS hides it (another service's
 * rows are invisible to a service role), FORBIDDEN as a second guard should a policy ever show one.
 */
export async function ownServiceRow<T extends { id: string; serviceId: string }>(tx: EntityManager, ctx: Context, entity: NodeEntity<T>, globalId: string, field: string, what: string): Promise<T> {
  const row = await findByGlobalId(tx, entity, globalId, field, what);
  requireScope(row.serviceId === ctx.principal.serviceId, `You may act on the ${what}s of your own shared service only.`);
  return row;
}
