import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, hasRole, inRegion, isPublic, or, ownMunicipality } from './rls-v1';

/**
 * Shared strategic plans (barnevernsloven § 15-1): one plan of a region, covering owner
 * municipalities and shared services, kept in versions. Content rows (goals, focus areas, measures,
 * links, milestones) belong to one version; an adopted version is frozen and a revision deep-copies
 * it into a new DRAFT version (rows keep their lineage `key`). Adoption and implementation status
 * are owned by one municipality each.
 *
 * RLS, on top of the service checks:
 * - read: the own region; PUBLIC sees adopted/archived plans and adopted/superseded versions only.
 * - content writes: only while the version is DRAFT, by REGION_ADMIN or a SERVICE_LEADER whose
 *   service the plan covers.
 * - adoption and implementation writes: REGION_ADMIN, or the MUNICIPAL_DIRECTOR of that row's
 *   municipality.
 */
export class StrategicPlans1732500000000 implements MigrationInterface {
  name = 'StrategicPlans1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE strategic_plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      period_start_year int NOT NULL CHECK (period_start_year BETWEEN 2000 AND 2100),
      period_end_year int NOT NULL CHECK (period_end_year BETWEEN 2000 AND 2100),
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'CONSULTATION', 'ADOPTED', 'ARCHIVED')),
      adopted_version_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      CHECK (period_end_year >= period_start_year),
      UNIQUE (region_id, id)
    )`);
    await q.query(`CREATE INDEX strategic_plan_region_idx ON strategic_plan (region_id, period_start_year DESC, title)`);
    await q.query(`CREATE TABLE plan_coverage_municipality (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      UNIQUE (plan_id, municipality_id),
      FOREIGN KEY (region_id, plan_id) REFERENCES strategic_plan(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE TABLE plan_coverage_service (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      service_id uuid NOT NULL,
      UNIQUE (plan_id, service_id),
      FOREIGN KEY (region_id, plan_id) REFERENCES strategic_plan(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);
    await q.query(`CREATE TABLE plan_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      number int NOT NULL CHECK (number >= 1),
      status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'CONSULTATION', 'ADOPTED', 'SUPERSEDED', 'WITHDRAWN')),
      based_on_version_id uuid,
      change_note text CHECK (length(change_note) <= 4000),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      submitted_at timestamptz,
      adopted_on date,
      UNIQUE (plan_id, number),
      UNIQUE (region_id, id),
      UNIQUE (region_id, plan_id, id),
      FOREIGN KEY (region_id, plan_id) REFERENCES strategic_plan(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, plan_id, based_on_version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE
    )`);
    // At most one open draft/consultation version per plan.
    await q.query(`CREATE UNIQUE INDEX plan_version_one_open_idx ON plan_version (plan_id) WHERE status IN ('DRAFT', 'CONSULTATION')`);
    await q.query(`CREATE UNIQUE INDEX plan_version_one_adopted_idx ON plan_version (plan_id) WHERE status = 'ADOPTED'`);
    await q.query(`ALTER TABLE strategic_plan ADD FOREIGN KEY (region_id, id, adopted_version_id)
      REFERENCES plan_version(region_id, plan_id, id) DEFERRABLE INITIALLY DEFERRED`);

    const content = `region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      version_id uuid NOT NULL,
      key uuid NOT NULL DEFAULT gen_random_uuid(),
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 100000),
      UNIQUE (version_id, key),
      UNIQUE (region_id, version_id, id),
      FOREIGN KEY (region_id, plan_id, version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE`;
    await q.query(`CREATE TABLE plan_goal (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${content},
      kind text NOT NULL CHECK (kind IN ('MAIN', 'GOAL', 'SUB_GOAL')),
      parent_goal_id uuid,
      code text CHECK (length(code) BETWEEN 1 AND 40),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 2000),
      description text CHECK (length(description) <= 10000),
      CHECK ((kind = 'SUB_GOAL') = (parent_goal_id IS NOT NULL)),
      FOREIGN KEY (region_id, version_id, parent_goal_id) REFERENCES plan_goal(region_id, version_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX plan_goal_one_main_idx ON plan_goal (version_id) WHERE kind = 'MAIN'`);
    await q.query(`CREATE TABLE plan_focus_area (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${content},
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      what_we_achieve text CHECK (length(what_we_achieve) <= 20000),
      how_we_do_it text CHECK (length(how_we_do_it) <= 20000),
      roles_and_responsibility text CHECK (length(roles_and_responsibility) <= 20000)
    )`);
    await q.query(`CREATE TABLE plan_measure (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${content},
      focus_area_id uuid,
      code text CHECK (length(code) BETWEEN 1 AND 40),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
      description text CHECK (length(description) <= 20000),
      organisation text CHECK (length(organisation) <= 20000),
      time_frame text CHECK (length(time_frame) <= 2000),
      budget_ore bigint CHECK (budget_ore >= 0),
      budget_line text CHECK (length(budget_line) <= 500),
      prevention_level text CHECK (prevention_level IN ('UNIVERSAL', 'SELECTIVE', 'INDICATED')),
      target_group text CHECK (length(target_group) <= 500),
      FOREIGN KEY (region_id, version_id, focus_area_id) REFERENCES plan_focus_area(region_id, version_id, id) ON DELETE SET NULL (focus_area_id)
    )`);
    await q.query(`CREATE TABLE plan_measure_responsible (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      version_id uuid NOT NULL,
      measure_id uuid NOT NULL,
      position int NOT NULL DEFAULT 0,
      kind text NOT NULL CHECK (kind IN ('SERVICE', 'MUNICIPALITY', 'ROLE')),
      service_id uuid,
      municipality_id uuid,
      role_name text CHECK (length(role_name) BETWEEN 1 AND 300),
      CHECK ((kind = 'SERVICE') = (service_id IS NOT NULL) AND (kind = 'MUNICIPALITY') = (municipality_id IS NOT NULL) AND (kind = 'ROLE') = (role_name IS NOT NULL)),
      FOREIGN KEY (region_id, plan_id, version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, version_id, measure_id) REFERENCES plan_measure(region_id, version_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE INDEX plan_measure_responsible_measure_idx ON plan_measure_responsible (measure_id, position)`);
    await q.query(`CREATE TABLE plan_goal_measure (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      version_id uuid NOT NULL,
      goal_id uuid NOT NULL,
      measure_id uuid NOT NULL,
      UNIQUE (goal_id, measure_id),
      FOREIGN KEY (region_id, plan_id, version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, version_id, goal_id) REFERENCES plan_goal(region_id, version_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, version_id, measure_id) REFERENCES plan_measure(region_id, version_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX plan_goal_measure_version_idx ON plan_goal_measure (version_id)`);
    await q.query(`CREATE TABLE plan_milestone (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ${content},
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      description text CHECK (length(description) <= 20000),
      due_term text CHECK (due_term IN ('SPRING', 'AUTUMN')),
      due_year int CHECK (due_year BETWEEN 2000 AND 2100),
      due_date date,
      status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      CHECK ((due_term IS NULL) = (due_year IS NULL)),
      CHECK (due_year IS NOT NULL OR due_date IS NOT NULL)
    )`);
    for (const t of ['plan_goal', 'plan_focus_area', 'plan_measure', 'plan_milestone']) {
      await q.query(`CREATE INDEX ${t}_version_idx ON ${t} (version_id, position)`);
    }
    await q.query(`CREATE TABLE plan_adoption (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      version_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'ADOPTED', 'REJECTED')),
      decision_body text CHECK (length(decision_body) BETWEEN 1 AND 200),
      decided_on date,
      case_number text CHECK (length(case_number) BETWEEN 1 AND 100),
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status = 'PENDING' OR (decision_body IS NOT NULL AND decided_on IS NOT NULL)),
      UNIQUE (version_id, municipality_id),
      FOREIGN KEY (region_id, plan_id, version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE TABLE measure_implementation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      measure_key uuid NOT NULL,
      municipality_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'EVALUATED')),
      note text CHECK (length(note) <= 4000),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (measure_key, municipality_id),
      FOREIGN KEY (region_id, plan_id) REFERENCES strategic_plan(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE INDEX measure_implementation_plan_idx ON measure_implementation (plan_id)`);
    await q.query(`CREATE TABLE plan_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      plan_id uuid NOT NULL,
      version_id uuid NOT NULL,
      reviewed_on date NOT NULL,
      summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 20000),
      decided_changes text[] NOT NULL DEFAULT '{}',
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (region_id, plan_id, version_id) REFERENCES plan_version(region_id, plan_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX plan_review_plan_idx ON plan_review (plan_id, reviewed_on)`);

    // Helpers for the policies. Invoker rights: their own queries run under the caller's RLS, so
    // PUBLIC can only ever find public versions, and no policy refers back to its own table.
    await q.query(`CREATE FUNCTION plan_is_public(p uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM strategic_plan WHERE id = p AND status IN ('ADOPTED', 'ARCHIVED')) $$`);
    await q.query(`CREATE FUNCTION plan_version_is_public(v uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM plan_version WHERE id = v AND status IN ('ADOPTED', 'SUPERSEDED')) $$`);
    await q.query(`CREATE FUNCTION plan_version_is_draft(v uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM plan_version WHERE id = v AND status = 'DRAFT') $$`);
    await q.query(`CREATE FUNCTION plan_covers_service(p uuid, s uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM plan_coverage_service WHERE plan_id = p AND service_id = s) $$`);
    await q.query(`CREATE FUNCTION plan_covers_municipality(p uuid, m uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM plan_coverage_municipality WHERE plan_id = p AND municipality_id = m) $$`);
    await q.query(`CREATE FUNCTION plan_has_service_coverage(p uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT EXISTS (SELECT 1 FROM plan_coverage_service WHERE plan_id = p) $$`);

    const admin = hasRole('REGION_ADMIN');
    const leaderOf = (planCol: string) => and(hasRole('SERVICE_LEADER'), `plan_covers_service(${planCol}, app_service_id())`);
    const directorOf = (planCol: string) => and(hasRole('MUNICIPAL_DIRECTOR'), `plan_covers_municipality(${planCol}, app_municipality_id())`);
    const publicIf = (condition: string) => and(isPublic, condition);

    // The plan row: a SERVICE_LEADER may create one (no coverage yet) and then edit it while their
    // service is covered; a covered MUNICIPAL_DIRECTOR's adoption moves its status.
    await enableTenantRls(q, 'strategic_plan', {
      read: or(inRegion, publicIf(`status IN ('ADOPTED', 'ARCHIVED')`)),
      write: and(inRegion, or(admin, leaderOf('id'), and(hasRole('SERVICE_LEADER'), 'NOT plan_has_service_coverage(id)'), directorOf('id'))),
    });
    await enableTenantRls(q, 'plan_version', {
      read: or(inRegion, publicIf(`status IN ('ADOPTED', 'SUPERSEDED')`)),
      write: and(inRegion, or(admin, leaderOf('plan_id'), directorOf('plan_id'))),
    });
    for (const table of ['plan_coverage_municipality', 'plan_coverage_service']) {
      await enableTenantRls(q, table, {
        read: or(inRegion, publicIf('plan_is_public(plan_id)')),
        // A leader's own service goes in first; from then on the plan covers them.
        write: and(inRegion, or(admin, leaderOf('plan_id'), ...(table === 'plan_coverage_service' ? [and(hasRole('SERVICE_LEADER'), 'service_id = app_service_id()')] : []))),
      });
    }
    for (const table of ['plan_goal', 'plan_focus_area', 'plan_measure', 'plan_measure_responsible', 'plan_goal_measure', 'plan_milestone']) {
      await enableTenantRls(q, table, {
        read: or(inRegion, publicIf('plan_version_is_public(version_id)')),
        write: and(inRegion, 'plan_version_is_draft(version_id)', or(admin, leaderOf('plan_id'))),
      });
    }
    const ownMunicipalityRecord = and(inRegion, or(admin, ownMunicipality(['MUNICIPAL_DIRECTOR'])));
    await enableTenantRls(q, 'plan_adoption', { read: or(inRegion, publicIf('plan_version_is_public(version_id)')), write: ownMunicipalityRecord });
    await enableTenantRls(q, 'measure_implementation', { read: inRegion, write: ownMunicipalityRecord });
    await enableTenantRls(q, 'plan_review', { read: inRegion, write: and(inRegion, or(admin, leaderOf('plan_id'))) });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE IF EXISTS strategic_plan DROP COLUMN IF EXISTS adopted_version_id`);
    for (const table of [
      'plan_review',
      'measure_implementation',
      'plan_adoption',
      'plan_milestone',
      'plan_goal_measure',
      'plan_measure_responsible',
      'plan_measure',
      'plan_focus_area',
      'plan_goal',
      'plan_version',
      'plan_coverage_service',
      'plan_coverage_municipality',
      'strategic_plan',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const fn of [
      'plan_is_public(uuid)',
      'plan_version_is_public(uuid)',
      'plan_version_is_draft(uuid)',
      'plan_covers_service(uuid, uuid)',
      'plan_covers_municipality(uuid, uuid)',
      'plan_has_service_coverage(uuid)',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    }
  }
}
