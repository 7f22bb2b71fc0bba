import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A milestone can be the plan's adoption itself («Planen vedtas politisk», issue 21): with
 * `done_on_adoption` it is done when the last covered council's decision makes its version adopted
 * (on that version's `adopted_on`), without anyone recording progress. Content of the version like
 * the rest of the milestone (copied into revisions; the table's RLS applies unchanged).
 */
export class PlanMilestoneAdoption1733730000000 implements MigrationInterface {
  name = 'PlanMilestoneAdoption1733730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_milestone ADD COLUMN done_on_adoption boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_milestone DROP COLUMN done_on_adoption`);
  }
}
