import { EntityManager } from 'typeorm';
import { Context } from '../../context';
import { isoDate, today } from '../dates';
import {
  MeasureImplementation,
  PlanAdoption,
  PlanAdoptionStatus,
  PlanMeasure,
  PlanReview,
  PlanVersion,
  PlanVersionStatus,
  StrategicPlan,
  StrategicPlanStatus,
} from '../../entities/plans';
import {
  PlanVersionIdInput,
  RecordPlanAdoptionInput,
  RecordPlanReviewInput,
  SetMeasureImplementationInput,
  StartPlanRevisionInput,
} from '../../schema/plans/inputs';
import { userError, UserErrorCode, UserErrorsException } from '../../schema/user-error';
import { requireRole } from '../access';
import { recordAudit } from '../audit';
import { RuleCheck, runMutation } from '../mutation';
import { assertMayEdit, coveredMunicipalityIds, loadByGlobalId, MUNICIPAL_RECORDERS, PLAN_EDITORS, targetMunicipality } from './guard';
import { latestVersion } from './plans';

const fail = (field: string, message: string, code: UserErrorCode = UserErrorCode.INVALID): never => {
  throw new UserErrorsException([userError(field, message, code)]);
};

/** DRAFT → CONSULTATION: content freezes and the councils can decide. Needs a goal and a measure. */
export async function submitPlanForConsultation(ctx: Context, input: PlanVersionIdInput) {
  requireRole(ctx, PLAN_EDITORS, 'Submitting a plan for consultation');
  return runMutation(ctx, async (tx) => {
    const before = await loadByGlobalId(tx, PlanVersion, 'PlanVersion', input.versionId, 'versionId', 'plan version');
    const planBefore = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: before.planId });
    await assertMayEdit(tx, ctx, planBefore, 'versionId');
    if (before.status !== PlanVersionStatus.DRAFT) fail('versionId', `Version ${before.number} is ${before.status}; only a DRAFT can be submitted.`, UserErrorCode.CONFLICT);
    const [{ goals, measures, municipalities }] = await tx.query(
      `SELECT (SELECT count(*) FROM plan_goal WHERE version_id = $1)::int AS goals,
              (SELECT count(*) FROM plan_measure WHERE version_id = $1)::int AS measures,
              (SELECT count(*) FROM plan_coverage_municipality WHERE plan_id = $2)::int AS municipalities`,
      [before.id, before.planId],
    );
    const rules = new RuleCheck();
    if (!goals) rules.add(userError('versionId', 'The plan states no goals yet (barnevernsloven § 15-1 requires them).'));
    if (!measures) rules.add(userError('versionId', 'The plan has no measures yet.'));
    if (!municipalities) rules.add(userError('versionId', 'The plan covers no municipality.'));
    rules.throwIfAny();
    const version = tx.getRepository(PlanVersion).create({ ...before, status: PlanVersionStatus.CONSULTATION, submittedAt: new Date() });
    await tx.getRepository(PlanVersion).save(version);
    let plan = planBefore;
    if (!planBefore.adoptedVersionId && planBefore.status === StrategicPlanStatus.DRAFT) {
      plan = tx.getRepository(StrategicPlan).create({ ...planBefore, status: StrategicPlanStatus.CONSULTATION });
      await tx.getRepository(StrategicPlan).save(plan);
    }
    await recordAudit(tx, ctx, { operation: 'submitPlanForConsultation', entity: 'PlanVersion', entityId: version.id, before, after: version });
    return { strategicPlan: plan, version };
  });
}

/**
 * Records one municipality's council decision on a version on consultation. When every covered
 * municipality has ADOPTED that version, it becomes the adopted version (the previous one is
 * SUPERSEDED) and the plan is ADOPTED.
 */
