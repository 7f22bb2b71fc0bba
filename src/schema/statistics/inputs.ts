import { IsEnum, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { SharedServiceKind } from '../../entities/reference/shared-service';
import { MetricAggregation, MetricPeriod } from '../../entities/statistics/enums';
import * as args from '../../services/statistics/args';
import { FreeText, OptionalText, RequiredText } from '../text';

const CODE = /^[a-z][a-z0-9_]{1,59}$/;

@InputType({ description: 'A metric of a configurable service kind (PPT, NAV, OTHER).' })
export class DefineStatisticsMetricInput implements args.NewStatisticsMetric {
  @Field(() => SharedServiceKind)
  @IsEnum(SharedServiceKind)
  serviceKind: SharedServiceKind;

  @Field({ description: 'Lower-case code used in imports, e.g. "referrals".' })
  @Matches(CODE, { message: 'code must be 2–60 characters: a lower-case letter, then lower-case letters, digits or _', context: { key: 'statistics.validation.metricCode' } })
  @FreeText() // codes allow digits: checked for personal data like free text
  code: string;

  @Field()
  @RequiredText(200)
  name: string;

  @Field({ description: 'What is counted, e.g. "henvisninger".' })
  @RequiredText(60)
  unit: string;

  @Field(() => MetricAggregation)
  @IsEnum(MetricAggregation)
  aggregation: MetricAggregation;

  @Field(() => MetricPeriod)
  @IsEnum(MetricPeriod)
  finestPeriod: MetricPeriod;

  @Field(() => String, { nullable: true })
  @OptionalText(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'ContentsCode in SSB tables, for JSON-stat imports.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,60}$/, { message: 'ssbCode must be 1–60 letters, digits or _ . -', context: { key: 'statistics.validation.ssbCode' } })
  @FreeText()
  ssbCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the metric this one counts a part of.' })
  @IsOptional()
  @Matches(CODE, { message: 'shareOfCode must be a metric code', context: { key: 'statistics.validation.shareOfCode' } })
  @FreeText()
  shareOfCode?: string | null;
}

@InputType({ description: 'Counts from min to max are suppressed (default 1–4); 0 is always shown.' })
export class SetStatisticsSuppressionInput implements args.SuppressionRuleInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  min: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  max: number;
}
