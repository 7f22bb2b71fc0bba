import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, inRegion, or } from './rls-v1';
import { planAdmin, planLeaderOf } from './1732900000000-plans-elements';

/**
 * Follow-up after adoption is not content:
 * - milestone progress (status, completion date, note) is kept per plan and milestone lineage key
 *   (`plan_milestone_progress`, like `measure_implementation`), so it can be recorded on an adopted
 *   version without a revision and carries across versions; `plan_milestone.status` moves there;
 * - a yearly review may be one shared service's review of its own measures (`plan_review.service_id`;
 *   one review per plan, service (or the whole plan) and calendar year);
 * - demo and example rows say what in them is illustrative (`illustrative_note`).
 */
export class PlanFollowUp1732910000000 implements MigrationInterface {
  name = 'PlanFollowUp1732910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE plan_milestone_progress (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      milestone_key uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      completed_on date,
      note text CHECK (length(note) BETWEEN 1 AND 4000),
      illustrative_note text CHECK (length(illustrative_note) BETWEEN 1 AND 4000),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (completed_on IS NULL OR status = 'DONE'),
      UNIQUE (plan_id, milestone_key),
      FOREIGN KEY (region_id, plan_id) REFERENCES strategic_plan(region_id, id) ON DELETE CASCADE
    )`);
    await enableTenantRls(q, 'plan_milestone_progress', { read: inRegion, write: and(inRegion, or(planAdmin, planLeaderOf('plan_id'))) });

    // A status set as content moves to progress: the newest version's milestones, per lineage key.
    for (const t of ['plan_milestone', 'plan_version', 'plan_milestone_progress']) await q.query(`ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO plan_milestone_progress (region_id, plan_id, milestone_key, status, note, updated_by)
      SELECT DISTINCT ON (m.plan_id, m.key) m.region_id, m.plan_id, m.key, m.status,
             'Status carried over from the plan content; completion date not recorded.', 'migration'
        FROM plan_milestone m JOIN plan_version v ON v.id = m.version_id
       WHERE m.status <> 'PLANNED'
       ORDER BY m.plan_id, m.key, v.number DESC`);
    for (const t of ['plan_milestone', 'plan_version', 'plan_milestone_progress']) await q.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plan_milestone DROP COLUMN status`);

    await q.query(`ALTER TABLE plan_review
      ADD COLUMN service_id uuid,
      ADD COLUMN illustrative_note text CHECK (length(illustrative_note) BETWEEN 1 AND 4000),
      ADD FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)`);
    await q.query(`CREATE UNIQUE INDEX plan_review_one_per_year_idx ON plan_review (plan_id, service_id, (extract(year FROM reviewed_on))) NULLS NOT DISTINCT`);
    // A service leader writes the plan-wide review or their own service's, never another service's.
    for (const op of ['read', 'update', 'insert', 'delete']) await q.query(`DROP POLICY plan_review_${op} ON plan_review`);
    await enableTenantRls(q, 'plan_review', {
      read: inRegion,
      write: and(inRegion, or(planAdmin, and(planLeaderOf('plan_id'), or('service_id IS NULL', 'service_id = app_service_id()')))),
    });

    for (const t of ['plan_adoption', 'measure_implementation']) {
      await q.query(`ALTER TABLE ${t} ADD COLUMN illustrative_note text CHECK (length(illustrative_note) BETWEEN 1 AND 4000)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['plan_adoption', 'measure_implementation']) await q.query(`ALTER TABLE ${t} DROP COLUMN illustrative_note`);
    for (const op of ['read', 'update', 'insert', 'delete']) await q.query(`DROP POLICY plan_review_${op} ON plan_review`);
    await enableTenantRls(q, 'plan_review', { read: inRegion, write: and(inRegion, or(planAdmin, planLeaderOf('plan_id'))) });
    await q.query(`DROP INDEX plan_review_one_per_year_idx`);
    await q.query(`ALTER TABLE plan_review DROP COLUMN service_id, DROP COLUMN illustrative_note`);
    await q.query(`ALTER TABLE plan_milestone ADD COLUMN status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'))`);
    await q.query(`DROP TABLE plan_milestone_progress`);
  }
}
