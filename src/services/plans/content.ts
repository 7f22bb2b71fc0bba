import { EntityManager, In, ObjectLiteral } from 'typeorm';
import { Context } from '../../context';
import { isoDate } from '../dates';
import { Municipality } from '../../entities/reference/municipality';
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
import { SharedService } from '../../entities/reference/shared-service';
import { idOfType } from '../../schema/node';
import {
  AddPlanFocusAreaInput,
  AddPlanGoalInput,
  AddPlanMeasureInput,
  AddPlanMilestoneInput,
  GoalMeasureLinkInput,
  MeasureResponsibleInput,
  PlanItemIdInput,
  UpdatePlanFocusAreaInput,
  UpdatePlanGoalInput,
  UpdatePlanMeasureInput,
  UpdatePlanMilestoneInput,
} from '../../schema/plans/inputs';
import { userError, UserErrorCode, UserErrorsException } from '../../schema/user-error';
import { requireRole } from '../access';
import { recordAudit } from '../audit';
import { RuleCheck, runMutation } from '../mutation';
import { openDraft, openDraftRow, PLAN_EDITORS } from './guard';

const trimOrNull = (s: string | null | undefined) => (s === null || s === undefined ? null : s.trim() || null);

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

function assertNonNegative(rules: RuleCheck, budgetOre: string | null | undefined) {
  if (budgetOre !== undefined && budgetOre !== null && BigInt(budgetOre) < 0n) rules.add(userError('budgetOre', 'A budget cannot be negative.'));
}

/**
 * Deletes one content row of a draft version (goal, focus area, measure, milestone); what hangs
 * off it goes by the foreign keys' ON DELETE rules (sub-goals, links and responsibles cascade;
 * measures of a deleted focus area stay, without one).
 */
async function deleteDraftItem<T extends { id: string; versionId: string; nodeId: string }>(
  ctx: Context,
  input: PlanItemIdInput,
  entity: new () => T,
  typeName: string,
  what: string,
) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { row } = await openDraftRow(tx, ctx, entity, typeName, input.id, 'id', what);
    await tx.getRepository(entity).delete({ id: row.id } as never);
    await recordAudit(tx, ctx, { operation: `delete${typeName}`, entity: typeName, entityId: row.id, before: row });
    return { deletedId: row.nodeId };
  });
}

// ---- goals ---------------------------------------------------------------------------------

export async function addPlanGoal(ctx: Context, input: AddPlanGoalInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
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
      regionId: version.regionId,
      planId: version.planId,
      versionId: version.id,
      kind: input.kind,
      parentGoalId: parentId,
      code: trimOrNull(input.code),
      title: input.title.trim(),
      description: trimOrNull(input.description),
      position: input.position ?? (await nextPosition(tx, PlanGoal, version.id)),
    });
    await tx.getRepository(PlanGoal).save(goal);
    await recordAudit(tx, ctx, { operation: 'addPlanGoal', entity: 'PlanGoal', entityId: goal.id, after: goal });
    return { goal };
  });
}

export async function updatePlanGoal(ctx: Context, input: UpdatePlanGoalInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { row: before } = await openDraftRow(tx, ctx, PlanGoal, 'PlanGoal', input.id, 'id', 'goal');
    const goal = tx.getRepository(PlanGoal).create({ ...before, ...changes(input, ['code', 'title', 'description', 'position']) } as PlanGoal);
    await tx.getRepository(PlanGoal).save(goal);
    await recordAudit(tx, ctx, { operation: 'updatePlanGoal', entity: 'PlanGoal', entityId: goal.id, before, after: goal });
    return { goal };
  });
}

export const deletePlanGoal = (ctx: Context, input: PlanItemIdInput) => deleteDraftItem(ctx, input, PlanGoal, 'PlanGoal', 'goal');

// ---- focus areas ---------------------------------------------------------------------------

