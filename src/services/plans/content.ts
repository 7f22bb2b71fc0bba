import { EntityManager, In, ObjectLiteral } from 'typeorm';
import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import {
  MeasureResponsibleKind,
  PlanFocusArea,
  PlanGoal,
  PlanGoalKind,
  PlanGoalMeasure,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanMilestone,
  PlanVersion,
} from '../../entities/plans';
import { idOfType } from '../../global-id';
import { isoDate } from '../dates';
import { NodeEntity } from '../lookup';
import { defineMutation, MutationScope } from '../mutation';
import { municipalitiesByNumber } from '../reference/kommunenummer';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import {
  ById,
  FocusAreaChanges,
  GoalChanges,
  GoalMeasureLink,
  MeasureChanges,
  MilestoneChanges,
  NewFocusArea,
  NewGoal,
  NewMeasure,
  NewMilestone,
  Responsible,
} from './args';
import { openDraft, openDraftRow, PLAN_EDITORS } from './guard';

const EDITING = { roles: PLAN_EDITORS, action: 'Editing a strategic plan' };

const textOrNull = (s: string | null | undefined) => (s == null ? null : s.trim() || null);

/** Fields that can never be cleared: a change either sets them (non-blank, checked by the schema) or leaves them. */
const REQUIRED = new Set(['title', 'position', 'status']);

/** Only the fields the input names: undefined = unchanged, null (or blank text) = cleared; required fields are never cleared. */
function changes<T extends object>(input: T, fields: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fields) {
    const raw = input[f];
    if (raw === undefined) continue;
    const value = typeof raw === 'string' ? raw.trim() || null : raw;
    if (value === null && REQUIRED.has(String(f))) continue;
    out[f] = value as T[keyof T];
  }
  return out;
}

async function nextPosition(tx: EntityManager, entity: new () => ObjectLiteral, versionId: string): Promise<number> {
  const [{ max }] = await tx.getRepository(entity).createQueryBuilder('x').select('max(x.position)', 'max').where('x.version_id = :versionId', { versionId }).getRawMany();
  return max === null || max === undefined ? 0 : Number(max) + 1;
}

/** The placement columns of a new content row of `version`. */
const placedIn = (version: PlanVersion) => ({ regionId: version.regionId, planId: version.planId, versionId: version.id });

function checkBudget(rules: RuleCheck, budgetOre: string | null | undefined) {
  if (budgetOre != null && BigInt(budgetOre) < 0n) rules.add(userError('budgetOre', 'A budget cannot be negative.'));
}

/**
 * One delete for every content row type (goal, focus area, measure, milestone); what hangs off it
 * goes by the foreign keys' ON DELETE rules (sub-goals, links and responsibles cascade; measures of
 * a deleted focus area stay, without one).
 */
function deleteDraftItem<T extends { id: string; versionId: string; nodeId: string }>(name: string, entity: NodeEntity<T>, what: string) {
  return defineMutation({
    name,
    ...EDITING,
    async run({ tx, ctx, audit }: MutationScope, input: ById) {
      const { row } = await openDraftRow(tx, ctx, entity, input.id, 'id', what);
      await tx.getRepository(entity).delete({ id: row.id } as never);
      await audit({ entity: entity.name, entityId: row.id, before: row });
      return { deletedId: row.nodeId };
    },
  });
}

// ---- goals ---------------------------------------------------------------------------------

