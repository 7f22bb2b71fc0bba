import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public answers are cached by ETag (src/http/public-cache.ts): a client or proxy revalidates, and
 * the server answers 304 without any SQL as long as nothing a PUBLIC request can read has changed.
 * It learns of changes here: every table a PUBLIC request can read (a read policy that names
 * `app_is_public()`) announces each committed write statement on the channel `public_data`
 * (NOTIFY is delivered on commit only, once per transaction and table). A table created later with
 * a public read policy adds the same trigger: test/http/public-cache.test.ts fails otherwise.
 */
export class PublicDataAnnouncements1733810000000 implements MigrationInterface {
  name = 'PublicDataAnnouncements1733810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION app_announce_public_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('public_data', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await q.query(`DO $$
      DECLARE t text;
      BEGIN
        FOR t IN SELECT DISTINCT tablename FROM pg_policies
                  WHERE schemaname = 'public' AND cmd IN ('SELECT', 'ALL') AND qual LIKE '%app_is_public()%'
                  ORDER BY tablename
        LOOP
          EXECUTE format('CREATE TRIGGER announce_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION app_announce_public_change()', t);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$
      DECLARE t text;
      BEGIN
        FOR t IN SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = 'announce_public_change'
        LOOP
          EXECUTE format('DROP TRIGGER announce_public_change ON %I', t);
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION app_announce_public_change()`);
  }
}
