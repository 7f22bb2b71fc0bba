import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Role } from '../../src/auth/roles';
import { JobRunner, startJobRunner } from '../../src/db/job-queue';
import { tasks } from '../../src/features';
import { createLogger } from '../../src/logger';
import { scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, importLedger, ledgerCsv, mutate, refused } from './fixtures';
import { until } from './live';

/**
 * A municipality's webhook is a request the service's server makes: in a production-like
 * configuration (NODE_ENV=production, no WEBHOOK_ALLOW_PRIVATE) it may reach only the public
 * internet. Every spelling of an inside address is refused when the webhook is set, and again at
 * delivery (for a URL stored earlier, or a name that resolves inside when delivered), without a
 * single connection; the owner reads the outcome, never what the network said.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: 'production', webhookAllowPrivate: [] });
});
afterAll(() => app.close());

const INSIDE = [
  'https://127.0.0.1/',
  'https://[::1]/',
  'https://169.254.169.254/latest/meta-data/',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://10.0.0.1/',
  'https://2130706433/',
  'https://0x7f000001/',
  'https://[::ffff:127.0.0.1]/',
  // … and their relatives
  'https://0177.0.0.1/',
  'https://127.1/',
  'https://0/',
  'https://[::]/',
  'https://172.16.0.1/',
  'https://192.168.1.1/',
  'https://100.64.0.1/',
  'https://[fd00::1]/',
  'https://[fe80::1]/',
  'https://224.0.0.1/',
  'https://[::ffff:169.254.169.254]/',
  'https://[64:ff9b::7f00:1]/',
  'https://METADATA.Google.Internal./',
  'https://localhost/',
  'https://localhost.:8443/x',
  'https://api.localhost/',
];

describe('webhook destinations in production', () => {
  it('refuses every inside destination when the webhook is set, and writes nothing', async () => {
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3426' });
    for (const url of INSIDE) {
      const errors = await refused(app, director, 'setCostAlertWebhook', { url });
      expect([url, errors.map((e) => [e.field.join('.'), e.code])]).toEqual([url, [['input.url', 'INVALID']]]);
      expect(errors[0].message).toMatch(/public internet/);
    }
    expect(await scalar<number>(app, `SELECT count(*)::int FROM cost_webhook w JOIN municipality m ON m.id = w.municipality_id WHERE m.number = '3426'`)).toBe(0);
    // A public receiver is accepted (a public address literal; a name that does not resolve now is checked at each delivery).
    const set = await mutate(app, director, 'setCostAlertWebhook', { url: 'https://93.184.215.14/samvirke' }, 'webhook { url }');
    expect(set.webhook.url).toBe('https://93.184.215.14/samvirke');
    // … and cannot be changed to an inside one afterwards.
    expect((await refused(app, director, 'setCostAlertWebhook', { url: 'https://[::1]:4000/' })).map((e) => e.code)).toEqual(['INVALID']);
    expect(await scalar(app, `SELECT w.url FROM cost_webhook w JOIN municipality m ON m.id = w.municipality_id WHERE m.number = '3426'`)).toBe('https://93.184.215.14/samvirke');
  });

  describe('at delivery', () => {
    /** A receiver on loopback that counts connections (TLS or not): any connection is a failure of the check. */
    const connections: string[] = [];
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(204).end();
    });
    server.on('connection', (socket) => connections.push(String(socket.remotePort)));
    let port = 0;
    const runners: JobRunner[] = [];
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      for (const r of runners) await r.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const rule = (f: CostFixture) =>
      mutate(app, f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Hemmelig regel: over 25 %', basis: 'BUDGET', thresholdPercent: 25 }, 'rule { id }');

    it('refuses a stored inside URL and a name that resolves to loopback, without connecting; the owner reads only the outcome', async () => {
      const f = await costFixture(app);
      await rule(f);
      const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
      // Set while it was harmless; inside by the time it is delivered (a URL stored before this
      // check existed, or a name whose DNS changed): written by the owner to skip the set-time check.
      await mutate(app, finance, 'setCostAlertWebhook', { url: 'https://93.184.215.14/hook', rotateSecret: true }, 'secret');
      const urls = [`https://localhost:${port}/hook`, `https://2130706433:${port}/hook`, `https://[::ffff:127.0.0.1]:${port}/hook`, `https://0x7f.1:${port}/hook`, `http://127.0.0.1:${port}/hook`];
      runners.push(await startJobRunner({ queueUrl: app.ownerUrl, app: app.appDataSource, config: app.config, log: createLogger('silent'), tasks, pollIntervalMs: 250 }));
      const pending = () => scalar<number>(app, `SELECT count(*)::int FROM cost_alert_delivery WHERE service_id = $1 AND status = 'PENDING'`, [f.serviceId]);
      for (const [i, url] of urls.entries()) {
        await app.owner.query(`UPDATE cost_webhook SET url = $1 WHERE municipality_id = $2`, [url, f.municipalities['3429']]);
        await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: `SSRF-${i}`, date: `2024-0${i + 1}-20`, funksjon: f.direct.funksjon, ore: 80_000_00 * (i + 1) ** 2, kommunenummer: '3429' }]));
        expect(await scalar<number>(app, `SELECT count(*)::int FROM cost_alert_delivery WHERE service_id = $1`, [f.serviceId])).toBe(i + 1);
        await until(`the delivery to ${url} decided`, async () => (await pending()) === 0);
      }
      const rows = (await app.owner.query(`SELECT status, attempts, last_status AS "lastStatus", last_error AS "lastError" FROM cost_alert_delivery WHERE service_id = $1`, [f.serviceId])).rows;
      expect(rows).toEqual(urls.map(() => ({ status: 'FAILED', attempts: 1, lastStatus: null, lastError: 'refused: the destination is not a public internet address' })));
      expect(connections).toEqual([]);
      // What the municipality reads: the outcome, in fixed words.
      const read = ok(
        await app.gql(`{ costAlerts(first: 50) { nodes { service { id } deliveries { outcome lastStatus lastError url } } } }`, {}, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' })),
      );
      const deliveries = read.costAlerts.nodes.filter((n: any) => n.service.id === f.serviceGid).flatMap((n: any) => n.deliveries);
      expect(deliveries).toHaveLength(urls.length);
      for (const d of deliveries) expect(d).toMatchObject({ outcome: 'FAILED', lastStatus: null, lastError: 'refused: the destination is not a public internet address' });
      expect(JSON.stringify(deliveries)).not.toMatch(/ECONN|EHOSTUNREACH|ENOTFOUND|socket|TLS|SSL|timeout/i);
    });

    it('tells an unreachable public receiver and a refused one apart only as outcomes, never by network error text', async () => {
      const f = await costFixture(app);
      await rule(f);
      const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3428' });
      // A name that does not resolve here: allowed when set (checked at each delivery), then "no answer", retried.
      await mutate(app, finance, 'setCostAlertWebhook', { url: 'https://receiver.invalid/hook', rotateSecret: true }, 'secret');
      await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'NX-1', date: '2024-01-20', funksjon: f.direct.funksjon, ore: 80_000_00, kommunenummer: '3428' }]));
      runners.push(await startJobRunner({ queueUrl: app.ownerUrl, app: app.appDataSource, config: app.config, log: createLogger('silent'), tasks, pollIntervalMs: 250 }));
      const row = await until(
        'the first attempt',
        async () => (await app.owner.query(`SELECT status, attempts, last_error AS "lastError" FROM cost_alert_delivery WHERE service_id = $1 AND attempts > 0`, [f.serviceId])).rows[0],
      );
      expect(row).toEqual({ status: 'PENDING', attempts: 1, lastError: 'no answer' });
      const read = ok(await app.gql(`{ costAlerts(first: 50) { nodes { service { id } deliveries { outcome lastError } } } }`, {}, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3428' })));
      expect(read.costAlerts.nodes.filter((n: any) => n.service.id === f.serviceGid).flatMap((n: any) => n.deliveries)).toEqual([{ outcome: 'RETRYING', lastError: 'no answer' }]);
    });
  });
});
