import { EntityManager, EntityMetadata } from 'typeorm';
import {
  PlanBody,
  PlanBodyMember,
  PlanCollaborationModel,
  PlanCollaborationStep,
  PlanFactor,
  PlanFocusArea,
  PlanGoal,
  PlanGoalMeasure,
  PlanMeasure,
  PlanMeasureDependency,
  PlanMeasureFactor,
  PlanMeasureResponsible,
  PlanMeasureTargetGroup,
  PlanMilestone,
  PlanReferralRoute,
  PlanStatement,
  PlanTargetGroup,
  PlanTargetGroupFactor,
} from '../../entities/plans';

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

/**
 * Three shapes: keyed rows (a lineage `key`, compared one by one under `as`), listed rows (no key,
 * compared as an ordered list under the field `listedAs` of the row they point at) and links (no
 * key, two references; compared as pairs added or removed, reported as the relation `as`).
 */
export interface ContentTable {
  entity: Function;
  refs: ContentRef[];
  /** Keyed rows: the comparison's list ("goals"); links: the relation's name ("measureFactor"). */
  as?: string;
  /** Rows without a lineage key of their own, compared as an ordered list under this field of the row they point at. */
  listedAs?: string;
  /** What names a row in a comparison (default: its title). */
  label?: (row: Record<string, unknown>) => string;
}

const measure = { property: 'measureId', target: PlanMeasure, as: 'measure' };
const focusArea = (property = 'focusAreaId') => ({ property, target: PlanFocusArea, as: 'focusArea' });
const consentRule = { property: 'consentRuleId', target: PlanStatement, as: 'consentRule' };
const factor = { property: 'factorId', target: PlanFactor, as: 'factor' };
const targetGroup = { property: 'targetGroupId', target: PlanTargetGroup, as: 'targetGroup' };

/** Parents before children (the copy resolves references by key in the new version). */
export const VERSION_CONTENT: ContentTable[] = [
  { entity: PlanStatement, refs: [], as: 'statements', label: (r) => String(r.title ?? r.text) },
  { entity: PlanFactor, refs: [], as: 'factors' },
  { entity: PlanTargetGroup, refs: [], as: 'targetGroups', label: (r) => String(r.name) },
  { entity: PlanFocusArea, refs: [], as: 'focusAreas' },
  { entity: PlanGoal, refs: [{ property: 'parentGoalId', target: PlanGoal, as: 'parent' }, focusArea()], as: 'goals' },
  { entity: PlanMeasure, refs: [focusArea()], as: 'measures' },
  { entity: PlanMeasureResponsible, refs: [measure], listedAs: 'responsible' },
  { entity: PlanGoalMeasure, refs: [{ property: 'goalId', target: PlanGoal, as: 'goal' }, measure], as: 'goalMeasure' },
  { entity: PlanMeasureFactor, refs: [measure, factor], as: 'measureFactor' },
  { entity: PlanTargetGroupFactor, refs: [targetGroup, factor], as: 'targetGroupFactor' },
  { entity: PlanMeasureTargetGroup, refs: [measure, targetGroup], as: 'measureTargetGroup' },
  { entity: PlanMeasureDependency, refs: [measure, { property: 'dependsOnMeasureId', target: PlanMeasure, as: 'dependsOn' }], as: 'measureDependency' },
  { entity: PlanBody, refs: [], as: 'bodies', label: (r) => String(r.name) },
  { entity: PlanBodyMember, refs: [{ property: 'bodyId', target: PlanBody, as: 'body' }], listedAs: 'members' },
  {
    entity: PlanMilestone,
    refs: [{ property: 'responsibleBodyId', target: PlanBody, as: 'responsibleBody' }, measure, focusArea()],
    as: 'milestones',
  },
  { entity: PlanCollaborationModel, refs: [consentRule], as: 'collaborationModels', label: (r) => String(r.name) },
  { entity: PlanCollaborationStep, refs: [{ property: 'modelId', target: PlanCollaborationModel, as: 'model' }, consentRule], as: 'collaborationSteps' },
  { entity: PlanReferralRoute, refs: [{ property: 'stepId', target: PlanCollaborationStep, as: 'step' }, consentRule], as: 'referralRoutes', label: (r) => String(r.recipient) },
];

/** The name a comparison gives a row of `table`. */
export const labelOf = (table: ContentTable, row: Record<string, unknown>): string => (table.label ? table.label(row) : String(row.title));

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
