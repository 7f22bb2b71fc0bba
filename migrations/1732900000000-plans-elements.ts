import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, hasRole, inRegion, isPublic, or } from './rls-v1';

/** Columns every keyed content row of a plan version has (as in the plans schema). */
const CONTENT = `region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      version_id uuid NOT NULL,
      key uuid NOT NULL DEFAULT gen_random_uuid(),
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 100000),
      UNIQUE (version_id, key),
      UNIQUE (region_id, version_id, id),
      FOREIGN KEY (region_id, plan_id, version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE`;

/** Columns of a row that hangs off a content row without a lineage key of its own (a link, a member). */
const VERSION_ROW = `region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      version_id uuid NOT NULL,
      FOREIGN KEY (region_id, plan_id, version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE`;

/** A reference to another content row of the same version. */
const ref = (column: string, table: string, onDelete: 'CASCADE' | 'SET NULL') =>
  `FOREIGN KEY (region_id, version_id, ${column}) REFERENCES ${table}(region_id, version_id, id) ON DELETE ${onDelete === 'CASCADE' ? 'CASCADE' : `SET NULL (${column})`}`;

const AGES = `age_from int CHECK (age_from BETWEEN 0 AND 30),
      age_to int CHECK (age_to BETWEEN 0 AND 30),
      CHECK (age_from IS NULL OR age_to IS NULL OR age_from <= age_to)`;

const LEVELS = `'UNIVERSAL', 'SELECTIVE', 'INDICATED'`;

/** The plan feature's policy parts (the SQL functions come from the plans schema migration). */
export const planAdmin = hasRole('REGION_ADMIN');
export const planLeaderOf = (planColumn: string) => and(hasRole('SERVICE_LEADER'), `plan_covers_service(${planColumn}, app_service_id())`);
/** Version content: the region reads, PUBLIC reads public versions; written only in a DRAFT, by the plan's editors. */
export const VERSION_CONTENT_POLICY = {
  read: or(inRegion, and(isPublic, 'plan_version_is_public(version_id)')),
  write: and(inRegion, 'plan_version_is_draft(version_id)', or(planAdmin, planLeaderOf('plan_id'))),
};

const NEW_TABLES = [
  'plan_statement',
  'plan_factor',
  'plan_target_group',
  'plan_measure_factor',
  'plan_target_group_factor',
  'plan_measure_target_group',
  'plan_measure_dependency',
  'plan_body',
  'plan_body_member',
  'plan_collaboration_model',
  'plan_collaboration_step',
  'plan_referral_route',
];

/**
 * What real plans state beyond goals, focus areas, measures and milestones (the Nord-Østerdal,
 * Trysil, Tromsø, Melhus and Sør-Aurdal plans):
 * - plan texts by kind (motto, background, purpose, mandate, target audience, legal basis, …,
 *   definitions, principles, consent rules, review rules): `plan_statement`;
 * - risk and protective factors with an age band, target groups with an age band, and the links
 *   measure ↔ factor, target group ↔ factor, measure ↔ target group;
 * - a measure on several prevention levels, with an age band, the status the plan gives it, lead /
 *   supporting / participating responsibility and dependencies on other measures;
 * - several main goals; a goal may belong to a focus area;
 * - governance bodies (steering group, working group …) with members by role;
 * - collaboration models and escalation ladders with their steps, and referral routes, each with
 *   the consent rule that applies;
 * - milestones due in a month or a year (or a term or on a date, or without a deadline), with a
 *   responsible party or body and the measure or focus area they advance;
 * - where the plan data comes from and what in it is illustrative.
 * All new tables are version content under the same RLS as the existing content tables.
 */
