import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CostAgreement, CostAlert, CostAlertRule, CostBudget, CostCategory, CostReport, CostReportLine, CostWebhook, LedgerEntry, LedgerMapping } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { OwnedServiceCost } from '../../services/costs/owned';
import { Connection } from '../connection';
import { OreScalar } from '../money';
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

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret ("whsec_…", Standard Webhooks): returned only when it was made (first call, rotateSecret). Store it; it is never shown again.',
  })
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

@ObjectType()
export class LedgerMappingPayload extends MutationPayload {
  @Field(() => LedgerMapping, { nullable: true })
  mapping?: LedgerMapping;
}

@ObjectType({
  description:
    "One municipality's side of the KOSTRA reconciliation. KOSTRA figures are in 1000 kr as in SSB's file (fields ending in 1000Kr); the compared figure is also given in øre (× 100 000) beside Samvirke's øre.",
})
export class KostraReconciliationRow {
  @Field(() => Municipality)
  municipality: Municipality;

  @Field({ description: "The service's host municipality." })
  isHost: boolean;

  @Field({ description: 'A current KOSTRA file (skjema 0A) of the period is imported for this municipality.' })
  reported: boolean;

  @Field(() => Date, { nullable: true })
  importedAt: Date | null;

  @Field(() => Int, { description: '1000 kr. Operating accounts (kontoklasse 1), funksjon 244/251/252, art 010–480.' })
  grossExpenses1000Kr: number;

  @Field(() => Int, { description: '1000 kr, negative as in the file. Art 600–899 (refunds from municipalities included).' })
  income1000Kr: number;

  @Field(() => Int, { description: "1000 kr, negative as in the file. Art 750 (refusjon fra kommuner): the host's income from the owners." })
  refundsFromMunicipalities1000Kr: number;

  @Field(() => Int, { description: '1000 kr. Art 350 (kjøp fra kommuner): what an owner paid other municipalities for barnevern.' })
  paymentsToMunicipalities1000Kr: number;

  @Field(() => Int, {
    description:
      "1000 kr. Operating accounts, funksjon 290 (interkommunale samarbeid), art 010–480: a host that books its cooperations there passes only its own share on to 244/251/252 (SSB's Kontroll 175: 290 must come to 0). Shown, not compared: 290 holds every cooperation the municipality hosts.",
  })
  cooperationExpenses1000Kr: number;

  @Field(() => Int, { description: '1000 kr, negative as in the file. Funksjon 290, art 750 (refusjon fra kommuner).' })
  cooperationRefundsFromMunicipalities1000Kr: number;

  @Field(() => Int, { description: '1000 kr. Host: gross expenses + income − refunds from municipalities (what the service cost before the owners paid). Owner: payments to municipalities.' })
  kostra1000Kr: number;

  @Field(() => OreScalar, { description: 'kostra1000Kr in øre (× 100 000), to compare with samvirkeActualOre.' })
  kostraOre: string;

  @Field(() => OreScalar, {
    nullable: true,
    description: "Øre. Year-to-date actual of the published report compared: the service's total (host row) or the municipality's total; null when no report of the period's last month is published.",
  })
  samvirkeActualOre: string | null;

  @Field(() => OreScalar, { nullable: true, description: 'Øre: kostraOre − samvirkeActualOre; null when the KOSTRA file or the report is missing.' })
  differenceOre: string | null;
}

@ObjectType({
  description:
    "The host's barnevern costs as reported to KOSTRA and the owners' payments as their KOSTRA files show them, against Samvirke's published cost reports (docs/costs.md, \"Reconciliation with KOSTRA\").",
})
export class KostraReconciliation {
  @Field(() => SharedService)
  service: SharedService;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true, description: 'Null: the annual accounts.' })
  quarter: number | null;

  @Field({ description: 'The month (YYYY-MM) whose latest published report is compared: December, or the last month of the quarter.' })
  reportPeriod: string;

  @Field(() => CostReport, { nullable: true })
  report: CostReport | null;

  @Field(() => KostraReconciliationRow)
  host: KostraReconciliationRow;

  @Field(() => [KostraReconciliationRow], { description: "The owner municipalities (an owner's MUNICIPAL_FINANCE: its own row only), by kommunenummer." })
  owners: KostraReconciliationRow[];
}