export async function addPlanFocusArea(ctx: Context, input: AddPlanFocusAreaInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const focusArea = tx.getRepository(PlanFocusArea).create({
      regionId: version.regionId,
      planId: version.planId,
      versionId: version.id,
      title: input.title.trim(),
      whatWeAchieve: trimOrNull(input.whatWeAchieve),
      howWeDoIt: trimOrNull(input.howWeDoIt),
      rolesAndResponsibility: trimOrNull(input.rolesAndResponsibility),
      position: input.position ?? (await nextPosition(tx, PlanFocusArea, version.id)),
    });
    await tx.getRepository(PlanFocusArea).save(focusArea);
    await recordAudit(tx, ctx, { operation: 'addPlanFocusArea', entity: 'PlanFocusArea', entityId: focusArea.id, after: focusArea });
    return { focusArea };
  });
}

export async function updatePlanFocusArea(ctx: Context, input: UpdatePlanFocusAreaInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { row: before } = await openDraftRow(tx, ctx, PlanFocusArea, 'PlanFocusArea', input.id, 'id', 'focus area');
    const focusArea = tx.getRepository(PlanFocusArea).create({
      ...before,
      ...changes(input, ['title', 'whatWeAchieve', 'howWeDoIt', 'rolesAndResponsibility', 'position']),
    } as PlanFocusArea);
    await tx.getRepository(PlanFocusArea).save(focusArea);
    await recordAudit(tx, ctx, { operation: 'updatePlanFocusArea', entity: 'PlanFocusArea', entityId: focusArea.id, before, after: focusArea });
    return { focusArea };
  });
}

export const deletePlanFocusArea = (ctx: Context, input: PlanItemIdInput) => deleteDraftItem(ctx, input, PlanFocusArea, 'PlanFocusArea', 'focus area');

// ---- measures ------------------------------------------------------------------------------

interface ResolvedResponsible {
  kind: MeasureResponsibleKind;
  serviceId: string | null;
  municipalityId: string | null;
  roleName: string | null;
}

