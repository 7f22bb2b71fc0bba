import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read-answer cache (src/http/answer-cache.ts, docs/caching.md) retired every kept answer on
 * any committed write anywhere (migration 1733857000000: an empty payload on `read_data`). At
 * national scale someone writes somewhere every few seconds, so a dashboard of one region was
 * recomputed because of a meeting registered in another.
 *
 * A tenant's row-level security lets it read its own region's rows and the global tables only
 * (docs/caching.md, «Scope»). So a table with `region_id` now names the regions a statement wrote
 * in: the payload is each region id of the rows it inserted, updated (before and after) or deleted
 * (transition tables, one notification per region and transaction, as PostgreSQL folds equal
 * payloads). A TRUNCATE, and every write to a table without `region_id` (the region itself, SSB's
 * classification, the deployment audit), still sends the empty payload: everything may have
 * changed.
 *
 * `app_announce_read_changes(table)` puts the right triggers on a table; a table created later
 * calls it, or test/cache/answer-cache.test.ts fails.
 */
export class ReadDataByRegion1733858000000 implements MigrationInterface {
  name = 'ReadDataByRegion1733858000000';

  async up(q: QueryRunner): Promise<void> {
    // The region ids of the statement's rows; a row without one (none today) counts as everything.
    await q.query(`CREATE FUNCTION app_announce_region_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          FOR r IN SELECT DISTINCT region_id::text FROM new_rows LOOP PERFORM pg_notify('read_data', coalesce(r, '')); END LOOP;
        ELSIF TG_OP = 'UPDATE' THEN
          FOR r IN SELECT region_id::text FROM old_rows UNION SELECT region_id::text FROM new_rows LOOP PERFORM pg_notify('read_data', coalesce(r, '')); END LOOP;
        ELSE
          FOR r IN SELECT DISTINCT region_id::text FROM old_rows LOOP PERFORM pg_notify('read_data', coalesce(r, '')); END LOOP;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION app_announce_read_changes(t regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('DROP TRIGGER IF EXISTS announce_read_change ON %s', t);
        IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attname = 'region_id' AND NOT attisdropped) THEN
          EXECUTE format('CREATE TRIGGER announce_region_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_announce_region_change()', t);
          EXECUTE format('CREATE TRIGGER announce_region_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_announce_region_change()', t);
          EXECUTE format('CREATE TRIGGER announce_region_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_announce_region_change()', t);
          EXECUTE format('CREATE TRIGGER announce_read_change AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION app_announce_read_change()', t);
        ELSE
          EXECUTE format('CREATE TRIGGER announce_read_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION app_announce_read_change()', t);
        END IF;
      END $$`);
    await q.query(`SELECT app_announce_read_changes(g.tgrelid::regclass) FROM pg_trigger g WHERE g.tgname = 'announce_read_change' ORDER BY g.tgrelid::regclass::text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DO $$
      DECLARE t regclass;
      BEGIN
        FOR t IN SELECT DISTINCT g.tgrelid::regclass FROM pg_trigger g WHERE g.tgname = 'announce_region_insert'
        LOOP
          EXECUTE format('DROP TRIGGER announce_region_insert ON %s', t);
          EXECUTE format('DROP TRIGGER announce_region_update ON %s', t);
          EXECUTE format('DROP TRIGGER announce_region_delete ON %s', t);
          EXECUTE format('DROP TRIGGER announce_read_change ON %s', t);
          EXECUTE format('CREATE TRIGGER announce_read_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION app_announce_read_change()', t);
        END LOOP;
      END $$`,
    );
    await q.query(`DROP FUNCTION app_announce_read_changes(regclass)`);
    await q.query(`DROP FUNCTION app_announce_region_change()`);
  }
}
