import { EntityManager } from 'typeorm';
import { Context } from '../../context';
import {
  MeasureResponsibility,
  MeasureResponsibleKind,
  PlanBody,
  PlanFactor,
  PlanFocusArea,
  PlanGoal,
  PlanGoalKind,
  PlanGoalMeasure,
  PlanMeasure,
  PlanMeasureDependency,
  PlanMeasureFactor,
  PlanMeasureResponsible,
  PlanMeasureTargetGroup,
  PlanMilestone,
  PlanTargetGroup,
  PlanVersion,
} from '../../entities/plans';
import { idOfType } from '../../global-id';
import { isoDate } from '../dates';
import { defineMutation } from '../mutation';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { FocusAreaChanges, GoalChanges, GoalMeasureLink, MeasureChanges, MilestoneChanges, NewFocusArea, NewGoal, NewMeasure, NewMilestone, Responsible } from './args';
import { changes, checkAges, defineDraftItem, deleteDraftItem, EDITING, nextPosition, placedIn, replaceLinks, resolveParties, rowIn, rowsIn } from './draft-items';
import { openDraft, openDraftRow } from './guard';

function checkBudget(rules: RuleCheck, budgetOre: string | null | undefined) {
  if (budgetOre != null && BigInt(budgetOre) < 0n) rules.add(userError('budgetOre', 'plans.budgetCannotNegative'));
}

// ---- goals ---------------------------------------------------------------------------------

/** The parent of a new SUB_GOAL: a GOAL of the same version (main goals and sub-goals have none). */
async function parentGoal(tx: EntityManager, rules: RuleCheck, version: PlanVersion, input: NewGoal): Promise<string | null> {
  if (input.kind !== PlanGoalKind.SUB_GOAL) {
    if (input.parentGoalId) rules.add(userError('parentGoalId', 'plans.subGoalParentGoal'));
    return null;
  }
  if (!input.parentGoalId) {
    rules.add(userError('parentGoalId', 'plans.subGoalNeedsGoal'));
    return null;
  }
  const parent = await rowIn(tx, rules, version, PlanGoal, input.parentGoalId, 'parentGoalId', 'goal');
  if (parent && parent.kind !== PlanGoalKind.GOAL) rules.add(userError('parentGoalId', 'plans.subGoalsNestLevel'));
  return parent?.id ?? null;
}

export const { add: addPlanGoal, update: updatePlanGoal } = defineDraftItem<PlanGoal, NewGoal, GoalChanges>({
  entity: PlanGoal,
  what: 'goal',
  payload: 'goal',
  fields: ['kind', 'code', 'title', 'description'],
  blank: { parentGoalId: null, focusAreaId: null, code: null, description: null },
  async resolve({ tx, rules, version }, input, before) {
    const parentGoalId = before ? before.parentGoalId : await parentGoal(tx, rules, version, input as NewGoal);
    const focusArea = await rowIn(tx, rules, version, PlanFocusArea, input.focusAreaId, 'focusAreaId', 'focus area');
    return { set: { parentGoalId, ...(focusArea !== undefined ? { focusAreaId: focusArea?.id ?? null } : {}) } };
  },
});

export const deletePlanGoal = deleteDraftItem('deletePlanGoal', PlanGoal, 'goal');

// ---- focus areas ---------------------------------------------------------------------------

export const { add: addPlanFocusArea, update: updatePlanFocusArea } = defineDraftItem<PlanFocusArea, NewFocusArea, FocusAreaChanges>({
  entity: PlanFocusArea,
  what: 'focus area',
  payload: 'focusArea',
  fields: ['title', 'whatWeAchieve', 'howWeDoIt', 'rolesAndResponsibility'],
  blank: { whatWeAchieve: null, howWeDoIt: null, rolesAndResponsibility: null },
});

export const deletePlanFocusArea = deleteDraftItem('deletePlanFocusArea', PlanFocusArea, 'focus area');

// ---- measures ------------------------------------------------------------------------------

interface ResolvedResponsible {
  kind: MeasureResponsibleKind;
  serviceId: string | null;
  municipalityId: string | null;
  roleName: string | null;
  responsibility: MeasureResponsibility;
}

