import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, APP_ROLE, enableTenantRls, inRegion, or } from './rls';

/**
 * Fora that seed 003 describes (issue 21): minutes sent to another forum, cases referred from one
 * forum to another, and seats defined by a role in another forum.
 *
 * Named predicates (LANGUAGE sql STABLE, as the caller: they read `forum` under its own policy):
 * - app_forum_insider_ids(): the fora whose content the request reads (the same rule as the content
 *   policies of 1733500000000: TST_LEADER/TST_MEMBER AT a unit forum's unit, MUNICIPAL_DIRECTOR AT a
 *   municipal or group forum's municipality, REGION_ADMIN for a regional forum), one grant at a time.
 * - app_forum_runner_ids(): the same without TST_MEMBER (who plan and record meetings).
 * - app_forum_received_minutes_ids(): meetings whose minutes were sent to a forum the request is an
 *   insider of (through `forum_minutes_delivery`, under its policy).
 * - app_forum_referred_consent_ids(): consents under which a case was referred to a forum the
 *   request is an insider of.
 *
 * Tables:
 * - forum_minutes_delivery: a held meeting's minutes sent to another forum (`forum_id` receives,
 *   `from_forum_id` sent). Read by insiders of either forum; inserted by the sending forum's runners;
 *   never changed or deleted. `forum_minutes` becomes readable by the receiving forum's insiders for
 *   exactly those meetings (nothing else of the sending forum: agenda, cases, consents, follow-up
 *   texts stay its own).
 * - forum_case_referral: a case referred from one forum to another, anonymous or under a consent of
 *   the sending forum, with the outcome the receiving forum records. Read by insiders of either
 *   forum; inserted by the sending forum's runners; only the outcome columns are updatable, and only
 *   by the receiving forum's runners; never deleted. The consent it names becomes readable by the
 *   receiving forum's insiders.
 * - forum_membership.role_forum_id + role_in_forum: a seat held by whoever holds that role (LEADER)
 *   in another forum of the region. forum_seat_holders(ids, date) resolves such seats (SECURITY
 *   DEFINER, so a reader of forum B learns who leads forum A, which B's seat is defined by; it
 *   resolves only memberships the caller may read by the policy of forum_membership).
 *   forum_seat_cycle(forum, role_forum) says whether a seat of `forum` defined by `role_forum` would
 *   close a cycle (a trigger refuses it as well).
 */
const INSIDER_OF_F = `((f.unit_id IS NOT NULL) AND (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[])))
  OR ((f.unit_id IS NULL) AND (f.municipality_id IS NOT NULL) AND (f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])))
  OR ((f.municipality_id IS NULL) AND (SELECT app_is_region_admin()))`;
const RUNNER_OF_F = `((f.unit_id IS NOT NULL) AND (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER'))::uuid[])))
  OR ((f.unit_id IS NULL) AND (f.municipality_id IS NOT NULL) AND (f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])))
  OR ((f.municipality_id IS NULL) AND (SELECT app_is_region_admin()))`;

const insiderOf = (column: string) => `${column} = ANY ((SELECT app_forum_insider_ids())::uuid[])`;
const runnerOf = (column: string) => `${column} = ANY ((SELECT app_forum_runner_ids())::uuid[])`;

/** The policies this migration replaces, as 1733500000000 left them (for down()). */
const OLD_CONTENT_READ = `((region_id = app_region_id()) AND (forum_id IN ( SELECT f.id FROM forum f WHERE (((f.unit_id IS NOT NULL) AND (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[]))) OR ((f.unit_id IS NULL) AND (f.municipality_id IS NOT NULL) AND (f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[]))) OR ((f.municipality_id IS NULL) AND (SELECT app_is_region_admin()))))))`;

