import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context';
import { localeOf } from '../../context';
import { CostAlert, CostAlertDelivery, CostAlertRule, CostCategory, CostReport, CostWebhook } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { PageArgs } from '../../schema/connection';
import { CostAlertIdInput, CreateCostAlertRuleInput, SetCostAlertWebhookInput, UpdateCostAlertRuleInput } from '../../schema/costs/inputs';
import { CostAlertConnection, CostAlertPayload, CostAlertRulePayload, CostAlertWebhookPayload } from '../../schema/costs/types';
import { acknowledgeCostAlert, alertText, createCostAlertRule, setCostAlertWebhook, updateCostAlertRule } from '../../services/costs/alerts';
import { costLoaders, findCostWebhook, listCostAlertRules, listCostAlerts } from '../../services/costs/read';
import type { AlertEvent } from '../../services/costs/live';
import { alertOfEvent, costAlertSource } from '../../services/costs/live';

@Resolver(() => CostAlertRule)
export class CostAlertRuleResolver {
  @Query(() => [CostAlertRule], { description: 'Alert rules (SERVICE_LEADER, HOST_FINANCE: their service).' })
  costAlertRules(@Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null, @Ctx() ctx: Context) {
    return listCostAlertRules(ctx, serviceId);
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Only this owner municipality; null = every one.' })
  municipality(@Root() r: CostAlertRule, @Ctx() ctx: Context) {
    return r.municipalityId ? ctx.loaders.byId(Municipality).load(r.municipalityId) : null;
  }

  @FieldResolver(() => CostCategory, { nullable: true, description: 'Only this category; null = every one.' })
  category(@Root() r: CostAlertRule, @Ctx() ctx: Context) {
    return r.categoryId ? ctx.loaders.byId(CostCategory).load(r.categoryId) : null;
  }

  @Mutation(() => CostAlertRulePayload, { description: 'HOST_FINANCE: a new alert rule for their service.' })
  createCostAlertRule(@Arg('input') input: CreateCostAlertRuleInput, @Ctx() ctx: Context) {
    return createCostAlertRule(ctx, input);
  }

  @Mutation(() => CostAlertRulePayload, { description: 'HOST_FINANCE: rename, switch off/on or change the thresholds of a rule.' })
  updateCostAlertRule(@Arg('input') input: UpdateCostAlertRuleInput, @Ctx() ctx: Context) {
    return updateCostAlertRule(ctx, input);
  }
}

@Resolver(() => CostAlert)
export class CostAlertResolver {
  @Query(() => CostAlertConnection, { description: "Cost alerts you may read, newest first: the service's leader and host finance all of theirs; an owner municipality its own." })
  costAlerts(
    @Arg('acknowledged', () => Boolean, { nullable: true, description: 'false = only those not acknowledged yet.' }) acknowledged: boolean | null,
    @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM' }) period: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listCostAlerts(ctx, { ...page, acknowledged, serviceId, period });
  }

  @Subscription(() => CostAlert, {
    nullable: true,
    description:
      'Alerts as they are raised (WebSocket, graphql-ws; authenticate with { authorization: "Bearer <token>" } in connection_init). You receive exactly the alerts costAlerts would show you.',
    subscribe: ({ args, context }) => costAlertSource(context as Context, args.serviceId ?? null),
  })
  costAlertRaised(@Root() event: AlertEvent | undefined, @Arg('serviceId', () => ID, { nullable: true, description: 'Only alerts of this service.' }) _serviceId: string | null, @Ctx() ctx: Context) {
    return alertOfEvent(ctx, event);
  }

  @FieldResolver(() => String, { description: "What crossed the rule, in the reader's language (Accept-Language; bokmål by default)." })
  message(@Root() a: CostAlert, @Ctx() ctx: Context) {
    return alertText(localeOf(ctx), a);
  }

  @FieldResolver(() => SharedService)
  service(@Root() a: CostAlert, @Ctx() ctx: Context) {
    return ctx.loaders.byId(SharedService).load(a.serviceId);
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() a: CostAlert, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(a.municipalityId);
  }

  @FieldResolver(() => CostCategory)
  category(@Root() a: CostAlert, @Ctx() ctx: Context) {
    return ctx.loaders.byId(CostCategory).load(a.categoryId);
  }

  @FieldResolver(() => CostAlertRule, { nullable: true, description: "The rule (null for owner municipalities: rules are the service's)." })
  rule(@Root() a: CostAlert, @Ctx() ctx: Context) {
    return ctx.loaders.byId(CostAlertRule).load(a.ruleId);
  }

  @FieldResolver(() => CostReport, { nullable: true, description: 'The published report that raised it (source PUBLICATION).' })
  report(@Root() a: CostAlert, @Ctx() ctx: Context) {
    return a.reportId ? ctx.loaders.byId(CostReport).load(a.reportId) : null;
  }

  @FieldResolver(() => [CostAlertDelivery], { description: 'Webhook deliveries of the alert.' })
  deliveries(@Root() a: CostAlert, @Ctx() ctx: Context) {
    return costLoaders.deliveries(ctx, a.id);
  }

  @Mutation(() => CostAlertPayload, { description: 'MUNICIPAL_DIRECTOR or MUNICIPAL_FINANCE of the municipality concerned: the alert is seen (pending webhook deliveries stop).' })
  acknowledgeCostAlert(@Arg('input') input: CostAlertIdInput, @Ctx() ctx: Context) {
    return acknowledgeCostAlert(ctx, input);
  }
}

@Resolver(() => CostWebhook)
export class CostWebhookResolver {
  @Query(() => CostWebhook, { nullable: true, description: 'MUNICIPAL_DIRECTOR, MUNICIPAL_FINANCE: where your municipality receives cost alerts (without the secret).' })
  costAlertWebhook(@Arg('municipalityNumber', () => String, { nullable: true }) municipalityNumber: string | null, @Ctx() ctx: Context) {
    return findCostWebhook(ctx, municipalityNumber);
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() w: CostWebhook, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(w.municipalityId);
  }

  @Mutation(() => CostAlertWebhookPayload, { description: 'MUNICIPAL_DIRECTOR or MUNICIPAL_FINANCE: where your municipality receives cost alerts; the secret is returned when it is made.' })
  setCostAlertWebhook(@Arg('input') input: SetCostAlertWebhookInput, @Ctx() ctx: Context) {
    return setCostAlertWebhook(ctx, input);
  }
}