async function resolveResponsible(tx: EntityManager, rules: RuleCheck, list: Responsible[]): Promise<ResolvedResponsible[]> {
  const fieldOf = (i: number) => ['input', 'responsible', String(i)];
  const parties = await resolveParties(tx, rules, list, fieldOf);
  const out: ResolvedResponsible[] = [];
  list.forEach((r, i) => {
    const given = [r.serviceId, r.municipalityNumber, r.role].filter((x) => x != null).length;
    if (given !== 1) return void rules.add(userError(fieldOf(i), 'plans.giveExactlyServiceidMunicipalitynumber'));
    const responsibility = r.responsibility ?? MeasureResponsibility.LEAD;
    const { serviceId, municipalityId } = parties[i];
    if (r.serviceId && serviceId) out.push({ kind: MeasureResponsibleKind.SERVICE, serviceId, municipalityId: null, roleName: null, responsibility });
    else if (r.municipalityNumber && municipalityId) out.push({ kind: MeasureResponsibleKind.MUNICIPALITY, serviceId: null, municipalityId, roleName: null, responsibility });
    else if (r.role) out.push({ kind: MeasureResponsibleKind.ROLE, serviceId: null, municipalityId: null, roleName: r.role.trim(), responsibility });
  });
  return out;
}

async function writeResponsible(tx: EntityManager, measure: PlanMeasure, list: ResolvedResponsible[]): Promise<void> {
  await tx.getRepository(PlanMeasureResponsible).delete({ measureId: measure.id });
  if (!list.length) return;
  await tx
    .getRepository(PlanMeasureResponsible)
    .insert(list.map((r, position) => ({ ...r, regionId: measure.regionId, planId: measure.planId, versionId: measure.versionId, measureId: measure.id, position })));
}

async function goalsIn(tx: EntityManager, rules: RuleCheck, version: PlanVersion, globalIds: string[], field: string): Promise<PlanGoal[]> {
  const goals = await rowsIn(tx, rules, version, PlanGoal, globalIds, field, 'goal');
  for (const goal of goals) {
    if (goal.kind === PlanGoalKind.MAIN) rules.add(userError(['input', field, String(globalIds.findIndex((g) => idOfType(g, 'PlanGoal') === goal.id))], 'plans.linkMeasuresGoalsSub'));
  }
  return goals;
}

const MEASURE_FIELDS = ['code', 'title', 'description', 'organisation', 'timeFrame', 'budgetOre', 'budgetLine', 'targetGroup', 'statusInPlan', 'ageFrom', 'ageTo', 'position'] as const;

/** The lists a measure input may replace: responsible parties, factors, target groups, dependencies. */
async function measureLists(tx: EntityManager, rules: RuleCheck, version: PlanVersion, input: NewMeasure | MeasureChanges, self: string | null) {
  const dependsOn = input.dependsOnMeasureIds ? await rowsIn(tx, rules, version, PlanMeasure, input.dependsOnMeasureIds, 'dependsOnMeasureIds', 'measure') : undefined;
  if (self && dependsOn?.some((m) => m.id === self)) rules.add(userError('dependsOnMeasureIds', 'plans.measureCannotDependItself'));
  return {
    responsible: input.responsible ? await resolveResponsible(tx, rules, input.responsible) : undefined,
    factors: input.factorIds ? await rowsIn(tx, rules, version, PlanFactor, input.factorIds, 'factorIds', 'factor') : undefined,
    targetGroups: input.targetGroupIds ? await rowsIn(tx, rules, version, PlanTargetGroup, input.targetGroupIds, 'targetGroupIds', 'target group') : undefined,
    dependsOn,
  };
}

type MeasureLists = Awaited<ReturnType<typeof measureLists>>;

async function writeMeasureLists(tx: EntityManager, version: PlanVersion, measure: PlanMeasure, lists: MeasureLists) {
  if (lists.responsible) await writeResponsible(tx, measure, lists.responsible);
  if (lists.factors)
    await replaceLinks(
      tx,
      PlanMeasureFactor,
      version,
      'measureId',
      measure.id,
      'factorId',
      lists.factors.map((f) => f.id),
    );
  if (lists.targetGroups)
    await replaceLinks(
      tx,
      PlanMeasureTargetGroup,
      version,
      'measureId',
      measure.id,
      'targetGroupId',
      lists.targetGroups.map((g) => g.id),
    );
  if (lists.dependsOn)
    await replaceLinks(
      tx,
      PlanMeasureDependency,
      version,
      'measureId',
      measure.id,
      'dependsOnMeasureId',
      lists.dependsOn.map((m) => m.id),
    );
  return {
    ...(lists.responsible ? { responsible: lists.responsible } : {}),
    ...(lists.factors ? { factors: lists.factors.map((f) => f.key) } : {}),
    ...(lists.targetGroups ? { targetGroups: lists.targetGroups.map((g) => g.key) } : {}),
    ...(lists.dependsOn ? { dependsOn: lists.dependsOn.map((m) => m.key) } : {}),
  };
}

