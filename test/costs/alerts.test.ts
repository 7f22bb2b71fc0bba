import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { Webhook } from 'standardwebhooks';
import WebSocket from 'ws';
import { QueryRunner } from 'typeorm';
import { CostsAlertPrivacy1733200000000 } from '../../migrations/1733200000000-costs-alert-privacy';
import { Role } from '../../src/auth/roles';
import { startJobRunner, JobRunner } from '../../src/db/job-queue';
import { served, tasks } from '../../src/features';
import { createAppServer } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { asApiRole, postGraphql, scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, importLedger, ledgerCsv, mutate, refused } from './fixtures';
import { ALERT_SUBSCRIPTION, listening, sleep, subscribe, Subscriber, until } from './live';

/**
 * "Ved store endringer i kostnadsbildet rapporteres fortløpende": alert rules, alerts raised by a
 * publication, stored and acknowledged; pushed to WebSocket subscribers (each sees only what it may
 * read); and sent to each municipality's webhook from the durable queue, retried across a restart,
 * never twice once delivered.
 */
let app: TestApp;
beforeAll(async () => {
  // The receivers of these tests listen on 127.0.0.1: allowed explicitly by the operator setting
  // (WEBHOOK_ALLOW_PRIVATE); without it the destination is refused (webhook-ssrf.test.ts).
  app = await startTestApp({ webhookAllowPrivate: ['127.0.0.1'] });
});
afterAll(() => app.close());

/** A rule and a ledger that crosses it for Folldal and Tynset (direct charges far above their keyed budget). */
async function crossingImport(f: CostFixture, voucher: string, period = '2024-01') {
  return importLedger(
    app,
    f.hostFinance,
    ledgerCsv([
      { voucher: `${voucher}-F`, date: `${period}-20`, funksjon: f.direct.funksjon, ore: 80_000_00, kommunenummer: '3429' },
      { voucher: `${voucher}-T`, date: `${period}-20`, funksjon: f.direct.funksjon, ore: 90_000_00, kommunenummer: '3427' },
    ]),
  );
}
const rule = (f: CostFixture, extra: Record<string, unknown> = {}) =>
  mutate(
    app,
    f.hostFinance,
    'createCostAlertRule',
    { serviceId: f.serviceGid, name: 'Mer enn 25 % og 10 000 kr over budsjett', basis: 'BUDGET', thresholdPercent: 25, thresholdOre: '1000000', ...extra },
    'rule { id thresholdPercent thresholdOre active }',
  );

