import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, inRegion, or, ownMunicipality, ownService, regionAdmin, regionOrPublic } from './rls-v1';

/**
 * Activity statistics (docs/statistics.md): a metric catalogue per service kind, observations
 * (metric × municipality × month or year) with the import they came from, and the publication — the
 * suppressed table every other reader sees.
 *
 * Where the numbers are read decides who sees what (RLS, not only the API):
 * - `statistics_observation` (the true counts): the SERVICE_LEADER of the service, and a
 *   municipality's own roles (director, finance, auditor) for their own municipality's rows only.
 *   Nobody else, PUBLIC included, can read a single true count, whatever SQL they send.
 * - `statistics_published_cell` (after primary and secondary suppression, computed when the
 *   observations change): the region and PUBLIC. Suppressed cells are stored without their value.
 * A re-import replaces observations and published cells by marking the old rows replaced
 * (`replaced_at`), never deleting them: what was published before is kept.
 */
export class Statistics1732800000000 implements MigrationInterface {
  name = 'Statistics1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE statistics_metric (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_kind text NOT NULL CHECK (service_kind IN ('BARNEVERN', 'PPT', 'NAV', 'OTHER')),
      code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,59}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 60),
      aggregation text NOT NULL CHECK (aggregation IN ('FLOW', 'STOCK')),
      finest_period text NOT NULL CHECK (finest_period IN ('MONTH', 'YEAR')),
      description text CHECK (length(description) <= 2000),
      ssb_code text CHECK (length(ssb_code) BETWEEN 1 AND 60),
      share_of_code text CHECK (share_of_code ~ '^[a-z][a-z0-9_]{1,59}$'),
      built_in boolean NOT NULL DEFAULT false,
      position int NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 10000),
      CHECK (share_of_code IS NULL OR share_of_code <> code),
      UNIQUE (region_id, service_kind, code),
      UNIQUE (region_id, service_kind, ssb_code),
      UNIQUE (region_id, id)
    )`);
    await q.query(`CREATE TABLE statistics_suppression_rule (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL UNIQUE,
      min_count int NOT NULL CHECK (min_count >= 1),
      max_count int NOT NULL CHECK (max_count BETWEEN min_count AND 1000),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);
    await q.query(`CREATE TABLE statistics_import (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      records int NOT NULL CHECK (records >= 0),
      inserted int NOT NULL CHECK (inserted >= 0),
      updated int NOT NULL CHECK (updated >= 0),
      deleted int NOT NULL CHECK (deleted >= 0),
      note text CHECK (length(note) BETWEEN 1 AND 2000),
      UNIQUE (region_id, id),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id)
    )`);
    await q.query(`CREATE INDEX statistics_import_service_idx ON statistics_import (service_id, imported_at DESC)`);
    await q.query(`CREATE TABLE statistics_observation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      municipality_id uuid NOT NULL,
      metric_id uuid NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 1900 AND 2200),
      month int CHECK (month BETWEEN 1 AND 12),
      value int NOT NULL CHECK (value >= 0),
      import_id uuid NOT NULL,
      replaced_at timestamptz,
      replaced_by_import_id uuid,
      CHECK ((replaced_at IS NULL) = (replaced_by_import_id IS NULL)),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, metric_id) REFERENCES statistics_metric(region_id, id),
      FOREIGN KEY (region_id, import_id) REFERENCES statistics_import(region_id, id),
      FOREIGN KEY (region_id, replaced_by_import_id) REFERENCES statistics_import(region_id, id)
    )`);
    // One current value per metric, municipality and period; replaced rows are the history.
    await q.query(`CREATE UNIQUE INDEX statistics_observation_current_idx ON statistics_observation (service_id, metric_id, municipality_id, year, coalesce(month, 0)) WHERE replaced_at IS NULL`);
    await q.query(`CREATE INDEX statistics_observation_table_idx ON statistics_observation (service_id, metric_id, year)`);
    await q.query(`CREATE TABLE statistics_published_cell (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      metric_id uuid NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 1900 AND 2200),
      month int CHECK (month BETWEEN 1 AND 12),
      municipality_id uuid,
      status text NOT NULL CHECK (status IN ('SHOWN', 'SUPPRESSED', 'MISSING')),
      value int CHECK (value >= 0),
      is_total boolean NOT NULL,
      partial_sum int CHECK (partial_sum >= 0),
      contributors int CHECK (contributors >= 0),
      suppressed_contributors int CHECK (suppressed_contributors >= 0),
      missing_contributors int CHECK (missing_contributors >= 0),
      import_id uuid NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      replaced_at timestamptz,
      CHECK ((status = 'SHOWN') = (value IS NOT NULL)),
      -- A total says what it is made of; a suppressed total never carries its value, only the sum of what is shown.
      CHECK (is_total = (contributors IS NOT NULL) AND is_total = (suppressed_contributors IS NOT NULL) AND is_total = (missing_contributors IS NOT NULL)),
      CHECK (partial_sum IS NULL OR (is_total AND status <> 'SHOWN')),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, metric_id) REFERENCES statistics_metric(region_id, id),
      FOREIGN KEY (region_id, municipality_id) REFERENCES municipality(region_id, id),
      FOREIGN KEY (region_id, import_id) REFERENCES statistics_import(region_id, id)
    )`);
    await q.query(`CREATE INDEX statistics_published_cell_table_idx ON statistics_published_cell (service_id, metric_id, year, published_at)`);

    const leaderOfService = and(inRegion, ownService(['SERVICE_LEADER']));
    // Catalogue, rule, import history (no personal data) and the publication: public information.
    await enableTenantRls(q, 'statistics_metric', { read: regionOrPublic, write: regionAdmin });
    await enableTenantRls(q, 'statistics_suppression_rule', { read: regionOrPublic, write: leaderOfService });
    await enableTenantRls(q, 'statistics_import', { read: regionOrPublic, write: leaderOfService });
    await enableTenantRls(q, 'statistics_published_cell', { read: regionOrPublic, write: leaderOfService });
    // The true counts: the service's leader, and each municipality's own roles for its own rows.
    await enableTenantRls(q, 'statistics_observation', {
      read: and(inRegion, or(ownService(['SERVICE_LEADER']), ownMunicipality())),
      write: leaderOfService,
    });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['statistics_published_cell', 'statistics_observation', 'statistics_import', 'statistics_suppression_rule', 'statistics_metric']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