export const addPlanGoal = defineMutation({
  name: 'addPlanGoal',
  ...EDITING,
  async run({ tx, ctx, audit }, input: NewGoal) {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const rules = new RuleCheck();
    let parentId: string | null = null;
    if (input.kind === PlanGoalKind.SUB_GOAL) {
      const pid = input.parentGoalId ? idOfType(input.parentGoalId, 'PlanGoal') : null;
      const parent = pid ? await tx.getRepository(PlanGoal).findOneBy({ id: pid, versionId: version.id }) : null;
      if (!input.parentGoalId) rules.add(userError('parentGoalId', 'A SUB_GOAL needs the GOAL it belongs to.'));
      else if (!parent) rules.add(userError('parentGoalId', 'No such goal in this version.', UserErrorCode.NOT_FOUND));
      else if (parent.kind !== PlanGoalKind.GOAL) rules.add(userError('parentGoalId', 'Sub-goals nest one level, under a GOAL (not under the main goal or another sub-goal).'));
      else parentId = parent.id;
    } else if (input.parentGoalId) {
      rules.add(userError('parentGoalId', 'Only a SUB_GOAL has a parent goal.'));
    }
    if (input.kind === PlanGoalKind.MAIN && (await tx.getRepository(PlanGoal).countBy({ versionId: version.id, kind: PlanGoalKind.MAIN }))) {
      rules.add(userError('kind', 'This version already has a main goal.', UserErrorCode.CONFLICT));
    }
    rules.throwIfAny();
    const goal = tx.getRepository(PlanGoal).create({
      ...placedIn(version),
      kind: input.kind,
      parentGoalId: parentId,
      code: textOrNull(input.code),
      title: input.title.trim(),
      description: textOrNull(input.description),
      position: input.position ?? (await nextPosition(tx, PlanGoal, version.id)),
    });
    await tx.getRepository(PlanGoal).save(goal);
    await audit({ entity: 'PlanGoal', entityId: goal.id, after: goal });
    return { goal };
  },
});

export const updatePlanGoal = defineMutation({
  name: 'updatePlanGoal',
  ...EDITING,
  async run({ tx, ctx, audit }, input: GoalChanges) {
    const { row: before } = await openDraftRow(tx, ctx, PlanGoal, input.id, 'id', 'goal');
    const goal = tx.getRepository(PlanGoal).create({ ...before, ...changes(input, ['code', 'title', 'description', 'position']) } as PlanGoal);
    await tx.getRepository(PlanGoal).save(goal);
    await audit({ entity: 'PlanGoal', entityId: goal.id, before, after: goal });
    return { goal };
  },
});

export const deletePlanGoal = deleteDraftItem('deletePlanGoal', PlanGoal, 'goal');

// ---- focus areas ---------------------------------------------------------------------------

export const addPlanFocusArea = defineMutation({
  name: 'addPlanFocusArea',
  ...EDITING,
  async run({ tx, ctx, audit }, input: NewFocusArea) {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const focusArea = tx.getRepository(PlanFocusArea).create({
      ...placedIn(version),
      title: input.title.trim(),
      whatWeAchieve: textOrNull(input.whatWeAchieve),
      howWeDoIt: textOrNull(input.howWeDoIt),
      rolesAndResponsibility: textOrNull(input.rolesAndResponsibility),
      position: input.position ?? (await nextPosition(tx, PlanFocusArea, version.id)),
    });
    await tx.getRepository(PlanFocusArea).save(focusArea);
    await audit({ entity: 'PlanFocusArea', entityId: focusArea.id, after: focusArea });
    return { focusArea };
  },
});

export const updatePlanFocusArea = defineMutation({
  name: 'updatePlanFocusArea',
  ...EDITING,
  async run({ tx, ctx, audit }, input: FocusAreaChanges) {
    const { row: before } = await openDraftRow(tx, ctx, PlanFocusArea, input.id, 'id', 'focus area');
    const focusArea = tx.getRepository(PlanFocusArea).create({
      ...before,
      ...changes(input, ['title', 'whatWeAchieve', 'howWeDoIt', 'rolesAndResponsibility', 'position']),
    } as PlanFocusArea);
    await tx.getRepository(PlanFocusArea).save(focusArea);
    await audit({ entity: 'PlanFocusArea', entityId: focusArea.id, before, after: focusArea });
    return { focusArea };
  },
});

export const deletePlanFocusArea = deleteDraftItem('deletePlanFocusArea', PlanFocusArea, 'focus area');

// ---- measures ------------------------------------------------------------------------------