export async function recordPlanAdoption(ctx: Context, input: RecordPlanAdoptionInput) {
  requireRole(ctx, MUNICIPAL_RECORDERS, 'Recording a council decision on a plan');
  return runMutation(ctx, async (tx) => {
    const before = await loadByGlobalId(tx, PlanVersion, 'PlanVersion', input.versionId, 'versionId', 'plan version');
    const municipality = await targetMunicipality(tx, ctx, input.municipalityNumber);
    const covered = await coveredMunicipalityIds(tx, before.planId);
    const rules = new RuleCheck();
    if (!covered.includes(municipality.id)) rules.add(userError('municipalityNumber', `${municipality.name} (${municipality.number}) is not covered by this plan.`, UserErrorCode.INVALID));
    if (before.status === PlanVersionStatus.DRAFT) rules.add(userError('versionId', `Version ${before.number} is still a DRAFT; submit it for consultation before councils decide on it.`, UserErrorCode.CONFLICT));
    else if (before.status !== PlanVersionStatus.CONSULTATION) rules.add(userError('versionId', `Version ${before.number} is ${before.status}; decisions can only be recorded while it is on consultation.`, UserErrorCode.IMMUTABLE));
    const decidedOn = input.decidedOn ? isoDate(input.decidedOn) : null;
    if (input.status !== PlanAdoptionStatus.PENDING && !decidedOn) rules.add(userError('decidedOn', 'A decision needs its date.'));
    if (decidedOn && decidedOn > today()) rules.add(userError('decidedOn', 'A decision date cannot be in the future.'));
    rules.throwIfAny();

    const repo = tx.getRepository(PlanAdoption);
    const previous = await repo.findOneBy({ versionId: before.id, municipalityId: municipality.id });
    const adoption = repo.create({
      ...(previous ?? {}),
      regionId: before.regionId,
      planId: before.planId,
      versionId: before.id,
      municipalityId: municipality.id,
      status: input.status,
      decisionBody: input.status === PlanAdoptionStatus.PENDING ? null : input.decisionBody.trim(),
      decidedOn: input.status === PlanAdoptionStatus.PENDING ? null : decidedOn,
      caseNumber: input.caseNumber?.trim() || null,
      recordedBy: ctx.principal.subject,
      recordedAt: new Date(),
    });
    await repo.save(adoption);
    await recordAudit(tx, ctx, { operation: 'recordPlanAdoption', entity: 'PlanAdoption', entityId: adoption.id, municipalityId: municipality.id, before: previous, after: adoption });

    const { plan, version } = await adoptIfComplete(tx, ctx, before, covered);
    return { adoption, version, strategicPlan: plan };
  });
}

async function adoptIfComplete(tx: EntityManager, ctx: Context, version: PlanVersion, covered: string[]): Promise<{ plan: StrategicPlan; version: PlanVersion }> {
  const plan = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: version.planId });
  const adoptions = await tx.getRepository(PlanAdoption).findBy({ versionId: version.id, status: PlanAdoptionStatus.ADOPTED });
  const adoptedBy = new Set(adoptions.map((a) => a.municipalityId));
  if (!covered.length || !covered.every((m) => adoptedBy.has(m))) return { plan, version };

  const previous = plan.adoptedVersionId ? await tx.getRepository(PlanVersion).findOneBy({ id: plan.adoptedVersionId }) : null;
  if (previous) {
    await tx.getRepository(PlanVersion).save(tx.getRepository(PlanVersion).create({ ...previous, status: PlanVersionStatus.SUPERSEDED }));
  }
  const adoptedOn = adoptions.map((a) => a.decidedOn!).sort().pop()!;
  const adopted = tx.getRepository(PlanVersion).create({ ...version, status: PlanVersionStatus.ADOPTED, adoptedOn });
  await tx.getRepository(PlanVersion).save(adopted);
  const after = tx.getRepository(StrategicPlan).create({ ...plan, status: StrategicPlanStatus.ADOPTED, adoptedVersionId: adopted.id });
  await tx.getRepository(StrategicPlan).save(after);
  await recordAudit(tx, ctx, {
    operation: 'recordPlanAdoption',
    entity: 'StrategicPlan',
    entityId: plan.id,
    before: plan,
    after: { ...after, adoptedVersion: adopted.number, supersededVersion: previous?.number ?? null },
  });
  return { plan: after, version: adopted };
}

/**
 * Sets how far one municipality has come with a measure of the adopted version. Stored by the
 * measure's lineage key, so the status carries over to later versions of the same measure.
 */
