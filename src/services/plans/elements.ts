import { EntityManager } from 'typeorm';
import {
  PlanBody,
  PlanBodyMember,
  PlanCollaborationModel,
  PlanCollaborationStep,
  PlanFactor,
  PlanReferralRoute,
  PlanStatement,
  PlanStatementKind,
  PlanTargetGroup,
  PlanTargetGroupFactor,
  PlanVersion,
} from '../../entities/plans';
import { ForumKind } from '../../entities/fora';
import { idOfType } from '../../global-id';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import {
  BodyChanges,
  BodyMember,
  CollaborationModelChanges,
  CollaborationStepChanges,
  FactorChanges,
  NewBody,
  NewCollaborationModel,
  NewCollaborationStep,
  NewFactor,
  NewReferralRoute,
  NewStatement,
  NewTargetGroup,
  ReferralRouteChanges,
  StatementChanges,
  TargetGroupChanges,
} from './args';
import { checkAges, defineDraftItem, deleteDraftItem, placedIn, replaceLinks, resolveParties, ResolveScope, rowIn, rowsIn, sharedServiceIn } from './draft-items';
import { openDraftRow } from './guard';

/**
 * Mutations of the plan elements beyond goals, focus areas, measures and milestones: statements,
 * factors, target groups, governance bodies, collaboration models and their steps, referral routes.
 * Each is add / update / delete of a keyed item of a DRAFT version (draft-items.ts).
 */

/** A reference to a CONSENT_RULE statement of the same version (undefined = unchanged). */
async function consentRule(scope: ResolveScope, globalId: string | null | undefined): Promise<{ consentRuleId?: string | null }> {
  const rule = await rowIn(scope.tx, scope.rules, scope.version, PlanStatement, globalId, 'consentRuleId', 'statement');
  if (rule && rule.kind !== PlanStatementKind.CONSENT_RULE) scope.rules.add(userError('consentRuleId', 'plans.referConsentRuleStatement', { kind: rule.kind }));
  return rule === undefined ? {} : { consentRuleId: rule?.id ?? null };
}

/** The age band after the change (before + input) must not end before it starts. */
function ages<T extends { ageFrom: number | null; ageTo: number | null }>(rules: RuleCheck, input: { ageFrom?: number | null; ageTo?: number | null }, before: T | null) {
  checkAges(rules, { ageFrom: input.ageFrom !== undefined ? input.ageFrom : before?.ageFrom, ageTo: input.ageTo !== undefined ? input.ageTo : before?.ageTo });
}

// ---- statements ----------------------------------------------------------------------------

export const { add: addPlanStatement, update: updatePlanStatement } = defineDraftItem<PlanStatement, NewStatement, StatementChanges>({
  entity: PlanStatement,
  what: 'statement',
  payload: 'statement',
  fields: ['kind', 'code', 'title', 'text', 'reference'],
  blank: { code: null, title: null, reference: null },
  async resolve({ tx, rules }, input, before) {
    const kind = input.kind ?? before?.kind;
    const title = input.title !== undefined ? input.title?.trim() || null : (before?.title ?? null);
    if (kind === PlanStatementKind.DEFINITION && !title) rules.add(userError('title', 'plans.definitionNeedsTermTitle'));
    // A consent rule that collaboration models, steps or routes refer to stays a consent rule.
    if (before?.kind === PlanStatementKind.CONSENT_RULE && kind !== PlanStatementKind.CONSENT_RULE && (await referredToAsConsentRule(tx, before.id))) {
      rules.add(userError('kind', 'plans.collaborationModelsStepsReferral', {}, UserErrorCode.CONFLICT));
    }
    return {};
  },
});

async function referredToAsConsentRule(tx: EntityManager, id: string): Promise<boolean> {
  for (const entity of [PlanCollaborationModel, PlanCollaborationStep, PlanReferralRoute]) {
    if (await tx.getRepository(entity).countBy({ consentRuleId: id })) return true;
  }
  return false;
}

export const deletePlanStatement = deleteDraftItem('deletePlanStatement', PlanStatement, 'statement');

// ---- risk and protective factors -----------------------------------------------------------

export const { add: addPlanFactor, update: updatePlanFactor } = defineDraftItem<PlanFactor, NewFactor, FactorChanges>({
  entity: PlanFactor,
  what: 'factor',
  payload: 'factor',
  fields: ['kind', 'code', 'title', 'description', 'ageFrom', 'ageTo'],
  blank: { code: null, description: null, ageFrom: null, ageTo: null },
  async resolve({ rules }, input, before) {
    ages(rules, input, before);
    return {};
  },
});

export const deletePlanFactor = deleteDraftItem('deletePlanFactor', PlanFactor, 'factor');

// ---- target groups -------------------------------------------------------------------------

export const { add: addPlanTargetGroup, update: updatePlanTargetGroup } = defineDraftItem<PlanTargetGroup, NewTargetGroup, TargetGroupChanges>({
  entity: PlanTargetGroup,
  what: 'target group',
  payload: 'targetGroup',
  fields: ['code', 'name', 'description', 'ageFrom', 'ageTo'],
  blank: { code: null, description: null, ageFrom: null, ageTo: null },
  async resolve({ tx, rules, version }, input, before) {
    ages(rules, input, before);
    const factors = input.factorIds ? await rowsIn(tx, rules, version, PlanFactor, input.factorIds, 'factorIds', 'factor') : undefined;
    return {
      after: async (group) => {
        if (!factors) return {};
        await replaceLinks(
          tx,
          PlanTargetGroupFactor,
          version,
          'targetGroupId',
          group.id,
          'factorId',
          factors.map((f) => f.id),
        );
        return { factors: factors.map((f) => f.key) };
      },
    };
  },
});

