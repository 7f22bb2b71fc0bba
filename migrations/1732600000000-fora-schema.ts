import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, hasRole, inRegion, isPublic, or, ownMunicipality, ownUnit, regionAdmin } from './rls-v1';

/**
 * Collaboration fora (TST and the other teams, networks and groups of seeds 001, 003 and 004).
 *
 * - Configuration (forum kinds with members, cadence rules and agenda template; term dates per
 *   region): readable in the region, written by REGION_ADMIN.
 * - Forum rows (name, kind, where): readable by every fora role of the region (REGION_ADMIN,
 *   SERVICE_LEADER, MUNICIPAL_DIRECTOR, TST_LEADER, TST_MEMBER).
 * - Their structure (memberships, leaders, meetings, attendance, which template elements a meeting
 *   covered, follow-ups with due dates): readable by the forum's insiders and by oversight
 *   (REGION_ADMIN, the MUNICIPAL_DIRECTOR of the forum's municipality, SERVICE_LEADERs), so
 *   compliance, attendance and load can be counted. No case text lives in these tables.
 * - Content (agenda items, minutes, follow-up descriptions, case items, consents): readable and
 *   writable ONLY by the forum's insiders. Minutes and cases never leave the forum except as counts.
 *
 * Insiders of a forum: TST_LEADER and TST_MEMBER of its unit (unit fora); the MUNICIPAL_DIRECTOR of
 * its municipality (municipal fora and groups of units); REGION_ADMIN (regional fora). Runners (who
 * plan and record meetings) are the same minus TST_MEMBER.
 *
 * The calendar feed reads with role PUBLIC and the setting `app.calendar_token`: the policies of
 * `forum` and `forum_meeting` (and nothing else) let such a transaction see exactly the forum whose
 * token hash matches.
 */
const FORA_ROLES = ['REGION_ADMIN', 'SERVICE_LEADER', 'MUNICIPAL_DIRECTOR', 'TST_LEADER', 'TST_MEMBER'];

export class Fora1732600000000 implements MigrationInterface {
  name = 'Fora1732600000000';

