import { EntityManager } from 'typeorm';
import { Context } from '../context';
import { AuditRecord } from '../entities/reference/audit-record';

export interface AuditEntry {
  operation: string;
  entity: string;
  entityId: string;
  municipalityId?: string | null;
  /** Other municipalities the change concerns: their AUDITOR reads the record too. */
  concerns?: string[];
  before?: object | null;
  after?: object | null;
  /**
   * The region the record belongs to, when it is not the caller's: an OPERATOR (no region) records
   * what it did to a region in that region's trail. `null`: a deployment-level change (no region),
   * recorded in `deployment_audit_record`.
   */
  regionId?: string | null;
}

/** Plain JSON snapshot of an entity for the audit trail (drops functions and getters). */
export function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  return value ? JSON.parse(JSON.stringify({ ...value })) : null;
}

/**
 * Writes the audit record inside the mutation's transaction: no change without its record.
 * No RETURNING (updateEntity(false)): RLS lets every signed-in role append but only REGION_ADMIN and
 * AUDITOR read, and PostgreSQL checks RETURNING rows against the read policy.
 */
export async function recordAudit(tx: EntityManager, ctx: Context, entry: AuditEntry): Promise<void> {
  const regionId = entry.regionId === undefined ? ctx.principal.regionId : entry.regionId;
  if (!regionId) {
    // No region: a deployment-level change (RLS lets only an OPERATOR append here).
    await tx.query(`INSERT INTO deployment_audit_record (actor, actor_role, operation, entity, entity_id, after, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      ctx.principal.subject,
      ctx.principal.role,
      entry.operation,
      entry.entity,
      entry.entityId,
      snapshot(entry.after),
      ctx.requestId ?? null,
    ]);
    return;
  }
  await tx
    .getRepository(AuditRecord)
    .createQueryBuilder()
    .insert()
    .updateEntity(false)
    .values({
      regionId,
      municipalityId: entry.municipalityId ?? null,
      concerns: [...new Set(entry.concerns ?? [])],
      actor: ctx.principal.subject,
      actorRole: ctx.principal.role,
      operation: entry.operation,
      entity: entry.entity,
      entityId: entry.entityId,
      before: snapshot(entry.before) as never,
      after: snapshot(entry.after) as never,
      requestId: ctx.requestId,
    })
    .execute();
}