export class PlanElements1732900000000 implements MigrationInterface {
  name = 'PlanElements1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE strategic_plan
      ADD COLUMN source_note text CHECK (length(source_note) BETWEEN 1 AND 4000),
      ADD COLUMN illustrative_note text CHECK (length(illustrative_note) BETWEEN 1 AND 4000)`);

    await q.query(`CREATE TABLE plan_statement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${CONTENT},
      kind text NOT NULL CHECK (kind IN ('MOTTO', 'BACKGROUND', 'PURPOSE', 'MANDATE', 'TARGET_AUDIENCE', 'LEGAL_BASIS', 'NATIONAL_GUIDANCE', 'RELATED_PLAN',
        'PROCESS', 'KNOWLEDGE_BASE', 'STRATEGY', 'DEFINITION', 'PRINCIPLE', 'CONSENT_RULE', 'IMPLEMENTATION', 'REVIEW_RULE', 'RECOMMENDATION')),
      code text CHECK (length(code) BETWEEN 1 AND 40),
      title text CHECK (length(title) BETWEEN 1 AND 500),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 50000),
      reference text CHECK (length(reference) BETWEEN 1 AND 500),
      CHECK (kind <> 'DEFINITION' OR title IS NOT NULL)
    )`);
    await q.query(`CREATE TABLE plan_factor (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${CONTENT},
      kind text NOT NULL CHECK (kind IN ('RISK', 'PROTECTIVE')),
      code text CHECK (length(code) BETWEEN 1 AND 40),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
      description text CHECK (length(description) <= 10000),
      ${AGES}
    )`);
    await q.query(`CREATE TABLE plan_target_group (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${CONTENT},
      code text CHECK (length(code) BETWEEN 1 AND 40),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 1000),
      description text CHECK (length(description) <= 10000),
      ${AGES}
    )`);

    // Several main goals (Melhus states two "hovedmålsetninger"); a goal may belong to a focus area.
    await q.query(`DROP INDEX plan_goal_one_main_idx`);
    await q.query(`ALTER TABLE plan_goal ADD COLUMN focus_area_id uuid, ADD ${ref('focus_area_id', 'plan_focus_area', 'SET NULL')}`);

    // A measure on several prevention levels (Sør-Aurdal's innsatsteam: "ikke … kun på indikert nivå,
    // helst på selektert nivå"), in the order the plan gives them; an age band; the plan's own status.
    await q.query(`CREATE FUNCTION plan_levels_valid(levels text[]) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT levels <@ ARRAY[${LEVELS}]::text[] AND array_position(levels, NULL) IS NULL
                AND cardinality(levels) = (SELECT count(DISTINCT l) FROM unnest(levels) l) $$`);
    await q.query(`ALTER TABLE plan_measure
      ADD COLUMN prevention_levels text[] NOT NULL DEFAULT '{}' CHECK (plan_levels_valid(prevention_levels)),
      ADD COLUMN age_from int CHECK (age_from BETWEEN 0 AND 30),
      ADD COLUMN age_to int CHECK (age_to BETWEEN 0 AND 30),
      ADD COLUMN status_in_plan text CHECK (status_in_plan IN ('PLANNED', 'ONGOING', 'COMPLETED')),
      ADD CHECK (age_from IS NULL OR age_to IS NULL OR age_from <= age_to)`);
    // Existing rows keep their level. FORCEd RLS would hide them from a non-superuser owner.
    await q.query(`ALTER TABLE plan_measure NO FORCE ROW LEVEL SECURITY`);
    await q.query(`UPDATE plan_measure SET prevention_levels = ARRAY[prevention_level] WHERE prevention_level IS NOT NULL`);
    await q.query(`ALTER TABLE plan_measure FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plan_measure DROP COLUMN prevention_level`);

    // "Kommunalsjef … i samarbeid med rektorer og styrere": who leads and who supports or takes part.
    await q.query(`ALTER TABLE plan_measure_responsible
      ADD COLUMN responsibility text NOT NULL DEFAULT 'LEAD' CHECK (responsibility IN ('LEAD', 'SUPPORTING', 'PARTICIPANT'))`);

    const link = (table: string, a: [string, string], b: [string, string], extra = '') =>
      q.query(`CREATE TABLE ${table} (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${VERSION_ROW},
      ${a[0]} uuid NOT NULL,
      ${b[0]} uuid NOT NULL,
      UNIQUE (${a[0]}, ${b[0]}),
      ${ref(a[0], a[1], 'CASCADE')},
      ${ref(b[0], b[1], 'CASCADE')}${extra}
    )`);
    await link('plan_measure_factor', ['measure_id', 'plan_measure'], ['factor_id', 'plan_factor']);
    await link('plan_target_group_factor', ['target_group_id', 'plan_target_group'], ['factor_id', 'plan_factor']);
    await link('plan_measure_target_group', ['measure_id', 'plan_measure'], ['target_group_id', 'plan_target_group']);
    // "Det er et mål å iverksette tiltaket fra 2025, men vil avhenge av arbeid med tiltak 3."
    await link(
      'plan_measure_dependency',
      ['measure_id', 'plan_measure'],
      ['depends_on_measure_id', 'plan_measure'],
      `,
      CHECK (measure_id <> depends_on_measure_id)`,
    );

    await q.query(`CREATE TABLE plan_body (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${CONTENT},
      kind text NOT NULL CHECK (kind IN ('STEERING_GROUP', 'WORKING_GROUP', 'PROJECT_GROUP', 'REFERENCE_GROUP', 'IMPLEMENTATION_GROUP', 'OTHER')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
      description text CHECK (length(description) <= 20000),
      leader text CHECK (length(leader) BETWEEN 1 AND 500),
      cadence text CHECK (length(cadence) BETWEEN 1 AND 500)
    )`);
    await q.query(`CREATE TABLE plan_body_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${VERSION_ROW},
      body_id uuid NOT NULL,
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 100000),
      role text NOT NULL CHECK (length(role) BETWEEN 1 AND 500),
      person_name text CHECK (length(person_name) BETWEEN 1 AND 300),
      municipality_id uuid,
      service_id uuid,
      note text CHECK (length(note) BETWEEN 1 AND 1000),
      ${ref('body_id', 'plan_body', 'CASCADE')},
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);
    await q.query(`CREATE INDEX plan_body_member_body_idx ON plan_body_member (body_id, position)`);

    await q.query(`CREATE TABLE plan_collaboration_model (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${CONTENT},
      kind text NOT NULL CHECK (kind IN ('COLLABORATION', 'ESCALATION')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
      description text CHECK (length(description) <= 20000),
      consent_rule_id uuid,
      ${ref('consent_rule_id', 'plan_statement', 'SET NULL')}
    )`);
    await q.query(`CREATE TABLE plan_collaboration_step (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${CONTENT},
      model_id uuid NOT NULL,
      code text CHECK (length(code) BETWEEN 1 AND 40),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
      prevention_level text CHECK (prevention_level IN (${LEVELS})),
      target_group text CHECK (length(target_group) <= 5000),
      criteria text CHECK (length(criteria) <= 20000),
      tasks text CHECK (length(tasks) <= 20000),
      collaboration text CHECK (length(collaboration) <= 20000),
      participants text CHECK (length(participants) <= 5000),
      convened_by text CHECK (length(convened_by) <= 2000),
      minutes_by text CHECK (length(minutes_by) <= 2000),
      cadence text CHECK (length(cadence) <= 500),
      forum text CHECK (length(forum) BETWEEN 1 AND 300),
      escalate_to text CHECK (length(escalate_to) BETWEEN 1 AND 300),
      consent_rule_id uuid,
      ${ref('model_id', 'plan_collaboration_model', 'CASCADE')},
      ${ref('consent_rule_id', 'plan_statement', 'SET NULL')}
    )`);
    await q.query(`CREATE TABLE plan_referral_route (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${CONTENT},
      step_id uuid,
      recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 300),
      service_id uuid,
      referred_by text CHECK (length(referred_by) <= 2000),
      how text CHECK (length(how) <= 20000),
      prerequisite text CHECK (length(prerequisite) <= 5000),
      anonymous_consultation boolean NOT NULL DEFAULT false,
      consent_rule_id uuid,
      ${ref('step_id', 'plan_collaboration_step', 'SET NULL')},
      ${ref('consent_rule_id', 'plan_statement', 'SET NULL')},
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);

    // Milestones: "innen september 2022" (month), "i 2024" (year), a term, a date, or none given;
    // who is responsible (a role or one of the plan's bodies); the measure or focus area advanced.
    await q.query(`DO $$ DECLARE c record; BEGIN
      FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'plan_milestone'::regclass AND contype = 'c'
                 AND (pg_get_constraintdef(oid) LIKE '%due_term IS NULL%' OR pg_get_constraintdef(oid) LIKE '%due_date IS NOT NULL%')
      LOOP EXECUTE format('ALTER TABLE plan_milestone DROP CONSTRAINT %I', c.conname); END LOOP; END $$`);
    await q.query(`ALTER TABLE plan_milestone
      ADD COLUMN due_month int CHECK (due_month BETWEEN 1 AND 12),
      ADD COLUMN responsible text CHECK (length(responsible) BETWEEN 1 AND 500),
      ADD COLUMN responsible_body_id uuid,
      ADD COLUMN measure_id uuid,
      ADD COLUMN focus_area_id uuid,
      ADD CHECK (due_term IS NULL OR due_month IS NULL),
      ADD CHECK ((due_term IS NULL AND due_month IS NULL) OR due_year IS NOT NULL),
      ADD CHECK (responsible IS NULL OR responsible_body_id IS NULL),
      ADD CHECK (measure_id IS NULL OR focus_area_id IS NULL),
      ADD ${ref('responsible_body_id', 'plan_body', 'SET NULL')},
      ADD ${ref('measure_id', 'plan_measure', 'SET NULL')},
      ADD ${ref('focus_area_id', 'plan_focus_area', 'SET NULL')}`);

    for (const table of ['plan_statement', 'plan_factor', 'plan_target_group', 'plan_body', 'plan_collaboration_model', 'plan_collaboration_step', 'plan_referral_route']) {
      await q.query(`CREATE INDEX ${table}_version_idx ON ${table} (version_id, position)`);
    }
    for (const table of ['plan_measure_factor', 'plan_target_group_factor', 'plan_measure_target_group', 'plan_measure_dependency']) {
      await q.query(`CREATE INDEX ${table}_version_idx ON ${table} (version_id)`);
    }
    for (const table of NEW_TABLES) await enableTenantRls(q, table, VERSION_CONTENT_POLICY);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_milestone DROP COLUMN due_month, DROP COLUMN responsible, DROP COLUMN responsible_body_id, DROP COLUMN measure_id, DROP COLUMN focus_area_id`);
    for (const table of [...NEW_TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${table}`);
    await q.query(`ALTER TABLE plan_measure_responsible DROP COLUMN responsibility`);
    await q.query(`ALTER TABLE plan_measure ADD COLUMN prevention_level text CHECK (prevention_level IN (${LEVELS}))`);
    await q.query(`ALTER TABLE plan_measure NO FORCE ROW LEVEL SECURITY`);
    await q.query(`UPDATE plan_measure SET prevention_level = prevention_levels[1]`);
    await q.query(`ALTER TABLE plan_measure FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plan_measure DROP COLUMN prevention_levels, DROP COLUMN age_from, DROP COLUMN age_to, DROP COLUMN status_in_plan`);
    await q.query(`DROP FUNCTION plan_levels_valid(text[])`);
    await q.query(`ALTER TABLE plan_goal DROP COLUMN focus_area_id`);
    await q.query(`CREATE UNIQUE INDEX plan_goal_one_main_idx ON plan_goal (version_id) WHERE kind = 'MAIN'`);
    await q.query(`ALTER TABLE strategic_plan DROP COLUMN source_note, DROP COLUMN illustrative_note`);
  }
}
