import iconv from 'iconv-lite';
import { Role } from '../../src/auth/roles';
import { checkMatrix, denied, Operation, Outcome, ROLES } from '../helpers/permission-matrix';
import { baseUrl, municipalityId, regionId, scalar, serviceId, toGlobalId } from '../helpers/fixtures';
import { GqlResponse, TestApp } from '../helpers/test-app';
import { importLedger, ledgerCsv } from './fixtures';
import { listenerUp, sleep, subscribe, until } from './live';

/**
 * docs/permissions.md, "Cost reports (feature `costs`)": every cell against the running API, on the
 * demo data of Nord-Østerdal (barnevern has two years of published reports and an alert for
 * Folldal) plus what the setup adds (a draft, an alert for Tynset, a Valdres category).
 */

const attempt = (app: TestApp, token: string | undefined, name: string, input: Record<string, unknown>, inputType = `${name[0].toUpperCase()}${name.slice(1)}Input`) =>
  app.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { code message } } }`, { input }, token);

/** Allowed when the first call succeeds; narrow (`narrow`) when the same call on another object is refused, else `wide`. */
async function scoped(first: GqlResponse, second: () => Promise<GqlResponse>, wide: string, narrow: string): Promise<Outcome> {
  if (first.errors) return denied(first);
  expect(Object.values(first.data as Record<string, any>)[0].userErrors).toEqual([]);
  const other = await second();
  const refusal = other.errors?.[0]?.extensions?.code ?? Object.values(other.data as Record<string, any>)[0].userErrors[0]?.code;
  if (refusal) {
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refusal);
    return { allow: true, scope: narrow };
  }
  return { allow: true, scope: wide };
}

/** A read: allowed with what `scope` makes of the data, or the refusal. */
async function read(res: GqlResponse, scope: (data: any) => string): Promise<Outcome> {
  if (res.errors) return denied(res);
  return { allow: true, scope: scope(res.data) };
}

checkMatrix('costs', async (app, tokens) => {
  const ids = {
    region: await regionId(app, 'nord-osterdal'),
    barnevern: toGlobalId('SharedService', await serviceId(app, 'barnevern', 'nord-osterdal')),
    ppt: toGlobalId('SharedService', await serviceId(app, 'ppt', 'nord-osterdal')),
    nav: toGlobalId('SharedService', await serviceId(app, 'nav', 'nord-osterdal')),
    folldal: await municipalityId(app, '3429'),
    tynset: await municipalityId(app, '3427'),
  };
  const hostFinance = tokens.get(Role.HOST_FINANCE)!;
  // The barnevern ledger mapping the ERP import and ledgerMapping read.
  expect(
    (await attempt(app, hostFinance, 'defineLedgerMapping', { serviceId: toGlobalId('SharedService', await serviceId(app, 'barnevern', 'nord-osterdal')), profile: 'VISMA_ENTERPRISE' })).data
      .defineLedgerMapping.userErrors,
  ).toEqual([]);
  // A category of Valdres, which Nord-Østerdal must not see.
  const valdresAdmin = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
  expect((await attempt(app, valdresAdmin, 'createCostCategory', { code: 'valdres-kategori', name: 'Valdres', accounts: [] })).data.createCostCategory.userErrors).toEqual([]);
  // An alert for Tynset (a large direct charge in December 2024) and a draft correction of December.
  // A late entry of November: prepareAndPublishReports corrects that month.
  const imported = await importLedger(
    app,
    hostFinance,
    ledgerCsv([
      { voucher: 'PERM-1', date: '2024-12-20', funksjon: '252', art: '375', ore: 3_000_000_00, kommunenummer: '3427' },
      { voucher: 'PERM-2', date: '2024-11-20', funksjon: '244', art: '120', ore: 1_000_00 },
    ]),
  );
  expect(imported.body.changes.some((c: string) => c.startsWith('Alert:') && c.includes('Tynset'))).toBe(true);
  const draft = await app.gql(
    `mutation($i: PrepareCostReportInput!) { prepareCostReport(input: $i) { report { id } userErrors { message } } }`,
    { i: { serviceId: ids.barnevern, period: '2024-12', correctionReason: 'Sent bilag (test)' } },
    hostFinance,
  );
  expect(draft.data.prepareCostReport.userErrors).toEqual([]);
  const published = (await app.gql(`{ costReports(period: "2024-06", status: PUBLISHED) { nodes { id } } }`, {}, hostFinance)).data.costReports.nodes[0].id;
  const categories = await scalar<number>(app, `SELECT count(*)::int FROM cost_category WHERE region_id = $1`, [ids.region]);
  const ruleId = (await app.gql(`{ costAlertRules { id } }`, {}, hostFinance)).data.costAlertRules[0].id;
  const budgetCategory = (await app.gql(`{ costCategories { id code } }`, {}, hostFinance)).data.costCategories.find((c: any) => c.code === 'bv-drift').id;
  const pptCategory = (await app.gql(`{ costCategories { id code } }`, {}, hostFinance)).data.costCategories.find((c: any) => c.code === 'ppt-drift').id;

  /** A fresh alert for `municipality` (fixture; the trigger notifies subscribers on commit), each in a month of its own. */
  let alerts = 0;
  const rule = Buffer.from(ruleId, 'base64url').toString().split(':')[1];
  const insertAlert = async (municipality: string) => {
    const period = `${2031 + Math.floor(alerts / 12)}-${String((alerts % 12) + 1).padStart(2, '0')}`;
    alerts += 1;
    const {
      rows: [row],
    } = await app.owner.query(
      `INSERT INTO cost_alert (region_id, service_id, municipality_id, category_id, rule_id, period, source, basis, compared_ore, actual_ore, deviation_ore, deviation_bp, message)
       SELECT r.region_id, r.service_id, $2, c.id, r.id, $3, 'IMPORT', 'BUDGET', 100, 200, 100, 10000, 'Testvarsel'
         FROM cost_alert_rule r JOIN cost_category c ON c.region_id = r.region_id AND c.code = 'bv-drift' WHERE r.id = $1 RETURNING id`,
      [rule, municipality, period],
    );
    return toGlobalId('CostAlert', row.id);
  };

  const lineScope = (report: any) => {
    const numbers = new Set(report.lines.map((l: any) => l.municipality?.number ?? 'total'));
    if (numbers.size === 6) return 'own service, every line';
    expect([...numbers].sort()).toEqual(['3429', 'total']);
    return 'own lines and the totals';
  };

  const operations: Record<string, Operation> = {
    async readCostConfiguration(_role, token) {
      return read(await app.gql(`{ costCategories { code } costAgreements { validFrom service { code } } }`, {}, token), (d) => {
        expect(d.costCategories.length).toBe(categories);
        expect(d.costAgreements.length).toBeGreaterThanOrEqual(3);
        return 'own region';
      });
    },
    async manageCostCategories(role, token) {
      const code = `perm-${role.toLowerCase().replace(/_/g, '-')}`;
      const res = await attempt(app, token, 'createCostCategory', { code, name: `Kategori ${role}`, accounts: [{ funksjon: '399', artFrom: '010', artTo: '099' }] });
      if (res.errors) return denied(res);
      expect(res.data.createCostCategory.userErrors).toEqual([]);
      return { allow: true, scope: 'own region' };
    },
    async setCostAgreement(role, token) {
      const key = (serviceGid: string, year: number) =>
        attempt(app, token, 'setCostAgreement', { serviceId: serviceGid, validFrom: `${year}-01-01`, equalShareBp: 5000, populationShareBp: 5000, directCategoryIds: [] });
      const year = role === Role.REGION_ADMIN ? 2030 : 2031;
      return scoped(await key(ids.barnevern, year), () => key(ids.nav, year), 'own region', 'own service');
    },
    async readServiceCosts(_role, token) {
      const q = (s: string | null) =>
        app.gql(`query($s: ID) { costBudgets(year: 2024, serviceId: $s) { amountOre } ledgerEntries(serviceId: $s, first: 1) { totalCount } costAlertRules(serviceId: $s) { name } }`, { s }, token);
      const res = await q(null);
      if (res.errors) return denied(res);
      expect(res.data.costBudgets.length).toBe(3);
      expect(res.data.ledgerEntries.totalCount).toBeGreaterThan(100);
      const other = await q(ids.ppt);
      return { allow: true, scope: other.errors?.[0].extensions?.code === 'FORBIDDEN' ? 'own service' : 'own region' };
    },
    async manageBudgetsAndRules(role, token) {
      const budget = (s: string, category: string) => attempt(app, token, 'setCostBudget', { serviceId: s, categoryId: category, year: 2026, amountOre: String(1000 + ROLES.indexOf(role)) });
      const first = await budget(ids.barnevern, budgetCategory);
      const rule = await attempt(app, token, 'createCostAlertRule', { serviceId: ids.barnevern, name: `Regel ${role}`, basis: 'BUDGET', thresholdPercent: 50 });
      if (!first.errors) expect(rule.data.createCostAlertRule.userErrors).toEqual([]);
      else expect(rule.errors?.[0].extensions?.code).toBe(first.errors[0].extensions?.code);
      return scoped(first, () => budget(ids.ppt, pptCategory), 'own region', 'own service');
    },
    async importLedger(_role, token) {
      const res = await fetch(`${baseUrl(app)}/imports/ledger?dryRun=true`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: ledgerCsv([{ voucher: 'PERM-DRY', date: '2024-12-01', funksjon: '244', art: '010', ore: 100 }]),
      });
      const body: any = await res.json();
      if (body.errors) return { allow: false, code: body.errors[0].extensions.code };
      expect([res.status, body.inserted, body.changes]).toEqual([200, 1, ['2024-12 Barneverntjeneste (drift) (244): 1 new entry, 1,00 kr']]);
      return { allow: true, scope: 'own service' };
    },
    async importLedgerErp(_role, token) {
      const res = await fetch(`${baseUrl(app)}/imports/ledger-erp?dryRun=true`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: iconv.encode('Bilagsnr;Bilagsdato;Art;Ansvar;Funksjon;Prosjekt;Beløp\r\nPERM-ERP;01.12.2024;01000;1;2440;;1,00\r\n', 'win1252'),
      });
      const body: any = await res.json();
      if (body.errors) return { allow: false, code: body.errors[0].extensions.code };
      expect([res.status, body.inserted, body.problems]).toEqual([200, 1, []]);
      return { allow: true, scope: 'own service' };
    },
    async readLedgerMapping(_role, token) {
      const q = (s: string) => app.gql(`query($s: ID!) { ledgerMapping(serviceId: $s) { profile } }`, { s }, token);
      const first = await q(ids.barnevern);
      if (first.errors) return denied(first);
      expect(first.data.ledgerMapping).toEqual({ profile: 'VISMA_ENTERPRISE' });
      const other = await q(ids.ppt);
      return { allow: true, scope: other.errors?.[0].extensions?.code === 'FORBIDDEN' ? 'own service' : 'own region' };
    },
    async defineLedgerMapping(_role, token) {
      const define = (s: string) => attempt(app, token, 'defineLedgerMapping', { serviceId: s, profile: 'VISMA_ENTERPRISE' });
      return scoped(await define(ids.barnevern), () => define(ids.ppt), 'own region', 'own service');
    },
    async importKostraAccounts(role, token) {
      const line = (region: string) => `0A2024 ${region}${' '.repeat(18)}1244 010       10\n`;
      const post = async (region: string) => {
        const res = await fetch(`${baseUrl(app)}/imports/kostra-regnskap?dryRun=true`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: line(region),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const first = await post('342900');
      if (first.body.errors) return { allow: false, code: first.body.errors[0].extensions.code };
      expect([first.status, first.body.inserted]).toEqual([200, 1]);
      if (role === Role.HOST_FINANCE) return { allow: true, scope: "own service's host and owners" };
      const other = await post('342700');
      expect(other.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      return { allow: true, scope: 'own municipality' };
    },
    async readKostraReconciliation(_role, token) {
      return read(
        await app.gql(`query($s: ID) { kostraReconciliation(serviceId: $s, year: 2024) { host { municipality { number } } owners { municipality { number } } } }`, { s: ids.barnevern }, token),
        (d) => {
          const owners = d.kostraReconciliation.owners.map((o: any) => o.municipality.number);
          expect(d.kostraReconciliation.host.municipality.number).toBe('3427');
          return owners.length === 5 ? 'own service, every owner' : (expect(owners).toEqual(['3429']), 'the host and own municipality');
        },
      );
    },
    async prepareAndPublishReports(_role, token) {
      const prepare = (s: string) =>
        app.gql(
          `mutation($i: PrepareCostReportInput!) { prepareCostReport(input: $i) { report { id } userErrors { code message } } }`,
          { i: { serviceId: s, period: '2024-11', correctionReason: 'Sent bilag (test)' } },
          token,
        );
      const first = await prepare(ids.barnevern);
      if (first.errors) return denied(first);
      expect(first.data.prepareCostReport.userErrors).toEqual([]);
      const publish = await attempt(app, token, 'publishCostReport', { reportId: first.data.prepareCostReport.report.id }, 'CostReportIdInput');
      expect(publish.data.publishCostReport.userErrors).toEqual([]);
      return scoped(first, () => prepare(ids.ppt), 'own region', 'own service');
    },
    async readReportDrafts(_role, token) {
      return read(await app.gql(`{ costReports(status: DRAFT, first: 100) { nodes { id status service { code } } } }`, {}, token), (d) => {
        if (!d.costReports.nodes.length) return 'none';
        expect(d.costReports.nodes.every((n: any) => n.service.code === 'barnevern' && n.status === 'DRAFT')).toBe(true);
        return 'own service';
      });
    },
    async readPublishedReports(_role, token) {
      const res = await app.gql(
        `query($id: ID!) { node(id: $id) { id } costReports(period: "2024-06", status: PUBLISHED, first: 10) { nodes { id service { code } lines { municipality { number } category { code } } } } }`,
        { id: published },
        token,
      );
      if (res.errors) return denied(res);
      const nodes = res.data.costReports.nodes;
      const services = nodes.map((n: any) => n.service.code).sort();
      const scope = lineScope(nodes.find((n: any) => n.service.code === 'barnevern'));
      // Service roles see their own service only; owners see every service they own.
      expect(services).toEqual(scope === 'own lines and the totals' ? ['barnevern', 'nav', 'ppt'] : ['barnevern']);
      expect(res.data.node).toEqual({ id: published });
      return { allow: true, scope };
    },
    async exportCostReport(role, token) {
      const municipal = [Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR].includes(role);
      const get = (number?: string) =>
        fetch(`${baseUrl(app)}/costs/reports/${published}/export.csv${number ? `?municipality=${number}` : ''}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const res = await get(municipal ? undefined : '3427');
      if (res.status !== 200) return { allow: false, code: ((await res.json()) as any).errors[0].extensions.code };
      const text = await res.text();
      if (!municipal) {
        expect(text).toContain('Kommune;Tynset (3427)');
        return { allow: true, scope: 'own service, any owner' };
      }
      expect(text).toContain('Kommune;Folldal (3429)');
      expect((await get('3427')).status).toBe(403);
      return { allow: true, scope: 'own municipality' };
    },
    async readOwnedServiceCosts(_role, token) {
      return read(await app.gql(`{ ownedServiceCosts(year: 2024) { service { code } sharePercent population own { municipality { number } } } }`, {}, token), (d) => {
        expect(d.ownedServiceCosts.map((o: any) => o.service.code).sort()).toEqual(['barnevern', 'nav', 'ppt']);
        expect(d.ownedServiceCosts.every((o: any) => o.population === 264 && o.own.municipality.number === '3429' && o.sharePercent > 0)).toBe(true);
        return 'own municipality';
      });
    },
    async readCostAlerts(_role, token) {
      return read(await app.gql(`{ costAlerts(first: 100) { nodes { municipality { number } service { code } } } }`, {}, token), (d) => {
        const numbers = new Set(d.costAlerts.nodes.map((n: any) => n.municipality.number));
        expect(d.costAlerts.nodes.every((n: any) => n.service.code === 'barnevern')).toBe(true);
        if (numbers.has('3427')) return 'own service';
        expect([...numbers]).toEqual(['3429']);
        return 'own municipality';
      });
    },
    async subscribeCostAlerts(_role, token) {
      const subscriber = subscribe(app, token);
      try {
        await until('an answer', async () => subscriber.errors.length || subscriber.closed() || (await listenerUp(app)));
        await sleep(200);
        if (subscriber.errors.length || subscriber.closed()) return { allow: false, code: subscriber.errors[0]?.extensions?.code ?? `closed ${subscriber.closed()?.code}` };
        const [folldal, tynset] = [await insertAlert(ids.folldal), await insertAlert(ids.tynset)];
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && !subscriber.errors.length && !subscriber.events.some((e) => e.id === folldal)) await sleep(100);
        if (subscriber.errors.length) return { allow: false, code: subscriber.errors[0]?.extensions?.code };
        await sleep(300);
        const got = subscriber.events.map((e) => e.id);
        expect(got).toContain(folldal);
        return { allow: true, scope: got.includes(tynset) ? 'own service' : 'own municipality' };
      } finally {
        await subscriber.dispose();
      }
    },
    async acknowledgeCostAlert(_role, token) {
      const ack = async (municipality: string) => attempt(app, token, 'acknowledgeCostAlert', { alertId: await insertAlert(municipality) }, 'CostAlertIdInput');
      return scoped(await ack(ids.folldal), () => ack(ids.tynset), 'own service', 'own municipality');
    },
    async manageAlertWebhook(role, token) {
      const set = (number?: string) => attempt(app, token, 'setCostAlertWebhook', { url: `https://example.org/${role}`, ...(number ? { municipalityNumber: number } : {}) });
      const first = await set();
      if (first.errors) return denied(first);
      const read = await app.gql(`{ costAlertWebhook { url municipality { number } } }`, {}, token);
      expect(read.data.costAlertWebhook).toEqual({ url: `https://example.org/${role}`, municipality: { number: '3429' } });
      return scoped(first, () => set('3427'), 'own region', 'own municipality');
    },
  };
  return operations;
});
