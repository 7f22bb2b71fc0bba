import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Role } from '../../src/auth/roles';
import { JobRunner, startJobRunner } from '../../src/db/job-queue';
import { tasks } from '../../src/features';
import { createLogger } from '../../src/logger';
import { startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, importLedger, ledgerCsv, mutate } from './fixtures';
import { until } from './live';

/**
 * A graceful stop never strands a webhook delivery: whether the stop comes while an attempt is in
 * flight (a slow receiver) or while the job waits for its retry, the delivery is attempted again
 * within a minute of the next start (a job left locked would wait about four hours).
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ webhookAllowPrivate: ['127.0.0.1'] });
});
afterAll(() => app.close());

/** A receiver that answers each request after `delays[i]` ms with `statuses[i]` (the last ones repeat). */
async function slowReceiver(delays: number[], statuses: number[]) {
  const requests: { id: string; at: number }[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const i = requests.length;
    requests.push({ id: String(req.headers['webhook-id']), at: Date.now() });
    req.resume();
    open.add(res);
    const timer = setTimeout(
      () => {
        open.delete(res);
        if (!res.destroyed) res.writeHead(statuses[Math.min(i, statuses.length - 1)]).end();
      },
      delays[Math.min(i, delays.length - 1)],
    );
    res.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
}

const log = createLogger(process.env.DD_LOG ?? 'silent');
const runners: JobRunner[] = [];
const runner = async () => {
  const r = await startJobRunner({ queueUrl: app.ownerUrl, app: app.appDataSource, config: app.config, log, tasks, pollIntervalMs: 250 });
  runners.push(r);
  return r;
};
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
});

async function alertFor(f: CostFixture, number: string, url: string, voucher: string) {
  await mutate(app, f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Over 25 %', basis: 'BUDGET', thresholdPercent: 25 }, 'rule { id }');
  await mutate(app, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: number }), 'setCostAlertWebhook', { url, rotateSecret: true }, 'secret');
  await importLedger(app, f.hostFinance, ledgerCsv([{ voucher, date: '2024-01-20', funksjon: f.direct.funksjon, ore: 80_000_00, kommunenummer: number }]));
}
const delivery = async (f: CostFixture) => (await app.owner.query(`SELECT id, status, attempts, last_status AS "lastStatus" FROM cost_alert_delivery WHERE service_id = $1`, [f.serviceId])).rows[0];
/** The queue's delivery jobs (the public view; each test's earlier jobs are done, hence gone). */
const jobs = async () =>
  (
    await app.owner.query(
      `SELECT attempts, max_attempts AS "maxAttempts", locked_at AS "lockedAt", run_at <= now() AS "dueNow", run_at <= now() + interval '1 minute' AS "dueWithinAMinute"
     FROM graphile_worker.jobs WHERE task_identifier = 'costs:deliver-alert'`,
    )
  ).rows;

describe('webhook deliveries across a graceful stop', () => {
  it('releases an attempt in flight: not counted, due again at once, delivered after the next start', async () => {
    const f = await costFixture(app);
    // The first request is answered only after a minute (the stop comes long before); then at once.
    const hook = await slowReceiver([60_000, 0], [204]);
    await alertFor(f, '3429', hook.url, 'FLIGHT');
    const first = await runner();
    await until('the attempt in flight', async () => hook.requests.length === 1);
    await first.stop();
    const { id } = await delivery(f);
    expect(await delivery(f)).toMatchObject({ status: 'PENDING', attempts: 0, lastStatus: null });
    // Released (not locked for four hours), due now, and the interrupted attempt given back (one more allowed).
    expect(await jobs()).toEqual([{ attempts: 1, maxAttempts: 13, lockedAt: null, dueNow: true, dueWithinAMinute: true }]);

    await runner();
    await until('the delivery after the restart', async () => (await delivery(f)).status === 'DELIVERED', 60_000);
    expect(await delivery(f)).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatus: 204 });
    expect(hook.requests.map((r) => r.id)).toEqual([id, id]);
    await hook.close();
  });

  it('keeps a job that waits for its retry: delivered after the next start', async () => {
    const f = await costFixture(app);
    // A slow 503 first, then a slow 204.
    const hook = await slowReceiver([300], [503, 204]);
    await alertFor(f, '3427', hook.url, 'RETRY');
    const first = await runner();
    await until('the failed first attempt', async () => (await delivery(f)).attempts === 1);
    await first.stop();
    const { id } = await delivery(f);
    expect(await delivery(f)).toMatchObject({ status: 'PENDING', attempts: 1, lastStatus: 503 });
    expect(await jobs()).toMatchObject([{ attempts: 1, maxAttempts: 12, lockedAt: null, dueWithinAMinute: true }]);

    await runner();
    await until('the retry after the restart', async () => (await delivery(f)).status === 'DELIVERED', 60_000);
    expect(await delivery(f)).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatus: 204 });
    expect(hook.requests.map((r) => r.id)).toEqual([id, id]);
    await hook.close();
  });
});
