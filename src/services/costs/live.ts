import { Context } from '../../context';
import { CostAlert } from '../../entities/costs';
import { mapStream } from '../../db/notifications';
import { badInput } from '../../errors';
import { idOfType } from '../../global-id';
import { requireRole } from '../access';
import { REPORT_READERS } from './guard';

/**
 * The live source of `costAlertRaised`: the `cost_alert` notifications (sent by a trigger when an
 * alert's transaction commits) of the subscriber's region, optionally of one service. Each event
 * is then resolved under the subscriber's own RLS context (visibleAlert), so a municipality hears
 * of its own alerts only and the service's roles of their service's.
 */
export interface AlertEvent {
  id: string;
  regionId: string;
  serviceId: string;
}

export async function costAlertSource(ctx: Context, serviceGlobalId: string | null): Promise<AsyncIterableIterator<AlertEvent>> {
  ctx = requireRole(ctx, REPORT_READERS, 'Subscribing to cost alerts');
  const serviceId = serviceGlobalId ? idOfType(serviceGlobalId, 'SharedService') : null;
  if (serviceGlobalId && !serviceId) throw badInput('serviceId', 'id', { key: 'common.errors.notIdOf', params: { type: 'SharedService' } });
  if (!ctx.listen) throw badInput('subscription', 'transport', { key: 'common.errors.subscriptionTransport' });
  const stream = await ctx.listen('cost_alert');
  return mapStream(stream, (payload) => {
    const event = JSON.parse(payload) as AlertEvent;
    return event.regionId === ctx.principal.regionId && (!serviceId || event.serviceId === serviceId) ? event : undefined;
  });
}

/** The alert of an event, or null when this subscriber may not see it (RLS); over HTTP there is no event. */
export async function alertOfEvent(ctx: Context, event: AlertEvent | undefined) {
  if (!event) throw badInput('subscription', 'transport', { key: 'common.errors.subscriptionTransport' }, 400);
  return ctx.loaders.byId(CostAlert).load(event.id);
}
