import { EntityManager } from 'typeorm';
import { Context } from '../../context';
import { CostReport, CostReportStatus } from '../../entities/costs';

/**
 * The labels a report's export shows besides its frozen figures (migrations/1733210000000-costs-export-labels.ts):
 * the service, the owner municipalities, the categories with their KOSTRA funksjon codes, the
 * agreement's key and its directly charged categories. A published version's labels are those
 * stored when it was published, so renaming a category or changing its accounts (or renaming the
 * service or a municipality) later never changes a published version's file; a draft's are read as
 * they are now. Both come from the one SQL function `cost_report_labels_now`, so a draft's file and
 * the same version's file after publication are the same bytes unless a label changed in between.
 */
export interface ExportLabels {
  service: { name: string; code: string };
  /** Owner municipalities by id. */
  municipalities: Record<string, { name: string; number: string }>;
  agreement: { equalShareBp: number; populationShareBp: number } | null;
  directCategoryIds: string[];
  /** The categories of the report's lines and the agreement's direct ones, by id; funksjon codes sorted. */
  categories: Record<string, { name: string; funksjon: string[] }>;
}

/** Stores the labels of a version being published (call it in the publishing transaction, while the report is still a DRAFT). */
export async function storeExportLabels(tx: EntityManager, reportId: string): Promise<void> {
  await tx.query(
    `INSERT INTO cost_report_export_labels (region_id, service_id, report_id, labels)
     SELECT region_id, service_id, id, cost_report_labels_now(id) FROM cost_report WHERE id = $1`,
    [reportId],
  );
}

/** The labels of a report's export: stored at publication for a published version, as they are now for a draft. One read. */
export async function exportLabels(ctx: Context, report: CostReport): Promise<ExportLabels> {
  // COALESCE evaluates its second argument only when the first is null (no stored labels, or a draft).
  return ctx.db.read<ExportLabels>({
    sql: `SELECT coalesce(CASE WHEN $2::boolean THEN (SELECT l.labels FROM cost_report_export_labels l WHERE l.report_id = $1::uuid) END, cost_report_labels_now($1::uuid))`,
    params: [report.id, report.status === CostReportStatus.PUBLISHED],
  });
}
