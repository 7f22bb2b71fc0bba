import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { importCli } from '../../scripts/import';
import { Role } from '../../src/auth/roles';
import { AlertBasis, AlertSource, CostAlert, CostCategory } from '../../src/entities/costs';
import { Municipality } from '../../src/entities/reference/municipality';
import { SharedService } from '../../src/entities/reference/shared-service';
import { isMessageKey, Locale, MessageKey, translate } from '../../src/i18n';
import { alertMessage, alertText } from '../../src/services/costs/alerts';
import { alertEvent } from '../../src/services/costs/delivery';
import { classificationImport } from '../../src/services/reference/classification-import';
import { ImportProblem, problemMessage } from '../../src/services/imports/importer';
import { readImport } from '../../src/services/imports/run';
import { statisticsImport } from '../../src/services/statistics/import';
import { kostraBarnevernImport, kostraSosialhjelpImport } from '../../src/services/statistics/kostra-import';
import { costFixture, importLedger, ledgerCsv } from '../costs/fixtures';
import { kostraLine } from '../costs/kostra-fixtures';
import { TEST_ENV } from '../helpers/env';
import { baseUrl, scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * Issue 22, Norwegian first: import problems of every importer, cost alerts and the top-level
 * errors come from the catalogues, in bokmål by default (the deployment's DEFAULT_LANGUAGE, nb) and
 * in English on Accept-Language: en (or --lang en / LANG=en* on the command line). Each text is
 * compared with `translate(locale, key, params)`, and bokmål must differ from English.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ defaultLocale: 'nb', webhookAllowPrivate: ['127.0.0.1'] });
});
afterAll(() => app.close());

type Rendered = { line: number | null; field: string | null; key: MessageKey; params: Record<string, string | number>; message: string };

/** Every problem's text is its key and params rendered in `locale`. */
function expectFromCatalogue(problems: Rendered[], locale: Locale) {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(isMessageKey(p.key)).toBe(true);
    expect(p.message).toBe(translate(locale, p.key, { line: p.line ?? '', ...p.params }));
  }
}

/** The same problems in bokmål and in English: same keys, lines and fields, every text different. */
function expectBothLanguages(nb: Rendered[], en: Rendered[]) {
  expectFromCatalogue(nb, 'nb');
  expectFromCatalogue(en, 'en');
  expect(nb.map((p) => [p.line, p.field, p.key])).toEqual(en.map((p) => [p.line, p.field, p.key]));
  nb.forEach((p, i) => expect(p.message).not.toBe(en[i].message));
}

const post = async (kind: string, token: string, body: string | Buffer, contentType: string, acceptLanguage?: string, query = 'dryRun=true') => {
  const res = await fetch(`${baseUrl(app)}/imports/${kind}?${query}`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { problems: Rendered[]; warnings: Rendered[] } };
};

