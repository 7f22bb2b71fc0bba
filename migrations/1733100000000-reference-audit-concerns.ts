import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, hasRole, inRegion, or } from './rls-v1';

/**
 * A change can concern municipalities other than the one a row belongs to: a shared service's new
 * ownership period concerns every municipality that owned it before or owns it after (Folldal
 * leaving PPT is Folldal's business, and its control committee's). `concerns` lists them, and an
 * AUDITOR reads the records of their own municipality and those that concern it.
 */
export class AuditConcerns1733100000000 implements MigrationInterface {
  name = 'AuditConcerns1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_record ADD COLUMN concerns uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX audit_record_concerns_idx ON audit_record USING gin (concerns)`);
    await q.query(`DROP POLICY audit_record_read ON audit_record`);
    await q.query(`CREATE POLICY audit_record_read ON audit_record FOR SELECT USING (
      ${and(inRegion, or(hasRole('REGION_ADMIN'), and(hasRole('AUDITOR'), or('municipality_id = app_municipality_id()', 'app_municipality_id() = ANY (concerns)'))))})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY audit_record_read ON audit_record`);
    await q.query(`CREATE POLICY audit_record_read ON audit_record FOR SELECT USING (
      ${and(inRegion, or(hasRole('REGION_ADMIN'), and(hasRole('AUDITOR'), 'municipality_id = app_municipality_id()')))})`);
    await q.query(`ALTER TABLE audit_record DROP COLUMN concerns`);
  }
}