  async up(q: QueryRunner): Promise<void> {
    const dateMmDd = (col: string) => `${col} text NOT NULL CHECK (${col} ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')`;
    await q.query(`CREATE TABLE forum_term_setting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL UNIQUE REFERENCES region(id),
      ${dateMmDd('spring_start')},
      ${dateMmDd('spring_end')},
      ${dateMmDd('autumn_start')},
      ${dateMmDd('autumn_end')},
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (spring_start <= spring_end AND spring_end < autumn_start AND autumn_start <= autumn_end)
    )`);

    // ---- kinds: configuration as data ------------------------------------------------------
    await q.query(`CREATE TABLE forum_kind (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,60}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      description text CHECK (length(description) <= 4000),
      source text CHECK (length(source) <= 500),
      notes text CHECK (length(notes) <= 4000),
      placement text NOT NULL CHECK (placement IN ('UNIT', 'UNIT_GROUP', 'MUNICIPALITY', 'REGION')),
      required_unit_kinds text[] NOT NULL DEFAULT '{}' CHECK (required_unit_kinds <@ ARRAY['SCHOOL', 'KINDERGARTEN', 'OTHER']),
      leadership text NOT NULL CHECK (leadership IN ('FIXED', 'ROTATING')),
      rotation_months int CHECK (rotation_months BETWEEN 1 AND 120),
      leader_description text CHECK (length(leader_description) <= 500),
      min_meeting_minutes int CHECK (min_meeting_minutes BETWEEN 1 AND 1440),
      large_unit_size int CHECK (large_unit_size BETWEEN 1 AND 100000),
      minutes_to_kind_id uuid,
      minutes_by_convener boolean NOT NULL DEFAULT false,
      CHECK ((leadership = 'ROTATING') = (rotation_months IS NOT NULL)),
      CHECK (placement = 'UNIT' OR cardinality(required_unit_kinds) = 0),
      UNIQUE (region_id, code),
      UNIQUE (region_id, id),
      UNIQUE (region_id, id, placement),
      FOREIGN KEY (region_id, minutes_to_kind_id) REFERENCES forum_kind(region_id, id)
    )`);
    const kindChild = `id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      kind_id uuid NOT NULL,
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 1000),
      FOREIGN KEY (region_id, kind_id) REFERENCES forum_kind(region_id, id) ON DELETE CASCADE`;
    await q.query(`CREATE TABLE forum_kind_member (
      ${kindChild},
      code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,60}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      attendance text NOT NULL CHECK (attendance IN ('MANDATORY', 'ON_DEMAND')),
      service_kind text CHECK (service_kind IN ('BARNEVERN', 'PPT', 'NAV', 'OTHER')),
      attendances_per_half_year int CHECK (attendances_per_half_year BETWEEN 1 AND 200),
      UNIQUE (kind_id, code),
      UNIQUE (region_id, kind_id, id),
      UNIQUE (region_id, id)
    )`);
    await q.query(`CREATE TABLE forum_kind_cadence (
      ${kindChild},
      period text NOT NULL CHECK (period IN ('AUTUMN_TERM', 'SPRING_TERM', 'MONTH', 'HALF_YEAR', 'YEAR')),
      unit_size text NOT NULL DEFAULT 'ANY' CHECK (unit_size IN ('ANY', 'BELOW_LARGE', 'LARGE')),
      min_meetings int NOT NULL CHECK (min_meetings BETWEEN 0 AND 1000),
      max_meetings int CHECK (max_meetings BETWEEN 1 AND 1000),
      CHECK (max_meetings IS NULL OR max_meetings >= min_meetings),
      CHECK (min_meetings > 0 OR max_meetings IS NOT NULL)
    )`);
    await q.query(`CREATE TABLE forum_kind_agenda_element (
      ${kindChild},
      code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,60}$'),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      description text CHECK (length(description) <= 2000),
      required text NOT NULL CHECK (required IN ('EVERY_MEETING', 'EVERY_HALF_YEAR', 'OPTIONAL')),
      UNIQUE (kind_id, code),
      UNIQUE (region_id, kind_id, id)
    )`);
    for (const t of ['forum_kind_member', 'forum_kind_cadence', 'forum_kind_agenda_element']) {
      await q.query(`CREATE INDEX ${t}_kind_idx ON ${t} (kind_id, position)`);
    }

    // ---- forums and structure --------------------------------------------------------------
    // A unit forum's municipality must be its unit's: the composite key below needs this index.
    await q.query(`CREATE UNIQUE INDEX unit_region_municipality_id_idx ON unit (region_id, municipality_id, id)`);
    await q.query(`CREATE TABLE forum (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      kind_id uuid NOT NULL,
      placement text NOT NULL CHECK (placement IN ('UNIT', 'UNIT_GROUP', 'MUNICIPALITY', 'REGION')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      municipality_id uuid,
      unit_id uuid,
      established_on date NOT NULL,
      closed_on date,
      minutes_to_forum_id uuid,
      notes text CHECK (length(notes) <= 4000),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((placement = 'REGION') = (municipality_id IS NULL)),
      CHECK ((placement = 'UNIT') = (unit_id IS NOT NULL)),
      CHECK (closed_on IS NULL OR closed_on >= established_on),
      CHECK (minutes_to_forum_id IS NULL OR minutes_to_forum_id <> id),
      UNIQUE (region_id, id),
      UNIQUE (region_id, id, kind_id),
      FOREIGN KEY (region_id, kind_id, placement) REFERENCES forum_kind(region_id, id, placement),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, municipality_id, unit_id) REFERENCES unit(region_id, municipality_id, id),
      FOREIGN KEY (region_id, minutes_to_forum_id) REFERENCES forum(region_id, id)
    )`);
    // One forum of a kind per unit at a time.
    await q.query(`ALTER TABLE forum ADD CONSTRAINT forum_one_per_unit
      EXCLUDE USING gist (kind_id WITH =, unit_id WITH =, daterange(established_on, closed_on, '[]') WITH &&) WHERE (unit_id IS NOT NULL)`);
    await q.query(`CREATE INDEX forum_municipality_idx ON forum (municipality_id, name)`);
    await q.query(`CREATE TABLE forum_unit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      unit_id uuid NOT NULL,
      UNIQUE (forum_id, unit_id),
      FOREIGN KEY (region_id, forum_id) REFERENCES forum(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, unit_id) REFERENCES unit(region_id, id)
    )`);
    await q.query(`CREATE TABLE forum_membership (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      kind_id uuid NOT NULL,
      kind_member_id uuid NOT NULL,
      person_name text CHECK (length(person_name) BETWEEN 1 AND 200),
      service_id uuid,
      attendance text NOT NULL CHECK (attendance IN ('MANDATORY', 'ON_DEMAND')),
      valid_from date NOT NULL,
      valid_to date,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      UNIQUE (region_id, forum_id, id),
      FOREIGN KEY (region_id, forum_id, kind_id) REFERENCES forum(region_id, id, kind_id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, kind_id, kind_member_id) REFERENCES forum_kind_member(region_id, kind_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);
    await q.query(`CREATE INDEX forum_membership_forum_idx ON forum_membership (forum_id, valid_from)`);
    await q.query(`CREATE INDEX forum_membership_service_idx ON forum_membership (service_id) WHERE service_id IS NOT NULL`);
    await q.query(`CREATE TABLE forum_leader_term (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      membership_id uuid NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      FOREIGN KEY (region_id, forum_id, membership_id) REFERENCES forum_membership(region_id, forum_id, id) ON DELETE CASCADE,
      EXCLUDE USING gist (forum_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
    )`);
    await q.query(`CREATE TABLE forum_meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      planned_minutes int NOT NULL CHECK (planned_minutes BETWEEN 1 AND 1440),
      actual_minutes int CHECK (actual_minutes BETWEEN 1 AND 1440),
      place text CHECK (length(place) <= 300),
      status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'HELD', 'CANCELLED')),
      cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 1000),
      convened_by text CHECK (length(convened_by) BETWEEN 1 AND 200),
      minutes_written_by text CHECK (length(minutes_written_by) BETWEEN 1 AND 200),
      minutes_sent_on date,
      minutes_sent_to_forum_id uuid,
      sequence int NOT NULL DEFAULT 0 CHECK (sequence >= 0),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      recorded_by text,
      recorded_at timestamptz,
      CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL)),
      CHECK ((status = 'HELD') = (actual_minutes IS NOT NULL)),
      CHECK (status = 'HELD' OR (minutes_sent_on IS NULL AND minutes_written_by IS NULL)),
      CHECK (minutes_sent_to_forum_id IS NULL OR minutes_sent_on IS NOT NULL),
      UNIQUE (region_id, id),
      UNIQUE (region_id, forum_id, id),
      FOREIGN KEY (region_id, forum_id) REFERENCES forum(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, minutes_sent_to_forum_id) REFERENCES forum(region_id, id)
    )`);
    await q.query(`CREATE INDEX forum_meeting_forum_idx ON forum_meeting (forum_id, starts_at)`);
    const meetingChild = `id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      meeting_id uuid NOT NULL,
      FOREIGN KEY (region_id, forum_id, meeting_id) REFERENCES forum_meeting(region_id, forum_id, id) ON DELETE CASCADE`;
    await q.query(`CREATE TABLE forum_attendance (
      ${meetingChild},
      membership_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('PRESENT', 'ABSENT', 'EXCUSED')),
      UNIQUE (meeting_id, membership_id),
      FOREIGN KEY (region_id, forum_id, membership_id) REFERENCES forum_membership(region_id, forum_id, id)
    )`);
    // Which template elements a held meeting covered (structure; the items under them are content).
    await q.query(`CREATE TABLE forum_agenda_section (
      ${meetingChild},
      kind_id uuid NOT NULL,
      element_id uuid NOT NULL,
      UNIQUE (meeting_id, element_id),
      UNIQUE (region_id, meeting_id, element_id),
      FOREIGN KEY (region_id, forum_id, kind_id) REFERENCES forum(region_id, id, kind_id),
      FOREIGN KEY (region_id, kind_id, element_id) REFERENCES forum_kind_agenda_element(region_id, kind_id, id)
    )`);
    await q.query(`CREATE TABLE forum_follow_up (
      ${meetingChild},
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 1000),
      kind_id uuid NOT NULL,
      responsible_member_id uuid,
      responsible_service_id uuid,
      due_on date NOT NULL,
      done_on date,
      CHECK (responsible_member_id IS NOT NULL OR responsible_service_id IS NOT NULL),
      UNIQUE (region_id, forum_id, id),
      FOREIGN KEY (region_id, forum_id, kind_id) REFERENCES forum(region_id, id, kind_id),
      FOREIGN KEY (region_id, kind_id, responsible_member_id) REFERENCES forum_kind_member(region_id, kind_id, id),
      FOREIGN KEY (region_id, responsible_service_id) REFERENCES shared_service(region_id, id)
    )`);
    for (const t of ['forum_attendance', 'forum_agenda_section', 'forum_follow_up']) {
      await q.query(`CREATE INDEX ${t}_meeting_idx ON ${t} (meeting_id)`);
    }
    await q.query(`CREATE INDEX forum_follow_up_forum_idx ON forum_follow_up (forum_id, due_on)`);

    // ---- content: the forum's own ----------------------------------------------------------
    await q.query(`CREATE TABLE forum_agenda_item (
      ${meetingChild},
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 1000),
      element_id uuid,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      notes text CHECK (length(notes) <= 4000),
      FOREIGN KEY (region_id, meeting_id, element_id) REFERENCES forum_agenda_section(region_id, meeting_id, element_id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE forum_minutes (
      ${meetingChild},
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 50000),
      UNIQUE (meeting_id)
    )`);
    await q.query(`CREATE TABLE forum_follow_up_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      follow_up_id uuid NOT NULL UNIQUE,
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
      FOREIGN KEY (region_id, forum_id, follow_up_id) REFERENCES forum_follow_up(region_id, forum_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE forum_case_consent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL,
      subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
      given_by text NOT NULL CHECK (length(given_by) BETWEEN 1 AND 200),
      given_on date NOT NULL,
      scope text NOT NULL CHECK (length(scope) BETWEEN 1 AND 2000),
      withdrawn_on date,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on),
      UNIQUE (region_id, forum_id, id),
      FOREIGN KEY (region_id, forum_id) REFERENCES forum(region_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE forum_case_item (
      ${meetingChild},
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 1000),
      element_id uuid,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      summary text CHECK (length(summary) <= 4000),
      consent_id uuid,
      FOREIGN KEY (region_id, meeting_id, element_id) REFERENCES forum_agenda_section(region_id, meeting_id, element_id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, forum_id, consent_id) REFERENCES forum_case_consent(region_id, forum_id, id)
    )`);
    for (const t of ['forum_agenda_item', 'forum_case_item']) await q.query(`CREATE INDEX ${t}_meeting_idx ON ${t} (meeting_id, position)`);
    await q.query(`CREATE INDEX forum_case_consent_forum_idx ON forum_case_consent (forum_id)`);
    // Only the SHA-256 of a calendar token is stored; the token is shown once, when rotated.
    await q.query(`CREATE TABLE forum_calendar_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      forum_id uuid NOT NULL UNIQUE,
      token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      rotated_by text NOT NULL,
      rotated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (region_id, forum_id) REFERENCES forum(region_id, id) ON DELETE CASCADE
    )`);

    // ---- who is who for a forum ---------------------------------------------------------
    // A row of a forum's table is in reach when its forum_id is one of the fora the caller is
    // insider/runner/manager/overseer of: an uncorrelated subquery on `forum` (under forum's own
    // RLS), which PostgreSQL runs once per statement as a hashed subplan, not once per row.
    const fora = (condition: string) => `forum_id IN (SELECT f.id FROM forum f WHERE ${condition})`;
    const unitForum = (roles: string[]) => and('f.unit_id IS NOT NULL', ownUnit(roles, 'f.unit_id'));
    const municipalForum = and('f.unit_id IS NULL', 'f.municipality_id IS NOT NULL', ownMunicipality(['MUNICIPAL_DIRECTOR'], 'f.municipality_id'));
    const regionalForum = and('f.municipality_id IS NULL', hasRole('REGION_ADMIN'));
    const insiderOf = fora(or(unitForum(['TST_LEADER', 'TST_MEMBER']), municipalForum, regionalForum));
    const runnerOf = fora(or(unitForum(['TST_LEADER']), municipalForum, regionalForum));
    const managerOf = or(hasRole('REGION_ADMIN'), fora(or(ownMunicipality(['MUNICIPAL_DIRECTOR'], 'f.municipality_id'), ownUnit(['TST_LEADER'], 'f.unit_id'))));
    // Region-wide oversight is decided by the role alone (OR stops at the first true).
    const overseenOf = or(hasRole('REGION_ADMIN', 'SERVICE_LEADER'), fora(or(ownMunicipality(['MUNICIPAL_DIRECTOR'], 'f.municipality_id'), ownUnit(undefined, 'f.unit_id'))));
    // The forum a calendar-feed transaction may read: the one whose token hash matches app.calendar_token.
    await q.query(`CREATE FUNCTION forum_calendar_token_hash() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT encode(sha256(convert_to(NULLIF(current_setting('app.calendar_token', true), ''), 'UTF8')), 'hex') $$`);
    await q.query(`CREATE FUNCTION forum_calendar_forum() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT forum_id FROM forum_calendar_token WHERE token_hash = forum_calendar_token_hash() $$`);

    // ---- policies ------------------------------------------------------------------------
    for (const table of ['forum_term_setting', 'forum_kind', 'forum_kind_member', 'forum_kind_cadence', 'forum_kind_agenda_element']) {
      await enableTenantRls(q, table, { read: inRegion, write: regionAdmin });
    }
    // PUBLIC (the calendar feed) and signed-in callers take separate branches of a CASE: CASE fixes
    // the order of evaluation, so a PUBLIC transaction never reaches the subqueries on `forum` and a
    // signed-in one never the token lookup (each reads a table whose policy reads the other;
    // evaluating both would recurse without end).
    const publicOr = (whenPublic: string, signedIn: string) => `CASE WHEN ${isPublic} THEN (${whenPublic}) ELSE (${signedIn}) END`;
    await enableTenantRls(q, 'forum', {
      // That a forum exists (name, kind, where) is known to every role that works with fora in the region.
      read: publicOr('id = forum_calendar_forum()', and(inRegion, hasRole(...FORA_ROLES))),
      write: and(inRegion, or(hasRole('REGION_ADMIN'), ownMunicipality(['MUNICIPAL_DIRECTOR']))),
    });
    const visible = and(inRegion, overseenOf);
    for (const table of ['forum_unit', 'forum_membership', 'forum_leader_term']) {
      await enableTenantRls(q, table, { read: visible, write: and(inRegion, managerOf) });
    }
    const run = and(inRegion, runnerOf);
    await enableTenantRls(q, 'forum_meeting', { read: publicOr('forum_id = forum_calendar_forum()', visible), write: run });
    for (const table of ['forum_attendance', 'forum_agenda_section', 'forum_follow_up']) {
      await enableTenantRls(q, table, { read: visible, write: run });
    }
    const insider = and(inRegion, insiderOf);
    for (const table of ['forum_agenda_item', 'forum_minutes', 'forum_follow_up_note', 'forum_case_consent', 'forum_case_item']) {
      await enableTenantRls(q, table, { read: insider, write: run });
    }
    await enableTenantRls(q, 'forum_calendar_token', { read: publicOr('token_hash = forum_calendar_token_hash()', run), write: run });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'forum_calendar_token',
      'forum_case_item',
      'forum_case_consent',
      'forum_follow_up_note',
      'forum_minutes',
      'forum_agenda_item',
      'forum_follow_up',
      'forum_agenda_section',
      'forum_attendance',
      'forum_meeting',
      'forum_leader_term',
      'forum_membership',
      'forum_unit',
      'forum',
      'forum_kind_agenda_element',
      'forum_kind_cadence',
      'forum_kind_member',
      'forum_kind',
      'forum_term_setting',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const fn of ['forum_calendar_forum()', 'forum_calendar_token_hash()']) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
    await q.query(`DROP INDEX IF EXISTS unit_region_municipality_id_idx`);
  }
}
