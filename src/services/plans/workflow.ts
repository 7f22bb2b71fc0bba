import { EntityManager } from 'typeorm';
import { holds, Role } from '../../auth/roles';
import { Context, nowOf, todayOf } from '../../context';
import {
  FollowUpRecord,
  MeasureImplementation,
  MilestoneStatus,
  PlanAdoption,
  PlanAdoptionStatus,
  PlanMeasure,
  PlanMilestone,
  PlanMilestoneMunicipalProgress,
  PlanMilestoneProgress,
  PlanReview,
  PlanVersion,
  PlanVersionStatus,
  StrategicPlan,
  StrategicPlanStatus,
} from '../../entities/plans';
import { isoDate } from '../dates';
import { findByGlobalId } from '../lookup';
import { defineMutation, MutationScope } from '../mutation';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { SharedService } from '../../entities/reference/shared-service';
import { requireScope } from '../access';
import { sharedServiceIn } from './draft-items';
import { municipalitiesByNumber } from '../reference/kommunenummer';
import { AdoptionDecision, ImplementationUpdate, MilestoneProgressUpdate, MunicipalMilestoneProgressUpdate, RevisionStart, Review, Submission } from './args';
import { copyVersionContent } from './content-model';
import { coveredMunicipalityIds, coveredServiceIds, editablePlan, editablePlanOf, followNewestVersion, MUNICIPAL_RECORDERS, PLAN_EDITORS, targetMunicipality } from './guard';
import { latestVersion } from './plans';
import { confirmIncomplete, legalCompletenessIn } from './legal-check';

/** DRAFT → CONSULTATION: content freezes and the councils can decide. Needs a goal, and measures, a collaboration model or milestones. */
export const submitPlanForConsultation = defineMutation({
  name: 'submitPlanForConsultation',
  roles: PLAN_EDITORS,
  action: 'Submitting a plan for consultation',
  async run({ tx, ctx, audit }, input: Submission) {
    const before = await findByGlobalId(tx, PlanVersion, input.versionId, 'versionId', 'plan version');
    const planBefore = await editablePlanOf(tx, ctx, before);
    if (before.status !== PlanVersionStatus.DRAFT) reject('versionId', 'plans.versionDraftSubmitted', { number: before.number, status: before.status }, UserErrorCode.CONFLICT);
    const [{ goals, work, municipalities }] = await tx.query(
      `SELECT (SELECT count(*) FROM plan_goal WHERE version_id = $1)::int AS goals,
              (SELECT count(*) FROM plan_measure WHERE version_id = $1)::int + (SELECT count(*) FROM plan_milestone WHERE version_id = $1)::int
                + (SELECT count(*) FROM plan_collaboration_model WHERE version_id = $1)::int AS work,
              (SELECT count(*) FROM plan_coverage_municipality WHERE plan_id = $2)::int AS municipalities`,
      [before.id, before.planId],
    );
    const rules = new RuleCheck();
    if (!goals) rules.add(userError('versionId', 'plans.planStatesGoalsBarnevernsloven'));
    if (!work) rules.add(userError('versionId', 'plans.planSaysNothingAbout'));
    if (!municipalities) rules.add(userError('versionId', 'plans.planCoversMunicipality'));
    const submittedOn = input.submittedOn ? isoDate(input.submittedOn) : null;
    if (submittedOn && submittedOn > todayOf(ctx)) rules.add(userError('submittedOn', 'plans.versionCannotSentConsultation'));
    rules.throwIfAny();
    const confirmed = confirmIncomplete(rules, await legalCompletenessIn(tx, before.id), input.confirmIncomplete, 'submitting it for consultation');
    rules.throwIfAny();
    const submittedAt = submittedOn ? new Date(`${submittedOn}T12:00:00Z`) : nowOf(ctx);
    const version = tx.getRepository(PlanVersion).create({ ...before, status: PlanVersionStatus.CONSULTATION, submittedAt });
    await tx.getRepository(PlanVersion).save(version);
    const plan = await followNewestVersion(tx, planBefore, StrategicPlanStatus.CONSULTATION);
    await audit({ entity: 'PlanVersion', entityId: version.id, before, after: confirmed ? { ...version, confirmedIncomplete: confirmed } : version });
    return { strategicPlan: plan, version };
  },
});

/**
 * Records one municipality's council decision on a version on consultation. When every covered
 * municipality has ADOPTED that version, it becomes the adopted version (the previous one is
 * SUPERSEDED) and the plan is ADOPTED.
 */