describe('alert rules and stored alerts', () => {
  it('validates rules, and changes them', async () => {
    const f = await costFixture(app);
    const bad = await refused(app, f.hostFinance, 'createCostAlertRule', { serviceId: f.serviceGid, name: 'Ingen terskel', basis: 'BUDGET' });
    expect(bad.map((e) => e.field.join('.'))).toEqual(['input.thresholdPercent']);
    const tooFine = await app.gql(
      `mutation($i: CreateCostAlertRuleInput!) { createCostAlertRule(input: $i) { userErrors { code } } }`,
      { i: { serviceId: f.serviceGid, name: 'x', basis: 'BUDGET', thresholdPercent: 1.234 } },
      f.hostFinance,
    );
    expect(tooFine.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const { rule: created } = await rule(f);
    expect(created).toMatchObject({ thresholdPercent: 25, thresholdOre: 1000000, active: true });
    const changed = await mutate(app, f.hostFinance, 'updateCostAlertRule', { id: created.id, thresholdOre: null, active: false }, 'rule { thresholdPercent thresholdOre active }');
    expect(changed.rule).toEqual({ thresholdPercent: 25, thresholdOre: null, active: false });
    expect((await refused(app, f.hostFinance, 'updateCostAlertRule', { id: created.id, thresholdPercent: null })).map((e) => e.code)).toEqual(['INVALID']);
    // Another service's host finance does not even see it (RLS): NOT_FOUND, as for another region.
    const other = await costFixture(app);
    expect((await refused(app, other.hostFinance, 'updateCostAlertRule', { id: created.id, active: true })).map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(await scalar(app, `SELECT active FROM cost_alert_rule WHERE created_by = 'test-host_finance' AND name = 'Mer enn 25 % og 10 000 kr over budsjett' AND service_id = $1`, [f.serviceId])).toBe(
      false,
    );
  });

  it('raises alerts when a publication crosses a rule, once per line and month, and lets the municipality acknowledge them', async () => {
    const f = await costFixture(app);
    await rule(f);
    await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'Q-1', date: '2024-01-20', funksjon: f.direct.funksjon, ore: 80_000_00, kommunenummer: '3429' }]));
    const importAlerts = await scalar<number>(app, `SELECT count(*)::int FROM cost_alert WHERE service_id = $1`, [f.serviceId]);
    expect(importAlerts).toBe(1);
    // Publishing the same month says nothing new; the next month's import of more for Tynset does.
    const published = await mutate(
      app,
      f.hostFinance,
      'publishCostReport',
      { reportId: (await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-01' }, 'report { id }')).report.id },
      'alerts { id }',
      'CostReportIdInput',
    );
    expect(published.alerts).toEqual([]);
    await importLedger(app, f.hostFinance, ledgerCsv([{ voucher: 'Q-2', date: '2024-02-20', funksjon: f.direct.funksjon, ore: 150_000_00, kommunenummer: '3427' }]));
    const february = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period: '2024-02' }, 'report { id }');
    const feb = await mutate(app, f.hostFinance, 'publishCostReport', { reportId: february.report.id }, 'alerts { id source municipality { number } }', 'CostReportIdInput');
    // Folldal stays over since January (reported then); Tynset crosses in February (the import already said so).
    expect(feb.alerts).toEqual([]);
    const all = (token: string, acknowledged?: boolean) =>
      app.gql(
        `query($s: ID, $a: Boolean) { costAlerts(serviceId: $s, acknowledged: $a) { totalCount nodes { id period source municipality { number } message acknowledged } } }`,
        { s: token === f.hostFinance ? f.serviceGid : null, a: acknowledged ?? null },
        token,
      );
    const service = ok(await all(f.hostFinance)).costAlerts;
    expect(service.nodes.map((n: any) => [n.period, n.source, n.municipality.number])).toEqual([
      ['2024-02', 'IMPORT', '3427'],
      ['2024-01', 'IMPORT', '3429'],
    ]);

    const folldal = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
    const mine = ok(await all(folldal, false)).costAlerts;
    expect(mine.nodes.every((n: any) => n.municipality.number === '3429')).toBe(true);
    const alert = mine.nodes.find((n: any) => n.period === '2024-01' && n.message.startsWith(`Testtjeneste ${f.code.split('-').pop()}`));
    // Tynset's director does not see Folldal's alert (RLS), so cannot acknowledge it; Folldal's finance may, once.
    const tynset = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' });
    expect((await refused(app, tynset, 'acknowledgeCostAlert', { alertId: alert.id }, 'CostAlertIdInput')).map((e) => e.code)).toEqual(['NOT_FOUND']);
    const ack = await mutate(app, folldal, 'acknowledgeCostAlert', { alertId: alert.id }, 'alert { acknowledged acknowledgedBy }', 'CostAlertIdInput');
    expect(ack.alert).toEqual({ acknowledged: true, acknowledgedBy: 'test-municipal_finance' });
    expect((await refused(app, folldal, 'acknowledgeCostAlert', { alertId: alert.id }, 'CostAlertIdInput')).map((e) => e.code)).toEqual(['CONFLICT']);
    expect(ok(await all(folldal, false)).costAlerts.nodes.map((n: any) => n.id)).not.toContain(alert.id);
    expect(ok(await all(folldal, true)).costAlerts.nodes.map((n: any) => n.id)).toContain(alert.id);
    // RLS alone: only the acknowledgement columns can change.
    const region = await scalar(app, `SELECT region_id FROM cost_alert WHERE service_id = $1 LIMIT 1`, [f.serviceId]);
    await asApiRole(app, { role: 'MUNICIPAL_FINANCE', region_id: region, municipality_id: f.municipalities['3429'] }, async (q) => {
      await expect(q(`UPDATE cost_alert SET message = 'x' WHERE service_id = $1`, [f.serviceId])).rejects.toThrow(/permission denied/);
    });
  });
});

