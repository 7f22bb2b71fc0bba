import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, hasRole, inRegion, or } from './rls-v1';

/**
 * The audit trail obeys the read rules of what it records (docs/permissions.md, "Reading one object
 * and its history"). The service layer applies each entity type's ReadRule (src/services/access.ts)
 * and shows only the snapshots the caller may read; this policy is the database's second layer, as
 * RLS is for every table: named predicates per audit reader, one line per entity type the matrix
 * keeps from them.
 *
 * - `audit_region_admin_may_read(entity, entity_id)`: REGION_ADMIN reads no budget, ledger, alert
 *   rule, report, alert or webhook (costs matrix: FORBIDDEN), consents and calendar links only of
 *   the fora it runs (the recorded row readable under its table's own policy).
 * - `audit_auditor_may_read(entity, before, after)`: an AUDITOR reads nothing of fora (fora matrix:
 *   FORBIDDEN), no budget, ledger, alert rule or webhook, a report only as a PUBLISHED version of a
 *   service its municipality owns, an alert only of its municipality.
 *
 * A change of what a role may read is a new migration that re-creates these functions.
 */
export class AuditReadRules1733230000000 implements MigrationInterface {
  name = 'AuditReadRules1733230000000';

  async up(q: QueryRunner): Promise<void> {
    // Invoker rights: the EXISTS subqueries run under the caller's RLS of those tables.
    await q.query(`CREATE FUNCTION audit_region_admin_may_read(entity text, entity_id uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT CASE entity
        WHEN 'CostBudget' THEN false
        WHEN 'LedgerEntry' THEN false
        WHEN 'CostAlertRule' THEN false
        WHEN 'CostReport' THEN false
        WHEN 'CostAlert' THEN false
        WHEN 'CostWebhook' THEN false
        WHEN 'ForumCaseConsent' THEN EXISTS (SELECT 1 FROM forum_case_consent x WHERE x.id = entity_id)
        WHEN 'ForumCalendarToken' THEN EXISTS (SELECT 1 FROM forum_calendar_token x WHERE x.id = entity_id)
        ELSE true
      END $$`);
    const published = (s: string) => `((${s}->>'status') = 'PUBLISHED' AND (${s}->'ownerMunicipalityIds') ? app_municipality_id()::text)`;
    await q.query(`CREATE FUNCTION audit_auditor_may_read(entity text, before jsonb, after jsonb) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT CASE
        WHEN entity LIKE 'Forum%' THEN false
        WHEN entity IN ('CostBudget', 'LedgerEntry', 'CostAlertRule', 'CostWebhook') THEN false
        WHEN entity = 'CostReport' THEN COALESCE(${published('before')}, false) OR COALESCE(${published('after')}, false)
        WHEN entity = 'CostAlert' THEN COALESCE((after->>'municipalityId') = app_municipality_id()::text, false) OR COALESCE((before->>'municipalityId') = app_municipality_id()::text, false)
        ELSE true
      END $$`);
    await q.query(`DROP POLICY audit_record_read ON audit_record`);
    await q.query(`CREATE POLICY audit_record_read ON audit_record FOR SELECT USING (
      ${and(
        inRegion,
        or(
          and(hasRole('REGION_ADMIN'), 'audit_region_admin_may_read(entity, entity_id)'),
          and(hasRole('AUDITOR'), or('municipality_id = app_municipality_id()', 'app_municipality_id() = ANY (concerns)'), 'audit_auditor_may_read(entity, before, after)'),
        ),
      )})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY audit_record_read ON audit_record`);
    await q.query(`CREATE POLICY audit_record_read ON audit_record FOR SELECT USING (
      ${and(inRegion, or(hasRole('REGION_ADMIN'), and(hasRole('AUDITOR'), or('municipality_id = app_municipality_id()', 'app_municipality_id() = ANY (concerns)'))))})`);
    await q.query(`DROP FUNCTION audit_region_admin_may_read(text, uuid)`);
    await q.query(`DROP FUNCTION audit_auditor_may_read(text, jsonb, jsonb)`);
  }
}