export const deletePlanTargetGroup = deleteDraftItem('deletePlanTargetGroup', PlanTargetGroup, 'target group');

// ---- governance bodies ---------------------------------------------------------------------

async function writeMembers(tx: EntityManager, rules: RuleCheck, version: PlanVersion, list: BodyMember[]) {
  const parties = await resolveParties(tx, rules, list, (i) => ['input', 'members', String(i)]);
  return async (body: PlanBody) => {
    await tx.getRepository(PlanBodyMember).delete({ bodyId: body.id });
    const members = list.map((m, position) => ({
      ...placedIn(version),
      bodyId: body.id,
      position,
      role: m.role.trim(),
      personName: m.personName?.trim() || null,
      note: m.note?.trim() || null,
      ...parties[position],
    }));
    if (members.length) await tx.getRepository(PlanBodyMember).insert(members);
    return { members: members.map(({ role, personName, municipalityId, serviceId, note }) => ({ role, personName, municipalityId, serviceId, note })) };
  };
}

export const { add: addPlanBody, update: updatePlanBody } = defineDraftItem<PlanBody, NewBody, BodyChanges>({
  entity: PlanBody,
  what: 'body',
  payload: 'body',
  fields: ['kind', 'name', 'description', 'leader', 'cadence'],
  blank: { description: null, leader: null, cadence: null },
  async resolve({ tx, rules, version }, input) {
    return input.members ? { after: await writeMembers(tx, rules, version, input.members) } : {};
  },
});

export const deletePlanBody = deleteDraftItem('deletePlanBody', PlanBody, 'body');

// ---- collaboration models, their steps, referral routes ------------------------------------

export const { add: addPlanCollaborationModel, update: updatePlanCollaborationModel } = defineDraftItem<PlanCollaborationModel, NewCollaborationModel, CollaborationModelChanges>({
  entity: PlanCollaborationModel,
  what: 'collaboration model',
  payload: 'collaborationModel',
  fields: ['kind', 'name', 'description'],
  blank: { description: null, consentRuleId: null },
  resolve: async (scope, input) => ({ set: await consentRule(scope, input.consentRuleId) }),
});

export const deletePlanCollaborationModel = deleteDraftItem('deletePlanCollaborationModel', PlanCollaborationModel, 'collaboration model');

const STEP_TEXTS = ['code', 'title', 'preventionLevel', 'targetGroup', 'criteria', 'tasks', 'collaboration', 'participants', 'convenedBy', 'minutesBy', 'cadence', 'forum', 'escalateTo'];

export const { add: addPlanCollaborationStep, update: updatePlanCollaborationStep } = defineDraftItem<PlanCollaborationStep, NewCollaborationStep, CollaborationStepChanges>({
  entity: PlanCollaborationStep,
  what: 'collaboration step',
  payload: 'step',
  fields: STEP_TEXTS,
  blank: Object.fromEntries([...STEP_TEXTS, 'consentRuleId', 'forumKindId'].map((f) => [f, null])),
  async locate(tx, ctx, input) {
    const { row: model, version } = await openDraftRow(tx, ctx, PlanCollaborationModel, input.modelId, 'modelId', 'collaboration model');
    return { version, set: { modelId: model.id } };
  },
  resolve: async (scope, input) => ({ set: { ...(await consentRule(scope, input.consentRuleId)), ...(await forumKind(scope, input.forumKindId)) } }),
});

/** A forum kind of the caller's region (fora feature) by global ID (undefined = unchanged, null = cleared). */
async function forumKind({ tx, rules }: ResolveScope, globalId: string | null | undefined): Promise<{ forumKindId?: string | null }> {
  if (globalId == null) return globalId === undefined ? {} : { forumKindId: null };
  const id = idOfType(globalId, 'ForumKind');
  const kind = id ? await tx.getRepository(ForumKind).findOneBy({ id }) : null;
  if (!kind) rules.add(userError('forumKindId', 'plans.suchForumKindRegion', {}, UserErrorCode.NOT_FOUND));
  return { forumKindId: kind?.id ?? null };
}

export const deletePlanCollaborationStep = deleteDraftItem('deletePlanCollaborationStep', PlanCollaborationStep, 'collaboration step');

export const { add: addPlanReferralRoute, update: updatePlanReferralRoute } = defineDraftItem<PlanReferralRoute, NewReferralRoute, ReferralRouteChanges>({
  entity: PlanReferralRoute,
  what: 'referral route',
  payload: 'referralRoute',
  fields: ['recipient', 'referredBy', 'how', 'prerequisite', 'anonymousConsultation'],
  blank: { stepId: null, serviceId: null, referredBy: null, how: null, prerequisite: null, anonymousConsultation: false, consentRuleId: null },
  async resolve(scope, input) {
    const step = await rowIn(scope.tx, scope.rules, scope.version, PlanCollaborationStep, input.stepId, 'stepId', 'collaboration step');
    const service = await sharedServiceIn(scope.tx, scope.rules, input.serviceId);
    return {
      set: {
        ...(step !== undefined ? { stepId: step?.id ?? null } : {}),
        ...(service !== undefined ? { serviceId: service?.id ?? null } : {}),
        ...(await consentRule(scope, input.consentRuleId)),
        // "Not stated" is false, never null.
        ...(input.anonymousConsultation === null ? { anonymousConsultation: false } : {}),
      },
    };
  },
});

export const deletePlanReferralRoute = deleteDraftItem('deletePlanReferralRoute', PlanReferralRoute, 'referral route');