describe('live alerts over WebSocket (graphql-ws)', () => {
  const subscribers: Subscriber[] = [];
  afterAll(async () => {
    await Promise.all(subscribers.map((c) => c.dispose()));
  });
  const listen = (token: string | undefined, serviceId: string | null = null) => {
    const s = subscribe(app, token, serviceId);
    subscribers.push(s);
    return s;
  };

  it('sends each subscriber exactly the alerts its role may read: two municipalities at once, the service, nobody else', async () => {
    const f = await costFixture(app);
    const other = await costFixture(app);
    await rule(f);
    const folldal = listen(await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' }));
    const tynset = listen(await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' }));
    const service = listen(f.leader, f.serviceGid);
    const otherService = listen(other.hostFinance);
    const alvdal = listen(await app.token(Role.AUDITOR, { municipality: '3428' }));
    const valdres = listen(await app.token(Role.MUNICIPAL_FINANCE, { region: 'valdres', municipality: '3449' }));
    const tst = listen(await app.token(Role.TST_MEMBER, { unit: 'folldal-skole' }));
    const anonymous = listen(undefined);
    const forged = listen('not-a-token');
    await listening(app);

    const res = await crossingImport(f, 'WS');
    expect(res.body.changes.filter((c: string) => c.startsWith('Alert:'))).toHaveLength(2);
    await until("both municipalities' alerts", async () => folldal.events.length && tynset.events.length && service.events.length === 2);
    await sleep(500); // anything else would have arrived by now
    expect(folldal.events.map((e) => [e.period, e.municipality.number, e.category.code])).toEqual([['2024-01', '3429', `${f.code}-direkte`]]);
    expect(tynset.events.map((e) => e.municipality.number)).toEqual(['3427']);
    expect(service.events.map((e) => e.municipality.number).sort()).toEqual(['3427', '3429']);
    for (const nobody of [otherService, alvdal, valdres]) expect([nobody.events, nobody.errors]).toEqual([[], []]);
    expect(tst.errors.map((e) => e.extensions?.code ?? e.message)).toEqual(['FORBIDDEN']);
    expect(anonymous.errors.map((e) => e.extensions?.code ?? e.message)).toEqual(['UNAUTHENTICATED']);
    expect(forged.closed()?.code).toBe(4403);
    // What arrived is what is stored.
    const stored = ok(await app.gql(`query { costAlerts(first: 100) { nodes { id } } }`, {}, await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' }))).costAlerts.nodes.map((n: any) => n.id);
    expect(stored).toContain(folldal.events[0].id);
  });

  it('refuses a subscription over HTTP POST and queries over the socket', async () => {
    const res = await postGraphql(app, { query: ALERT_SUBSCRIPTION }, { authorization: `Bearer ${await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' })}` });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.json)).toMatch(/WebSocket/);
    const client = createClient({ url: app.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: {}, retryAttempts: 0 });
    const errors = await new Promise<any[]>((resolve) =>
      client.subscribe({ query: '{ costCategories { code } }' }, { next: () => resolve([]), error: (e) => resolve(e as any[]), complete: () => resolve([]) }),
    );
    await client.dispose();
    expect(errors[0].message).toContain('Only subscriptions are served over WebSocket');
  });

  it('holds subscription documents to the same limits as POST /graphql: tokens and aliases', async () => {
    const client = createClient({
      url: app.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' })}` },
      retryAttempts: 0,
    });
    const refusal = (query: string) =>
      new Promise<any[]>((resolve) => client.subscribe({ query }, { next: () => resolve([]), error: (e) => resolve(Array.isArray(e) ? e : [e]), complete: () => resolve([]) }));
    const long = await refusal(`subscription { costAlertRaised { ${'id '.repeat(2100)} } }`);
    const aliased = await refusal(`subscription { costAlertRaised { ${Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ')} } }`);
    await client.dispose();
    expect(long[0]).toMatchObject({ message: 'Query token count exceeds the limit of 2000 (GRAPHQL_MAX_TOKENS).', extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(aliased[0]).toMatchObject({ message: 'Query alias count 31 exceeds the limit of 30 (GRAPHQL_MAX_ALIASES).', extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });
});

describe('webhooks from the durable job queue', () => {
  /** A local receiver that answers 500 to the first `failures` requests, then 200. */
  async function receiver(failures: number) {
    const requests: { headers: http.IncomingHttpHeaders; body: string; status: number }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const status = requests.length < failures ? 500 : 204;
        requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/samvirke`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
  }
  const log = createLogger('silent');
  const runners: JobRunner[] = [];
  const runner = async () => {
    const r = await startJobRunner({ queueUrl: app.ownerUrl, app: app.appDataSource, config: app.config, log, tasks, pollIntervalMs: 250 });
    runners.push(r);
    return r;
  };
  afterAll(async () => {
    for (const r of runners) await r.stop().catch(() => undefined);
  });
  const delivery = async (serviceId: string, number: string) =>
    (
      await app.owner.query(
        `SELECT d.status, d.attempts, d.last_status AS "lastStatus" FROM cost_alert_delivery d JOIN municipality m ON m.id = d.municipality_id WHERE d.service_id = $1 AND m.number = $2`,
        [serviceId, number],
      )
    ).rows;

  it('signs and delivers each alert once: a failed first attempt, a restart in between, a retry, and never again', async () => {
    const f = await costFixture(app);
    await rule(f);
    const hook = await receiver(1);
    const folldal = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
    const set = await mutate(app, folldal, 'setCostAlertWebhook', { url: hook.url }, 'webhook { url active municipality { number } } secret');
    expect(set.webhook).toEqual({ url: hook.url, active: true, municipality: { number: '3429' } });
    expect(set.secret).toMatch(/^whsec_/);
    // Unchanged URL: no new secret, and the secret is never readable again.
    expect((await mutate(app, folldal, 'setCostAlertWebhook', { url: hook.url }, 'secret')).secret).toBeNull();

    await crossingImport(f, 'WH');
    // Committed with its alert: a delivery row and its job, before any worker runs.
    expect(await delivery(f.serviceId, '3429')).toEqual([{ status: 'PENDING', attempts: 0, lastStatus: null }]);
    expect(await delivery(f.serviceId, '3427')).toEqual([]); // Tynset has no webhook
    expect(await scalar<number>(app, `SELECT count(*)::int FROM graphile_worker.jobs WHERE task_identifier = 'costs:deliver-alert'`)).toBeGreaterThan(0);

    const first = await runner();
    await until('the first attempt', async () => (await delivery(f.serviceId, '3429'))[0].attempts === 1);
    expect(await delivery(f.serviceId, '3429')).toEqual([{ status: 'PENDING', attempts: 1, lastStatus: 500 }]);
    // What the owner reads: the outcome and the class of the answer.
    const read = ok(await app.gql(`{ costAlerts(first: 50) { nodes { service { id } deliveries { outcome lastStatusClass lastError } } } }`, {}, folldal));
    expect(read.costAlerts.nodes.flatMap((n: any) => n.deliveries)).toContainEqual({ outcome: 'RETRYING', lastStatusClass: '5xx', lastError: expect.stringContaining('5xx') });
    // Restart: the worker and the API server go down and come back; the job is a row, not memory.
    await first.stop();
    const restarted = await createAppServer(app.config, app.appDataSource, log, served);
    await new Promise<void>((resolve) => restarted.httpServer.listen(0, '127.0.0.1', resolve));
    await runner();
    await until('the retry', async () => (await delivery(f.serviceId, '3429'))[0].status === 'DELIVERED');
    await restarted.stop();
    expect(hook.requests.map((r) => r.status)).toEqual([500, 204]);
    // Both attempts carry the same id; the body is signed with the municipality's secret.
    expect(hook.requests[0].headers['webhook-id']).toBe(hook.requests[1].headers['webhook-id']);
    const event = new Webhook(set.secret).verify(hook.requests[1].body, hook.requests[1].headers as Record<string, string>) as any;
    expect(event).toMatchObject({ type: 'cost.alert', data: { municipality: { number: '3429' }, period: '2024-01', source: 'IMPORT', actualOre: '8000000' } });
    expect(() => new Webhook(`whsec_${Buffer.from('another secret of enough length').toString('base64')}`).verify(hook.requests[1].body, hook.requests[1].headers as Record<string, string>)).toThrow();

    // Another restart, and more than the first backoff: nothing is sent again.
    for (const r of runners.splice(0)) await r.stop();
    await runner();
    await sleep(3500);
    expect(hook.requests).toHaveLength(2);
    expect(await delivery(f.serviceId, '3429')).toEqual([{ status: 'DELIVERED', attempts: 2, lastStatus: 204 }]);
    await hook.close();
  });

  it("keeps the service's rule to the service: neither an owner's reading of the message nor the webhook body names it", async () => {
    for (const r of runners.splice(0)) await r.stop();
    const f = await costFixture(app);
    const secretRule = 'Internt: varsle ved 25 % og 10 000 kr';
    await rule(f, { name: secretRule });
    const hook = await receiver(0);
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const set = await mutate(app, director, 'setCostAlertWebhook', { url: hook.url, rotateSecret: true }, 'secret');
    await crossingImport(f, 'RULE');
    await runner();
    await until('the delivery', async () => hook.requests.length > 0);
    const event = new Webhook(set.secret).verify(hook.requests[0].body, hook.requests[0].headers as Record<string, string>) as any;
    expect(event.data.message).toContain('actual year-to-date');
    expect(hook.requests[0].body).not.toContain(secretRule);
    expect(hook.requests[0].body).not.toMatch(/Rule "/);
    const mine = ok(await app.gql(`{ costAlerts(first: 100) { nodes { service { id } message rule { name } } } }`, {}, director)).costAlerts.nodes.filter((n: any) => n.service.id === f.serviceGid);
    expect(mine).toHaveLength(1);
    expect(mine[0].rule).toBeNull();
    expect(mine[0].message).not.toContain(secretRule);
    expect(mine[0].message).not.toMatch(/Rule "/);
    // Rows written before the fix are cleaned by the migration: the rule sentence, and network error texts.
    const alertId = await scalar<string>(app, `SELECT id FROM cost_alert WHERE service_id = $1 AND municipality_id = $2`, [f.serviceId, f.municipalities['3429']]);
    await app.owner.query(`UPDATE cost_alert SET message = message || ' Rule "' || $2 || '".' WHERE id = $1`, [alertId, secretRule]);
    await app.owner.query(`UPDATE cost_alert_delivery SET last_error = 'not reachable: connect ECONNREFUSED 10.0.0.1:443' WHERE alert_id = $1`, [alertId]);
    await new CostsAlertPrivacy1733200000000().up({ query: (sql: string) => app.owner.query(sql) } as unknown as QueryRunner);
    expect(await scalar(app, `SELECT message FROM cost_alert WHERE id = $1`, [alertId])).toBe(mine[0].message);
    expect(await scalar(app, `SELECT last_error FROM cost_alert_delivery WHERE alert_id = $1`, [alertId])).toBe('no answer');
    // The service itself still sees which rule it was.
    const theirs = ok(await app.gql(`query($s: ID) { costAlerts(serviceId: $s) { nodes { rule { name } } } }`, { s: f.serviceGid }, f.hostFinance)).costAlerts.nodes;
    expect(theirs.map((n: any) => n.rule.name)).toEqual([secretRule, secretRule]);
    await hook.close();
  });

  it('does not send an alert the municipality acknowledged before it was delivered', async () => {
    for (const r of runners.splice(0)) await r.stop();
    const f = await costFixture(app);
    await rule(f);
    const hook = await receiver(0);
    const tynset = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3427' });
    await mutate(app, tynset, 'setCostAlertWebhook', { url: hook.url, rotateSecret: true }, 'secret');
    await crossingImport(f, 'ACK');
    const alertId = ok(await app.gql(`query($s: ID) { costAlerts(serviceId: $s) { nodes { id municipality { number } } } }`, { s: f.serviceGid }, f.hostFinance)).costAlerts.nodes.find(
      (n: any) => n.municipality.number === '3427',
    ).id;
    await mutate(app, tynset, 'acknowledgeCostAlert', { alertId }, 'alert { id }', 'CostAlertIdInput');
    await runner();
    await until('the cancellation', async () => (await delivery(f.serviceId, '3427'))[0]?.status === 'CANCELLED');
    expect(hook.requests).toEqual([]);
    await hook.close();
  });

  it('refuses webhook URLs that are not http(s) or carry credentials, and another municipality', async () => {
    const folldal = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    for (const url of ['ftp://example.org/x', 'not a url', 'https://user:pw@example.org/x']) {
      expect((await refused(app, folldal, 'setCostAlertWebhook', { url })).map((e) => e.field.join('.'))).toContain('input.url');
    }
    const other = await app.gql(`mutation($i: SetCostAlertWebhookInput!) { setCostAlertWebhook(input: $i) { secret } }`, { i: { municipalityNumber: '3427', url: 'https://example.org/x' } }, folldal);
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
