import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A step of a collaboration model can name the kind of forum that carries it (the fora feature's
 * `forum_kind`, e.g. Sør-Aurdal's innsatsteam), beside the forum's name as the plan prints it. A
 * forum kind a plan refers to cannot be deleted (there is no such mutation; the key says so too).
 */
export class PlanForumKind1732920000000 implements MigrationInterface {
  name = 'PlanForumKind1732920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_collaboration_step ADD COLUMN forum_kind_id uuid,
      ADD FOREIGN KEY (region_id, forum_kind_id) REFERENCES forum_kind(region_id, id)`);
    await q.query(`CREATE INDEX plan_collaboration_step_forum_kind_idx ON plan_collaboration_step (forum_kind_id) WHERE forum_kind_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_collaboration_step DROP COLUMN forum_kind_id`);
  }
}
