import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, holdsAt, inRegion, regionOrPublic } from './rls';

/**
 * County (fylke) and country (hele landet) figures from SSB's tables, for the dashboards'
 * comparison "the cooperation, the county and the country" (issue 22; docs/statistics.md
 * "Reference areas"). A row is one published SSB figure: a count of a catalogue metric
 * (`metric_id`) or the area's population aged 0–17 (`metric_id` null), for a year. They are SSB's
 * published (already suppressed) figures: public information, read by the region and PUBLIC, and
 * written by the SERVICE_LEADER of the service that imported them (the import replaces a figure in
 * place). A public table announces its writes (1733810000000-reference-public-data-announcements).
 */
export class StatisticsReferenceAreas1733852000000 implements MigrationInterface {
  name = 'StatisticsReferenceAreas1733852000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE statistics_reference_figure (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      area_kind text NOT NULL CHECK (area_kind IN ('COUNTY', 'COUNTRY')),
      area_code text NOT NULL,
      metric_id uuid,
      year int NOT NULL CHECK (year BETWEEN 1900 AND 2200),
      value int NOT NULL CHECK (value >= 0),
      imported_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((area_kind = 'COUNTRY' AND area_code = '0') OR (area_kind = 'COUNTY' AND area_code ~ '^[0-9]{2}$')),
      FOREIGN KEY (region_id, service_id) REFERENCES shared_service(region_id, id),
      FOREIGN KEY (region_id, metric_id) REFERENCES statistics_metric(region_id, id)
    )`);
    // One figure per service, area, year and metric (null: the population aged 0–17).
    await q.query(`CREATE UNIQUE INDEX statistics_reference_figure_key_idx
      ON statistics_reference_figure (service_id, area_code, year, coalesce(metric_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await enableTenantRls(q, 'statistics_reference_figure', { read: regionOrPublic, write: and(inRegion, holdsAt('service_id', 'SERVICE_LEADER')) });
    await q.query(`CREATE TRIGGER announce_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON statistics_reference_figure
      FOR EACH STATEMENT EXECUTE FUNCTION app_announce_public_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statistics_reference_figure`);
  }
}
