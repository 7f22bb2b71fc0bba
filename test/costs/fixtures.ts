import { Role } from '../../src/auth/roles';
import { baseUrl, regionId, toGlobalId } from '../helpers/fixtures';
import { ok, TestApp } from '../helpers/test-app';

/**
 * Cost fixtures: each call makes a shared service of its own (owned by the five Nord-Østerdal
 * municipalities, hosted by Tynset) with its own categories (KOSTRA funksjon codes no other
 * fixture of the file uses), an allocation key and budgets, so tests never depend on each other
 * or on the demo seed. Reference rows (service, ownership) are written as the owner; everything
 * of the costs feature goes through the API.
 */

export const NORD_OSTERDAL = ['3424', '3426', '3427', '3428', '3429'];
/** Populations aged 0–17 of the seed (1 January 2024), for expectations. */
export const POPULATION_2024: Record<string, number> = { '3424': 286, '3426': 305, '3427': 1151, '3428': 519, '3429': 264 };

let counter = 0;

export interface CostFixture {
  code: string;
  serviceId: string;
  serviceGid: string;
  hostFinance: string;
  leader: string;
  admin: string;
  /** A shared category (funksjon `shared.funksjon`) and a direct one (`direct.funksjon`). */
  shared: { id: string; gid: string; funksjon: string };
  direct: { id: string; gid: string; funksjon: string };
  agreementGid: string;
  municipalities: Record<string, string>;
}

/** Runs a mutation; fails on GraphQL errors or userErrors; returns the payload. */
export async function mutate(app: TestApp, token: string, name: string, input: Record<string, unknown>, select = '', inputType = `${name[0].toUpperCase()}${name.slice(1)}Input`): Promise<any> {
  const data = ok(await app.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${select} userErrors { field message code } } }`, { input }, token));
  const payload = data[name];
  if (payload.userErrors.length) throw new Error(`${name}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** The userErrors of a mutation that should be refused (fails on GraphQL errors). */
