import { Client } from 'pg';
import pino from 'pino';
import { Notifications } from '../../src/db/notifications';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The LISTEN connection (src/db/notifications.ts) is shared by every watcher and subscriber of a
 * server, and several of them start listening at the same moment (the caches' channel watches at
 * start-up). Its commands run one after another: a `pg` client given a query while it runs one
 * warns now ("deprecated … removed in pg@9.0") and will refuse it in pg 9.
 */
let app: TestApp;
let notifications: Notifications;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await notifications?.close();
  await app.close();
});

const nextOf = (stream: AsyncIterableIterator<string>) => stream.next().then((step) => step.value as string);

it('listens on several channels asked for at the same moment, one LISTEN after another, and hears each', async () => {
  notifications = new Notifications(app.ownerUrl, pino({ level: 'silent' }));
  const channels = ['samvirke_test_a', 'samvirke_test_b', 'samvirke_test_c', 'samvirke_test_a'];
  // How many queries the listening connection has running at once (a spy that calls the real
  // method; other clients of the test app, which may be busy meanwhile, are not counted).
  const query = Client.prototype.query;
  const running = new Map<Client, number>();
  let most = 0;
  const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
    const result = (query as (...a: unknown[]) => unknown).apply(this, args) as Promise<unknown>;
    if (typeof args[0] !== 'string' || !args[0].startsWith('LISTEN ')) return result as never;
    running.set(this, (running.get(this) ?? 0) + 1);
    most = Math.max(most, running.get(this)!);
    void result.finally(() => running.set(this, running.get(this)! - 1)).catch(() => undefined);
    return result as never;
  });
  let streams: AsyncIterableIterator<string>[];
  try {
    streams = await Promise.all(channels.map((channel) => notifications.listen(channel)));
  } finally {
    spy.mockRestore();
  }
  expect(most).toBe(1);

  const heard = streams.map(nextOf);
  const sender = new Client({ connectionString: app.ownerUrl });
  await sender.connect();
  try {
    for (const [i, channel] of ['samvirke_test_a', 'samvirke_test_b', 'samvirke_test_c'].entries()) await sender.query(`SELECT pg_notify($1, $2)`, [channel, `payload ${i}`]);
  } finally {
    await sender.end();
  }
  expect(await Promise.all(heard)).toEqual(['payload 0', 'payload 1', 'payload 2', 'payload 0']);
  for (const stream of streams) await stream.return?.();
});