/** Levels once each, in the order given; null clears. */
const levelsOf = (input: { preventionLevels?: PlanMeasure['preventionLevels'] | null }) =>
  input.preventionLevels === undefined ? {} : { preventionLevels: [...new Set(input.preventionLevels ?? [])] };

export const addPlanMeasure = defineMutation({
  name: 'addPlanMeasure',
  ...EDITING,
  async run({ tx, ctx, audit }, input: NewMeasure) {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const rules = new RuleCheck();
    checkBudget(rules, input.budgetOre);
    checkAges(rules, input);
    const focusArea = await rowIn(tx, rules, version, PlanFocusArea, input.focusAreaId, 'focusAreaId', 'focus area');
    const lists = await measureLists(tx, rules, version, input, null);
    const goals = await goalsIn(tx, rules, version, input.goalIds ?? [], 'goalIds');
    rules.throwIfAny();
    const measure = tx.getRepository(PlanMeasure).create({
      ...placedIn(version),
      focusAreaId: focusArea?.id ?? null,
      code: null,
      description: null,
      organisation: null,
      timeFrame: null,
      budgetOre: null,
      budgetLine: null,
      targetGroup: null,
      statusInPlan: null,
      ageFrom: null,
      ageTo: null,
      preventionLevels: [],
      ...changes(input, MEASURE_FIELDS),
      ...levelsOf(input),
      title: input.title.trim(),
      position: input.position ?? (await nextPosition(tx, PlanMeasure, version.id)),
    } as PlanMeasure);
    await tx.getRepository(PlanMeasure).save(measure);
    const written = await writeMeasureLists(tx, version, measure, lists);
    if (goals.length) await tx.getRepository(PlanGoalMeasure).insert(goals.map((g) => ({ ...placedIn(version), goalId: g.id, measureId: measure.id })));
    await audit({ entity: 'PlanMeasure', entityId: measure.id, after: { ...measure, ...written, goals: goals.map((g) => g.key) } });
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
    const focusArea = await rowIn(tx, rules, version, PlanFocusArea, input.focusAreaId, 'focusAreaId', 'focus area');
    const lists = await measureLists(tx, rules, version, input, before.id);
    const measure = tx.getRepository(PlanMeasure).create({
      ...before,
      ...changes(input, MEASURE_FIELDS),
      ...levelsOf(input),
      ...(focusArea !== undefined ? { focusAreaId: focusArea?.id ?? null } : {}),
    } as PlanMeasure);
    checkAges(rules, measure);
    rules.throwIfAny();
    await tx.getRepository(PlanMeasure).save(measure);
    const written = await writeMeasureLists(tx, version, measure, lists);
    await audit({ entity: 'PlanMeasure', entityId: measure.id, before, after: { ...measure, ...written } });
    return { measure };
  },
});

export const deletePlanMeasure = deleteDraftItem('deletePlanMeasure', PlanMeasure, 'measure');

// ---- goal ↔ measure links ------------------------------------------------------------------

async function linkParts(tx: EntityManager, ctx: Context, input: GoalMeasureLink) {
  const { row: goal, version } = await openDraftRow(tx, ctx, PlanGoal, input.goalId, 'goalId', 'goal');
  const mid = idOfType(input.measureId, 'PlanMeasure');
  const measure = mid ? await tx.getRepository(PlanMeasure).findOneBy({ id: mid }) : null;
  if (!measure) return reject('measureId', 'plans.suchMeasureRegion', {}, UserErrorCode.NOT_FOUND);
  if (measure.versionId !== version.id) reject('measureId', 'plans.goalMeasureBelongDifferent');
  return { goal, measure, version };
}

export const linkGoalMeasure = defineMutation({
  name: 'linkGoalMeasure',
  ...EDITING,
  async run({ tx, ctx, audit }, input: GoalMeasureLink) {
    const { goal, measure, version } = await linkParts(tx, ctx, input);
    if (goal.kind === PlanGoalKind.MAIN) reject('goalId', 'plans.linkMeasuresGoalsSub');
    if (await tx.getRepository(PlanGoalMeasure).countBy({ goalId: goal.id, measureId: measure.id })) reject('measureId', 'plans.measureAlreadyServesGoal', {}, UserErrorCode.CONFLICT);
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
    if (!link) return reject('measureId', 'plans.measureDoesServeGoal', {}, UserErrorCode.NOT_FOUND);
    await tx.getRepository(PlanGoalMeasure).delete({ id: link.id });
    await audit({ entity: 'PlanGoalMeasure', entityId: link.id, before: link });
    return { goal, measure };
  },
});

// ---- milestones ----------------------------------------------------------------------------

