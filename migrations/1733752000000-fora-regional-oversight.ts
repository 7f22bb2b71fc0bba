import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regional fora in the kommunedirektør's compliance report (issue 21; seed 001: "meetings with the
 * kommunedirektører and finance twice a year"). A regional forum (placement REGION, no
 * municipality) is the region's, and every municipality of the region is part of it; its director
 * oversees it like the fora of their own municipality: the STRUCTURE of a regional forum (members,
 * leaders, meetings, attendance, agenda sections, follow-up dates) becomes readable to every
 * MUNICIPAL_DIRECTOR grant in the region. Its CONTENT (minutes, agenda and case items, consents,
 * follow-up texts) stays with the REGION_ADMIN, its insider, as before.
 *
 * Each read policy is the one 1733500000000 left, with one more branch in the forum sub-select:
 * `(f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))`.
 * `mayOversee` in src/services/fora/guard.ts says the same.
 */
const UP = [
  `ALTER POLICY forum_unit_read ON forum_unit USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR ((f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_membership_read ON forum_membership USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR ((f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_leader_term_read ON forum_leader_term USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR ((f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_meeting_read ON forum_meeting USING ( CASE WHEN app_is_public() THEN (forum_id = forum_calendar_forum()) ELSE ((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR ((f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))) END)`,
  `ALTER POLICY forum_attendance_read ON forum_attendance USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR ((f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_agenda_section_read ON forum_agenda_section USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR ((f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_follow_up_read ON forum_follow_up USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR ((f.municipality_id IS NULL) AND (SELECT app_has_role('MUNICIPAL_DIRECTOR'))) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
];

const DOWN = [
  `ALTER POLICY forum_unit_read ON forum_unit USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_membership_read ON forum_membership USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_leader_term_read ON forum_leader_term USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_meeting_read ON forum_meeting USING ( CASE WHEN app_is_public() THEN (forum_id = forum_calendar_forum()) ELSE ((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))) END)`,
  `ALTER POLICY forum_attendance_read ON forum_attendance USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_agenda_section_read ON forum_agenda_section USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
  `ALTER POLICY forum_follow_up_read ON forum_follow_up USING (((region_id = app_region_id()) AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER')) OR (forum_id IN ( SELECT f.id FROM forum f WHERE ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))))))))`,
];

export class ForaRegionalOversight1733752000000 implements MigrationInterface {
  name = 'ForaRegionalOversight1733752000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of DOWN) await q.query(statement);
  }
}
