import { randomBytes } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { actsAt } from '../../auth/roles';
import { asAnyFacet, Context } from '../../context';
import { AlertBasis, AlertSource, CostAlert, CostAlertDelivery, CostAlertRule, CostCategory, CostWebhook, DeliveryStatus } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { isMessageKey, Locale, Message, render, translate } from '../../i18n';
import { SharedService } from '../../entities/reference/shared-service';
import { requireScope } from '../access';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { municipalitiesByNumber } from '../reference/kommunenummer';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { Crossing, evaluateRules, LineFigures, RuleSpec } from './alert-rules';
import { AlertRuleChanges, ByAlert, NewAlertRule, WebhookChange } from './args';
import { allowanceOf, checkDestination } from './destination';
import { kroner, percent } from './format';
import { ALERT_ACKNOWLEDGERS, HOST_FINANCE, ownMunicipality, ownServiceRow, serviceInScope } from './guard';

/**
 * "Ved store endringer i kostnadsbildet rapporteres fortløpende" (seed 001): alert rules per
 * service; an import or a publication whose figures cross a rule raises an alert for the
 * municipality concerned. Each alert is stored (costAlerts), announced to subscribers (a NOTIFY on
 * commit, see the migration) and queued for the municipality's webhook (a delivery row whose job is
 * enqueued in the same transaction; delivery.ts sends it).
 */

export interface AlertContext {
  service: SharedService;
  period: string;
  source: AlertSource;
  reportId: string | null;
}

/**
 * What an alert says, as a message of the catalogues (src/i18n, `costs.alert.*`): stored with the
 * alert (key and params) and rendered in each reader's language; the amounts are formatted once
 * (kroner, per cent) and read the same in both languages.
 */
export function alertMessage(service: string, municipality: { name: string; number: string }, category: string, period: string, c: Crossing): Message & { params: Record<string, string> } {
  const sign = (v: bigint) => (v > 0n ? '+' : '');
  const params = {
    service,
    municipality: municipality.name,
    number: municipality.number,
    category,
    period,
    actual: kroner(c.actual),
    compared: kroner(c.compared),
    deviation: `${sign(c.deviation)}${kroner(c.deviation)}`,
    percent: c.deviationBp === null ? '' : ` (${c.deviationBp > 0 ? '+' : ''}${percent(c.deviationBp)} %)`,
  };
  return { key: c.basis === AlertBasis.BUDGET ? 'costs.alert.budget' : 'costs.alert.forecast', params };
}

/** An alert's text in `locale`: its stored key and params, or, for an alert raised before they were stored, its stored (English) text. */
export function alertText(locale: Locale, alert: Pick<CostAlert, 'message' | 'messageKey' | 'messageParams'>): string {
  if (alert.messageKey && isMessageKey(alert.messageKey)) return translate(locale, alert.messageKey, alert.messageParams ?? {});
  return alert.message;
}

/**
 * Evaluates the service's active rules on municipality × category lines and stores an alert for
 * every crossing not alerted before (one per rule, municipality, category and month), with a
 * webhook delivery for each municipality that has an active webhook. Returns the new alerts.
 */
