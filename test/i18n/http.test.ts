import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCli } from '../../scripts/import';
import { Role } from '../../src/auth/roles';
import { TEST_ENV } from '../helpers/env';
import { baseUrl } from '../helpers/fixtures';
import { translate } from '../../src/i18n';
import { startTestApp, TestApp } from '../helpers/test-app';
import { kostraLine } from '../costs/kostra-fixtures';

/**
 * Bokmål by default, English on Accept-Language: en — through the real server, with the
 * deployment's default (`defaultLocale` nb, as loadConfig gives it; the shared test app answers
 * English so the other tests can assert the English texts).
 */
let app: TestApp;
let operator: string;
let admin: string;
beforeAll(async () => {
  app = await startTestApp({ defaultLocale: 'nb' });
  operator = await app.token(Role.OPERATOR, { sub: 'operator-i18n' });
  admin = await app.token(Role.REGION_ADMIN);
});
afterAll(() => app.close());

const CREATE_REGION = `mutation ($i: CreateRegionInput!) { createRegion(input: $i) { region { id } userErrors { field code key params { name value } message } } }`;
const duplicateRegion = (acceptLanguage?: string) => app.gql(CREATE_REGION, { i: { code: 'nord-osterdal', name: 'Nord-Østerdal igjen' } }, operator, { acceptLanguage });

describe('a userError', () => {
  const expected = { field: ['input', 'code'], code: 'CONFLICT', key: 'reference.regionCodeAlreadyExists', params: [{ name: 'code', value: 'nord-osterdal' }] };

  it('is in bokmål when the request names no language, with its stable key and params', async () => {
    const res = await duplicateRegion();
    expect(res.errors).toBeUndefined();
    expect(res.data.createRegion).toEqual({ region: null, userErrors: [{ ...expected, message: 'Det finnes allerede en region med koden «nord-osterdal».' }] });
  });

  it('is in English on Accept-Language: en (and en-GB, or en ranked above nb), with the same key and params', async () => {
    for (const language of ['en', 'en-GB,en;q=0.9', 'nb;q=0.4, en;q=0.8']) {
      const res = await duplicateRegion(language);
      expect(res.data.createRegion.userErrors).toEqual([{ ...expected, message: 'A region with code "nord-osterdal" already exists.' }]);
    }
  });

  it('is in bokmål for nb, nn, no and for a language we do not have', async () => {
    for (const language of ['nb-NO', 'nn', 'no', 'de-DE', '*']) {
      const res = await duplicateRegion(language);
      expect(res.data.createRegion.userErrors[0].message).toBe('Det finnes allerede en region med koden «nord-osterdal».');
    }
  });

  it('keeps the field path as the API spells it, with the message in bokmål', async () => {
    const res = await app.gql(
      `mutation ($i: CreateStrategicPlanInput!) { createStrategicPlan(input: $i) { strategicPlan { id } userErrors { field code key message } } }`,
      { i: { title: 'Plan med feil periode', periodStartYear: 2030, periodEndYear: 2027, municipalityNumbers: ['3424'], serviceIds: [] } },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.createStrategicPlan).toEqual({
      strategicPlan: null,
      userErrors: [{ field: ['input', 'periodEndYear'], code: 'INVALID', key: 'plans.periodCannotEndBefore', message: 'Perioden kan ikke slutte før den begynner.' }],
    });
  });
});

