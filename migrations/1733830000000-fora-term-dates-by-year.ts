import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The region's school term dates apply from a calendar year (issue 21, "history does not rewrite
 * itself"): a new setting applies from its `from_year` on, and the terms of earlier years keep the
 * dates they had, so a finished term's report reads the same after the dates change. The setting
 * every region has today applies from 2000 (the earliest year a report period can name). One row
 * per region and year; the table's RLS is unchanged.
 */
export class ForaTermDatesByYear1733830000000 implements MigrationInterface {
  name = 'ForaTermDatesByYear1733830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_term_setting ADD COLUMN from_year int NOT NULL DEFAULT 2000 CHECK (from_year BETWEEN 2000 AND 2100)`);
    await q.query(`ALTER TABLE forum_term_setting DROP CONSTRAINT forum_term_setting_region_id_key`);
    await q.query(`ALTER TABLE forum_term_setting ADD CONSTRAINT forum_term_setting_region_year UNIQUE (region_id, from_year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM forum_term_setting s WHERE from_year <> (SELECT max(from_year) FROM forum_term_setting t WHERE t.region_id = s.region_id)`);
    await q.query(`ALTER TABLE forum_term_setting DROP CONSTRAINT forum_term_setting_region_year`);
    await q.query(`ALTER TABLE forum_term_setting ADD CONSTRAINT forum_term_setting_region_id_key UNIQUE (region_id)`);
    await q.query(`ALTER TABLE forum_term_setting DROP COLUMN from_year`);
  }
}
