import { EntityManager } from 'typeorm';
import { CollaborationModelKind, PlanBody, PlanCollaborationModel, PlanFocusArea, PlanGoal, PlanMeasure, PlanMeasureResponsible } from '../../entities/plans';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { assessLegalCompleteness, LegalCompleteness, LegalRequirement } from './analysis';

/** The rows of one version the § 15-1 check reads. */
export interface LegalCheckInput {
  goals: PlanGoal[];
  measures: PlanMeasure[];
  areas: PlanFocusArea[];
  responsible: PlanMeasureResponsible[];
  models: PlanCollaborationModel[];
  bodies: PlanBody[];
}

/** The § 15-1 check of a version's rows (as `PlanVersion.legalCompleteness` reports it). */
export function legalCompletenessOf({ goals, measures, areas, responsible, models, bodies }: LegalCheckInput): LegalCompleteness {
  return assessLegalCompleteness(
    goals,
    measures,
    areas,
    measures.map((m) => responsible.filter((r) => r.measureId === m.id)),
    { collaborationModels: models.filter((m) => m.kind === CollaborationModelKind.COLLABORATION), bodies },
  );
}

/** The § 15-1 check of a version, read inside a mutation's transaction. */
export async function legalCompletenessIn(tx: EntityManager, versionId: string): Promise<LegalCompleteness> {
  const order = { position: 'ASC', id: 'ASC' } as const;
  const [goals, measures, areas, responsible, models, bodies] = await Promise.all([
    tx.getRepository(PlanGoal).find({ where: { versionId }, order }),
    tx.getRepository(PlanMeasure).find({ where: { versionId }, order }),
    tx.getRepository(PlanFocusArea).find({ where: { versionId }, order }),
    tx.getRepository(PlanMeasureResponsible).find({ where: { versionId }, order }),
    tx.getRepository(PlanCollaborationModel).find({ where: { versionId }, order }),
    tx.getRepository(PlanBody).find({ where: { versionId }, order }),
  ]);
  return legalCompletenessOf({ goals, measures, areas, responsible, models, bodies });
}

/** What an audit record keeps of a confirmed warning: which requirements were missing, and that the caller confirmed. */
export interface ConfirmedIncomplete {
  reference: string;
  missing: LegalRequirement[];
  confirmed: true;
}

/**
 * The warning of an incomplete § 15-1 check: without `confirm`, a CONFIRMATION_REQUIRED userError on
 * `confirmIncomplete` (nothing changes); with it, what the audit record keeps. Null when the check is
 * complete (nothing to confirm).
 */
export function confirmIncomplete(rules: RuleCheck, check: LegalCompleteness, confirm: boolean | null | undefined, doing: string): ConfirmedIncomplete | null {
  if (check.complete) return null;
  const missing = check.checks.filter((c) => !c.present);
  if (!confirm) {
    rules.add(
      userError(
        'confirmIncomplete',
        doing === 'recording the adoption' ? 'plans.confirmIncompleteAdoption' : 'plans.confirmIncompleteSubmission',
        { reference: check.reference, missing: missing.map((c) => c.missing ?? { key: 'plans.legal.missing', params: { requirement: c.requirement } }) },
        UserErrorCode.CONFIRMATION_REQUIRED,
      ),
    );
    return null;
  }
  return { reference: check.reference, missing: missing.map((c) => c.requirement), confirmed: true };
}