describe('the reason of a top-level error', () => {
  const DASHBOARD = `query ($n: String!, $p: String) { municipalityDashboard(number: $n, period: $p) { municipality { number } } }`;
  const first = (res: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) => res.errors![0];

  it('FORBIDDEN (another municipality’s dashboard): the reason in bokmål by default, in English on request', async () => {
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const nb = first(await app.gql(DASHBOARD, { n: '3427' }, director));
    const en = first(await app.gql(DASHBOARD, { n: '3427' }, director, { acceptLanguage: 'en' }));
    expect([nb.extensions?.code, en.extensions?.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(nb.message).toBe('Du kan bare lese dashbordet for din egen kommune, ikke for Tynset.');
    expect(en.message).toBe('You may only read the dashboard of your own municipality, not Tynset.');
    expect(nb.extensions).not.toHaveProperty('i18nMessage');
  });

  it('BAD_USER_INPUT (badInput): the field, then the reason in the reader’s language; field and rule unchanged', async () => {
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const nb = first(await app.gql(DASHBOARD, { n: '3429', p: '2025-13' }, director));
    const en = first(await app.gql(DASHBOARD, { n: '3429', p: '2025-13' }, director, { acceptLanguage: 'en' }));
    expect(nb).toMatchObject({ message: 'period: må være en måned, «YYYY-MM» (for eksempel «2026-03»)', extensions: { code: 'BAD_USER_INPUT', field: 'period', rule: 'format' } });
    expect(en).toMatchObject({ message: 'period: must be a month, "YYYY-MM" (e.g. "2026-03")', extensions: { code: 'BAD_USER_INPUT', field: 'period', rule: 'format' } });
  });

  it('NOT_FOUND names what was not found in the reader’s language (an unknown import kind)', async () => {
    const send = async (acceptLanguage?: string) => {
      const res = await fetch(`${baseUrl(app)}/imports/nonsense`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
        body: 'a\n1\n',
      });
      return { status: res.status, body: (await res.json()) as { errors: { message: string; extensions: { code: string } }[] } };
    };
    const [nb, en] = [await send(), await send('en')];
    expect([nb.status, en.status, nb.body.errors[0].extensions.code]).toEqual([404, 404, 'NOT_FOUND']);
    expect(nb.body.errors[0].message).toMatch(/^Fant ikke importtypen «nonsense» \(kjente: .*population.*\)\.$/);
    expect(en.body.errors[0].message).toMatch(/^Import kind "nonsense" \(known: .*population.*\) was not found\.$/);
  });

  it('UNAUTHENTICATED (a token that does not verify): the reason from the token check in bokmål, in English on request', async () => {
    const forged = `${admin.slice(0, -4)}AAAA`;
    const nb = first(await app.gql(`{ __typename }`, {}, forged));
    const en = first(await app.gql(`{ __typename }`, {}, forged, { acceptLanguage: 'en' }));
    expect([nb.extensions?.code, en.extensions?.code]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(nb.message).toBe('Ugyldig token: tokenet ble avvist.');
    expect(en.message).toBe('Invalid token: token rejected.');
  });

  it('UNAUTHENTICATED (a scope claim naming nothing in the region): the reason with its nested message, in both languages', async () => {
    const stranger = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '9999', region: 'nord-osterdal' });
    const nb = first(await app.gql(`{ __typename }`, {}, stranger));
    const en = first(await app.gql(`{ __typename }`, {}, stranger, { acceptLanguage: 'en' }));
    expect(nb.message).toBe(translate('nb', 'common.errors.invalidToken', { reason: { key: 'common.token.unknownMunicipality' } }));
    expect(nb.message).toBe('Ugyldig token: ukjent kommune i regionen.');
    expect(en.message).toBe('Invalid token: unknown municipality in region.');
  });
});