export async function refused(
  app: TestApp,
  token: string,
  name: string,
  input: Record<string, unknown>,
  inputType = `${name[0].toUpperCase()}${name.slice(1)}Input`,
): Promise<{ field: string[]; message: string; code: string }[]> {
  const data = ok(await app.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { field message code } } }`, { input }, token));
  return data[name].userErrors;
}

export async function costFixture(app: TestApp, options: { equalShareBp?: number; owners?: string[]; sharedBudgetKr?: number; directBudgetKr?: number; year?: number } = {}): Promise<CostFixture> {
  counter += 1;
  const n = counter;
  const code = `kost-${process.pid % 1000}-${n}`;
  const region = await regionId(app, 'nord-osterdal');
  const municipalities: Record<string, string> = Object.fromEntries(
    (await app.owner.query(`SELECT number, id FROM municipality WHERE region_id = $1`, [region])).rows.map((r: any) => [r.number, r.id]),
  );
  const owners = options.owners ?? NORD_OSTERDAL;
  const {
    rows: [service],
  } = await app.owner.query(`INSERT INTO shared_service (region_id, code, name, kind, host_municipality_id) VALUES ($1, $2, $3, 'OTHER', $4) RETURNING id`, [
    region,
    code,
    `Testtjeneste ${n}`,
    municipalities['3427'],
  ]);
  const {
    rows: [period],
  } = await app.owner.query(`INSERT INTO ownership_period (region_id, service_id, valid_from) VALUES ($1, $2, '2020-01-01') RETURNING id`, [region, service.id]);
  for (const number of owners) await app.owner.query(`INSERT INTO ownership_period_owner (region_id, period_id, municipality_id) VALUES ($1, $2, $3)`, [region, period.id, municipalities[number]]);

  const admin = await app.token(Role.REGION_ADMIN);
  const hostFinance = await app.token(Role.HOST_FINANCE, { service: code });
  const leader = await app.token(Role.SERVICE_LEADER, { service: code });
  // Funksjon codes 300–899, two per fixture, never used by the seed (which uses 2xx).
  const fShared = String(300 + 2 * n);
  const fDirect = String(301 + 2 * n);
  const category = async (suffix: string, funksjon: string) =>
    (
      await mutate(
        app,
        admin,
        'createCostCategory',
        { code: `${code}-${suffix}`, name: `Kategori ${suffix} ${n}`, position: suffix === 'felles' ? 1 : 2, accounts: [{ funksjon, artFrom: '010', artTo: '899' }] },
        'category { id }',
      )
    ).category.id;
  const sharedGid = await category('felles', fShared);
  const directGid = await category('direkte', fDirect);
  const serviceGid = toGlobalId('SharedService', service.id);
  const agreement = await mutate(
    app,
    hostFinance,
    'setCostAgreement',
    {
      serviceId: serviceGid,
      validFrom: '2023-01-01',
      equalShareBp: options.equalShareBp ?? 4000,
      populationShareBp: 10000 - (options.equalShareBp ?? 4000),
      directCategoryIds: [directGid],
      correctionReason: 'Testavtale (fixture)',
    },
    'agreement { id }',
  );
  const year = options.year ?? 2024;
  await mutate(app, hostFinance, 'setCostBudget', { serviceId: serviceGid, categoryId: sharedGid, year, amountOre: String(BigInt(options.sharedBudgetKr ?? 1_200_000) * 100n) }, 'budget { id }');
  await mutate(app, hostFinance, 'setCostBudget', { serviceId: serviceGid, categoryId: directGid, year, amountOre: String(BigInt(options.directBudgetKr ?? 600_000) * 100n) }, 'budget { id }');
  const idOf = (gid: string) => Buffer.from(gid, 'base64url').toString('utf8').split(':')[1];
  return {
    code,
    serviceId: service.id,
    serviceGid,
    hostFinance,
    leader,
    admin,
    municipalities,
    shared: { id: idOf(sharedGid), gid: sharedGid, funksjon: fShared },
    direct: { id: idOf(directGid), gid: directGid, funksjon: fDirect },
    agreementGid: agreement.agreement.id,
  };
}

/** One CSV line of the ledger format. */
export interface LedgerLine {
  voucher: string;
  line?: number;
  date: string;
  funksjon: string;
  art?: string;
  ore: bigint | number;
  kommunenummer?: string;
  account?: string;
}

export const LEDGER_HEADER = 'voucher,voucher_line,posting_date,account,art,funksjon,amount_ore,kommunenummer';
export const ledgerCsv = (lines: LedgerLine[]) =>
  `${LEDGER_HEADER}\n${lines.map((l) => [l.voucher, l.line ?? 1, l.date, l.account ?? '4711', l.art ?? '370', l.funksjon, String(l.ore), l.kommunenummer ?? ''].join(',')).join('\n')}\n`;

/** POST /imports/ledger as `token`; returns the HTTP status and the JSON body. */
export async function importLedger(app: TestApp, token: string | undefined, csv: string, dryRun = false): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl(app)}/imports/ledger${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: csv,
  });
  return { status: res.status, body: await res.json() };
}

/** Prepares and publishes a month; returns the published report's global ID. */
export async function publishMonth(app: TestApp, f: CostFixture, period: string, correctionReason?: string): Promise<string> {
  const prepared = await mutate(app, f.hostFinance, 'prepareCostReport', { serviceId: f.serviceGid, period, ...(correctionReason ? { correctionReason } : {}) }, 'report { id }');
  await mutate(app, f.hostFinance, 'publishCostReport', { reportId: prepared.report.id }, 'report { id }', 'CostReportIdInput');
  return prepared.report.id;
}

/** The raw text of a GraphQL response (for byte-for-byte comparisons), without the per-request extensions. */
export async function rawGql(app: TestApp, token: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  return text.replace(/,"extensions":\{[^}]*\}/, '');
}

export const REPORT_FIELDS = `id period version status correctionReason contentSha256 publishedAt populationYear forecastMethod
  supersedes { id version } supersededBy { id version }
  lines { municipality { number } category { code } population sharePercent budgetYearOre budgetYtdOre actualYtdOre forecastOre deviationOre deviationPercent }`;
