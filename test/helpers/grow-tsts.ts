import { Client } from 'pg';

/**
 * More of Nord-Østerdal's TSTs, for the tests that assert a statement count stays the same on more
 * data: `units` new school units of `municipality`, each with a TST (seats for the unit, PPT and
 * barnevern, from two years before `year`), 12 held meetings in `year`'s first half with
 * attendance (`absent`: an SQL condition over the meeting `m`), agenda sections (every element of
 * the kind but those in `skipElements`) and a follow-up each. Units are coded `<code>-<n>`, fora
 * named `TST <code> …`.
 */
export async function growTsts(owner: Client, o: { municipality: string; units: number; code: string; unitName: string; year: number; absent: string; skipElements?: string[] }) {
  const fora = `f.name LIKE 'TST ${o.code} %'`;
  await owner.query(`
    WITH r AS (SELECT id FROM region WHERE code = 'nord-osterdal'),
         m AS (SELECT id FROM municipality WHERE number = '${o.municipality}'),
         k AS (SELECT id FROM forum_kind WHERE code = 'tst' AND region_id = (SELECT id FROM r)),
         u AS (INSERT INTO unit (region_id, municipality_id, code, name, kind, size)
               SELECT (SELECT id FROM r), (SELECT id FROM m), '${o.code}-' || g, '${o.unitName} ' || g, 'SCHOOL', 40 + g * 10 FROM generate_series(1, ${o.units}) g RETURNING id, region_id, municipality_id),
         f AS (INSERT INTO forum (region_id, kind_id, placement, name, municipality_id, unit_id, established_on, created_by)
               SELECT u.region_id, (SELECT id FROM k), 'UNIT', 'TST ${o.code} ' || u.id, u.municipality_id, u.id, '${o.year - 2}-08-01', 'test' FROM u RETURNING id, region_id, kind_id)
    INSERT INTO forum_membership (region_id, forum_id, kind_id, kind_member_id, person_name, service_id, attendance, valid_from, created_by)
    SELECT f.region_id, f.id, f.kind_id, km.id, CASE WHEN s.id IS NULL THEN km.name END, s.id, 'MANDATORY', '${o.year - 2}-08-01', 'test'
      FROM f JOIN forum_kind_member km ON km.kind_id = f.kind_id AND km.code IN ('enheten', 'ppt', 'barnevern')
      LEFT JOIN shared_service s ON s.region_id = f.region_id AND s.kind = km.service_kind`);
  await owner.query(`
    INSERT INTO forum_meeting (region_id, forum_id, starts_at, planned_minutes, actual_minutes, status, created_by)
    SELECT f.region_id, f.id, make_timestamptz(${o.year}, 1 + (g % 6), 2 + g, 11, 0, 0, 'UTC'), 150, 120 + g, 'HELD', 'test'
      FROM forum f CROSS JOIN generate_series(1, 12) g WHERE ${fora}`);
  await owner.query(`
    INSERT INTO forum_attendance (region_id, forum_id, meeting_id, membership_id, status)
    SELECT m.region_id, m.forum_id, m.id, ms.id, CASE WHEN ${o.absent} THEN 'ABSENT' ELSE 'PRESENT' END
      FROM forum_meeting m JOIN forum f ON f.id = m.forum_id JOIN forum_membership ms ON ms.forum_id = f.id WHERE ${fora}`);
  await owner.query(
    `INSERT INTO forum_agenda_section (region_id, forum_id, meeting_id, kind_id, element_id)
     SELECT m.region_id, m.forum_id, m.id, f.kind_id, e.id
       FROM forum_meeting m JOIN forum f ON f.id = m.forum_id JOIN forum_kind_agenda_element e ON e.kind_id = f.kind_id WHERE ${fora} AND e.code <> ALL($1::text[])`,
    [o.skipElements ?? []],
  );
  await owner.query(`
    INSERT INTO forum_follow_up (region_id, forum_id, meeting_id, kind_id, responsible_member_id, due_on)
    SELECT m.region_id, m.forum_id, m.id, f.kind_id, (SELECT id FROM forum_kind_member WHERE kind_id = f.kind_id AND code = 'ppt'), (m.starts_at + interval '21 days')::date
      FROM forum_meeting m JOIN forum f ON f.id = m.forum_id WHERE ${fora}`);
}