interface ResolvedResponsible {
  kind: MeasureResponsibleKind;
  serviceId: string | null;
  municipalityId: string | null;
  roleName: string | null;
}

async function resolveResponsible(tx: EntityManager, rules: RuleCheck, list: Responsible[]): Promise<ResolvedResponsible[]> {
  const fieldOf = (i: number) => ['input', 'responsible', String(i)];
  const serviceIds = list.map((r) => (r.serviceId ? idOfType(r.serviceId, 'SharedService') : null));
  const services = await tx.getRepository(SharedService).findBy({ id: In(serviceIds.filter((x): x is string => !!x)) });
  const numbered = list.map((r, i) => ({ number: r.municipalityNumber, i })).filter((x): x is { number: string; i: number } => !!x.number);
  const municipalities: Municipality[] = await municipalitiesByNumber(tx, numbered.map((x) => x.number), rules, (j) => [...fieldOf(numbered[j].i), 'municipalityNumber']);
  const out: ResolvedResponsible[] = [];
  list.forEach((r, i) => {
    const given = [r.serviceId, r.municipalityNumber, r.role].filter((x) => x != null).length;
    if (given !== 1) return void rules.add(userError(fieldOf(i), 'Give exactly one of serviceId, municipalityNumber or role.'));
    if (r.serviceId) {
      const s = services.find((x) => x.id === serviceIds[i]);
      if (!s) return void rules.add(userError([...fieldOf(i), 'serviceId'], 'No such shared service in your region.', UserErrorCode.NOT_FOUND));
      out.push({ kind: MeasureResponsibleKind.SERVICE, serviceId: s.id, municipalityId: null, roleName: null });
    } else if (r.municipalityNumber) {
      const m = municipalities.find((x) => x.number === r.municipalityNumber);
      if (m) out.push({ kind: MeasureResponsibleKind.MUNICIPALITY, serviceId: null, municipalityId: m.id, roleName: null });
    } else {
      out.push({ kind: MeasureResponsibleKind.ROLE, serviceId: null, municipalityId: null, roleName: r.role!.trim() });
    }
  });
  return out;
}

async function writeResponsible(tx: EntityManager, measure: PlanMeasure, list: ResolvedResponsible[]): Promise<void> {
  await tx.getRepository(PlanMeasureResponsible).delete({ measureId: measure.id });
  if (!list.length) return;
  await tx.getRepository(PlanMeasureResponsible).insert(
    list.map((r, position) => ({ ...r, regionId: measure.regionId, planId: measure.planId, versionId: measure.versionId, measureId: measure.id, position })),
  );
}

async function focusAreaIn(tx: EntityManager, rules: RuleCheck, version: PlanVersion, globalId: string | null | undefined): Promise<string | null | undefined> {
  if (globalId === undefined) return undefined;
  if (globalId === null) return null;
  const id = idOfType(globalId, 'PlanFocusArea');
  const area = id ? await tx.getRepository(PlanFocusArea).findOneBy({ id, versionId: version.id }) : null;
  if (!area) rules.add(userError('focusAreaId', 'No such focus area in this version.', UserErrorCode.NOT_FOUND));
  return area?.id ?? null;
}

async function goalsIn(tx: EntityManager, rules: RuleCheck, version: PlanVersion, globalIds: string[], field: string): Promise<PlanGoal[]> {
  const ids = globalIds.map((g) => idOfType(g, 'PlanGoal'));
  const goals = await tx.getRepository(PlanGoal).findBy({ id: In(ids.filter((x): x is string => !!x)), versionId: version.id });
  ids.forEach((id, i) => {
    const goal = goals.find((g) => g.id === id);
    if (!goal) rules.add(userError(['input', field, String(i)], 'No such goal in this version.', UserErrorCode.NOT_FOUND));
    else if (goal.kind === PlanGoalKind.MAIN) rules.add(userError(['input', field, String(i)], 'Link measures to goals and sub-goals, not to the main goal.'));
  });
  return goals;
}

