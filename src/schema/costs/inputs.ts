import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { AlertBasis } from '../../entities/costs/enums';
import { LedgerDateFormat, LedgerEncoding, LedgerProfile, LedgerSignConvention } from '../../entities/costs/ledger-mapping';
import * as args from '../../services/costs/args';
import { PERIOD } from '../../services/costs/guard';
import { IsKommunenummer } from '../kommunenummer';
import { OreScalar } from '../money';
import { compose, FreeText, OptionalRequiredText, OptionalText, RequiredText } from '../text';

/**
 * Inputs of the costs mutations. Updates: omitted = unchanged, null or blank = cleared (required
 * fields such as a name can be changed, never cleared).
 */

const ThreeDigits = (what: string): PropertyDecorator => Matches(/^\d{3}$/, { message: `must be a three-digit KOSTRA ${what}`, context: { key: 'costs.validation.threeDigits', params: { what } } });
const Period = (): PropertyDecorator => Matches(PERIOD, { message: 'must be a month as YYYY-MM, e.g. "2024-06"', context: { key: 'costs.errors.periodFormat' } });
const BasisPoints = (): PropertyDecorator => compose(IsInt(), Min(0), Max(10000));

@InputType({ description: 'Ledger lines with this KOSTRA funksjon and an art in [artFrom, artTo].' })
export class AccountRangeInput implements args.AccountRange {
  @Field({ description: 'KOSTRA funksjon, three digits (e.g. "252").' })
  @ThreeDigits('funksjon')
  funksjon: string;

  @Field({ description: 'First KOSTRA art, three digits (e.g. "010").' })
  @ThreeDigits('art')
  artFrom: string;

  @Field({ description: 'Last KOSTRA art, inclusive.' })
  @ThreeDigits('art')
  artTo: string;
}

@InputType({ description: 'A new cost category of your region (REGION_ADMIN).' })
export class CreateCostCategoryInput implements args.NewCostCategory {
  @Field({ description: 'Lower-case letters, digits and "-", unique in the region.' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'must be 1–40 lower-case letters, digits or "-"', context: { key: 'costs.validation.code' } })
  @FreeText() // digits and "-" allowed: a code could spell a national identity number
  code: string;

  @Field()
  @RequiredText(200)
  name: string;

  @Field({ nullable: true })
  @OptionalText(2000)
  description?: string;

  @Field(() => Int, { nullable: true, description: 'Order in reports (0–10000).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;

  @Field(() => [AccountRangeInput], { description: 'The chart-of-accounts ranges whose ledger lines belong to the category.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  accounts: AccountRangeInput[];
}

@InputType({ description: 'Changes to a cost category; omitted fields stay, `accounts` replaces the list.' })
export class UpdateCostCategoryInput implements args.CostCategoryChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'null or blank clears it.' })
  @OptionalText(2000)
  description?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;

  @Field(() => [AccountRangeInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  accounts?: AccountRangeInput[];
}

@InputType({ description: 'A new allocation key of a shared service from the first of a month; the key in force ends the day before.' })
export class SetCostAgreementInput implements args.CostAgreementChange {
  @Field(() => ID)
  serviceId: string;

  @Field(() => GraphQLDate, { description: 'The first day of a month.' })
  validFrom: Date;

  @Field(() => Int, { description: 'Part split equally between the owners, in basis points (4000 = 40 %).' })
  @BasisPoints()
  equalShareBp: number;

  @Field(() => Int, { description: 'Part split by population aged 0–17 at 1 January of the report year; the two add up to 10000.' })
  @BasisPoints()
  populationShareBp: number;

  @Field(() => [ID], { description: 'Categories charged directly to the municipality a cost concerns (e.g. placements, foster care).' })
  @ArrayMaxSize(100)
  directCategoryIds: string[];

  @Field({ nullable: true, description: 'E.g. the cooperation agreement behind the key.' })
  @OptionalText(2000)
  note?: string;

  @Field({ nullable: true, description: 'Required when the key starts in the past or in a month that has a report: why.' })
  @OptionalRequiredText(2000)
  correctionReason?: string;
}

@InputType({ description: 'The budget of a service, year and category (replaces the one there was).' })
export class SetCostBudgetInput implements args.CostBudgetChange {
  @Field(() => ID)
  serviceId: string;

  @Field(() => ID)
  categoryId: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => OreScalar, { description: 'Annual budget in whole øre.' })
  amountOre: string;

  @Field(() => [Int], { nullable: true, description: 'Twelve weights, January first (e.g. holiday pay: June weighted higher). Omitted or null = even.' })
  @IsOptional()
  @ArrayMaxSize(12)
  monthlyProfile?: number[] | null;

  @Field({ nullable: true })
  @OptionalText(2000)
  note?: string;
}

@InputType({ description: 'Prepares the DRAFT report of a service and month (replacing an earlier draft of the month).' })
export class PrepareCostReportInput implements args.ReportPreparation {
  @Field(() => ID)
  serviceId: string;

  @Field({ description: 'YYYY-MM.' })
  @Period()
  period: string;

  @Field({ nullable: true, description: 'Required when a version of the month is published: this version corrects it.' })
  @OptionalRequiredText(2000)
  correctionReason?: string;

  @Field({ nullable: true })
  @OptionalText(2000)
  note?: string;
}

@InputType()
export class CostReportIdInput implements args.ByReport {
  @Field(() => ID)
  reportId: string;
}

const Percent = (): PropertyDecorator => compose(IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }), Min(0.01), Max(10000));