async function resolveResponsible(tx: EntityManager, rules: RuleCheck, list: MeasureResponsibleInput[]): Promise<ResolvedResponsible[]> {
  const out: ResolvedResponsible[] = [];
  const serviceIds = list.map((r) => (r.serviceId ? idOfType(r.serviceId, 'SharedService') : null));
  const numbers = list.map((r) => r.municipalityNumber).filter((n): n is string => !!n);
  const services = await tx.getRepository(SharedService).findBy({ id: In(serviceIds.filter((x): x is string => !!x)) });
  const municipalities = numbers.length ? await tx.getRepository(Municipality).findBy({ number: In(numbers) }) : [];
  list.forEach((r, i) => {
    const field = ['input', 'responsible', String(i)];
    const given = [r.serviceId, r.municipalityNumber, r.role].filter((x) => x !== undefined && x !== null).length;
    if (given !== 1) return void rules.add(userError(field, 'Give exactly one of serviceId, municipalityNumber or role.'));
    if (r.serviceId) {
      const s = services.find((x) => x.id === serviceIds[i]);
      if (!s) return void rules.add(userError([...field, 'serviceId'], 'No such shared service in your region.', UserErrorCode.NOT_FOUND));
      out.push({ kind: MeasureResponsibleKind.SERVICE, serviceId: s.id, municipalityId: null, roleName: null });
    } else if (r.municipalityNumber) {
      const m = municipalities.find((x) => x.number === r.municipalityNumber);
      if (!m) return void rules.add(userError([...field, 'municipalityNumber'], `No municipality ${r.municipalityNumber} in your region.`, UserErrorCode.NOT_FOUND));
      out.push({ kind: MeasureResponsibleKind.MUNICIPALITY, serviceId: null, municipalityId: m.id, roleName: null });
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

export async function addPlanMeasure(ctx: Context, input: AddPlanMeasureInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const rules = new RuleCheck();
    assertNonNegative(rules, input.budgetOre);
    const focusAreaId = await focusAreaIn(tx, rules, version, input.focusAreaId);
    const responsible = await resolveResponsible(tx, rules, input.responsible ?? []);
    const goals = await goalsIn(tx, rules, version, input.goalIds ?? [], 'goalIds');
    rules.throwIfAny();
    const measure = tx.getRepository(PlanMeasure).create({
      regionId: version.regionId,
      planId: version.planId,
      versionId: version.id,
      focusAreaId: focusAreaId ?? null,
      code: trimOrNull(input.code),
      title: input.title.trim(),
      description: trimOrNull(input.description),
      organisation: trimOrNull(input.organisation),
      timeFrame: trimOrNull(input.timeFrame),
      budgetOre: input.budgetOre ?? null,
      budgetLine: trimOrNull(input.budgetLine),
      preventionLevel: input.preventionLevel ?? null,
      targetGroup: trimOrNull(input.targetGroup),
      position: input.position ?? (await nextPosition(tx, PlanMeasure, version.id)),
    });
    await tx.getRepository(PlanMeasure).save(measure);
    await writeResponsible(tx, measure, responsible);
    if (goals.length) {
      await tx.getRepository(PlanGoalMeasure).insert(goals.map((g) => ({ regionId: version.regionId, planId: version.planId, versionId: version.id, goalId: g.id, measureId: measure.id })));
    }
    await recordAudit(tx, ctx, {
      operation: 'addPlanMeasure',
      entity: 'PlanMeasure',
      entityId: measure.id,
      after: { ...measure, responsible, goals: goals.map((g) => g.key) },
    });
    return { measure };
  });
}

export async function updatePlanMeasure(ctx: Context, input: UpdatePlanMeasureInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { row: before, version } = await openDraftRow(tx, ctx, PlanMeasure, 'PlanMeasure', input.id, 'id', 'measure');
    const rules = new RuleCheck();
    assertNonNegative(rules, input.budgetOre);
    const focusAreaId = await focusAreaIn(tx, rules, version, input.focusAreaId);
    const responsible = input.responsible ? await resolveResponsible(tx, rules, input.responsible) : undefined;
    if (input.title === null) rules.add(userError('title', 'A measure needs a title.'));
    rules.throwIfAny();
    const measure = tx.getRepository(PlanMeasure).create({
      ...before,
      ...changes(input, ['code', 'title', 'description', 'organisation', 'timeFrame', 'budgetOre', 'budgetLine', 'preventionLevel', 'targetGroup', 'position']),
      ...(focusAreaId !== undefined ? { focusAreaId } : {}),
    } as PlanMeasure);
    await tx.getRepository(PlanMeasure).save(measure);
    if (responsible) await writeResponsible(tx, measure, responsible);
    await recordAudit(tx, ctx, { operation: 'updatePlanMeasure', entity: 'PlanMeasure', entityId: measure.id, before, after: { ...measure, ...(responsible ? { responsible } : {}) } });
    return { measure };
  });
}

export const deletePlanMeasure = (ctx: Context, input: PlanItemIdInput) => deleteDraftItem(ctx, input, PlanMeasure, 'PlanMeasure', 'measure');

// ---- goal ↔ measure links ------------------------------------------------------------------

async function linkParts(tx: EntityManager, ctx: Context, input: GoalMeasureLinkInput) {
  const { row: goal, version } = await openDraftRow(tx, ctx, PlanGoal, 'PlanGoal', input.goalId, 'goalId', 'goal');
  const mid = idOfType(input.measureId, 'PlanMeasure');
  const measure = mid ? await tx.getRepository(PlanMeasure).findOneBy({ id: mid }) : null;
  if (!measure) throw new UserErrorsException([userError('measureId', 'No such measure in your region.', UserErrorCode.NOT_FOUND)]);
  if (measure.versionId !== version.id) throw new UserErrorsException([userError('measureId', 'The goal and the measure belong to different versions.')]);
  return { goal, measure, version };
}

