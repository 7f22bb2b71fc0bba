import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compliance reads a window's attendance and agenda sections by forum (`forum_id = ANY(…)` with the
 * meeting's date; src/services/fora/insights.ts `structureOf`). Neither table had an index that
 * starts with forum_id, so under the request's generic plans PostgreSQL scanned all of
 * forum_attendance: 2.5 million rows at national scale, 760 ms for one municipality-year
 * (EXPLAIN (ANALYZE, BUFFERS) in docs/fora.md "Bounded answers"). (forum_id, meeting_id) lets it
 * read only the fora asked for and join the meetings by id.
 */
export class ForaAttendanceAgendaForumIndex1733856000000 implements MigrationInterface {
  name = 'ForaAttendanceAgendaForumIndex1733856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX forum_attendance_forum_idx ON forum_attendance (forum_id, meeting_id)`);
    await q.query(`CREATE INDEX forum_agenda_section_forum_idx ON forum_agenda_section (forum_id, meeting_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX forum_agenda_section_forum_idx`);
    await q.query(`DROP INDEX forum_attendance_forum_idx`);
  }
}
