import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestApp } from '../helpers/test-app';

/** WebSocket subscribers of `costAlertRaised` for tests: what each received, as it comes. */

export const ALERT_SUBSCRIPTION = `subscription($s: ID) { costAlertRaised(serviceId: $s) { id period municipality { number } category { code } message } }`;

export interface Subscriber {
  events: any[];
  errors: any[];
  closed(): { code: number } | undefined;
  dispose(): Promise<void>;
}

export function subscribe(app: TestApp, token: string | undefined, serviceId: string | null = null): Subscriber {
  const events: any[] = [];
  const errors: any[] = [];
  let closed: { code: number } | undefined;
  const client: Client = createClient({
    url: app.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => (closed = event as { code: number }) },
  });
  client.subscribe(
    { query: ALERT_SUBSCRIPTION, variables: { s: serviceId } },
    {
      next: (value) => (value.errors ? errors.push(...value.errors) : events.push(value.data!.costAlertRaised)),
      error: (e) => errors.push(...(Array.isArray(e) ? e : [e])),
      complete: () => undefined,
    },
  );
  return { events, errors, closed: () => closed, dispose: () => Promise.resolve(client.dispose()) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it gives something truthy (or fails after `ms`). */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false | 0>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Whether the server's LISTEN connection is up (a subscription is live from then on). */
export async function listenerUp(app: TestApp): Promise<boolean> {
  return (await app.owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'samvirke-listen' AND datname = current_database()`)).rows[0].n > 0;
}

/** Waits until the server's LISTEN connection is up, and a moment for the subscription to register. */
export async function listening(app: TestApp): Promise<void> {
  await until('the listener', () => listenerUp(app));
  await sleep(300);
}