export const recordPlanAdoption = defineMutation({
  name: 'recordPlanAdoption',
  roles: MUNICIPAL_RECORDERS,
  action: 'Recording a council decision on a plan',
  async run({ tx, ctx, audit }, input: AdoptionDecision) {
    const before = await findByGlobalId(tx, PlanVersion, input.versionId, 'versionId', 'plan version');
    const municipality = await targetMunicipality(tx, ctx, input.municipalityNumber);
    const covered = await coveredMunicipalityIds(tx, before.planId);
    const rules = new RuleCheck();
    if (!covered.includes(municipality.id)) rules.add(userError('municipalityNumber', 'plans.municipalityNotCovered', { name: municipality.name, number: municipality.number }, UserErrorCode.INVALID));
    if (before.status === PlanVersionStatus.DRAFT) rules.add(userError('versionId', 'plans.versionStillDraftSubmit', { number: before.number }, UserErrorCode.CONFLICT));
    else if (before.status !== PlanVersionStatus.CONSULTATION)
      rules.add(userError('versionId', 'plans.versionDecisionsRecordedWhile', { number: before.number, status: before.status }, UserErrorCode.IMMUTABLE));
    const decidedOn = input.decidedOn ? isoDate(input.decidedOn) : null;
    if (input.status !== PlanAdoptionStatus.PENDING && !decidedOn) rules.add(userError('decidedOn', 'plans.decisionNeedsDate'));
    if (decidedOn && decidedOn > todayOf(ctx)) rules.add(userError('decidedOn', 'plans.decisionDateCannotFuture'));
    const submittedOn = before.submittedAt ? isoDate(before.submittedAt) : null;
    if (decidedOn && submittedOn && decidedOn < submittedOn) {
      rules.add(userError('decidedOn', 'plans.councilCannotDecideVersion', { number: before.number, submittedOn }));
    }
    rules.throwIfAny();
    const confirmed = input.status === PlanAdoptionStatus.ADOPTED ? confirmIncomplete(rules, await legalCompletenessIn(tx, before.id), input.confirmIncomplete, 'recording the adoption') : null;
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
      // A decision recorded through the API is real data, whatever was there before.
      illustrativeNote: null,
    });
    await repo.save(adoption);
    await audit({ entity: 'PlanAdoption', entityId: adoption.id, municipalityId: municipality.id, before: previous, after: confirmed ? { ...adoption, confirmedIncomplete: confirmed } : adoption });

    const { plan, version } = await adoptIfComplete(tx, audit, before, covered);
    return { adoption, version, strategicPlan: plan };
  },
});

async function adoptIfComplete(tx: EntityManager, audit: MutationScope['audit'], version: PlanVersion, covered: string[]): Promise<{ plan: StrategicPlan; version: PlanVersion }> {
  const plan = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: version.planId });
  const adoptions = await tx.getRepository(PlanAdoption).findBy({ versionId: version.id, status: PlanAdoptionStatus.ADOPTED });
  const adoptedBy = new Set(adoptions.map((a) => a.municipalityId));
  if (!covered.length || !covered.every((m) => adoptedBy.has(m))) return { plan, version };

  const previous = plan.adoptedVersionId ? await tx.getRepository(PlanVersion).findOneBy({ id: plan.adoptedVersionId }) : null;
  if (previous) {
    await tx.getRepository(PlanVersion).save(tx.getRepository(PlanVersion).create({ ...previous, status: PlanVersionStatus.SUPERSEDED }));
  }
  const adoptedOn = adoptions
    .map((a) => a.decidedOn!)
    .sort()
    .pop()!;
  const adopted = tx.getRepository(PlanVersion).create({ ...version, status: PlanVersionStatus.ADOPTED, adoptedOn });
  await tx.getRepository(PlanVersion).save(adopted);
  const after = tx.getRepository(StrategicPlan).create({ ...plan, status: StrategicPlanStatus.ADOPTED, adoptedVersionId: adopted.id });
  await tx.getRepository(StrategicPlan).save(after);
  await audit({
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
export const setMeasureImplementationStatus = defineMutation({
  name: 'setMeasureImplementationStatus',
  roles: MUNICIPAL_RECORDERS,
  action: 'Setting implementation status',
  async run({ tx, ctx, audit }, input: ImplementationUpdate) {
    const measure = await findByGlobalId(tx, PlanMeasure, input.measureId, 'measureId', 'measure');
    const municipality = await targetMunicipality(tx, ctx, input.municipalityNumber);
    const plan = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: measure.planId });
    const rules = new RuleCheck();
    const inForce = plan.adoptedVersionId ? await tx.getRepository(PlanMeasure).findOneBy({ versionId: plan.adoptedVersionId, key: measure.key }) : null;
    if (!inForce) rules.add(userError('measureId', 'plans.implementationTrackedMeasuresAdopted', {}, UserErrorCode.CONFLICT));
    if (plan.status === StrategicPlanStatus.ARCHIVED) rules.add(userError('measureId', 'plans.planArchived', {}, UserErrorCode.IMMUTABLE));
    const covered = await coveredMunicipalityIds(tx, plan.id);
    if (!covered.includes(municipality.id)) rules.add(userError('municipalityNumber', 'plans.municipalityNotCovered', { name: municipality.name, number: municipality.number }));
    rules.throwIfAny();
    const { previous, row: implementation } = await recordFollowUp(
      tx,
      ctx,
      MeasureImplementation,
      plan,
      { measureKey: measure.key, municipalityId: municipality.id },
      { status: input.status },
      input.note,
    );
    await audit({
      entity: 'MeasureImplementation',
      entityId: implementation.id,
      municipalityId: municipality.id,
      before: previous,
      after: implementation,
    });
    return { implementation, measure: inForce };
  },
});

