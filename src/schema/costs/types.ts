import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CostAgreement, CostAlert, CostAlertRule, CostBudget, CostCategory, CostReport, CostReportLine, CostWebhook, LedgerEntry } from '../../entities/costs';
import { SharedService } from '../../entities/reference/shared-service';
import { OwnedServiceCost } from '../../services/costs/owned';
import { Connection } from '../connection';
import { MutationPayload } from '../user-error';

export const LedgerEntryConnection = Connection(LedgerEntry);
export const CostReportConnection = Connection(CostReport);
export const CostAlertConnection = Connection(CostAlert);

@ObjectType()
export class CostCategoryPayload extends MutationPayload {
  @Field(() => CostCategory, { nullable: true })
  category?: CostCategory | null;
}

@ObjectType()
export class CostAgreementPayload extends MutationPayload {
  @Field(() => CostAgreement, { nullable: true })
  agreement?: CostAgreement | null;
}

@ObjectType()
export class CostBudgetPayload extends MutationPayload {
  @Field(() => CostBudget, { nullable: true })
  budget?: CostBudget | null;
}

@ObjectType()
export class CostReportPayload extends MutationPayload {
  @Field(() => CostReport, { nullable: true })
  report?: CostReport | null;
}

@ObjectType()
export class PublishCostReportPayload extends MutationPayload {
  @Field(() => CostReport, { nullable: true })
  report?: CostReport | null;

  @Field(() => [CostAlert], { nullable: true, description: 'Alerts the publication raised (crossings alerted before are not repeated).' })
  alerts?: CostAlert[] | null;
}

@ObjectType()
export class DiscardCostReportDraftPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The global ID of the deleted draft.' })
  reportId?: string | null;
}

@ObjectType()
export class CostAlertRulePayload extends MutationPayload {
  @Field(() => CostAlertRule, { nullable: true })
  rule?: CostAlertRule | null;
}

@ObjectType()
export class CostAlertPayload extends MutationPayload {
  @Field(() => CostAlert, { nullable: true })
  alert?: CostAlert | null;
}

@ObjectType()
export class CostAlertWebhookPayload extends MutationPayload {
  @Field(() => CostWebhook, { nullable: true })
  webhook?: CostWebhook | null;

  @Field(() => String, { nullable: true, description: 'The signing secret ("whsec_…", Standard Webhooks): returned only when it was made (first call, rotateSecret). Store it; it is never shown again.' })
  secret?: string | null;
}

/** One shared service a municipality owns, with its share and the latest published figures. */
@ObjectType({ description: 'A shared service your municipality owns: your share of its costs this year and the latest published figures.' })
export class OwnedServiceCostView implements Partial<OwnedServiceCost> {
  @Field(() => SharedService)
  service: SharedService;

  @Field(() => Int)
  year: number;

  @Field({ description: 'The month (YYYY-MM) whose allocation key the share is of.' })
  keyMonth: string;

  @Field(() => CostAgreement, { nullable: true })
  agreement: CostAgreement | null;

  sharePpm: number | null;

  @Field(() => Float, { nullable: true, description: 'Your share of the shared costs, per cent with two decimals (direct charges come on top).' })
  get sharePercent(): number | null {
    return this.sharePpm === null ? null : Math.round(this.sharePpm / 100) / 100;
  }

  @Field(() => Int, { nullable: true, description: 'Your population aged 0–17 at 1 January of the year.' })
  population: number | null;

  @Field(() => CostReport, { nullable: true, description: 'The newest published report of the year.' })
  report: CostReport | null;

  @Field(() => CostReportLine, { nullable: true, description: 'Your total line of that report (all categories).' })
  own: CostReportLine | null;

  @Field(() => CostReportLine, { nullable: true, description: 'The total of all owners.' })
  total: CostReportLine | null;
}