const MEASURE_FIELDS = ['code', 'title', 'description', 'organisation', 'timeFrame', 'budgetOre', 'budgetLine', 'preventionLevel', 'targetGroup', 'position'] as const;

export const addPlanMeasure = defineMutation({
  name: 'addPlanMeasure',
  ...EDITING,
  async run({ tx, ctx, audit }, input: NewMeasure) {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const rules = new RuleCheck();
    checkBudget(rules, input.budgetOre);
    const focusAreaId = await focusAreaIn(tx, rules, version, input.focusAreaId ?? undefined);
    const responsible = await resolveResponsible(tx, rules, input.responsible ?? []);
    const goals = await goalsIn(tx, rules, version, input.goalIds ?? [], 'goalIds');
    rules.throwIfAny();
    const given = changes(input, [...MEASURE_FIELDS]);
    const measure = tx.getRepository(PlanMeasure).create({
      ...placedIn(version),
      focusAreaId: focusAreaId ?? null,
      code: null, description: null, organisation: null, timeFrame: null, budgetOre: null, budgetLine: null, preventionLevel: null, targetGroup: null,
      ...given,
      title: input.title.trim(),
      position: input.position ?? (await nextPosition(tx, PlanMeasure, version.id)),
    } as PlanMeasure);
    await tx.getRepository(PlanMeasure).save(measure);
    await writeResponsible(tx, measure, responsible);
    if (goals.length) await tx.getRepository(PlanGoalMeasure).insert(goals.map((g) => ({ ...placedIn(version), goalId: g.id, measureId: measure.id })));
    await audit({ entity: 'PlanMeasure', entityId: measure.id, after: { ...measure, responsible, goals: goals.map((g) => g.key) } });
    return { measure };
  },
});

export const updatePlanMeasure = defineMutation({
  name: 'updatePlanMeasure',
  ...EDITING,
  async run({ tx, ctx, audit }, input: MeasureChanges) {
    const { row: before, version } = await openDraftRow(tx, ctx, PlanMeasure, input.id, 'id', 'measure');
    const rules = new RuleCheck();
    checkBudget(rules, input.budgetOre);
    const focusAreaId = await focusAreaIn(tx, rules, version, input.focusAreaId);
    const responsible = input.responsible ? await resolveResponsible(tx, rules, input.responsible) : undefined;
    rules.throwIfAny();
    const measure = tx.getRepository(PlanMeasure).create({
      ...before,
      ...changes(input, [...MEASURE_FIELDS]),
      ...(focusAreaId !== undefined ? { focusAreaId } : {}),
    } as PlanMeasure);
    await tx.getRepository(PlanMeasure).save(measure);
    if (responsible) await writeResponsible(tx, measure, responsible);
    await audit({ entity: 'PlanMeasure', entityId: measure.id, before, after: { ...measure, ...(responsible ? { responsible } : {}) } });
    return { measure };
  },
});

export const deletePlanMeasure = deleteDraftItem('deletePlanMeasure', PlanMeasure, 'measure');

// ---- goal ↔ measure links ------------------------------------------------------------------

async function linkParts(tx: EntityManager, ctx: Context, input: GoalMeasureLink) {
  const { row: goal, version } = await openDraftRow(tx, ctx, PlanGoal, input.goalId, 'goalId', 'goal');
  const mid = idOfType(input.measureId, 'PlanMeasure');
  const measure = mid ? await tx.getRepository(PlanMeasure).findOneBy({ id: mid }) : null;
  if (!measure) return reject('measureId', 'No such measure in your region.', UserErrorCode.NOT_FOUND);
  if (measure.versionId !== version.id) reject('measureId', 'The goal and the measure belong to different versions.');
  return { goal, measure, version };
}

