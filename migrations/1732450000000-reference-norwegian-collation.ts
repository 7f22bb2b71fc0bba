import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names sort the Norwegian way (… X Y Z Æ Ø Å), so "Åkrestrømmen skole" comes after "Øvre Rendal
 * skole" in every ORDER BY name. Uses PostgreSQL's ICU collation, present in the embedded build and
 * in the official postgres images.
 */
export class NorwegianCollation1732450000000 implements MigrationInterface {
  name = 'NorwegianCollation1732450000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['region', 'municipality', 'shared_service', 'unit']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN name TYPE text COLLATE "nb-NO-x-icu"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['region', 'municipality', 'shared_service', 'unit']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN name TYPE text COLLATE "default"`);
    }
  }
}