/**
 * Writes the one follow-up record of `where` in a plan (insert or update): the values, the note
 * (omitted = unchanged; null or blank = cleared), who and when. A record written through the API is
 * real data, whatever was there before, so it is never illustrative.
 */
async function recordFollowUp<T extends FollowUpRecord>(
  tx: EntityManager,
  ctx: Context,
  entity: new () => T,
  plan: StrategicPlan,
  where: Partial<T>,
  values: Partial<T>,
  note: string | null | undefined,
): Promise<{ previous: T | null; row: T }> {
  const repo = tx.getRepository(entity);
  const previous = await repo.findOneBy({ planId: plan.id, ...where } as never);
  const row = repo.create({
    ...(previous ?? {}),
    regionId: plan.regionId,
    planId: plan.id,
    ...where,
    ...values,
    note: note === undefined ? (previous?.note ?? null) : note?.trim() || null,
    updatedBy: ctx.principal.subject,
    updatedAt: new Date(),
    illustrativeNote: null,
  } as never) as unknown as T;
  await repo.save(row as never);
  return { previous, row };
}

/**
 * Starts a new DRAFT version as a deep copy of the newest version (adopted, or on consultation —
 * which is then WITHDRAWN). Every copied row keeps its lineage key.
 */
export const startPlanRevision = defineMutation({
  name: 'startPlanRevision',
  roles: PLAN_EDITORS,
  action: 'Revising a strategic plan',
  async run({ tx, ctx, audit }, input: RevisionStart) {
    const planBefore = await editablePlan(tx, ctx, input.planId, 'planId');
    if (planBefore.status === StrategicPlanStatus.ARCHIVED) reject('planId', 'plans.planArchived', {}, UserErrorCode.IMMUTABLE);
    const base = await latestVersion(tx, planBefore.id);
    if (base.status === PlanVersionStatus.DRAFT) reject('planId', 'plans.versionAlreadyDraftEdit', { number: base.number }, UserErrorCode.CONFLICT);
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
    await copyVersionContent(tx, base.id, version.id);
    const plan = await followNewestVersion(tx, planBefore, StrategicPlanStatus.DRAFT);
    await audit({ entity: 'PlanVersion', entityId: version.id, after: { ...version, basedOn: base.number } });
    return { strategicPlan: plan, version };
  },
});

/**
 * A yearly review of the version in force: of the whole plan, or (serviceId) one shared service's
 * review of its own measures, which its leader records ("Tjenesteleder … har ansvar for at planen
 * gjennomgås en gang per år … evaluere egne tiltak"). One review per plan, service and year.
 */