export class ForaMinutesReferralsRoleSeats1733770000000 implements MigrationInterface {
  name = 'ForaMinutesReferralsRoleSeats1733770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION app_forum_insider_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(f.id), '{}') FROM forum f WHERE f.region_id = app_region_id() AND (${INSIDER_OF_F})
    $$`);
    await q.query(`CREATE FUNCTION app_forum_runner_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(f.id), '{}') FROM forum f WHERE f.region_id = app_region_id() AND (${RUNNER_OF_F})
    $$`);

    // ---- minutes sent to another forum ---------------------------------------------------------
    await q.query(`CREATE TABLE forum_minutes_delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      from_forum_id uuid NOT NULL,
      meeting_id uuid NOT NULL,
      held_on date NOT NULL,
      sent_on date NOT NULL CHECK (sent_on >= held_on),
      sent_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (forum_id <> from_forum_id),
      UNIQUE (meeting_id, forum_id),
      FOREIGN KEY (region_id, forum_id) REFERENCES forum(region_id, id),
      FOREIGN KEY (region_id, from_forum_id, meeting_id) REFERENCES forum_meeting(region_id, forum_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX forum_minutes_delivery_forum_idx ON forum_minutes_delivery (forum_id, held_on)`);
    await enableTenantRls(q, 'forum_minutes_delivery', {
      read: and(inRegion, or(insiderOf('forum_id'), insiderOf('from_forum_id'))),
      write: and(inRegion, runnerOf('from_forum_id')),
      update: null,
      delete: null,
    });
    // Minutes already recorded as sent to a forum are deliveries to it.
    await q.query(`INSERT INTO forum_minutes_delivery (region_id, forum_id, from_forum_id, meeting_id, held_on, sent_on, sent_by)
      SELECT m.region_id, m.minutes_sent_to_forum_id, m.forum_id, m.id, (m.starts_at AT TIME ZONE 'Europe/Oslo')::date, m.minutes_sent_on, coalesce(m.recorded_by, m.created_by)
        FROM forum_meeting m
       WHERE m.minutes_sent_to_forum_id IS NOT NULL AND m.minutes_sent_to_forum_id <> m.forum_id AND m.status = 'HELD'`);
    await q.query(`CREATE FUNCTION app_forum_received_minutes_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(d.meeting_id), '{}') FROM forum_minutes_delivery d WHERE d.region_id = app_region_id() AND d.forum_id = ANY (app_forum_insider_ids())
    $$`);
    await q.query(`ALTER POLICY forum_minutes_read ON forum_minutes USING (${and(inRegion, or(insiderOf('forum_id'), 'meeting_id = ANY ((SELECT app_forum_received_minutes_ids())::uuid[])'))})`);

    // ---- cases referred to another forum -------------------------------------------------------
    await q.query(`CREATE TABLE forum_case_referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      from_forum_id uuid NOT NULL,
      to_forum_id uuid NOT NULL,
      referred_on date NOT NULL,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      summary text CHECK (length(summary) <= 4000),
      measures_tried text CHECK (length(measures_tried) <= 4000),
      consent_id uuid,
      outcome text NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING', 'ACCEPTED', 'DECLINED', 'CONCLUDED')),
      outcome_on date,
      outcome_text text CHECK (length(outcome_text) <= 4000),
      outcome_by text,
      referred_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (from_forum_id <> to_forum_id),
      CHECK ((outcome = 'PENDING') = (outcome_on IS NULL)),
      CHECK ((outcome = 'PENDING') = (outcome_by IS NULL)),
      CHECK (outcome_on IS NULL OR outcome_on >= referred_on),
      CHECK (outcome_text IS NULL OR outcome <> 'PENDING'),
      FOREIGN KEY (region_id, from_forum_id) REFERENCES forum(region_id, id),
      FOREIGN KEY (region_id, to_forum_id) REFERENCES forum(region_id, id),
      FOREIGN KEY (region_id, from_forum_id, consent_id) REFERENCES forum_case_consent(region_id, forum_id, id)
    )`);
    await q.query(`CREATE INDEX forum_case_referral_from_idx ON forum_case_referral (from_forum_id, referred_on)`);
    await q.query(`CREATE INDEX forum_case_referral_to_idx ON forum_case_referral (to_forum_id, referred_on)`);
    await enableTenantRls(q, 'forum_case_referral', {
      read: and(inRegion, or(insiderOf('from_forum_id'), insiderOf('to_forum_id'))),
      write: and(inRegion, runnerOf('from_forum_id')),
      update: and(inRegion, runnerOf('to_forum_id')),
      updateCheck: and(inRegion, runnerOf('to_forum_id')),
      updateColumns: ['outcome', 'outcome_on', 'outcome_text', 'outcome_by'],
      delete: null,
    });
    await q.query(`CREATE FUNCTION app_forum_referred_consent_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(r.consent_id), '{}') FROM forum_case_referral r
       WHERE r.region_id = app_region_id() AND r.consent_id IS NOT NULL AND r.to_forum_id = ANY (app_forum_insider_ids())
    $$`);
    await q.query(`ALTER POLICY forum_case_consent_read ON forum_case_consent USING (${and(inRegion, or(insiderOf('forum_id'), 'id = ANY ((SELECT app_forum_referred_consent_ids())::uuid[])'))})`);

    // ---- seats held by a role in another forum -------------------------------------------------
    await q.query(`ALTER TABLE forum_membership
      ADD COLUMN role_forum_id uuid,
      ADD COLUMN role_in_forum text CHECK (role_in_forum IN ('LEADER')),
      ADD CONSTRAINT forum_membership_role_pair CHECK ((role_forum_id IS NULL) = (role_in_forum IS NULL)),
      ADD CONSTRAINT forum_membership_role_alone CHECK (role_forum_id IS NULL OR (person_name IS NULL AND service_id IS NULL)),
      ADD CONSTRAINT forum_membership_role_other CHECK (role_forum_id IS NULL OR role_forum_id <> forum_id),
      ADD CONSTRAINT forum_membership_role_forum_fkey FOREIGN KEY (region_id, role_forum_id) REFERENCES forum(region_id, id)`);
    await q.query(`CREATE INDEX forum_membership_role_forum_idx ON forum_membership (role_forum_id) WHERE role_forum_id IS NOT NULL`);
    // Would a seat of p_forum defined by a role in p_role_forum close a cycle? Follows every open
    // seat defined by a role (forum -> role forum) from p_role_forum; true if it reaches p_forum.
    await q.query(`CREATE FUNCTION forum_seat_cycle(p_forum uuid, p_role_forum uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        WITH RECURSIVE reach(forum_id) AS (
          SELECT p_role_forum
          UNION
          SELECT m.role_forum_id FROM forum_membership m JOIN reach r ON m.forum_id = r.forum_id
           WHERE m.role_forum_id IS NOT NULL AND m.valid_to IS NULL
        )
        SELECT EXISTS (SELECT 1 FROM reach WHERE forum_id = p_forum)
           AND EXISTS (SELECT 1 FROM forum f WHERE f.id = p_forum AND (app_region_id() IS NULL OR f.region_id = app_region_id()))
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION forum_seat_cycle(uuid, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION forum_seat_cycle(uuid, uuid) TO ${APP_ROLE}`);
    await q.query(`CREATE FUNCTION forum_membership_refuse_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF forum_seat_cycle(NEW.forum_id, NEW.role_forum_id) THEN
          RAISE EXCEPTION 'forum seat cycle' USING ERRCODE = 'check_violation', CONSTRAINT = 'forum_membership_role_cycle';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER forum_membership_role_cycle BEFORE INSERT OR UPDATE OF role_forum_id ON forum_membership
      FOR EACH ROW WHEN (NEW.role_forum_id IS NOT NULL) EXECUTE FUNCTION forum_membership_refuse_cycle()`);
    // The current holder of each seat on a date: itself, or for a seat defined by a role, whoever
    // holds that role then (followed through up to 10 such seats). Only memberships the caller may
    // read (the read policy of forum_membership, spelled out: this function reads as its owner).
    await q.query(`CREATE FUNCTION forum_seat_holders(p_ids uuid[], p_on date)
      RETURNS TABLE (membership_id uuid, holder_id uuid, person_name text, service_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        WITH RECURSIVE visible AS (
          SELECT m.id FROM forum_membership m
           WHERE m.id = ANY (p_ids) AND m.region_id = app_region_id()
             AND ((SELECT app_has_role('REGION_ADMIN', 'SERVICE_LEADER'))
                  OR m.forum_id IN (SELECT f.id FROM forum f WHERE f.region_id = app_region_id()
                     AND ((f.municipality_id = ANY ((SELECT app_scopes('MUNICIPAL_DIRECTOR'))::uuid[])) OR (f.unit_id = ANY ((SELECT app_scopes('TST_LEADER', 'TST_MEMBER'))::uuid[])))))
        ), chain(start_id, current_id, depth) AS (
          SELECT v.id, v.id, 0 FROM visible v
          UNION ALL
          SELECT c.start_id, t.membership_id, c.depth + 1
            FROM chain c
            JOIN forum_membership m ON m.id = c.current_id AND m.role_in_forum = 'LEADER'
            JOIN forum_leader_term t ON t.forum_id = m.role_forum_id AND t.valid_from <= p_on AND (t.valid_to IS NULL OR t.valid_to >= p_on)
           WHERE c.depth < 10
        )
        SELECT c.start_id, c.current_id, m.person_name, m.service_id
          FROM chain c JOIN forum_membership m ON m.id = c.current_id
         WHERE m.role_forum_id IS NULL
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION forum_seat_holders(uuid[], date) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION forum_seat_holders(uuid[], date) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS forum_seat_holders(uuid[], date)`);
    await q.query(`DROP TRIGGER IF EXISTS forum_membership_role_cycle ON forum_membership`);
    await q.query(`DROP FUNCTION IF EXISTS forum_membership_refuse_cycle()`);
    await q.query(`DROP FUNCTION IF EXISTS forum_seat_cycle(uuid, uuid)`);
    await q.query(`DROP INDEX IF EXISTS forum_membership_role_forum_idx`);
    await q.query(`ALTER TABLE forum_membership DROP CONSTRAINT IF EXISTS forum_membership_role_forum_fkey, DROP CONSTRAINT IF EXISTS forum_membership_role_other,
      DROP CONSTRAINT IF EXISTS forum_membership_role_alone, DROP CONSTRAINT IF EXISTS forum_membership_role_pair,
      DROP COLUMN IF EXISTS role_in_forum, DROP COLUMN IF EXISTS role_forum_id`);
    await q.query(`ALTER POLICY forum_case_consent_read ON forum_case_consent USING (${OLD_CONTENT_READ})`);
    await q.query(`ALTER POLICY forum_minutes_read ON forum_minutes USING (${OLD_CONTENT_READ})`);
    await q.query(`DROP FUNCTION IF EXISTS app_forum_referred_consent_ids()`);
    await q.query(`DROP TABLE IF EXISTS forum_case_referral`);
    await q.query(`DROP FUNCTION IF EXISTS app_forum_received_minutes_ids()`);
    await q.query(`DROP TABLE IF EXISTS forum_minutes_delivery`);
    await q.query(`DROP FUNCTION IF EXISTS app_forum_runner_ids()`);
    await q.query(`DROP FUNCTION IF EXISTS app_forum_insider_ids()`);
  }
}