export async function setMeasureImplementationStatus(ctx: Context, input: SetMeasureImplementationInput) {
  requireRole(ctx, MUNICIPAL_RECORDERS, 'Setting implementation status');
  return runMutation(ctx, async (tx) => {
    const measure = await loadByGlobalId(tx, PlanMeasure, 'PlanMeasure', input.measureId, 'measureId', 'measure');
    const municipality = await targetMunicipality(tx, ctx, input.municipalityNumber);
    const plan = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: measure.planId });
    const rules = new RuleCheck();
    const inForce = plan.adoptedVersionId ? await tx.getRepository(PlanMeasure).findOneBy({ versionId: plan.adoptedVersionId, key: measure.key }) : null;
    if (!inForce) rules.add(userError('measureId', 'Implementation is tracked for measures of the adopted version only; this measure is not in force.', UserErrorCode.CONFLICT));
    if (plan.status === StrategicPlanStatus.ARCHIVED) rules.add(userError('measureId', 'The plan is archived.', UserErrorCode.IMMUTABLE));
    const covered = await coveredMunicipalityIds(tx, plan.id);
    if (!covered.includes(municipality.id)) rules.add(userError('municipalityNumber', `${municipality.name} (${municipality.number}) is not covered by this plan.`));
    rules.throwIfAny();
    const repo = tx.getRepository(MeasureImplementation);
    const previous = await repo.findOneBy({ measureKey: measure.key, municipalityId: municipality.id });
    const implementation = repo.create({
      ...(previous ?? {}),
      regionId: plan.regionId,
      planId: plan.id,
      measureKey: measure.key,
      municipalityId: municipality.id,
      status: input.status,
      note: input.note?.trim() || null,
      updatedBy: ctx.principal.subject,
      updatedAt: new Date(),
    });
    await repo.save(implementation);
    await recordAudit(tx, ctx, {
      operation: 'setMeasureImplementationStatus',
      entity: 'MeasureImplementation',
      entityId: implementation.id,
      municipalityId: municipality.id,
      before: previous,
      after: implementation,
    });
    return { implementation, measure: inForce };
  });
}

/**
 * Starts a new DRAFT version as a deep copy of the newest version (adopted, or on consultation —
 * which is then WITHDRAWN). Every copied row keeps its lineage key.
 */
export async function startPlanRevision(ctx: Context, input: StartPlanRevisionInput) {
  requireRole(ctx, PLAN_EDITORS, 'Revising a strategic plan');
  return runMutation(ctx, async (tx) => {
    const planBefore = await loadByGlobalId(tx, StrategicPlan, 'StrategicPlan', input.planId, 'planId', 'strategic plan');
    await assertMayEdit(tx, ctx, planBefore, 'planId');
    if (planBefore.status === StrategicPlanStatus.ARCHIVED) fail('planId', 'The plan is archived.', UserErrorCode.IMMUTABLE);
    const base = await latestVersion(tx, planBefore.id);
    if (base.status === PlanVersionStatus.DRAFT) fail('planId', `Version ${base.number} is already a draft; edit it instead.`, UserErrorCode.CONFLICT);
    if (base.status === PlanVersionStatus.CONSULTATION) {
      await tx.getRepository(PlanVersion).save(tx.getRepository(PlanVersion).create({ ...base, status: PlanVersionStatus.WITHDRAWN }));
    }
    const version = tx.getRepository(PlanVersion).create({
      regionId: planBefore.regionId,
      planId: planBefore.id,
      number: base.number + 1,
      status: PlanVersionStatus.DRAFT,
      basedOnVersionId: base.id,
      changeNote: input.changeNote?.trim() || null,
      createdBy: ctx.principal.subject,
    });
    await tx.getRepository(PlanVersion).save(version);
    await copyContent(tx, base.id, version.id);
    let plan = planBefore;
    if (!planBefore.adoptedVersionId && planBefore.status !== StrategicPlanStatus.DRAFT) {
      plan = tx.getRepository(StrategicPlan).create({ ...planBefore, status: StrategicPlanStatus.DRAFT });
      await tx.getRepository(StrategicPlan).save(plan);
    }
    await recordAudit(tx, ctx, { operation: 'startPlanRevision', entity: 'PlanVersion', entityId: version.id, after: { ...version, basedOn: base.number } });
    return { strategicPlan: plan, version };
  });
}

