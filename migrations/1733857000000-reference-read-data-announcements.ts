import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read-answer cache (src/http/answer-cache.ts, docs/caching.md) keeps whole answers of
 * dashboards, fora compliance and statistics while nothing they could be computed from has
 * changed. It learns of changes here: every table of the application announces each committed
 * write statement on the channel `read_data` (NOTIFY is delivered on commit only; the payload is
 * always empty, so PostgreSQL folds a transaction's announcements into one). Every table except
 * READ_DATA_EXEMPT: a table created later adds the same trigger (`app_announce_read_change()`),
 * or test/cache/announcements.test.ts fails.
 */
/** Tables no answer is read from: TypeORM's list of applied migrations. */
export const READ_DATA_EXEMPT = ['migrations'];

export class ReadDataAnnouncements1733857000000 implements MigrationInterface {
  name = 'ReadDataAnnouncements1733857000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION app_announce_read_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('read_data', '');
        RETURN NULL;
      END $$`);
    await q.query(
      `DO $$
      DECLARE t text;
      BEGIN
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ALL ($1::text[])
                  ORDER BY c.relname
        LOOP
          EXECUTE format('CREATE TRIGGER announce_read_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION app_announce_read_change()', t);
        END LOOP;
      END $$`.replace('$1::text[]', `ARRAY[${READ_DATA_EXEMPT.map((t) => `'${t}'`).join(', ')}]::text[]`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$
      DECLARE t text;
      BEGIN
        FOR t IN SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = 'announce_read_change'
        LOOP
          EXECUTE format('DROP TRIGGER announce_read_change ON %I', t);
        END LOOP;
      END $$`);
    await q.query(`DROP FUNCTION app_announce_read_change()`);
  }
}