describe('import problems, through POST /imports/<kind>', () => {
  it('KOSTRA accounts (kostra-regnskap): a short line and wrong fields, with positions as nested messages', async () => {
    const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
    const good = kostraLine({ year: 2024, region: '342900' });
    const file = `${good.slice(0, 47)}\n${kostraLine({ year: 2024, region: '342900', funksjon: '999 ' })}\n${kostraLine({ year: 2024, region: '342900', kontoklasse: '5' })}\n`;
    const nb = await post('kostra-regnskap', finance, file, 'text/plain');
    const en = await post('kostra-regnskap', finance, file, 'text/plain', 'en');
    expect([nb.status, en.status]).toEqual([422, 422]);
    expectBothLanguages(nb.body.problems, en.body.problems);
    expect(nb.body.problems.map((p) => p.key)).toEqual(['costs.kostra.lineLength', 'costs.kostra.funksjonUnknown', 'costs.kostra.kontoklasse']);
    // Where (line, positions, field) is a message of its own, rendered in the same language.
    const at = (locale: Locale) => translate(locale, 'costs.kostra.at', { line: 2, positions: { key: 'costs.kostra.positions', params: { from: 33, to: 36 } }, field: 'funksjon' });
    expect(nb.body.problems[1].params.at).toBe(at('nb'));
    expect(en.body.problems[1].params.at).toBe(at('en'));
  });

  it('ledger: a field rule (read) and a rule checked against the database (no cost agreement for the month)', async () => {
    const f = await costFixture(app);
    const csv = ledgerCsv([
      { voucher: 'I18N-1', date: '2024-13-01', funksjon: f.shared.funksjon, ore: 100 },
      { voucher: 'I18N-2', date: '2009-01-15', funksjon: f.shared.funksjon, ore: 100 },
    ]);
    const first = await importLedger(app, f.hostFinance, csv, true);
    expect(first.body.problems.map((p: Rendered) => p.key)).toEqual(['costs.ledger.notPostingDate']);
    expectFromCatalogue(first.body.problems, 'nb');
    const planned = ledgerCsv([{ voucher: 'I18N-3', date: '2009-01-15', funksjon: f.shared.funksjon, ore: 100 }]);
    const nb = await post('ledger', f.hostFinance, planned, 'text/csv');
    const en = await post('ledger', f.hostFinance, planned, 'text/csv', 'en');
    expect(nb.body.problems.map((p) => p.key)).toEqual(['costs.ledger.noAgreement']);
    expectBothLanguages(nb.body.problems, en.body.problems);
  });
});

/** Problems as a reader returns them (key and params): rendered in both languages, different, from the catalogue. */
function expectRawBothLanguages(problems: ImportProblem[], keys: MessageKey[]) {
  expect(problems.map((p) => p.key)).toEqual(keys);
  for (const p of problems) {
    const [nb, en] = [problemMessage('nb', p), problemMessage('en', p)];
    expect(nb).toBe(translate('nb', p.key, { line: p.line ?? '', ...p.params }));
    expect(en).toBe(translate('en', p.key, { line: p.line ?? '', ...p.params }));
    expect(nb).not.toBe(en);
  }
}

describe('import problems of the readers and rules without a database', () => {
  it('KOSTRA 11F (kostra-sosialhjelp): a line of the wrong length', async () => {
    const line = `3429${'24'}${' '.repeat(100)}`;
    const { problems } = await readImport(kostraSosialhjelpImport, Readable.from([Buffer.from(`${line}\n`, 'latin1')]), { format: 'kostra-11f', dryRun: true, fileName: 'NAV-11F-2024.dat' });
    expectRawBothLanguages(problems.report(), ['statistics.11f.recordLength']);
  });

  it('classification (KLASS 131): every field rule', async () => {
    const json = JSON.stringify([
      { record: 'item', version_valid_from: '2099-01-01', version_valid_to: '', version_name: 'V', code: '55X1', name: 'x' },
      { record: 'change', change_occurred: 'igår', old_code: '5501', old_name: 'a', new_code: '5502', new_name: '' },
      { record: 'other' },
    ]);
    const { problems } = await readImport(classificationImport, Readable.from([Buffer.from(json)]), { dryRun: true, format: 'json' });
    expectRawBothLanguages(problems.report(), ['reference.classification.notCode', 'reference.classification.notDate', 'reference.classification.nameLength', 'reference.classification.record']);
  });

  it('KOSTRA 15F (kostra-barnevern): the structure and SSB’s rules', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Regnskap/>\n';
    const { problems } = await readImport(kostraBarnevernImport, Readable.from([Buffer.from(xml)]), { format: 'kostra-15f', dryRun: true, fileName: 'other.xml' });
    expectRawBothLanguages(problems.report(), ['statistics.15f.notBarnevern']);
  });

  it('KOSTRA 15F: the findings of SSB’s rules (an Oslo file without Bydelsnummer and Bydelsnavn)', async () => {
    const file = fs.readFileSync(path.join(__dirname, '../fixtures/kostra/barnevern/feil-2020-0301-uten-bydel.xml'));
    const { problems } = await readImport(kostraBarnevernImport, Readable.from([file]), { format: 'kostra-15f', dryRun: true, fileName: 'feil-2020-0301-uten-bydel.xml' });
    const found = problems.report();
    expectRawBothLanguages(found, ['statistics.15f.finding', 'statistics.15f.finding']);
    expect(found.map((p) => (p.params?.problem as { key: string }).key)).toEqual(['statistics.15f.rule.osloBydelsnummer', 'statistics.15f.rule.osloBydelsnavn']);
  });

  it('statistics: a JSON-stat dataset without the dimensions it needs', async () => {
    const jsonStat = JSON.stringify({ version: '2.0', class: 'dataset', id: ['Region'], size: [1], dimension: { Region: { category: { index: ['3429'] } } }, value: [1] });
    const { problems } = await readImport(statisticsImport, Readable.from([Buffer.from(jsonStat)]), { dryRun: true, format: 'json' });
    expectRawBothLanguages(problems.report(), ['statistics.jsonStat.dimensions']);
  });
});