export const recordPlanReview = defineMutation({
  name: 'recordPlanReview',
  roles: PLAN_EDITORS,
  action: 'Recording a plan review',
  async run({ tx, ctx, audit }, input: Review) {
    const plan = await editablePlan(tx, ctx, input.planId, 'planId');
    const service = input.serviceId ? await reviewedService(tx, ctx, plan, input.serviceId) : null;
    const reviewedOn = isoDate(input.reviewedOn);
    const rules = new RuleCheck();
    if (!plan.adoptedVersionId) rules.add(userError('planId', 'plans.adoptedPlanReviewedYearly', {}, UserErrorCode.CONFLICT));
    if (reviewedOn > todayOf(ctx)) rules.add(userError('reviewedOn', 'plans.reviewDateCannotFuture'));
    if (reviewedOn < `${plan.periodStartYear}-01-01`) rules.add(userError('reviewedOn', 'plans.planPeriodStarts', { periodStartYear: plan.periodStartYear }));
    const year = Number(reviewedOn.slice(0, 4));
    const sameYear = plan.adoptedVersionId
      ? await tx
          .getRepository(PlanReview)
          .createQueryBuilder('r')
          .where('r.plan_id = :id AND extract(year FROM r.reviewed_on) = :year', { id: plan.id, year })
          .andWhere(service ? 'r.service_id = :service' : 'r.service_id IS NULL', { service: service?.id })
          .getCount()
      : 0;
    if (sameYear)
      rules.add(userError('reviewedOn', service ? 'plans.serviceAlreadyReviewedForYear' : 'plans.alreadyReviewedForYear', service ? { name: service.name, year } : { year }, UserErrorCode.CONFLICT));
    rules.throwIfAny();
    const review = tx.getRepository(PlanReview).create({
      regionId: plan.regionId,
      planId: plan.id,
      versionId: plan.adoptedVersionId!,
      serviceId: service?.id ?? null,
      reviewedOn,
      summary: input.summary.trim(),
      decidedChanges: input.decidedChanges.map((c) => c.trim()).filter(Boolean),
      recordedBy: ctx.principal.subject,
      illustrativeNote: null,
    });
    await tx.getRepository(PlanReview).save(review);
    await audit({ entity: 'PlanReview', entityId: review.id, after: review });
    return { review };
  },
});

/** The service a review is for: one the plan covers; a SERVICE_LEADER only their own (else FORBIDDEN). */
async function reviewedService(tx: EntityManager, ctx: Context, plan: StrategicPlan, globalId: string): Promise<SharedService> {
  const rules = new RuleCheck();
  const service = await sharedServiceIn(tx, rules, globalId);
  rules.throwIfAny();
  if (!service) return reject('serviceId', 'plans.nameSharedService');
  requireScope(holds(ctx.principal, Role.REGION_ADMIN) || holds(ctx.principal, Role.SERVICE_LEADER, service.id), { key: 'plans.errors.reviewOwnServiceOnly', params: { name: service.name } });
  if (!(await coveredServiceIds(tx, plan.id)).includes(service.id)) reject('serviceId', 'plans.serviceNotCovered', { name: service.name });
  return service;
}

/**
 * Progress of a milestone (status, completion date, note), recorded by the plan's editors on the
 * version in force or the newest version — without a revision: progress is follow-up, not content.
 * Kept by the milestone's lineage key, so it carries into later versions.
 */
export const recordMilestoneProgress = defineMutation({
  name: 'recordMilestoneProgress',
  roles: PLAN_EDITORS,
  action: 'Recording milestone progress',
  async run({ tx, ctx, audit }, input: MilestoneProgressUpdate) {
    const milestone = await findByGlobalId(tx, PlanMilestone, input.milestoneId, 'milestoneId', 'milestone');
    const plan = await editablePlanOf(tx, ctx, milestone);
    const { rules, completedOn } = await progressRules(tx, ctx, plan, milestone, input);
    if (milestone.perMunicipality) {
      rules.add(userError('milestoneId', 'plans.milestonePerMunicipalityRecordEach', {}, UserErrorCode.CONFLICT));
    }
    rules.throwIfAny();
    const { previous, row: progress } = await recordFollowUp(tx, ctx, PlanMilestoneProgress, plan, { milestoneKey: milestone.key }, { status: input.status, completedOn }, input.note);
    await audit({ entity: 'PlanMilestoneProgress', entityId: progress.id, before: previous, after: progress });
    return { progress, milestone };
  },
});

