import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, APP_ROLE, enableTenantRls, hasRole, inRegion, isPublic, or, regionAdmin, regionOrPublic } from './rls-v1';

/**
 * Foundation: tenancy functions, reference data (region, municipalities, shared services, units),
 * persons, audit trail, and the row-level security that isolates regions.
 */
export class CoreSchema1732400000000 implements MigrationInterface {
  name = 'CoreSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    // The API's login role; it owns nothing and cannot bypass RLS. Bootstrap sets its password.
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);

    // Request context, set per transaction with set_config(..., true). A missing or empty setting
    // reads as NULL, and NULL never equals a row's region: no context, no rows.
    for (const name of ['region_id', 'municipality_id', 'service_id', 'unit_id']) {
      await q.query(`CREATE FUNCTION app_${name}() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
        $$ SELECT NULLIF(current_setting('app.${name}', true), '')::uuid $$`);
    }
    await q.query(`CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT NULLIF(current_setting('app.role', true), '') $$`);
    await q.query(`CREATE FUNCTION app_is_public() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT coalesce(NULLIF(current_setting('app.role', true), '') = 'PUBLIC', false) $$`);

    await q.query(`CREATE TABLE region (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
    )`);
    await q.query(`CREATE TABLE municipality (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      number char(4) NOT NULL UNIQUE CHECK (number ~ '^[0-9]{4}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      UNIQUE (region_id, id)
    )`);
    await q.query(`CREATE TABLE municipality_population (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      municipality_id uuid NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 1900 AND 2200),
      aged_0_17 int NOT NULL CHECK (aged_0_17 >= 0),
      UNIQUE (municipality_id, year),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE TABLE shared_service (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,60}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('BARNEVERN', 'PPT', 'NAV', 'OTHER')),
      host_municipality_id uuid NOT NULL,
      UNIQUE (region_id, code),
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, host_municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE TABLE ownership_period (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      note text CHECK (length(note) <= 2000),
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);
    // Periods of one service never overlap.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`ALTER TABLE ownership_period ADD CONSTRAINT ownership_period_no_overlap
      EXCLUDE USING gist (service_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)`);
    await q.query(`CREATE TABLE ownership_period_owner (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      period_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      UNIQUE (period_id, municipality_id),
      FOREIGN KEY (region_id, period_id) REFERENCES ownership_period(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE TABLE unit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      municipality_id uuid NOT NULL,
      code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,80}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('SCHOOL', 'KINDERGARTEN', 'OTHER')),
      size int NOT NULL CHECK (size BETWEEN 0 AND 100000),
      UNIQUE (region_id, code),
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE INDEX unit_municipality_idx ON unit (municipality_id, name)`);
    await q.query(`CREATE TABLE person (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      subject text NOT NULL,
      display_name text NOT NULL,
      UNIQUE (region_id, subject),
      UNIQUE (region_id, id)
    )`);
    await q.query(`CREATE TABLE role_assignment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      person_id uuid NOT NULL,
      role text NOT NULL,
      municipality_id uuid,
      service_id uuid,
      unit_id uuid,
      FOREIGN KEY (region_id, person_id) REFERENCES person(region_id, id) ON DELETE CASCADE,
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, unit_id) REFERENCES unit(region_id, id)
    )`);
    await q.query(`CREATE TABLE audit_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      municipality_id uuid,
      actor text NOT NULL,
      actor_role text NOT NULL,
      operation text NOT NULL,
      entity text NOT NULL,
      entity_id uuid NOT NULL,
      before jsonb,
      after jsonb,
      at timestamptz NOT NULL DEFAULT now(),
      request_id text,
      -- Composite like every other tenant reference: a record cannot name another region's municipality.
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id)
    )`);
    await q.query(`CREATE INDEX audit_record_region_at_idx ON audit_record (region_id, at DESC)`);

    // Reference data: readable by everyone in the region and by PUBLIC; written by REGION_ADMIN.
    for (const table of ['municipality', 'municipality_population', 'shared_service', 'ownership_period', 'ownership_period_owner', 'unit']) {
      await enableTenantRls(q, table, { read: regionOrPublic, write: regionAdmin });
    }
    const ownRegion = `id = app_region_id()`;
    await enableTenantRls(q, 'region', { read: or(ownRegion, isPublic), write: and(ownRegion, hasRole('REGION_ADMIN')), noInsertDelete: true });
    // Persons are personal data: region administrators only.
    for (const table of ['person', 'role_assignment']) {
      await enableTenantRls(q, table, { read: regionAdmin, write: regionAdmin });
    }
    // Audit trail: any signed-in caller appends in its own region; REGION_ADMIN reads the region,
    // AUDITOR reads what concerns their municipality. No update or delete, ever.
    await q.query(`ALTER TABLE audit_record ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE audit_record FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY audit_record_append ON audit_record FOR INSERT
      WITH CHECK (${and(inRegion, `NOT ${isPublic}`)})`);
    await q.query(`CREATE POLICY audit_record_read ON audit_record FOR SELECT USING (
      ${and(inRegion, or(hasRole('REGION_ADMIN'), and(hasRole('AUDITOR'), 'municipality_id = app_municipality_id()')))})`);
    await q.query(`GRANT SELECT, INSERT ON audit_record TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT ON migrations TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_record', 'role_assignment', 'person', 'unit', 'ownership_period_owner', 'ownership_period', 'shared_service', 'municipality_population', 'municipality', 'region']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const fn of ['app_region_id', 'app_municipality_id', 'app_service_id', 'app_unit_id', 'app_role', 'app_is_public']) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
  }
}