describe('npm run import', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await importCli(args, { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', ...env }, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    return { code, out: lines.join('\n') };
  };

  it('prints a KOSTRA accounts problem in bokmål by default (LANG=C) and in English with --lang en or LANG=en_*', async () => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-')), 'kostra.dat');
    const line = kostraLine({ year: 2024, region: '342900' });
    fs.writeFileSync(p, `${line.slice(0, 47)}\n`);
    const args = ['kostra-regnskap', p, '--dry-run', '--role', 'MUNICIPAL_FINANCE', '--municipality', '3429'];
    const expected = (locale: Locale) => translate(locale, 'costs.kostra.lineLength', { line: 1, length: 47 });
    const nb = await run(args, { LANG: 'C.UTF-8' });
    expect(nb.code).toBe(1);
    expect(nb.out).toContain(expected('nb'));
    expect((await run([...args, '--lang', 'en'], { LANG: 'nb_NO.UTF-8' })).out).toContain(expected('en'));
    expect((await run(args, { LANG: 'en_GB.UTF-8' })).out).toContain(expected('en'));
    expect(expected('nb')).not.toBe(expected('en'));
  });
});

describe('npm run import: usage and refusals', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await importCli(args, { LOG_LEVEL: 'silent', ...env }, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    return { code, out: lines.join('\n') };
  };
  const first = (locale: Locale) => translate(locale, 'cli.import.usage', { kinds: '' }).split('\n')[0];

  it('says its usage in bokmål by default, in English with --lang en or LANG=en_*', async () => {
    const [nb, en, lang] = [await run(['--help'], { LANG: 'C' }), await run(['--help', '--lang', 'en']), await run(['--help'], { LANG: 'en_US.UTF-8' })];
    expect([nb.code, en.code, lang.code]).toEqual([0, 0, 0]);
    expect(nb.out.startsWith(first('nb'))).toBe(true);
    expect(en.out.startsWith(first('en'))).toBe(true);
    expect(lang.out.startsWith(first('en'))).toBe(true);
    expect(first('nb')).not.toBe(first('en'));
    expect(nb.out).toContain(`${'population'.padEnd(12)} `);
    // The importers' one-line titles follow the language too.
    expect(nb.out).toContain('innbyggere 0–17 år per kommune og år (SSB 07459)');
    expect(en.out).toContain('residents aged 0–17 per municipality and year (SSB 07459)');
    expect(nb.out).not.toContain('residents aged');
  });

  it('names an unknown kind and a missing file in the chosen language', async () => {
    const unknown = await run(['nonsense', 'x.csv', '--role', 'REGION_ADMIN']);
    expect(unknown.code).toBe(2);
    expect(unknown.out.split('\n')[0]).toBe(translate('nb', 'cli.import.unknownKind', { kind: 'nonsense' }));
    const missing = await run(['population', '/no/such/file.csv', '--role', 'REGION_ADMIN', '--lang=en']);
    expect(missing).toEqual({ code: 2, out: translate('en', 'cli.import.noSuchFile', { file: '/no/such/file.csv' }) });
    expect(translate('nb', 'cli.import.noSuchFile', { file: 'f' })).not.toBe(translate('en', 'cli.import.noSuchFile', { file: 'f' }));
  });
});

