import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A unit opens and closes (issue 21, "history does not rewrite itself"): compliance judges a period
 * by the units open in it. `opened_on` is the first day the unit exists; `closed_on`, when set, its
 * last. Existing units (and rows written without a date, e.g. by the demo seed) are open since
 * 2000-01-01, the first day any report period can name (periods are the years 2000–2100), i.e.
 * "since before any data". `createUnit` without `openedOn` opens the unit today (Oslo). The table's
 * RLS applies unchanged.
 */
export class UnitValidity1733750000000 implements MigrationInterface {
  name = 'UnitValidity1733750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit ADD COLUMN opened_on date NOT NULL DEFAULT '2000-01-01', ADD COLUMN closed_on date`);
    await q.query(`ALTER TABLE unit ADD CONSTRAINT unit_open_before_closed CHECK (closed_on IS NULL OR closed_on >= opened_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit DROP CONSTRAINT unit_open_before_closed`);
    await q.query(`ALTER TABLE unit DROP COLUMN closed_on, DROP COLUMN opened_on`);
  }
}
