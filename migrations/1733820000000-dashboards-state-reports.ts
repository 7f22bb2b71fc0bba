import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, holdsAt, inRegion, isRegionAdmin, or } from './rls';

/**
 * The yearly state-of-service report (tilstandsrapport, issue 22): one per shared service, owner
 * municipality and year, drafted by the service leader from Samvirke's figures (`figures`: the
 * snapshot the draft was prepared from, with suppression as for the public) and the narrative
 * sections the leader writes. Publishing freezes it: a PUBLISHED row never changes (trigger), like
 * a cost report; a correction is a new version.
 *
 * Read: the service's leader, the region admin, and — once published — the owner municipality's
 * director, finance and auditor (the council's report). Write: the service's leader, drafts only.
 */
export class StateReports1733820000000 implements MigrationInterface {
  name = 'StateReports1733820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE state_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      version int NOT NULL CHECK (version >= 1),
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
      figures jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
      figures_as_of date NOT NULL,
      sections jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(sections) = 'object'),
      prepared_at timestamptz NOT NULL DEFAULT now(),
      prepared_by text NOT NULL,
      published_at timestamptz,
      published_by text,
      content_sha256 text CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
      CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL AND published_by IS NOT NULL AND content_sha256 IS NOT NULL)),
      UNIQUE (service_id, municipality_id, year, version),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    // At most one draft per service, municipality and year.
    await q.query(`CREATE UNIQUE INDEX state_report_one_draft ON state_report (service_id, municipality_id, year) WHERE status = 'DRAFT'`);
    await q.query(`CREATE FUNCTION state_report_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'PUBLISHED' THEN
          RAISE EXCEPTION 'state report % version % is published and cannot change', OLD.year, OLD.version USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER state_report_immutable BEFORE UPDATE OR DELETE ON state_report FOR EACH ROW EXECUTE FUNCTION state_report_refuse_change()`);
    const leader = holdsAt('service_id', 'SERVICE_LEADER');
    await enableTenantRls(q, 'state_report', {
      read: and(inRegion, or(leader, isRegionAdmin, and(`status = 'PUBLISHED'`, holdsAt('municipality_id', 'MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR')))),
      write: and(inRegion, leader),
      update: and(inRegion, leader, `status = 'DRAFT'`),
      delete: null,
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE state_report`);
    await q.query(`DROP FUNCTION state_report_refuse_change()`);
  }
}
