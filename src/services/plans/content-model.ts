import { EntityManager, EntityMetadata } from 'typeorm';
import { PlanFocusArea, PlanGoal, PlanGoalMeasure, PlanMeasure, PlanMeasureResponsible, PlanMilestone } from '../../entities/plans';

/**
 * The content of a plan version, described once. Copying a version (startPlanRevision) and
 * comparing two versions (compareVersions) are both built from this list and from the TypeORM
 * metadata of the entities, so a column added to an entity is copied and compared without
 * touching either: nothing can be lost silently on revision.
 */
export interface ContentRef {
  /** Column (property) pointing at another content row of the same version. */
  property: string;
  /** The row it points at; the copy re-points it to the new row with the same lineage key. */
  target: Function;
  /** Name used for this reference in a comparison's changed fields (e.g. "parent", "focusArea"). */
  as: string;
}

export interface ContentTable {
  entity: Function;
  refs: ContentRef[];
  /** Rows without a lineage key of their own, compared as an ordered list under this field of the row they point at. */
  listedAs?: string;
}

/** Parents before children (the copy resolves references by key in the new version). */
export const VERSION_CONTENT: ContentTable[] = [
  { entity: PlanGoal, refs: [{ property: 'parentGoalId', target: PlanGoal, as: 'parent' }] },
  { entity: PlanFocusArea, refs: [] },
  { entity: PlanMeasure, refs: [{ property: 'focusAreaId', target: PlanFocusArea, as: 'focusArea' }] },
  { entity: PlanMeasureResponsible, refs: [{ property: 'measureId', target: PlanMeasure, as: 'measure' }], listedAs: 'responsible' },
  { entity: PlanGoalMeasure, refs: [{ property: 'goalId', target: PlanGoal, as: 'goal' }, { property: 'measureId', target: PlanMeasure, as: 'measure' }] },
  { entity: PlanMilestone, refs: [] },
];

/** Columns that place a row (identity, tenant, version, lineage), not what it says. */
const PLACEMENT = new Set(['id', 'regionId', 'planId', 'versionId', 'key']);

/** The columns of a content table that a comparison looks at: everything but placement and references. */
export function contentFields(meta: EntityMetadata, table: ContentTable): string[] {
  const refs = new Set(table.refs.map((r) => r.property));
  return meta.columns.map((c) => c.propertyName).filter((p) => !PLACEMENT.has(p) && !refs.has(p));
}

/**
 * Deep copy of a version's content into another version of the same plan: one INSERT … SELECT per
 * table, whatever the size of the plan. A table that refers to itself (sub-goals under goals) is
 * copied level by level, parents first, because the new row's reference must exist (and CHECKs such
 * as "a sub-goal has a parent" hold) when it is inserted: depth + 1 statements, not one per row.
 */
export async function copyVersionContent(tx: EntityManager, from: string, to: string): Promise<void> {
  for (const table of VERSION_CONTENT) {
    const meta = tx.connection.getMetadata(table.entity);
    const joins: string[] = [];
    const pending: string[] = [];
    const columns = meta.columns.filter((c) => c.propertyName !== 'id');
    const values = columns.map((c) => {
      if (c.propertyName === 'versionId') return '$2';
      const ref = table.refs.find((r) => r.property === c.propertyName);
      if (!ref) return `s."${c.databaseName}"`;
      const target = tx.connection.getMetadata(ref.target);
      if (!target.findColumnWithPropertyName('key')) throw new Error(`${target.name} has no lineage key; ${meta.name}.${ref.property} cannot be re-pointed`);
      const [o, n] = [`o_${c.databaseName}`, `n_${c.databaseName}`];
      joins.push(`LEFT JOIN "${target.tableName}" ${o} ON ${o}.id = s."${c.databaseName}" LEFT JOIN "${target.tableName}" ${n} ON ${n}.version_id = $2 AND ${n}.key = ${o}.key`);
      // A row whose referenced row is not copied yet waits for the next level.
      if (ref.target === table.entity) pending.push(`(s."${c.databaseName}" IS NULL OR ${n}.id IS NOT NULL)`);
      return `${n}.id`;
    });
    const selfReferencing = pending.length > 0;
    const sql = `WITH copied AS (
        INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')})
        SELECT ${values.join(', ')} FROM "${meta.tableName}" s ${joins.join(' ')}
         WHERE s.version_id = $1 ${selfReferencing ? `AND ${pending.join(' AND ')} AND NOT EXISTS (SELECT 1 FROM "${meta.tableName}" x WHERE x.version_id = $2 AND x.key = s.key)` : ''}
        RETURNING 1)
      SELECT count(*)::int AS n FROM copied`;
    for (;;) {
      const [{ n }] = await tx.query(sql, [from, to]);
      if (!selfReferencing || n === 0) break;
    }
  }
}