export const linkGoalMeasure = defineMutation({
  name: 'linkGoalMeasure',
  ...EDITING,
  async run({ tx, ctx, audit }, input: GoalMeasureLink) {
    const { goal, measure, version } = await linkParts(tx, ctx, input);
    if (goal.kind === PlanGoalKind.MAIN) reject('goalId', 'Link measures to goals and sub-goals, not to the main goal.');
    if (await tx.getRepository(PlanGoalMeasure).countBy({ goalId: goal.id, measureId: measure.id })) reject('measureId', 'The measure already serves this goal.', UserErrorCode.CONFLICT);
    const link = tx.getRepository(PlanGoalMeasure).create({ ...placedIn(version), goalId: goal.id, measureId: measure.id });
    await tx.getRepository(PlanGoalMeasure).save(link);
    await audit({ entity: 'PlanGoalMeasure', entityId: link.id, after: link });
    return { goal, measure };
  },
});

export const unlinkGoalMeasure = defineMutation({
  name: 'unlinkGoalMeasure',
  ...EDITING,
  async run({ tx, ctx, audit }, input: GoalMeasureLink) {
    const { goal, measure } = await linkParts(tx, ctx, input);
    const link = await tx.getRepository(PlanGoalMeasure).findOneBy({ goalId: goal.id, measureId: measure.id });
    if (!link) return reject('measureId', 'The measure does not serve this goal.', UserErrorCode.NOT_FOUND);
    await tx.getRepository(PlanGoalMeasure).delete({ id: link.id });
    await audit({ entity: 'PlanGoalMeasure', entityId: link.id, before: link });
    return { goal, measure };
  },
});

// ---- milestones ----------------------------------------------------------------------------

function checkDue(rules: RuleCheck, m: { dueTerm: unknown; dueYear: unknown; dueDate: unknown }) {
  if ((m.dueTerm === null) !== (m.dueYear === null)) rules.add(userError('dueYear', 'A due term needs both dueTerm and dueYear.'));
  if (m.dueYear === null && m.dueDate === null) rules.add(userError('dueDate', 'A milestone is due in a term (dueTerm + dueYear) or on a date.'));
}

const dueDateOf = (input: { dueDate?: Date | null }) => (input.dueDate !== undefined ? { dueDate: input.dueDate ? isoDate(input.dueDate) : null } : {});

export const addPlanMilestone = defineMutation({
  name: 'addPlanMilestone',
  ...EDITING,
  async run({ tx, ctx, audit }, input: NewMilestone) {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const milestone = tx.getRepository(PlanMilestone).create({
      ...placedIn(version),
      description: null, dueTerm: null, dueYear: null, dueDate: null,
      ...changes(input, ['description', 'dueTerm', 'dueYear', 'status']),
      ...dueDateOf(input),
      title: input.title.trim(),
      position: input.position ?? (await nextPosition(tx, PlanMilestone, version.id)),
    } as PlanMilestone);
    const rules = new RuleCheck();
    checkDue(rules, milestone);
    rules.throwIfAny();
    await tx.getRepository(PlanMilestone).save(milestone);
    await audit({ entity: 'PlanMilestone', entityId: milestone.id, after: milestone });
    return { milestone };
  },
});

export const updatePlanMilestone = defineMutation({
  name: 'updatePlanMilestone',
  ...EDITING,
  async run({ tx, ctx, audit }, input: MilestoneChanges) {
    const { row: before } = await openDraftRow(tx, ctx, PlanMilestone, input.id, 'id', 'milestone');
    const milestone = tx.getRepository(PlanMilestone).create({
      ...before,
      ...changes(input, ['title', 'description', 'dueTerm', 'dueYear', 'status', 'position']),
      ...dueDateOf(input),
    } as PlanMilestone);
    const rules = new RuleCheck();
    checkDue(rules, milestone);
    rules.throwIfAny();
    await tx.getRepository(PlanMilestone).save(milestone);
    await audit({ entity: 'PlanMilestone', entityId: milestone.id, before, after: milestone });
    return { milestone };
  },
});

export const deletePlanMilestone = deleteDraftItem('deletePlanMilestone', PlanMilestone, 'milestone');