describe('cost alerts', () => {
  it("are stored with their key and params and read in the reader's language; an alert stored before keeps its text", async () => {
    const f = await costFixture(app);
    const token = f.hostFinance;
    const created = await app.gql(
      `mutation($i: CreateCostAlertRuleInput!) { createCostAlertRule(input: $i) { rule { id } userErrors { message } } }`,
      { i: { serviceId: f.serviceGid, name: 'Over budsjett', basis: 'BUDGET', thresholdPercent: 25, thresholdOre: '1000000' } },
      token,
    );
    expect(ok(created).createCostAlertRule.userErrors).toEqual([]);
    const imported = await importLedger(app, token, ledgerCsv([{ voucher: 'I18N-A', date: '2024-01-20', funksjon: f.direct.funksjon, ore: 80_000_00, kommunenummer: '3429' }]));
    expect(imported.body.problems).toEqual([]);
    const stored = (await app.owner.query(`SELECT id, message, message_key, message_params FROM cost_alert WHERE service_id = $1`, [f.serviceId])).rows;
    expect(stored).toHaveLength(1);
    expect(stored[0].message_key).toBe('costs.alert.budget');
    const read = (acceptLanguage?: string) =>
      app.gql(`query($s: ID) { costAlerts(serviceId: $s) { nodes { message } } }`, { s: f.serviceGid }, token, { acceptLanguage }).then((r) => ok(r).costAlerts.nodes[0].message);
    const [nb, en] = [await read(), await read('en')];
    expect(nb).toBe(translate('nb', 'costs.alert.budget', stored[0].message_params));
    expect(en).toBe(translate('en', 'costs.alert.budget', stored[0].message_params));
    expect(nb).not.toBe(en);
    // The English text is stored as before (the fallback).
    expect(stored[0].message).toBe(en);
    // An alert raised before the key was stored: its stored text, in every language.
    await app.owner.query(`UPDATE cost_alert SET message_key = NULL, message_params = NULL, message = 'Gammel tekst.' WHERE id = $1`, [stored[0].id]);
    expect([await read(), await read('en')]).toEqual(['Gammel tekst.', 'Gammel tekst.']);
    expect(await scalar(app, `SELECT count(*)::int FROM cost_alert WHERE id = $1 AND message_key IS NULL`, [stored[0].id])).toBe(1);
  });

  it('refuses a key without params (the migration’s check)', async () => {
    const id = await scalar<string | null>(app, `SELECT id FROM cost_alert LIMIT 1`);
    if (id) await expect(app.owner.query(`UPDATE cost_alert SET message_key = 'costs.alert.budget', message_params = NULL WHERE id = $1`, [id])).rejects.toThrow(/check constraint/);
  });

  it('go to a webhook in the deployment’s default language, with the key and params for the receiver', () => {
    const crossing = { ruleId: 'r', municipalityId: 'm', categoryId: 'c', basis: AlertBasis.BUDGET, compared: 100_00n, actual: 250_00n, deviation: 150_00n, deviationBp: 15000 };
    const message = alertMessage('Barnevern', { name: 'Folldal', number: '3429' }, 'Tiltak', '2024-01', crossing);
    const alert = Object.assign(new CostAlert(), {
      id: '00000000-0000-0000-0000-000000000001',
      period: '2024-01',
      source: AlertSource.IMPORT,
      basis: AlertBasis.BUDGET,
      comparedOre: '10000',
      actualOre: '25000',
      deviationOre: '15000',
      deviationBp: 15000,
      message: translate('en', message.key, message.params),
      messageKey: message.key,
      messageParams: message.params,
      raisedAt: new Date('2024-02-01T10:00:00Z'),
    });
    const service = Object.assign(new SharedService(), { code: 'bv', name: 'Barnevern' });
    const municipality = Object.assign(new Municipality(), { number: '3429', name: 'Folldal' });
    const category = Object.assign(new CostCategory(), { code: 'tiltak', name: 'Tiltak' });
    const nb = alertEvent(alert, service, municipality, category, new Date(), 'nb').data;
    const en = alertEvent(alert, service, municipality, category, new Date(), 'en').data;
    expect(nb.message).toBe(alertText('nb', alert));
    expect(nb.message).toBe(translate('nb', 'costs.alert.budget', message.params));
    expect(en.message).toBe(translate('en', 'costs.alert.budget', message.params));
    expect(nb.message).not.toBe(en.message);
    expect([nb.messageKey, nb.messageParams]).toEqual(['costs.alert.budget', message.params]);
  });
});