describe('an HTTP-level error', () => {
  it('BAD_REQUEST (a body that is not JSON) in bokmål by default and in English on request', async () => {
    const send = async (acceptLanguage?: string) => {
      const res = await fetch(`${baseUrl(app)}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
        body: '{"query": ',
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await send()).toEqual({ status: 400, body: { errors: [{ message: 'Innholdet i forespørselen er ikke gyldig JSON.', extensions: { code: 'BAD_REQUEST' } }] } });
    expect(await send('en')).toEqual({ status: 400, body: { errors: [{ message: 'Malformed request body.', extensions: { code: 'BAD_REQUEST' } }] } });
  });
});

describe('texts of the plans’ read models', () => {
  const READ = `query ($id: ID!) { strategicPlan(id: $id) {
    expiry(asOf: "2026-06-01") { actions { source text } }
    currentVersion { legalCompleteness { note checks { requirement present reason } } } } }`;
  let planId: string;
  beforeAll(async () => {
    const created = await app.gql(
      `mutation ($i: CreateStrategicPlanInput!) { createStrategicPlan(input: $i) { strategicPlan { id } userErrors { message } } }`,
      { i: { title: 'Plan for språktest', periodStartYear: 2022, periodEndYear: 2025, municipalityNumbers: ['3429'], serviceIds: [] } },
      admin,
    );
    expect(created.data.createStrategicPlan.userErrors).toEqual([]);
    planId = created.data.createStrategicPlan.strategicPlan.id;
  });

  it('a follow-up text (the law’s action after the plan period) and the § 15-1 check in bokmål by default', async () => {
    const plan = (await app.gql(READ, { id: planId }, admin)).data.strategicPlan;
    expect(plan.expiry.actions.map((a: { source: string }) => a.source)).toEqual(['LAW', 'PLAN']);
    expect(plan.expiry.actions[0].text).toMatch(/^«Kommunestyret selv skal vedta en plan/);
    expect(plan.expiry.actions[0].text).toContain('Planperioden sluttet 2025-12-31: kommunestyret i hver kommune planen gjelder, må selv vedta en ny eller revidert plan');
    expect(plan.expiry.actions[1].text).toBe('Planen sier ikke noe om hvordan den selv skal evalueres eller revideres.');
    const legal = plan.currentVersion.legalCompleteness;
    expect(legal.note).toBe(translate('nb', 'plans.legal.note'));
    expect(legal.checks[0]).toEqual({ requirement: 'GOALS', present: false, reason: 'Planen har ingen mål: den må si hva målene for det forebyggende arbeidet er.' });
  });

  it('in English on Accept-Language: en', async () => {
    const plan = (await app.gql(READ, { id: planId }, admin, { acceptLanguage: 'en' })).data.strategicPlan;
    expect(plan.expiry.actions[0].text).toContain('The plan period ended on 2025-12-31: the council of every covered municipality must itself adopt');
    expect(plan.expiry.actions[1].text).toBe('The plan states no rule for its own review or revision.');
    expect(plan.currentVersion.legalCompleteness.note).toMatch(/^A structural check of what the plan states/);
    expect(plan.currentVersion.legalCompleteness.checks[0].reason).toBe('States no goals: the plan must say what the goals of the preventive work are.');
  });

  it('the § 15-1 check quotes titles as the reader’s language does: «…» in bokmål, "…" in English', async () => {
    const versionId = (await app.gql(`query ($id: ID!) { strategicPlan(id: $id) { currentVersion { id } } }`, { id: planId }, admin)).data.strategicPlan.currentVersion.id;
    const added = await app.gql(
      `mutation ($i: AddPlanBodyInput!) { addPlanBody(input: $i) { userErrors { message } } }`,
      { i: { versionId, kind: 'WORKING_GROUP', name: 'Arbeidsgruppe for språk', members: [{ role: 'Leder' }] } },
      admin,
    );
    expect(added.data.addPlanBody.userErrors).toEqual([]);
    const organisation = async (acceptLanguage?: string) =>
      (await app.gql(READ, { id: planId }, admin, { acceptLanguage })).data.strategicPlan.currentVersion.legalCompleteness.checks.find((c: any) => c.requirement === 'ORGANISATION').reason;
    expect(await organisation()).toBe('Har ingen tiltak; 1 styringsorgan («Arbeidsgruppe for språk») sier hvordan arbeidet er organisert.');
    expect(await organisation('en')).toBe('Has no measures; the work is organised through 1 governance body ("Arbeidsgruppe for språk").');
  });
});

describe('a class-validator constraint with a message of its own', () => {
  it('has its key and params (a region code), in bokmål by default and in English on request', async () => {
    const input = { i: { code: 'Nord Østerdal', name: 'Nord-Østerdal' } };
    const nb = (await app.gql(CREATE_REGION, input, operator)).errors![0];
    const en = (await app.gql(CREATE_REGION, input, operator, { acceptLanguage: 'en' })).errors![0];
    const problem = (e: typeof nb) => (e.extensions?.validationErrors as { field: string; key: string; params: Record<string, unknown>; message: string }[]).find((p) => p.field === 'input.code');
    expect(problem(nb)).toEqual({ field: 'input.code', rule: 'matches', key: 'common.validation.code', params: { min: 2, max: 40 }, message: 'må ha 2–40 tegn av a–z, 0–9 og «-»' });
    expect(problem(en)).toMatchObject({ key: 'common.validation.code', message: 'must be 2–40 characters of a–z, 0–9 and "-"' });
    expect(nb.message).toBe('Ugyldig input: input.code må ha 2–40 tegn av a–z, 0–9 og «-» (matches)');
  });
});

describe('an import problem', () => {
  const post = async (body: string, acceptLanguage?: string) => {
    const res = await fetch(`${baseUrl(app)}/imports/population?dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const FILE = 'kommunenummer,year,aged_0_17\n12,2024,299\n3427,2025,tusen\n';

  it('is in bokmål by default, each with its line, field, key and params', async () => {
    const res = await post(FILE);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { line: 2, field: 'kommunenummer', key: 'imports.notKommunenummer', params: { value: '12' }, message: '«12» må være et firesifret kommunenummer, for eksempel «0301».' },
      { line: 3, field: 'aged_0_17', key: 'imports.notWholeNumber', params: { value: 'tusen' }, message: '«tusen» er ikke et heltall.' },
    ]);
  });

  it('is in English on Accept-Language: en', async () => {
    const res = await post(FILE, 'en');
    expect(res.body.problems.map((p: any) => [p.key, p.message])).toEqual([
      ['imports.notKommunenummer', '"12" must be a four-digit kommunenummer, e.g. "0301".'],
      ['imports.notWholeNumber', '"tusen" is not a whole number.'],
    ]);
  });

  it('a dry run lists its changes in bokmål by default and in English on request', async () => {
    const FILE = 'kommunenummer,year,aged_0_17\n3424,2026,321\n';
    const nb = await post(FILE);
    expect(nb.status).toBe(200);
    expect(nb.body.changes).toEqual(['Rendalen (3424) 2026: ny → 321']);
    expect((await post(FILE, 'en')).body.changes).toEqual(['Rendalen (3424) 2026: new → 321']);
  });

  it("of the file as a whole (a header without the columns) names what is missing, in the reader's language", async () => {
    const nb = await post('kommunenummer,aar\n3427,2025\n');
    expect(nb.body.problems).toEqual([
      expect.objectContaining({ line: 1, key: 'imports.header', message: 'Overskriftslinjen må ha kolonnene kommunenummer, year, aged_0_17. Mangler: year, aged_0_17. Ukjente: aar.' }),
    ]);
    const en = await post('kommunenummer,aar\n3427,2025\n', 'en');
    expect(en.body.problems[0].message).toBe('The header must name the columns kommunenummer, year, aged_0_17; missing: year, aged_0_17; unknown: aar.');
  });
});

describe('a KOSTRA accounts file’s change line', () => {
  const dryRun = async (file: string, acceptLanguage?: string) => {
    const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3427' });
    const res = await fetch(`${baseUrl(app)}/imports/kostra-regnskap?dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${finance}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
      body: file,
    });
    return (await res.json()) as any;
  };

  it('names the period (annual accounts, a quarter) in bokmål by default and in English on request', async () => {
    const annual = `${kostraLine()}\n`;
    const quarter = `${kostraLine({ kvartal: '2' })}\n`;
    expect((await dryRun(annual)).changes[0]).toBe('3427 Tynset, 0A 2024 årsregnskap: 1 linjer (1 om barnevern, funksjon 244/251/252), beløp i 1000 kr.');
    expect((await dryRun(quarter)).changes[0]).toMatch(/^3427 Tynset, 0A 2024 kvartal 2: /);
    expect((await dryRun(annual, 'en')).changes[0]).toBe('3427 Tynset, 0A 2024 annual accounts: 1 lines (1 on barnevern, funksjon 244/251/252), amounts in 1000 kr.');
    expect((await dryRun(quarter, 'en')).changes[0]).toMatch(/^3427 Tynset, 0A 2024 quarter 2: /);
  });
});

describe('npm run import', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await importCli(
      args,
      { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', ...env },
      { log: (l) => lines.push(l), error: (l) => lines.push(`! ${l}`) },
    );
    return { code, out: lines.join('\n') };
  };
  const file = (content: string) => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'i18n-')), 'population.csv');
    fs.writeFileSync(p, content);
    return p;
  };

  it('speaks bokmål by default (LANG=C), English with --lang en or LANG=en_*', async () => {
    const good = file('kommunenummer,year,aged_0_17\n3428,2026,456\n');
    const args = ['population', good, '--dry-run', '--role', 'REGION_ADMIN'];
    expect(await run(args, { LANG: 'C.UTF-8' })).toEqual({ code: 0, out: expect.stringContaining('population: 1 post; prøvekjøring, ville gitt: 1 nye, 0 endret, 0 fjernet, 0 uendret') });
    expect((await run([...args, '--lang', 'en'], { LANG: 'nb_NO.UTF-8' })).out).toContain('population: 1 records; dry run, would be: 1 new, 0 changed, 0 removed, 0 unchanged');
    expect((await run(args, { LANG: 'en_GB.UTF-8' })).out).toContain('dry run, would be: 1 new');
    const bad = file('kommunenummer,year,aged_0_17\n12,2026,456\n');
    expect(await run(['population', bad, '--role', 'REGION_ADMIN'])).toEqual({
      code: 1,
      out: expect.stringContaining('population: 1 post; ikke importert, ingenting er endret:\n  linje 2, kommunenummer: «12» må være et firesifret kommunenummer, for eksempel «0301».'),
    });
  });
});
