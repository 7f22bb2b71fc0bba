import { Webhook } from 'standardwebhooks';
import { Principal, Role } from '../../auth/roles';
import { RequestDb } from '../../db/request-db';
import { JobTask } from '../../db/job-queue';
import { CostAlert, CostAlertDelivery, CostCategory, CostWebhook, DeliveryStatus } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { toGlobalId } from '../../global-id';

/**
 * Sends one alert to one municipality's webhook (the job `costs:deliver-alert`, enqueued in the
 * transaction that stored the alert). Signed by the Standard Webhooks scheme (`webhook-id` = the
 * delivery id, the same on every attempt, so a receiver can drop a repeat; `webhook-timestamp`;
 * `webhook-signature` v1 = HMAC-SHA256 with the municipality's secret). A 2xx answer marks the
 * delivery DELIVERED and it is never sent again; anything else is recorded and thrown, so the
 * queue retries with exponential backoff until the last attempt (then FAILED). An alert the
 * municipality acknowledged meanwhile is not sent (CANCELLED).
 *
 * The task acts as the service's HOST_FINANCE (the sender of cost reports) in a transaction of the
 * API role, so RLS applies as for a request: it reads the delivery, the alert and the webhook of
 * an owner municipality, and writes the delivery's outcome, nothing else.
 */

export const DELIVER_ALERT = 'costs:deliver-alert';
const TIMEOUT_MS = 10_000;

interface Payload {
  deliveryId: string;
  regionId: string;
  serviceId: string;
}

function isPayload(p: unknown): p is Payload {
  const o = p as Record<string, unknown> | null;
  return !!o && typeof o.deliveryId === 'string' && typeof o.regionId === 'string' && typeof o.serviceId === 'string';
}

/** The JSON body (Standard Webhooks: type, timestamp, data). */
export function alertEvent(alert: CostAlert, service: SharedService, municipality: Municipality, category: CostCategory, at: Date) {
  return {
    type: 'cost.alert',
    timestamp: at.toISOString(),
    data: {
      id: toGlobalId('CostAlert', alert.id),
      service: { code: service.code, name: service.name },
      municipality: { number: municipality.number, name: municipality.name },
      category: { code: category.code, name: category.name },
      period: alert.period,
      source: alert.source,
      basis: alert.basis,
      comparedOre: alert.comparedOre,
      actualOre: alert.actualOre,
      deviationOre: alert.deviationOre,
      deviationPercent: alert.deviationPercent,
      message: alert.message,
      raisedAt: alert.raisedAt.toISOString(),
    },
  };
}

export const deliverAlert: JobTask = async (payload, deps) => {
  if (!isPayload(payload)) throw new Error('costs:deliver-alert: malformed payload');
  const sender: Principal = { role: Role.HOST_FINANCE, subject: 'costs-webhook-sender', regionId: payload.regionId, serviceId: payload.serviceId };
  const transaction = async <T>(work: (db: RequestDb) => Promise<T>): Promise<T> => {
    const db = new RequestDb(deps.app, sender);
    try {
      const out = await work(db);
      await db.finish(true);
      return out;
    } finally {
      await db.finish(false);
    }
  };
  const record = (changes: Partial<CostAlertDelivery>) => transaction(async (db) => {
    await (await db.manager()).getRepository(CostAlertDelivery).update({ id: payload.deliveryId, status: DeliveryStatus.PENDING }, changes);
  });

  const found = await transaction(async (db) => {
    const em = await db.manager();
    const delivery = await em.getRepository(CostAlertDelivery).findOneBy({ id: payload.deliveryId });
    if (!delivery) return null;
    const alert = await em.getRepository(CostAlert).findOneByOrFail({ id: delivery.alertId });
    return {
      delivery,
      alert,
      webhook: await em.getRepository(CostWebhook).findOneBy({ id: delivery.webhookId }),
      service: await em.getRepository(SharedService).findOneByOrFail({ id: alert.serviceId }),
      municipality: await em.getRepository(Municipality).findOneByOrFail({ id: alert.municipalityId }),
      category: await em.getRepository(CostCategory).findOneByOrFail({ id: alert.categoryId }),
    };
  });
  // Delivered, cancelled or given up already: never again.
  if (!found || found.delivery.status !== DeliveryStatus.PENDING) return;
  const { delivery, alert, webhook } = found;
  if (alert.acknowledgedAt || !webhook || !webhook.active) {
    await record({ status: DeliveryStatus.CANCELLED, lastError: alert.acknowledgedAt ? 'acknowledged before delivery' : 'the webhook was switched off' });
    return;
  }

  const now = new Date();
  const body = JSON.stringify(alertEvent(alert, found.service, found.municipality, found.category, now));
  const signature = new Webhook(webhook.secret).sign(delivery.id, now, body);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(webhook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
        'user-agent': 'samvirke-cost-alerts',
      },
      body,
    });
    status = res.status;
    await res.body?.cancel().catch(() => undefined);
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (e) {
    error = (e as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : `not reachable: ${(e as Error).message}`.slice(0, 200);
  }
  const attempt = { attempts: delivery.attempts + 1, lastAttemptAt: now, lastStatus: status };
  if (!error) {
    await record({ ...attempt, lastError: null, status: DeliveryStatus.DELIVERED, deliveredAt: now });
    return;
  }
  const last = deps.attempt >= deps.maxAttempts;
  await record({ ...attempt, lastError: error, ...(last ? { status: DeliveryStatus.FAILED } : {}) });
  deps.log.warn({ deliveryId: delivery.id, attempt: deps.attempt, status }, `cost alert webhook failed: ${error}`);
  throw new Error(`webhook delivery ${delivery.id} failed: ${error}`);
};