describe('top-level errors: the code stays, the message is in the reader’s language', () => {
  it('UNAUTHENTICATED (a malformed Authorization header, and no token where one is needed)', async () => {
    const res = async (headers: Record<string, string>) =>
      (await (
        await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic abc', ...headers }, body: JSON.stringify({ query: '{ viewer { role } }' }) })
      ).json()) as any;
    const [nb, en] = [await res({}), await res({ 'accept-language': 'en' })];
    expect([nb.errors[0].extensions.code, en.errors[0].extensions.code]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(nb.errors[0].message).toBe(translate('nb', 'common.errors.bearerFormat'));
    expect(en.errors[0].message).toBe(translate('en', 'common.errors.bearerFormat'));
    expect(nb.errors[0].message).not.toBe(en.errors[0].message);
    const anonymous = await app.gql(`{ costAlerts { totalCount } }`, {}, undefined);
    expect(anonymous.errors?.[0]).toMatchObject({ message: translate('nb', 'common.errors.unauthenticated'), extensions: { code: 'UNAUTHENTICATED' } });
    expect(anonymous.errors?.[0].extensions).not.toHaveProperty('i18nMessage');
  });

  it('FORBIDDEN (a role the operation does not allow), over GraphQL and on an import route', async () => {
    const admin = await app.token(Role.REGION_ADMIN);
    const query = `mutation { createRegion(input: { code: "x-i18n", name: "X" }) { region { id } } }`;
    const nb = await app.gql(query, {}, admin);
    const en = await app.gql(query, {}, admin, { acceptLanguage: 'en' });
    expect([nb.errors?.[0].extensions?.code, en.errors?.[0].extensions?.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(nb.errors?.[0].message).toBe(translate('nb', 'common.errors.roleRequired', { action: '', roles: 'OPERATOR', yourRoles: 'REGION_ADMIN' }));
    expect(en.errors?.[0].message).toMatch(/ needs one of the roles OPERATOR; you are REGION_ADMIN\.$/);
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const route = await post('ledger', director, ledgerCsv([]), 'text/csv');
    const routeEn = await post('ledger', director, ledgerCsv([]), 'text/csv', 'en');
    const [a, b] = [(route.body as any).errors[0], (routeEn.body as any).errors[0]];
    expect([a.extensions.code, b.extensions.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(a.message).not.toBe(b.message);
    expect(a.message).toMatch(/^Dette krever en av rollene /);
  });

  it('BAD_USER_INPUT from class-validator: a key per constraint with its params, the message listing them', async () => {
    const admin = await app.token(Role.REGION_ADMIN);
    const query = `mutation ($i: CreateStrategicPlanInput!) { createStrategicPlan(input: $i) { strategicPlan { id } } }`;
    const input = { i: { title: '   ', periodStartYear: 2026, periodEndYear: 2027, municipalityNumbers: ['12'], serviceIds: [] } };
    const nb = (await app.gql(query, input, admin)).errors![0];
    const en = (await app.gql(query, input, admin, { acceptLanguage: 'en' })).errors![0];
    expect(nb.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = nb.extensions?.validationErrors as { field: string; rule: string; key: MessageKey; params: Record<string, string | number>; message: string }[];
    expect(problems.map((p) => [p.field, p.rule, p.key])).toEqual(
      expect.arrayContaining([
        ['input.title', 'matches', 'common.validation.notBlank'],
        ['input.municipalityNumbers', 'matches', 'common.validation.eachKommunenummer'],
      ]),
    );
    for (const p of problems) expect(p.message).toBe(translate('nb', p.key, p.params));
    const list = problems.map((p) => translate('nb', 'common.validation.problem', { field: p.field, rule: p.rule, problem: p.message }));
    expect(nb.message).toBe(translate('nb', 'common.errors.invalidInput', { problems: list.join('; ') }));
    expect(en.message).not.toBe(nb.message);
    expect((en.extensions?.validationErrors as { message: string }[]).map((p) => p.message)).toContain(translate('en', 'common.validation.notBlank'));
    expect(nb.extensions).not.toHaveProperty('i18nMessage');
  });

  it('a class-validator limit carries its number as a param (max length of a title)', async () => {
    const admin = await app.token(Role.REGION_ADMIN);
    const query = `mutation ($i: CreateStrategicPlanInput!) { createStrategicPlan(input: $i) { strategicPlan { id } } }`;
    const res = await app.gql(query, { i: { title: 'x'.repeat(5000), periodStartYear: 2026, periodEndYear: 2027, municipalityNumbers: ['3429'], serviceIds: [] } }, admin);
    const problem = (res.errors![0].extensions?.validationErrors as { rule: string; key: MessageKey; params: Record<string, number>; message: string }[]).find((p) => p.rule === 'isLength')!;
    expect(problem.key).toBe('common.validation.tooLong');
    expect(problem.params.count).toBeGreaterThan(0);
    expect(problem.message).toBe(translate('nb', 'common.validation.tooLong', problem.params));
  });
});

describe('top-level errors of the limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ defaultLocale: 'nb', maxDepth: 2, rateLimitPerPrincipal: 2, rateLimitPerAddress: 0 });
  });
  afterAll(() => limited.close());

  it('QUERY_TOO_COMPLEX (depth) and RATE_LIMITED, in bokmål by default and English on request', async () => {
    const deep = `{ regions { nodes { municipalities { nodes { number } } } } }`;
    const admin = await limited.token(Role.OPERATOR, { sub: 'i18n-limits' });
    const nb = (await limited.gql(deep, {}, admin)).errors![0];
    const en = (await limited.gql(deep, {}, admin, { acceptLanguage: 'en' })).errors![0];
    expect([nb.extensions?.code, en.extensions?.code]).toEqual(['QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX']);
    const params = () => ({ what: { key: 'common.errors.limit.depth' as const }, value: ` ${nb.extensions?.found}`, max: 2, limit: 'GRAPHQL_MAX_DEPTH', hint: '' });
    expect(nb.message).toBe(translate('nb', 'common.errors.limit', params()));
    expect(en.message).toBe(translate('en', 'common.errors.limit', params()));
    expect(nb.message).not.toBe(en.message);
    // Another token: its third request in the minute is refused (RATE_LIMIT_PER_PRINCIPAL=2).
    const other = await limited.token(Role.OPERATOR, { sub: 'i18n-rate' });
    const send = (acceptLanguage?: string) =>
      fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${other}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
    expect([(await send()).status, (await send()).status]).toEqual([200, 200]);
    const [nbRes, enRes] = [await send(), await send('en')];
    expect([nbRes.status, enRes.status]).toEqual([429, 429]);
    const [nbBody, enBody] = [(await nbRes.json()) as any, (await enRes.json()) as any];
    const expected = (locale: Locale, body: any) =>
      translate(locale, 'common.errors.rateLimited', { per: { key: 'common.errors.perToken' }, max: 2, limit: 'RATE_LIMIT_PER_PRINCIPAL', seconds: body.errors[0].extensions.retryAfterSeconds });
    expect(nbBody.errors[0]).toMatchObject({ message: expected('nb', nbBody), extensions: { code: 'RATE_LIMITED' } });
    expect(enBody.errors[0]).toMatchObject({ message: expected('en', enBody), extensions: { code: 'RATE_LIMITED' } });
    expect(nbBody.errors[0].message).not.toBe(enBody.errors[0].message);
  });
});