export async function linkGoalMeasure(ctx: Context, input: GoalMeasureLinkInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { goal, measure, version } = await linkParts(tx, ctx, input);
    if (goal.kind === PlanGoalKind.MAIN) throw new UserErrorsException([userError('goalId', 'Link measures to goals and sub-goals, not to the main goal.')]);
    if (await tx.getRepository(PlanGoalMeasure).countBy({ goalId: goal.id, measureId: measure.id })) {
      throw new UserErrorsException([userError('measureId', 'The measure already serves this goal.', UserErrorCode.CONFLICT)]);
    }
    const link = tx.getRepository(PlanGoalMeasure).create({ regionId: version.regionId, planId: version.planId, versionId: version.id, goalId: goal.id, measureId: measure.id });
    await tx.getRepository(PlanGoalMeasure).save(link);
    await recordAudit(tx, ctx, { operation: 'linkGoalMeasure', entity: 'PlanGoalMeasure', entityId: link.id, after: link });
    return { goal, measure };
  });
}

export async function unlinkGoalMeasure(ctx: Context, input: GoalMeasureLinkInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { goal, measure } = await linkParts(tx, ctx, input);
    const link = await tx.getRepository(PlanGoalMeasure).findOneBy({ goalId: goal.id, measureId: measure.id });
    if (!link) throw new UserErrorsException([userError('measureId', 'The measure does not serve this goal.', UserErrorCode.NOT_FOUND)]);
    await tx.getRepository(PlanGoalMeasure).delete({ id: link.id });
    await recordAudit(tx, ctx, { operation: 'unlinkGoalMeasure', entity: 'PlanGoalMeasure', entityId: link.id, before: link });
    return { goal, measure };
  });
}

// ---- milestones ----------------------------------------------------------------------------

function checkDue(rules: RuleCheck, m: { dueTerm: unknown; dueYear: unknown; dueDate: unknown }) {
  if ((m.dueTerm === null) !== (m.dueYear === null)) rules.add(userError('dueYear', 'A due term needs both dueTerm and dueYear.'));
  if (m.dueYear === null && m.dueDate === null) rules.add(userError('dueDate', 'A milestone is due in a term (dueTerm + dueYear) or on a date.'));
}

export async function addPlanMilestone(ctx: Context, input: AddPlanMilestoneInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const rules = new RuleCheck();
    const due = { dueTerm: input.dueTerm ?? null, dueYear: input.dueYear ?? null, dueDate: input.dueDate ? isoDate(input.dueDate) : null };
    checkDue(rules, due);
    rules.throwIfAny();
    const milestone = tx.getRepository(PlanMilestone).create({
      regionId: version.regionId,
      planId: version.planId,
      versionId: version.id,
      title: input.title.trim(),
      description: trimOrNull(input.description),
      ...due,
      ...(input.status ? { status: input.status } : {}),
      position: input.position ?? (await nextPosition(tx, PlanMilestone, version.id)),
    });
    await tx.getRepository(PlanMilestone).save(milestone);
    await recordAudit(tx, ctx, { operation: 'addPlanMilestone', entity: 'PlanMilestone', entityId: milestone.id, after: milestone });
    return { milestone };
  });
}

export async function updatePlanMilestone(ctx: Context, input: UpdatePlanMilestoneInput) {
  requireRole(ctx, PLAN_EDITORS, 'Editing a strategic plan');
  return runMutation(ctx, async (tx) => {
    const { row: before } = await openDraftRow(tx, ctx, PlanMilestone, 'PlanMilestone', input.id, 'id', 'milestone');
    const rules = new RuleCheck();
    const next = tx.getRepository(PlanMilestone).create({
      ...before,
      ...changes(input, ['title', 'description', 'dueTerm', 'dueYear', 'status', 'position']),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate ? isoDate(input.dueDate) : null } : {}),
    } as PlanMilestone);
    checkDue(rules, next);
    rules.throwIfAny();
    await tx.getRepository(PlanMilestone).save(next);
    await recordAudit(tx, ctx, { operation: 'updatePlanMilestone', entity: 'PlanMilestone', entityId: next.id, before, after: next });
    return { milestone: next };
  });
}

export const deletePlanMilestone = (ctx: Context, input: PlanItemIdInput) => deleteDraftItem(ctx, input, PlanMilestone, 'PlanMilestone', 'milestone');