@InputType({ description: 'Raise an alert when a municipality × category line deviates by at least thresholdPercent and/or thresholdOre (both, when both are given).' })
export class CreateCostAlertRuleInput implements args.NewAlertRule {
  @Field(() => ID)
  serviceId: string;

  @Field()
  @RequiredText(200)
  name: string;

  @Field(() => AlertBasis)
  @IsIn(Object.values(AlertBasis))
  basis: AlertBasis;

  @Field(() => Float, { nullable: true, description: 'Per cent, at most two decimals (e.g. 15).' })
  @Percent()
  thresholdPercent?: number;

  @Field(() => OreScalar, { nullable: true, description: 'Whole øre.' })
  thresholdOre?: string;

  @Field({ nullable: true, description: 'Only this owner municipality (default: every one).' })
  @IsOptional()
  @IsKommunenummer()
  municipalityNumber?: string;

  @Field(() => ID, { nullable: true, description: 'Only this category (default: every one).' })
  categoryId?: string;
}

@InputType({ description: 'Changes to an alert rule; omitted fields stay, a threshold set to null is removed (one must remain).' })
export class UpdateCostAlertRuleInput implements args.AlertRuleChanges {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @OptionalRequiredText(200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field(() => Float, { nullable: true })
  @Percent()
  thresholdPercent?: number | null;

  @Field(() => OreScalar, { nullable: true })
  thresholdOre?: string | null;
}

@InputType()
export class CostAlertIdInput implements args.ByAlert {
  @Field(() => ID)
  alertId: string;
}

@InputType({ description: 'Where your municipality receives cost alerts (Standard Webhooks, signed).' })
export class SetCostAlertWebhookInput implements args.WebhookChange {
  @Field({ nullable: true, description: 'Defaults to your municipality.' })
  @IsOptional()
  @IsKommunenummer()
  municipalityNumber?: string;

  @Field(() => String, { nullable: true, description: 'https URL alerts are POSTed to; null stops sending. Omitted = unchanged.' })
  @OptionalText(2000)
  url?: string | null;

  @Field({ nullable: true, description: 'A new signing secret; the old one stops working at once.' })
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}

const ColumnName = (): PropertyDecorator => compose(IsOptional(), MaxLength(100), FreeText());

@InputType({
  description:
    "How the ERP export of your service is read by the `ledger-erp` import (HOST_FINANCE). With a shipped profile, every omitted field is the profile's; with CUSTOM (the default) encoding, delimiter, decimalSeparator, dateFormat, signConvention, dateColumn, artColumn, funksjonColumn, voucherColumn and amountColumn (or debitColumn and creditColumn) are required. Replaces the whole mapping. Column names as in the file's header line.",
})
export class DefineLedgerMappingInput implements args.LedgerMappingDefinition {
  @Field(() => ID)
  serviceId: string;

  @Field(() => LedgerProfile, { nullable: true, description: 'Default CUSTOM.' })
  @IsOptional()
  @IsEnum(LedgerProfile)
  profile?: LedgerProfile | null;

  @Field(() => LedgerEncoding, { nullable: true })
  @IsOptional()
  @IsEnum(LedgerEncoding)
  encoding?: LedgerEncoding | null;

  @Field(() => String, { nullable: true, description: '";", ",", "|" or a tab.' })
  @IsOptional()
  @IsIn([';', ',', '\t', '|'], { message: 'must be ";", ",", "|" or a tab', context: { key: 'costs.validation.delimiter' } })
  @FreeText() // one character of a fixed list, checked like any text field
  delimiter?: string | null;

  @Field(() => String, { nullable: true, description: '"," or ".".' })
  @IsOptional()
  @IsIn([',', '.'], { message: 'must be "," or "."', context: { key: 'costs.validation.decimalSeparator' } })
  @FreeText() // one character of a fixed list, checked like any text field
  decimalSeparator?: string | null;

  @Field(() => LedgerDateFormat, { nullable: true })
  @IsOptional()
  @IsEnum(LedgerDateFormat)
  dateFormat?: LedgerDateFormat | null;

  @Field(() => LedgerSignConvention, { nullable: true })
  @IsOptional()
  @IsEnum(LedgerSignConvention)
  signConvention?: LedgerSignConvention | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  dateColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  amountColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  debitColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  creditColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  artColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  funksjonColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  ansvarColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  prosjektColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  voucherColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  voucherLineColumn?: string | null;

  @Field(() => String, { nullable: true })
  @ColumnName()
  municipalityColumn?: string | null;
}
