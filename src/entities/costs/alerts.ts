import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';
import { Node } from '../../schema/node';
import { OreScalar } from '../../schema/money';
import { toGlobalId } from '../../global-id';
import { AlertBasis, AlertSource, DeliveryOutcome, DeliveryStatus } from './enums';
import type { MessageKey } from '../../i18n';
import { ServiceRow } from './row';

/** When a deviation is large enough to be reported at once ("rapporteres fortløpende"). */
@ObjectType({ implements: Node, description: 'Raises an alert when a municipality × category line deviates by at least the percentage and/or the amount (both, when both are set).' })
@Entity('cost_alert_rule')
export class CostAlertRule extends ServiceRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('CostAlertRule', this.id);
  }

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => AlertBasis)
  @Column({ type: 'text' })
  basis: AlertBasis;

  @Column({ name: 'threshold_bp', type: 'int', nullable: true })
  thresholdBp: number | null;

  @Field(() => OreScalar, { nullable: true, description: 'Smallest absolute deviation in øre that raises an alert.' })
  @Column({ name: 'threshold_ore', type: 'bigint', nullable: true })
  thresholdOre: string | null;

  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId: string | null;

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Field(() => Float, { nullable: true, description: 'Smallest absolute deviation in per cent that raises an alert.' })
  get thresholdPercent(): number | null {
    return this.thresholdBp === null ? null : this.thresholdBp / 100;
  }
}

/** A deviation that crossed a rule, for one owner municipality and category in one month. */
@ObjectType({ implements: Node, description: "A large change in the cost picture of one owner municipality and category: stored, pushed to subscribers and sent to the municipality's webhook." })
@Entity('cost_alert')
export class CostAlert extends ServiceRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('CostAlert', this.id);
  }

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Column({ name: 'rule_id', type: 'uuid' })
  ruleId: string;

  @Field({ description: 'The month (YYYY-MM) whose year-to-date figures crossed the rule.' })
  @Column({ type: 'text' })
  period: string;

  @Field(() => AlertSource)
  @Column({ type: 'text' })
  source: AlertSource;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  @Field(() => AlertBasis)
  @Column({ type: 'text' })
  basis: AlertBasis;

  @Field(() => OreScalar, { description: "What the figure was compared with: budget year-to-date (BUDGET) or the previous report's forecast (PREVIOUS_REPORT)." })
  @Column({ name: 'compared_ore', type: 'bigint' })
  comparedOre: string;

  @Field(() => OreScalar, { description: 'Actual year-to-date (BUDGET) or the new forecast (PREVIOUS_REPORT).' })
  @Column({ name: 'actual_ore', type: 'bigint' })
  actualOre: string;

  @Field(() => OreScalar)
  @Column({ name: 'deviation_ore', type: 'bigint' })
  deviationOre: string;

  @Column({ name: 'deviation_bp', type: 'int', nullable: true })
  deviationBp: number | null;

  /** The English text (what alerts raised before issue 22 have only); the API renders `messageKey` in the reader's language (alert-resolvers.ts). */
  @Field({ description: "What crossed the rule, in the reader's language (Accept-Language; bokmål by default)." })
  @Column({ type: 'text' })
  message: string;

  /** The message's key in the catalogues (src/i18n), null for alerts raised before it was stored. */
  @Column({ name: 'message_key', type: 'text', nullable: true })
  messageKey: MessageKey | null;

  @Column({ name: 'message_params', type: 'jsonb', nullable: true })
  messageParams: Record<string, string | number> | null;

  @Field(() => Date)
  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Token subject of whoever acknowledged it.' })
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  @Field(() => Float, { nullable: true, description: 'deviation ÷ |compared| in per cent; null when compared is 0.' })
  get deviationPercent(): number | null {
    return this.deviationBp === null ? null : this.deviationBp / 100;
  }

  @Field({ description: 'True once the municipality acknowledged it.' })
  get acknowledged(): boolean {
    return this.acknowledgedAt !== null;
  }
}

/** Where an owner municipality receives alerts (Standard Webhooks, signed with its secret). */
@ObjectType({ description: 'The URL an owner municipality receives its cost alerts on, signed by the Standard Webhooks scheme. The secret is shown once, when it is created.' })
@Entity('cost_webhook')
export class CostWebhook extends TenantRow {
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Field()
  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text' })
  secret: string;

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;
}

/** One webhook delivery of one alert, with its attempts. */
@ObjectType({ description: 'The webhook delivery of an alert to its municipality: retried with backoff until the receiver answers 2xx.' })
@Entity('cost_alert_delivery')
export class CostAlertDelivery extends ServiceRow {
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId: string;

  @Field()
  @Column({ type: 'text' })
  url: string;

  @Field(() => DeliveryStatus)
  @Column({ type: 'text', default: DeliveryStatus.PENDING })
  status: DeliveryStatus;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    deprecationReason: 'Use lastStatusClass: what the owner needs is the class of the answer.',
    description: 'HTTP status the receiver answered the last attempt with (null: no answer, or not contacted). Only a public internet receiver (or one the operator allowed) is ever contacted.',
  })
  @Column({ name: 'last_status', type: 'int', nullable: true })
  lastStatus: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the last attempt did not deliver, in fixed words ("no answer", "the receiver answered HTTP 5xx", "refused: the destination is not a public internet address" …); never a network error text.',
  })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The class of the HTTP status the receiver answered the last attempt with: "2xx", "3xx" (redirects are not followed), "4xx" or "5xx"; null when nothing answered.',
  })
  get lastStatusClass(): string | null {
    return this.lastStatus === null || this.lastStatus === undefined ? null : `${Math.floor(this.lastStatus / 100)}xx`;
  }

  @Field(() => DeliveryOutcome, { nullable: true, description: 'The outcome so far (null: not attempted yet).' })
  get outcome(): DeliveryOutcome | null {
    if (this.status === DeliveryStatus.DELIVERED) return DeliveryOutcome.DELIVERED;
    if (this.status === DeliveryStatus.FAILED) return DeliveryOutcome.FAILED;
    if (this.status === DeliveryStatus.CANCELLED) return DeliveryOutcome.CANCELLED;
    return this.attempts > 0 ? DeliveryOutcome.RETRYING : null;
  }
}