export async function raiseAlertsFor(
  tx: EntityManager,
  at: AlertContext,
  lines: readonly { municipalityId: string | null; categoryId: string | null; budgetYtd: bigint; actualYtd: bigint; forecast: bigint }[],
  previous: ReadonlyMap<string, LineFigures> | null,
): Promise<CostAlert[]> {
  const rules = await tx.getRepository(CostAlertRule).findBy({ serviceId: at.service.id, active: true });
  if (!rules.length) return [];
  const specs: RuleSpec[] = rules.map((r) => ({
    id: r.id,
    basis: r.basis,
    thresholdBp: r.thresholdBp,
    thresholdOre: r.thresholdOre === null ? null : BigInt(r.thresholdOre),
    municipalityId: r.municipalityId,
    categoryId: r.categoryId,
  }));
  const figures = lines.filter((l): l is LineFigures => l.municipalityId !== null && l.categoryId !== null);
  const crossings = evaluateRules(specs, figures, previous);
  if (!crossings.length) return [];
  const municipalities = new Map((await tx.getRepository(Municipality).findBy({ id: In([...new Set(crossings.map((c) => c.municipalityId))]) })).map((m) => [m.id, m]));
  const categories = new Map((await tx.getRepository(CostCategory).findBy({ id: In([...new Set(crossings.map((c) => c.categoryId))]) })).map((c) => [c.id, c]));
  const rows = crossings.map((c) => {
    const m = municipalities.get(c.municipalityId)!;
    const message = alertMessage(at.service.name, m, categories.get(c.categoryId)!.name, at.period, c);
    return {
      regionId: at.service.regionId,
      serviceId: at.service.id,
      municipalityId: c.municipalityId,
      categoryId: c.categoryId,
      ruleId: c.ruleId,
      period: at.period,
      source: at.source,
      reportId: at.reportId,
      basis: c.basis,
      comparedOre: String(c.compared),
      actualOre: String(c.actual),
      deviationOre: String(c.deviation),
      deviationBp: c.deviationBp,
      // The English text stays stored beside the key (what an older reader and the audit see).
      message: render('en', message),
      messageKey: message.key,
      messageParams: message.params,
    };
  });
  // Alerted before (by an import, the publication, or an earlier version of the month): skipped.
  const inserted: { id: string }[] = await tx
    .createQueryBuilder()
    .insert()
    .into(CostAlert)
    .values(rows)
    .orIgnore()
    .returning('id')
    .execute()
    .then((r) => r.raw);
  if (!inserted.length) return [];
  const alerts = await tx.getRepository(CostAlert).findBy({ id: In(inserted.map((r) => r.id)) });
  const webhooks = await tx.getRepository(CostWebhook).findBy({ municipalityId: In([...new Set(alerts.map((a) => a.municipalityId))]), active: true });
  const deliveries = alerts.flatMap((a) =>
    webhooks
      .filter((w) => w.municipalityId === a.municipalityId)
      .map((w) => ({
        regionId: a.regionId,
        serviceId: a.serviceId,
        municipalityId: a.municipalityId,
        alertId: a.id,
        webhookId: w.id,
        url: w.url,
        status: DeliveryStatus.PENDING,
      })),
  );
  if (deliveries.length) await tx.getRepository(CostAlertDelivery).insert(deliveries);
  return alerts.sort((a, b) => a.message.localeCompare(b.message));
}

/** A percentage with at most two decimals, as basis points; or the problem with it. */
function thresholdBp(value: number | null | undefined, rules: RuleCheck): number | null {
  if (value === null || value === undefined) return null;
  const bp = Math.round(value * 100);
  if (!Number.isFinite(value) || Math.abs(value * 100 - bp) > 1e-6 || bp < 1 || bp > 1_000_000) {
    rules.add(userError('thresholdPercent', 'costs.percentageBetweenMostTwo'));
    return null;
  }
  return bp;
}

function thresholdOre(value: string | null | undefined, rules: RuleCheck): string | null {
  if (value === null || value === undefined) return null;
  if (BigInt(value) < 1n || BigInt(value) > 1_000_000_000_000_000n) {
    rules.add(userError('thresholdOre', 'costs.betweenReKr'));
    return null;
  }
  return value;
}

export const createCostAlertRule = defineMutation({
  name: 'createCostAlertRule',
  roles: HOST_FINANCE,
  action: 'Creating a cost alert rule',
  async run({ tx, ctx, audit }, input: NewAlertRule) {
    const service = await serviceInScope(tx, ctx, input.serviceId);
    const rules = new RuleCheck();
    const bp = thresholdBp(input.thresholdPercent, rules);
    const ore = thresholdOre(input.thresholdOre, rules);
    if (input.thresholdPercent == null && input.thresholdOre == null) rules.add(userError('thresholdPercent', 'costs.givePercentageAmountBoth'));
    const [municipality] = input.municipalityNumber ? await municipalitiesByNumber(tx, [input.municipalityNumber], rules, () => 'municipalityNumber') : [];
    const category = input.categoryId ? await findByGlobalId(tx, CostCategory, input.categoryId, 'categoryId', 'cost category') : null;
    rules.throwIfAny();
    const repo = tx.getRepository(CostAlertRule);
    const rule = repo.create({
      regionId: service.regionId,
      serviceId: service.id,
      name: input.name.trim(),
      basis: input.basis,
      thresholdBp: bp,
      thresholdOre: ore,
      municipalityId: municipality?.id ?? null,
      categoryId: category?.id ?? null,
      active: true,
      createdBy: ctx.principal.subject,
    });
    await repo.save(rule);
    await audit({ entity: 'CostAlertRule', entityId: rule.id, after: rule });
    return { rule };
  },
});

export const updateCostAlertRule = defineMutation({
  name: 'updateCostAlertRule',
  roles: HOST_FINANCE,
  action: 'Changing a cost alert rule',
  async run({ tx, ctx, audit }, input: AlertRuleChanges) {
    const before = await ownServiceRow(tx, ctx, CostAlertRule, input.id, 'id', 'cost alert rule');
    const rules = new RuleCheck();
    const rule = tx.getRepository(CostAlertRule).create({ ...before });
    if (input.name !== undefined && input.name !== null) rule.name = input.name.trim();
    if (input.active !== undefined && input.active !== null) rule.active = input.active;
    if (input.thresholdPercent !== undefined) rule.thresholdBp = thresholdBp(input.thresholdPercent, rules);
    if (input.thresholdOre !== undefined) rule.thresholdOre = thresholdOre(input.thresholdOre, rules);
    if (rule.thresholdBp === null && rule.thresholdOre === null) rules.add(userError('thresholdPercent', 'costs.ruleKeepsPercentageAmount'));
    rules.throwIfAny();
    await tx.getRepository(CostAlertRule).save(rule);
    await audit({ entity: 'CostAlertRule', entityId: rule.id, before, after: rule });
    return { rule };
  },
});