/** Deep copy of a version's content, a fixed number of statements whatever its size. */
async function copyContent(tx: EntityManager, from: string, to: string): Promise<void> {
  const p = [from, to];
  await tx.query(
    `INSERT INTO plan_goal (region_id, plan_id, version_id, key, position, kind, parent_goal_id, code, title, description)
     SELECT region_id, plan_id, $2, key, position, kind, NULL, code, title, description FROM plan_goal WHERE version_id = $1 AND parent_goal_id IS NULL`,
    p,
  );
  await tx.query(
    `INSERT INTO plan_goal (region_id, plan_id, version_id, key, position, kind, parent_goal_id, code, title, description)
     SELECT g.region_id, g.plan_id, $2, g.key, g.position, g.kind, np.id, g.code, g.title, g.description
       FROM plan_goal g JOIN plan_goal op ON op.id = g.parent_goal_id JOIN plan_goal np ON np.version_id = $2 AND np.key = op.key
      WHERE g.version_id = $1`,
    p,
  );
  await tx.query(
    `INSERT INTO plan_focus_area (region_id, plan_id, version_id, key, position, title, what_we_achieve, how_we_do_it, roles_and_responsibility)
     SELECT region_id, plan_id, $2, key, position, title, what_we_achieve, how_we_do_it, roles_and_responsibility FROM plan_focus_area WHERE version_id = $1`,
    p,
  );
  await tx.query(
    `INSERT INTO plan_measure (region_id, plan_id, version_id, key, position, focus_area_id, code, title, description, organisation, time_frame,
                               budget_ore, budget_line, prevention_level, target_group)
     SELECT m.region_id, m.plan_id, $2, m.key, m.position, nf.id, m.code, m.title, m.description, m.organisation, m.time_frame,
            m.budget_ore, m.budget_line, m.prevention_level, m.target_group
       FROM plan_measure m
       LEFT JOIN plan_focus_area f ON f.id = m.focus_area_id
       LEFT JOIN plan_focus_area nf ON nf.version_id = $2 AND nf.key = f.key
      WHERE m.version_id = $1`,
    p,
  );
  await tx.query(
    `INSERT INTO plan_measure_responsible (region_id, plan_id, version_id, measure_id, position, kind, service_id, municipality_id, role_name)
     SELECT r.region_id, r.plan_id, $2, nm.id, r.position, r.kind, r.service_id, r.municipality_id, r.role_name
       FROM plan_measure_responsible r JOIN plan_measure m ON m.id = r.measure_id JOIN plan_measure nm ON nm.version_id = $2 AND nm.key = m.key
      WHERE r.version_id = $1`,
    p,
  );
  await tx.query(
    `INSERT INTO plan_goal_measure (region_id, plan_id, version_id, goal_id, measure_id)
     SELECT l.region_id, l.plan_id, $2, ng.id, nm.id
       FROM plan_goal_measure l
       JOIN plan_goal g ON g.id = l.goal_id JOIN plan_goal ng ON ng.version_id = $2 AND ng.key = g.key
       JOIN plan_measure m ON m.id = l.measure_id JOIN plan_measure nm ON nm.version_id = $2 AND nm.key = m.key
      WHERE l.version_id = $1`,
    p,
  );
  await tx.query(
    `INSERT INTO plan_milestone (region_id, plan_id, version_id, key, position, title, description, due_term, due_year, due_date, status)
     SELECT region_id, plan_id, $2, key, position, title, description, due_term, due_year, due_date, status FROM plan_milestone WHERE version_id = $1`,
    p,
  );
}

/** A yearly review of the version in force (or, before adoption, of the newest version). */
export async function recordPlanReview(ctx: Context, input: RecordPlanReviewInput) {
  requireRole(ctx, PLAN_EDITORS, 'Recording a plan review');
  return runMutation(ctx, async (tx) => {
    const plan = await loadByGlobalId(tx, StrategicPlan, 'StrategicPlan', input.planId, 'planId', 'strategic plan');
    await assertMayEdit(tx, ctx, plan, 'planId');
    const reviewedOn = isoDate(input.reviewedOn);
    const rules = new RuleCheck();
    if (!plan.adoptedVersionId) rules.add(userError('planId', 'Only an adopted plan is reviewed yearly.', UserErrorCode.CONFLICT));
    if (reviewedOn > today()) rules.add(userError('reviewedOn', 'A review date cannot be in the future.'));
    if (reviewedOn < `${plan.periodStartYear}-01-01`) rules.add(userError('reviewedOn', `The plan period starts in ${plan.periodStartYear}.`));
    const sameYear = plan.adoptedVersionId
      ? await tx.getRepository(PlanReview).createQueryBuilder('r').where('r.plan_id = :id AND extract(year FROM r.reviewed_on) = :year', { id: plan.id, year: Number(reviewedOn.slice(0, 4)) }).getCount()
      : 0;
    if (sameYear) rules.add(userError('reviewedOn', `The plan already has a review for ${reviewedOn.slice(0, 4)}.`, UserErrorCode.CONFLICT));
    rules.throwIfAny();
    const review = tx.getRepository(PlanReview).create({
      regionId: plan.regionId,
      planId: plan.id,
      versionId: plan.adoptedVersionId!,
      reviewedOn,
      summary: input.summary.trim(),
      decidedChanges: input.decidedChanges.map((c) => c.trim()).filter(Boolean),
      recordedBy: ctx.principal.subject,
    });
    await tx.getRepository(PlanReview).save(review);
    await recordAudit(tx, ctx, { operation: 'recordPlanReview', entity: 'PlanReview', entityId: review.id, after: review });
    return { review };
  });
}