function checkDue(rules: RuleCheck, m: PlanMilestone) {
  if ((m.dueTerm !== null || m.dueMonth !== null) && m.dueYear === null) rules.add(userError('dueYear', 'plans.dueTermMonthNeeds'));
  if (m.dueTerm !== null && m.dueMonth !== null) rules.add(userError('dueMonth', 'plans.milestoneDueTermMonth'));
  if (m.responsible !== null && m.responsibleBodyId !== null) rules.add(userError('responsibleBodyId', 'plans.nameResponsiblePartyRole'));
  if (m.measureId !== null && m.focusAreaId !== null) rules.add(userError('focusAreaId', 'plans.milestoneAdvancesMeasureFocus'));
  if (m.perMunicipality && m.doneOnAdoption) {
    rules.add(userError('perMunicipality', 'plans.perMunicipalityNotAdoption'));
  }
}

const dueDateOf = (input: { dueDate?: Date | null }) => (input.dueDate !== undefined ? { dueDate: input.dueDate ? isoDate(input.dueDate) : null } : {});
const MILESTONE_FIELDS = ['title', 'description', 'dueTerm', 'dueMonth', 'dueYear', 'responsible', 'position'];

/** The body, measure and focus area a milestone input names (undefined = unchanged, null = cleared). */
async function milestoneRefs(tx: EntityManager, rules: RuleCheck, version: PlanVersion, input: NewMilestone | MilestoneChanges) {
  const body = await rowIn(tx, rules, version, PlanBody, input.responsibleBodyId, 'responsibleBodyId', 'body');
  const measure = await rowIn(tx, rules, version, PlanMeasure, input.measureId, 'measureId', 'measure');
  const focusArea = await rowIn(tx, rules, version, PlanFocusArea, input.focusAreaId, 'focusAreaId', 'focus area');
  return {
    ...(body !== undefined ? { responsibleBodyId: body?.id ?? null } : {}),
    ...(measure !== undefined ? { measureId: measure?.id ?? null } : {}),
    ...(focusArea !== undefined ? { focusAreaId: focusArea?.id ?? null } : {}),
  };
}

async function saveMilestone(tx: EntityManager, rules: RuleCheck, milestone: PlanMilestone): Promise<void> {
  checkDue(rules, milestone);
  rules.throwIfAny();
  await tx.getRepository(PlanMilestone).save(milestone);
}

export const addPlanMilestone = defineMutation({
  name: 'addPlanMilestone',
  ...EDITING,
  async run({ tx, ctx, audit }, input: NewMilestone) {
    const { version } = await openDraft(tx, ctx, input.versionId, 'versionId');
    const rules = new RuleCheck();
    const milestone = tx.getRepository(PlanMilestone).create({
      ...placedIn(version),
      description: null,
      dueTerm: null,
      dueMonth: null,
      dueYear: null,
      dueDate: null,
      responsible: null,
      responsibleBodyId: null,
      measureId: null,
      focusAreaId: null,
      doneOnAdoption: input.doneOnAdoption ?? false,
      perMunicipality: input.perMunicipality ?? false,
      ...changes(input, MILESTONE_FIELDS),
      ...dueDateOf(input),
      ...(await milestoneRefs(tx, rules, version, input)),
      position: input.position ?? (await nextPosition(tx, PlanMilestone, version.id)),
    } as PlanMilestone);
    await saveMilestone(tx, rules, milestone);
    await audit({ entity: 'PlanMilestone', entityId: milestone.id, after: milestone });
    return { milestone };
  },
});

export const updatePlanMilestone = defineMutation({
  name: 'updatePlanMilestone',
  ...EDITING,
  async run({ tx, ctx, audit }, input: MilestoneChanges) {
    const { row: before, version } = await openDraftRow(tx, ctx, PlanMilestone, input.id, 'id', 'milestone');
    const rules = new RuleCheck();
    const milestone = tx.getRepository(PlanMilestone).create({
      ...before,
      ...changes(input, MILESTONE_FIELDS),
      ...(input.doneOnAdoption != null ? { doneOnAdoption: input.doneOnAdoption } : {}),
      ...(input.perMunicipality != null ? { perMunicipality: input.perMunicipality } : {}),
      ...dueDateOf(input),
      ...(await milestoneRefs(tx, rules, version, input)),
    } as PlanMilestone);
    await saveMilestone(tx, rules, milestone);
    await audit({ entity: 'PlanMilestone', entityId: milestone.id, before, after: milestone });
    return { milestone };
  },
});

export const deletePlanMilestone = deleteDraftItem('deletePlanMilestone', PlanMilestone, 'milestone');