/** The municipality concerned (its director or finance) has seen the alert; pending webhook deliveries stop. */
export const acknowledgeCostAlert = defineMutation({
  name: 'acknowledgeCostAlert',
  roles: ALERT_ACKNOWLEDGERS,
  action: 'Acknowledging a cost alert',
  async run({ tx, ctx, audit }, input: ByAlert) {
    const before = await findByGlobalId(tx, CostAlert, input.alertId, 'alertId', 'cost alert');
    requireScope(
      asAnyFacet(ctx, (as) => actsAt(as.principal, before.municipalityId)),
      { key: 'costs.errors.acknowledgeOwnMunicipalityOnly' },
    );
    if (before.acknowledgedAt) reject('alertId', 'costs.acknowledgedAlready', { acknowledgedBy: before.acknowledgedBy ?? '' }, UserErrorCode.CONFLICT);
    await tx.getRepository(CostAlert).update({ id: before.id }, { acknowledgedAt: new Date(), acknowledgedBy: ctx.principal.subject });
    const alert = await tx.getRepository(CostAlert).findOneByOrFail({ id: before.id });
    await audit({ entity: 'CostAlert', entityId: alert.id, municipalityId: alert.municipalityId, before, after: alert });
    return { alert };
  },
});

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * A webhook URL: https (http only outside production, for local receivers), no credentials, and a
 * public internet destination (destination.ts; every delivery checks it again).
 */
async function checkUrl(ctx: Context, url: string, rules: RuleCheck): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    rules.add(userError('url', 'costs.notUrl'));
    return;
  }
  const allowed = ctx.config.env === 'production' ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(parsed.protocol)) rules.add(userError('url', allowed.length === 1 ? 'costs.urlMustBeHttps' : 'costs.urlMustBeHttpOrHttps', { allowed: allowed.join(', ') }));
  if (parsed.username || parsed.password) rules.add(userError('url', 'costs.carryCredentialsAlertsSigned'));
  const shapeOk = allowed.includes(parsed.protocol) && !parsed.username && !parsed.password && !/\s/.test(url);
  if (/\s/.test(url)) rules.add(userError('url', 'costs.containWhiteSpace'));
  if (!shapeOk) return;
  if ((await checkDestination(parsed, allowanceOf(ctx.config.webhookAllowPrivate))) === 'refused') {
    rules.add(userError('url', 'costs.receiverPublicInternetLoopback'));
  }
}

/**
 * Sets where an owner municipality receives its alerts. The signing secret (Standard Webhooks,
 * "whsec_…") is made on the first call or with rotateSecret, and returned only then.
 */
export const setCostAlertWebhook = defineMutation({
  name: 'setCostAlertWebhook',
  roles: ALERT_ACKNOWLEDGERS,
  action: 'Setting the cost alert webhook',
  async run({ tx, ctx, audit }, input: WebhookChange) {
    const municipality = await ownMunicipality(tx, ctx, input.municipalityNumber, 'municipalityNumber');
    const repo = tx.getRepository(CostWebhook);
    const before = await repo.findOneBy({ municipalityId: municipality.id });
    const rules = new RuleCheck();
    const url = input.url?.trim() || null;
    if (url) await checkUrl(ctx, url, rules);
    if (!before && !url) rules.add(userError('url', 'costs.giveUrlAlertsSent'));
    rules.throwIfAny();
    const secret = !before || input.rotateSecret ? newSecret() : before.secret;
    const webhook = repo.create({
      ...(before ?? {}),
      regionId: municipality.regionId,
      municipalityId: municipality.id,
      url: input.url === undefined ? before!.url : (url ?? before!.url),
      active: input.url === undefined ? (before?.active ?? true) : url !== null,
      secret,
      updatedAt: new Date(),
      updatedBy: ctx.principal.subject,
    });
    await repo.save(webhook);
    // The secret never goes into the audit trail; that it changed does.
    const shown = (w: CostWebhook | null) => (w ? { url: w.url, active: w.active } : null);
    await audit({ entity: 'CostWebhook', entityId: webhook.id, municipalityId: municipality.id, before: shown(before), after: { ...shown(webhook), secretRotated: secret !== before?.secret } });
    return { webhook, secret: secret !== before?.secret ? secret : null };
  },
});
