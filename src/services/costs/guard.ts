import { EntityManager, In } from 'typeorm';
import { actsAt, facetsOf, Role, ROLE_SCOPE, scopeIdsOf } from '../../auth/roles';
import { asAnyFacet, Context } from '../../context';
import { CostCategory } from '../../entities/costs/category';
import { CostReportStatus } from '../../entities/costs/enums';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { badInput } from '../../errors';
import { idOfType } from '../../global-id';
import { ownScope, ReadRule, requireScope, sqlScopesOf } from '../access';
import { findByGlobalId, NodeEntity } from '../lookup';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';

/** Who does what with costs (docs/permissions.md, feature `costs`). */
export const HOST_FINANCE = [Role.HOST_FINANCE];
export const SERVICE_READERS = [Role.SERVICE_LEADER, Role.HOST_FINANCE];
export const MUNICIPAL_READERS = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR];
export const ALERT_ACKNOWLEDGERS = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE];
export const REPORT_READERS = [...SERVICE_READERS, ...MUNICIPAL_READERS];
export const CONFIG_READERS = [Role.REGION_ADMIN, ...REPORT_READERS];

const isServiceRole = (ctx: Context) => ROLE_SCOPE[ctx.principal.role] === 'SERVICE';
const ownService = (ctx: Context, row: { serviceId: string }) => isServiceRole(ctx) && actsAt(ctx.principal, row.serviceId);
/**
 * The service a caller acting with service roles only holds them at, when it is one (a query that
 * names no service reads that one); undefined for several or for a caller with other roles too.
 */
export function soleServiceOf(ctx: Context): string | undefined {
  const facets = facetsOf(ctx.principal);
  if (!facets.every((f) => ROLE_SCOPE[f.role] === 'SERVICE')) return undefined;
  const held = [...new Set(facets.flatMap(scopeIdsOf))];
  return held.length === 1 ? held[0] : undefined;
}

/** May the caller act on this service: no service role among the roles judged, or one held at it. */
export const actsOnService = (ctx: Context, serviceId: string) => asAnyFacet(ctx, (as) => !isServiceRole(as) || actsAt(as.principal, serviceId));

/** SQL over an audit snapshot: the recorded row's service is one the caller holds a service role at. */
export const ownServiceSql = (s: string) => `(${s}->>'serviceId') = ANY (${sqlScopesOf(SERVICE_READERS)})`;
/** SQL over an audit snapshot: the recorded municipality is one the caller holds a municipal role at. */
const ownMunicipalitySql = (s: string) => `(${s}->>'municipalityId') = ANY (${sqlScopesOf(MUNICIPAL_READERS)})`;

/**
 * The read rules of the costs matrix (docs/permissions.md): each list query applies its rule
 * (`requireRead`); `node(id:)` and the audit trail apply the same one (src/services/access.ts).
 * RLS of the cost tables says the same in the database.
 */
