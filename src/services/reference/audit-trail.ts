import { Role, rolesOf } from '../../auth/roles';
import { Context } from '../../context';
import { aggregate, sqlOf } from '../../db/reads';
import { AuditRecord } from '../../entities/reference/audit-record';
import { readsWholeRegion, registeredReadRules, ReadRule, requireRole } from '../access';
import { pageWindow, PageRequest, toConnection } from '../paging';

export interface AuditFilter extends PageRequest {
  entity?: string | null;
}

/** Who reads the audit trail at all (readAudit); RLS narrows it to the region (REGION_ADMIN) or the auditor's municipality. */
export const AUDIT_READERS = [Role.REGION_ADMIN, Role.AUDITOR];

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Which records of the audit trail the caller sees, in SQL over `audit_record a`: a record of entity
 * type X is shown exactly when the caller may read that X, by X's read rule (the rule its list query
 * and `node(id:)` apply, src/services/access.ts):
 * - a role that reads every X of the region (`readsWholeRegion`) sees every record of X (that RLS of
 *   `audit_record` shows it);
 * - a role that reads some X (a row rule) sees a record when a snapshot (before or after) passes the
 *   rule's `auditSnapshot` SQL, and only the snapshots that pass (the draft before a publication is
 *   not shown to an owner municipality);
 * - any other role, and a type without a rule, sees none;
 * - keys of a shown snapshot that the role may not read (`auditHiddenFields`) are left out.
 */
export function auditVisibility(
  roles: readonly Role[],
  rules: ReadonlyMap<string, ReadRule>,
  entity?: string | null,
): { where: string; shows: (column: 'a.before' | 'a.after') => string; wholeTypes: string[] } {
  const wholeTypes: string[] = [];
  const partial: [string, (snapshot: string) => string][] = [];
  for (const [name, rule] of rules) {
    if (entity && name !== entity) continue;
    if (!NAME.test(name)) throw new Error(`entity type name ${JSON.stringify(name)} is not an identifier`);
    if (roles.some((role) => readsWholeRegion(rule, role))) wholeTypes.push(name);
    else if (roles.some((role) => rule.roles.includes(role)) && rule.auditSnapshot) partial.push([name, rule.auditSnapshot]);
  }
  const passes = (predicate: (snapshot: string) => string, column: string) => `COALESCE((${predicate(column)}), false)`;
  const where = [`a.entity = ANY($1::text[])`, ...partial.map(([name, p]) => `(a.entity = '${name}' AND (${passes(p, 'a.before')} OR ${passes(p, 'a.after')}))`)].join(' OR ');
  const shows = (column: string) => (partial.length ? `CASE a.entity ${partial.map(([name, p]) => `WHEN '${name}' THEN ${passes(p, column)}`).join(' ')} ELSE true END` : 'true');
  return { where: `(${where})`, shows, wholeTypes };
}

/** The audit trail, newest first: the records of what the caller may read, and of each only the snapshots they may read. */
export async function listAuditRecords(ctx: Context, filter: AuditFilter) {
  ctx = requireRole(ctx, AUDIT_READERS, 'Reading the audit trail');
  const { offset, limit } = pageWindow(filter);
  const { where, shows, wholeTypes } = auditVisibility(rolesOf(ctx.principal), registeredReadRules(), filter.entity);
  const rows = ctx.db.rows(AuditRecord);
  // The text depends on the role and the entity filter only (never on a value): one per rule set.
  const sql = sqlOf(
    rows,
    `auditTrail:${where}:${shows('a.before')}:${shows('a.after')}`,
    () => `SELECT json_build_array((SELECT count(*) FROM audit_record a WHERE ${where}),
      (SELECT ${aggregate(rows.json('a', ['a.__shows_before', 'a.__shows_after']), ['a.at DESC', 'a.id ASC'])} FROM (
        SELECT a.*, ${shows('a.before')} AS __shows_before, ${shows('a.after')} AS __shows_after FROM audit_record a WHERE ${where} ORDER BY a.at DESC, a.id ASC OFFSET $2 LIMIT $3) a))`,
  );
  // Read as values and hydrated here (not remembered by the loaders): the snapshots are narrowed below.
  const [total, raw] = await ctx.db.read<[number, unknown[][]]>({ sql, params: [wholeTypes, offset, limit] });
  const rules = registeredReadRules();
  const readable = (snapshot: Record<string, unknown> | null, hidden: readonly string[] | undefined) =>
    snapshot && hidden?.length ? Object.fromEntries(Object.entries(snapshot).filter(([key]) => !hidden.includes(key))) : snapshot;
  const records = raw.map((values) => {
    const record = rows.hydrate(values);
    // Hidden from the caller when one of its roles may not see it (the safe side for several roles).
    const hiddenBy = rules.get(record.entity)?.auditHiddenFields;
    const hidden = hiddenBy ? rolesOf(ctx.principal).flatMap((role) => hiddenBy[role] ?? []) : undefined;
    return Object.assign(record, {
      before: values[rows.width] ? readable(record.before, hidden) : null,
      after: values[rows.width + 1] ? readable(record.after, hidden) : null,
    });
  });
  return toConnection(records, total, offset);
}
