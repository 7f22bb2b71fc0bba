import { MigrationInterface, QueryRunner } from 'typeorm';
import { and, enableTenantRls, inRegion, ownService } from './rls-v1';

/**
 * A published report version exports to the same bytes forever (docs/costs.md, "Exports"). Its
 * figures are frozen in cost_report_line, but the export also shows labels that live elsewhere and
 * can change: the service's name and code, the owner municipalities' names and numbers, the
 * categories' names and KOSTRA funksjon codes, the agreement's key and which categories it charges
 * directly. `cost_report_export_labels` keeps them as they were at publication, one row per
 * published version, written in the publishing transaction and never changed.
 *
 * `cost_report_labels_now(report)` reads the labels as they are now (invoker rights: under the
 * caller's RLS). Publishing stores its result; the export of a draft uses it live; the backfill
 * below stores it for the versions published before this migration (their labels as they are at
 * migration time: the earlier ones are not recorded anywhere).
 *
 * RLS: read by whoever may read the report; inserted only by the service's HOST_FINANCE while the
 * report is still a draft (publishing stores the labels just before the status changes); no UPDATE
 * or DELETE policy or grant, and a trigger refuses the change even to the table owner.
 */
export class CostsExportLabels1733210000000 implements MigrationInterface {
  name = 'CostsExportLabels1733210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cost_report_export_labels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_id uuid NOT NULL REFERENCES region(id),
      service_id uuid NOT NULL,
      report_id uuid NOT NULL UNIQUE,
      labels jsonb NOT NULL CHECK (jsonb_typeof(labels) = 'object'),
      taken_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (region_id, service_id, report_id) REFERENCES cost_report(region_id, service_id, id)
    )`);

    await q.query(`CREATE FUNCTION cost_report_labels_now(r uuid) RETURNS jsonb LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT jsonb_build_object(
        'service', (SELECT jsonb_build_object('name', s.name, 'code', s.code) FROM shared_service s WHERE s.id = c.service_id),
        'municipalities', (SELECT coalesce(jsonb_object_agg(m.id, jsonb_build_object('name', m.name, 'number', m.number)), '{}'::jsonb)
                             FROM municipality m WHERE m.id = ANY (c.owner_municipality_ids)),
        'agreement', (SELECT jsonb_build_object('equalShareBp', a.equal_share_bp, 'populationShareBp', a.population_share_bp) FROM cost_agreement a WHERE a.id = c.agreement_id),
        'directCategoryIds', (SELECT coalesce(jsonb_agg(d.category_id ORDER BY d.category_id), '[]'::jsonb) FROM cost_agreement_direct_category d WHERE d.agreement_id = c.agreement_id),
        'categories', (SELECT coalesce(jsonb_object_agg(k.id, jsonb_build_object('name', k.name, 'funksjon',
                          (SELECT coalesce(jsonb_agg(f.funksjon ORDER BY f.funksjon), '[]'::jsonb) FROM (SELECT DISTINCT funksjon FROM cost_category_account WHERE category_id = k.id) f))), '{}'::jsonb)
                         FROM cost_category k
                        WHERE k.id IN (SELECT category_id FROM cost_report_line WHERE report_id = c.id)
                           OR k.id IN (SELECT category_id FROM cost_agreement_direct_category WHERE agreement_id = c.agreement_id)))
        FROM cost_report c WHERE c.id = r
    $$`);

    // The backfill reads across every region. FORCEd RLS would hide the rows from a non-superuser
    // owner, so it is lifted for this transaction's statements and restored (the new table gets its
    // RLS after the backfill).
    const read = ['cost_report', 'cost_report_line', 'cost_category', 'cost_category_account', 'cost_agreement', 'cost_agreement_direct_category', 'shared_service', 'municipality'];
    const forced: string[] = (await q.query(`SELECT relname FROM pg_class WHERE relname = ANY ($1) AND relkind = 'r' AND relforcerowsecurity AND relnamespace = 'public'::regnamespace`, [read])).map(
      (r: { relname: string }) => r.relname,
    );
    for (const table of forced) await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await q.query(`INSERT INTO cost_report_export_labels (region_id, service_id, report_id, labels, taken_at)
      SELECT region_id, service_id, id, cost_report_labels_now(id), now() FROM cost_report WHERE status = 'PUBLISHED'`);
    for (const table of forced) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);

    await q.query(`CREATE FUNCTION cost_report_export_labels_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the labels of a published cost report cannot change' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`CREATE TRIGGER cost_report_export_labels_immutable BEFORE UPDATE OR DELETE ON cost_report_export_labels FOR EACH ROW EXECUTE FUNCTION cost_report_export_labels_refuse_change()`);

    await enableTenantRls(q, 'cost_report_export_labels', {
      read: and(inRegion, 'cost_report_is_readable(report_id)'),
      write: and(inRegion, ownService(['HOST_FINANCE']), 'cost_report_is_draft(report_id)'),
      update: null,
      delete: null,
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cost_report_export_labels`);
    await q.query(`DROP FUNCTION IF EXISTS cost_report_export_labels_refuse_change()`);
    await q.query(`DROP FUNCTION IF EXISTS cost_report_labels_now(uuid)`);
  }
}
