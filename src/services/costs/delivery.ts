import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { Principal, Role } from '../../auth/roles';
import { RequestDb } from '../../db/request-db';
import { JobInterrupted, JobTask, TaskDeps } from '../../db/job-queue';
import { CostAlert, CostAlertDelivery, CostCategory, CostWebhook, DeliveryStatus } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { toGlobalId } from '../../global-id';
import { DEFAULT_LOCALE, Locale } from '../../i18n';
import { alertText } from './alerts';
import { allowanceOf, guardedLookup, RefusedDestination, urlHostRefused } from './destination';

/**
 * Sends one alert to one municipality's webhook (the job `costs:deliver-alert`, enqueued in the
 * transaction that stored the alert). Signed by the Standard Webhooks scheme (`webhook-id` = the
 * delivery id, the same on every attempt, so a receiver can drop a repeat; `webhook-timestamp`;
 * `webhook-signature` v1 = HMAC-SHA256 with the municipality's secret). A 2xx answer marks the
 * delivery DELIVERED and it is never sent again; anything else is recorded and thrown, so the
 * queue retries with exponential backoff until the last attempt (then FAILED). An alert the
 * municipality acknowledged meanwhile is not sent (CANCELLED).
 *
 * Only a public internet receiver is ever contacted (destination.ts, checked in the connection
 * itself); a refused destination fails the delivery at once. What the owner reads back
 * (`lastError`, `lastStatus`) is one of the fixed phrases of `DeliveryProblem` and the HTTP status
 * of a receiver that answered, never the network's error text (that goes to the operator's log).
 * A graceful stop aborts an attempt in flight (`deps.signal`): it is not recorded, and the job
 * runner makes the job due again at once (job-queue.ts).
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

/**
 * The JSON body (Standard Webhooks: type, timestamp, data). `message` is in `locale`, the
 * deployment's default language (DEFAULT_LANGUAGE, bokmål unless configured): a webhook has no
 * reader to ask; `messageKey` and `messageParams` let the receiver show its own text (null for an
 * alert raised before they were stored).
 */
export function alertEvent(alert: CostAlert, service: SharedService, municipality: Municipality, category: CostCategory, at: Date, locale: Locale = DEFAULT_LOCALE) {
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
      message: alertText(locale, alert),
      messageKey: alert.messageKey,
      messageParams: alert.messageParams,
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
  const record = (changes: Partial<CostAlertDelivery>) =>
    transaction(async (db) => {
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
    await record({ status: DeliveryStatus.CANCELLED, lastError: alert.acknowledgedAt ? DeliveryProblem.ACKNOWLEDGED : DeliveryProblem.SWITCHED_OFF });
    return;
  }

  const now = new Date();
  const body = JSON.stringify(alertEvent(alert, found.service, found.municipality, found.category, now, deps.config.defaultLocale));
  const signature = new Webhook(webhook.secret).sign(delivery.id, now, body);
  const headers = {
    'content-type': 'application/json',
    'webhook-id': delivery.id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signature,
    'user-agent': 'samvirke-cost-alerts',
  };
  const result = await post(webhook.url, headers, body, deps);
  if (result.interrupted) throw new JobInterrupted(`webhook delivery ${delivery.id} interrupted by shutdown`);
  const attempt = { attempts: delivery.attempts + 1, lastAttemptAt: now, lastStatus: result.status };
  if (result.delivered) {
    await record({ ...attempt, lastError: null, status: DeliveryStatus.DELIVERED, deliveredAt: now });
    return;
  }
  // The network's own words (which address answered, how) go to the operator's log only.
  deps.log.warn({ deliveryId: delivery.id, attempt: deps.attempt, status: result.status, detail: result.detail }, `cost alert webhook failed: ${result.problem}`);
  // A refused destination is not retried: it would only probe the network again.
  const last = result.refused || deps.attempt >= deps.maxAttempts;
  await record({ ...attempt, lastError: result.problem, ...(last ? { status: DeliveryStatus.FAILED } : {}) });
  if (!result.refused) throw new Error(`webhook delivery ${delivery.id} failed: ${result.problem}`);
};

/** What an owner reads in `lastError`: a fixed phrase, never the network's own error text. */
export const DeliveryProblem = {
  REFUSED: 'refused: the destination is not a public internet address',
  NO_ANSWER: 'no answer',
  ACKNOWLEDGED: 'acknowledged before delivery',
  SWITCHED_OFF: 'the webhook was switched off',
  status: (status: number) => `the receiver answered HTTP ${Math.floor(status / 100)}xx`,
} as const;

interface Attempt {
  delivered: boolean;
  status: number | null;
  problem: string;
  refused: boolean;
  interrupted: boolean;
  detail?: string;
}

/**
 * One POST to the webhook: only to a destination `destination.ts` allows, checked in the
 * connection itself (IP literals before, names in the socket's lookup); no redirect is followed
 * (a 3xx is an answer like any other), no connection is reused.
 */
function post(url: string, headers: Record<string, string>, body: string, deps: TaskDeps): Promise<Attempt> {
  const allow = allowanceOf(deps.config.webhookAllowPrivate);
  const failed = (problem: string, extra: Partial<Attempt> = {}): Attempt => ({ delivered: false, status: null, problem, refused: false, interrupted: false, ...extra });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failed(DeliveryProblem.REFUSED, { refused: true, detail: 'not a URL' }));
  }
  const protocols = deps.config.env === 'production' ? ['https:'] : ['https:', 'http:'];
  if (!protocols.includes(target.protocol) || target.username || target.password || urlHostRefused(target, allow)) {
    return Promise.resolve(failed(DeliveryProblem.REFUSED, { refused: true, detail: target.host }));
  }
  const signal = deps.signal ? AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), deps.signal]) : AbortSignal.timeout(TIMEOUT_MS);
  return new Promise<Attempt>((resolve) => {
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
        agent: false,
        lookup: guardedLookup(allow),
        signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('error', () => undefined);
        res.destroy();
        resolve(status >= 200 && status <= 299 ? { delivered: true, status, problem: '', refused: false, interrupted: false } : failed(DeliveryProblem.status(status), { status }));
      },
    );
    request.on('error', (error) => {
      if (deps.signal?.aborted) resolve(failed(DeliveryProblem.NO_ANSWER, { interrupted: true }));
      else if (error instanceof RefusedDestination) resolve(failed(DeliveryProblem.REFUSED, { refused: true, detail: error.message }));
      else resolve(failed(DeliveryProblem.NO_ANSWER, { detail: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300) }));
    });
    request.end(body);
  });
}