/** `costCategories`, `costAgreements` (readCostConfiguration). */
export const READ_COST_CONFIGURATION: ReadRule = { action: 'Reading cost categories and agreements', roles: CONFIG_READERS };
/** `costBudgets`, `ledgerEntries`, `costAlertRules`: the service's own leader and host finance (readServiceCosts). */
export const READ_SERVICE_COSTS: ReadRule<{ serviceId: string }> = {
  action: 'Reading budgets, ledger entries and alert rules',
  roles: SERVICE_READERS,
  wholeRegion: [],
  row: ownService,
  auditSnapshot: ownServiceSql,
};
/** `costReports`, `costReport`: the service every version; owner municipalities published versions only (readReportDrafts, readPublishedReports). */
export const READ_COST_REPORTS: ReadRule<{ serviceId?: string; status?: CostReportStatus; ownerMunicipalityIds?: string[] }> = {
  action: 'Reading cost reports',
  roles: REPORT_READERS,
  wholeRegion: [],
  row: (ctx, r) => (isServiceRole(ctx) ? actsAt(ctx.principal, r.serviceId) : r.status === CostReportStatus.PUBLISHED && (r.ownerMunicipalityIds ?? []).some((m) => actsAt(ctx.principal, m))),
  auditSnapshot: (s) => `(${ownServiceSql(s)}
    OR (${s}->>'status') = '${CostReportStatus.PUBLISHED}' AND (${s}->'ownerMunicipalityIds') ?| ${sqlScopesOf(MUNICIPAL_READERS)})`,
  // A publication's record lists the alerts it raised, of every municipality; an owner reads its own (costAlerts).
  auditHiddenFields: Object.fromEntries(MUNICIPAL_READERS.map((role) => [role, ['alerts']])),
};
/** `costAlerts`: the service's; an owner municipality its own (readCostAlerts). */
export const READ_COST_ALERTS: ReadRule<{ serviceId: string; municipalityId: string }> = {
  action: 'Reading cost alerts',
  roles: REPORT_READERS,
  wholeRegion: [],
  row: (ctx, r) => actsAt(ctx.principal, isServiceRole(ctx) ? r.serviceId : r.municipalityId),
  auditSnapshot: (s) => `(${ownServiceSql(s)} OR ${ownMunicipalitySql(s)})`,
};
/** `costAlertWebhook`: the municipality's director and finance (manageAlertWebhook). */
export const READ_COST_WEBHOOK: ReadRule<{ municipalityId?: string }> = {
  action: 'Reading the cost alert webhook',
  roles: ALERT_ACKNOWLEDGERS,
  wholeRegion: [],
  row: (ctx, r) => actsAt(ctx.principal, r.municipalityId),
};

/** A YYYY-MM month (2000–2099). */
export const PERIOD = /^20\d{2}-(0[1-9]|1[0-2])$/;

export function assertPeriod(value: string, field: string): void {
  if (!PERIOD.test(value)) throw badInput(field, 'pattern', { key: 'costs.errors.periodFormat' });
}

/**
 * A shared service by global ID that the caller may act on: NOT_FOUND for an unknown or foreign
 * one (RLS hides other regions), FORBIDDEN for another service of the region when the caller's
 * role is scoped to one service.
 */
export async function serviceInScope(tx: EntityManager, ctx: Context, globalId: string, field = 'serviceId'): Promise<SharedService> {
  const service = await findByGlobalId(tx, SharedService, globalId, field, 'shared service');
  requireScope(actsOnService(ctx, service.id), { key: 'costs.errors.ownServiceOnly' });
  return service;
}

/** The municipality a municipal caller acts for: their own (a number naming another one is FORBIDDEN). */
export async function ownMunicipality(tx: EntityManager, ctx: Context, number: string | null | undefined, field: string): Promise<Municipality> {
  const own = await tx.getRepository(Municipality).findOneBy({ id: ownScope(ctx, 'MUNICIPALITY') });
  if (!own) throw new Error('a municipal role without a municipality');
  if (number && number !== own.number) {
    const other = await tx.getRepository(Municipality).findOneBy({ number });
    if (!other) reject(field, 'costs.noSuchMunicipality', { number }, UserErrorCode.NOT_FOUND);
    requireScope(false, { key: 'costs.errors.ownMunicipalityOnly' });
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
    else rules.add(userError(`${field}.${i}`, 'costs.suchCostCategoryRegion', {}, UserErrorCode.NOT_FOUND));
  });
  return [...new Set(out)];
}

/** The FORBIDDEN reason of `ownServiceRow`, by what the row is. */
const OWN_ROWS_ONLY = { 'cost report': 'costs.errors.ownReportsOnly', 'cost alert rule': 'costs.errors.ownAlertRulesOnly' } as const;

/**
 * A row of the caller's own service by global ID: NOT_FOUND when RLS hides it (another service's
 * rows are invisible to a service role), FORBIDDEN as a second guard should a policy ever show one.
 */
export async function ownServiceRow<T extends { id: string; serviceId: string }>(
  tx: EntityManager,
  ctx: Context,
  entity: NodeEntity<T>,
  globalId: string,
  field: string,
  what: keyof typeof OWN_ROWS_ONLY,
): Promise<T> {
  const row = await findByGlobalId(tx, entity, globalId, field, what);
  requireScope(
    asAnyFacet(ctx, (as) => actsAt(as.principal, row.serviceId)),
    { key: OWN_ROWS_ONLY[what] },
  );
  return row;
}
