import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, holdsAt, holdsRegionAdmin, holdsRole, inRegion, or, scopesOf } from './rls';

/** A SERVICE_LEADER of a shared service the plan covers (the plan editors' rule of 1733500000000). */
const coveredLeader = and(holdsRole('SERVICE_LEADER'), `plan_covers_service_in(plan_id, ${scopesOf('SERVICE_LEADER')})`);

/**
 * Follow-up that does not mislead (issue 21):
 * - `plan_measure_forum_kind`: a measure (by lineage key, like `measure_implementation`) is followed
 *   up by the fora of one forum kind; its implementation status then shows the fora evidence
 *   beside the status a person set. Follow-up, not content: set by the plan's editors on an adopted
 *   plan without a revision.
 * - `plan_milestone.per_municipality`: content (what the plan says): every covered municipality
 *   must reach the milestone itself. Never together with `done_on_adoption`.
 * - `plan_milestone_municipality_progress`: each municipality's progress on such a milestone (by
 *   lineage key), written by the region's administrator, a covered service leader or the
 *   municipality's own MUNICIPAL_DIRECTOR.
 */
export class PlanForumEvidenceAndMunicipalMilestones1733760000000 implements MigrationInterface {
  name = 'PlanForumEvidenceAndMunicipalMilestones1733760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE plan_measure_forum_kind (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      measure_key uuid NOT NULL,
      forum_kind_id uuid NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (plan_id, measure_key),
      FOREIGN KEY (region_id, plan_id) REFERENCES strategic_plan(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, forum_kind_id) REFERENCES forum_kind(region_id, id)
    )`);
    await q.query(`CREATE INDEX plan_measure_forum_kind_kind_idx ON plan_measure_forum_kind (forum_kind_id)`);
    await enableTenantRls(q, 'plan_measure_forum_kind', { read: inRegion, write: and(inRegion, or(holdsRegionAdmin, coveredLeader)) });

    await q.query(`ALTER TABLE plan_milestone ADD COLUMN per_municipality boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT plan_milestone_per_municipality_or_adoption CHECK (NOT (per_municipality AND done_on_adoption))`);

    await q.query(`CREATE TABLE plan_milestone_municipality_progress (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      milestone_key uuid NOT NULL,
      municipality_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      completed_on date,
      note text CHECK (length(note) BETWEEN 1 AND 4000),
      illustrative_note text CHECK (length(illustrative_note) BETWEEN 1 AND 4000),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (completed_on IS NULL OR status = 'DONE'),
      UNIQUE (plan_id, milestone_key, municipality_id),
      FOREIGN KEY (region_id, plan_id) REFERENCES strategic_plan(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await enableTenantRls(q, 'plan_milestone_municipality_progress', {
      read: inRegion,
      write: and(inRegion, or(holdsRegionAdmin, coveredLeader, holdsAt('municipality_id', 'MUNICIPAL_DIRECTOR'))),
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_milestone_municipality_progress`);
    await q.query(`ALTER TABLE plan_milestone DROP CONSTRAINT plan_milestone_per_municipality_or_adoption, DROP COLUMN per_municipality`);
    await q.query(`DROP TABLE plan_measure_forum_kind`);
  }
}