/** The rules every progress record of a milestone keeps: a plan in use, a current milestone, a completion date for DONE only and never in the future. */
async function progressRules(tx: EntityManager, ctx: Context, plan: StrategicPlan, milestone: PlanMilestone, input: { status: MilestoneStatus; completedOn?: Date | null }) {
  const newest = await latestVersion(tx, plan.id);
  const completedOn = input.completedOn ? isoDate(input.completedOn) : null;
  const rules = new RuleCheck();
  if (plan.status === StrategicPlanStatus.ARCHIVED) rules.add(userError('milestoneId', 'plans.planArchived', {}, UserErrorCode.IMMUTABLE));
  if (milestone.versionId !== plan.adoptedVersionId && milestone.versionId !== newest.id) {
    rules.add(userError('milestoneId', 'plans.milestoneBelongsVersionNeither', {}, UserErrorCode.CONFLICT));
  }
  if (input.status === MilestoneStatus.DONE && !completedOn) rules.add(userError('completedOn', 'plans.doneMilestoneNeedsDate'));
  if (input.status !== MilestoneStatus.DONE && completedOn) rules.add(userError('completedOn', 'plans.doneMilestoneCompletionDate'));
  if (completedOn && completedOn > todayOf(ctx)) rules.add(userError('completedOn', 'plans.completionDateCannotFuture'));
  return { rules, completedOn };
}

/**
 * One municipality's progress on a milestone every covered municipality must reach
 * (`perMunicipality`): its MUNICIPAL_DIRECTOR records it for their own municipality (another one is
 * FORBIDDEN), the plan's editors (REGION_ADMIN, a covered SERVICE_LEADER) for any covered one. Kept
 * by the milestone's lineage key, like the plan-wide progress; follow-up, so no revision is needed.
 */
export const recordMunicipalMilestoneProgress = defineMutation({
  name: 'recordMunicipalMilestoneProgress',
  roles: [Role.REGION_ADMIN, Role.SERVICE_LEADER, Role.MUNICIPAL_DIRECTOR],
  action: "Recording a municipality's milestone progress",
  async run({ tx, ctx, audit }, input: MunicipalMilestoneProgressUpdate) {
    const milestone = await findByGlobalId(tx, PlanMilestone, input.milestoneId, 'milestoneId', 'milestone');
    const plan = await tx.getRepository(StrategicPlan).findOneByOrFail({ id: milestone.planId });
    const municipality = await recordingMunicipality(tx, ctx, plan, input.municipalityNumber);
    const { rules, completedOn } = await progressRules(tx, ctx, plan, milestone, input);
    if (!milestone.perMunicipality) {
      rules.add(userError('milestoneId', 'plans.milestoneWholePlan', {}, UserErrorCode.CONFLICT));
    }
    if (!(await coveredMunicipalityIds(tx, plan.id)).includes(municipality.id)) {
      rules.add(userError('municipalityNumber', 'plans.municipalityNotCovered', { name: municipality.name, number: municipality.number }));
    }
    rules.throwIfAny();
    const { previous, row: progress } = await recordFollowUp(
      tx,
      ctx,
      PlanMilestoneMunicipalProgress,
      plan,
      { milestoneKey: milestone.key, municipalityId: municipality.id },
      { status: input.status, completedOn },
      input.note,
    );
    await audit({ entity: 'PlanMilestoneMunicipalProgress', entityId: progress.id, municipalityId: municipality.id, before: previous, after: progress });
    return { progress, milestone };
  },
});

/**
 * The municipality a per-municipality record is for: a plan editor (REGION_ADMIN, or a SERVICE_LEADER
 * of a covered service) names any; a MUNICIPAL_DIRECTOR records for their own only (FORBIDDEN
 * otherwise) and may leave it out when they direct one.
 */
async function recordingMunicipality(tx: EntityManager, ctx: Context, plan: StrategicPlan, number: string | null | undefined) {
  const services = await coveredServiceIds(tx, plan.id);
  const editor = holds(ctx.principal, Role.REGION_ADMIN) || services.some((s) => holds(ctx.principal, Role.SERVICE_LEADER, s));
  if (!editor) {
    requireScope(holds(ctx.principal, Role.MUNICIPAL_DIRECTOR), { key: 'plans.errors.progressNotYourService' });
    return targetMunicipality(tx, ctx, number);
  }
  if (!number) {
    if (holds(ctx.principal, Role.MUNICIPAL_DIRECTOR)) return targetMunicipality(tx, ctx, number);
    return reject('municipalityNumber', 'plans.nameTheMunicipality');
  }
  const rules = new RuleCheck();
  const [municipality] = await municipalitiesByNumber(tx, [number], rules, () => 'municipalityNumber');
  rules.throwIfAny();
  return municipality;
}
