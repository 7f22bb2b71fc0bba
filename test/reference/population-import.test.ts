import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { importCli } from '../../scripts/import';
import { baseUrl } from '../helpers/fixtures';
import { TEST_ENV } from '../helpers/env';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The import framework, through its first importer (population aged 0–17): HTTP and the CLI share
 * one code path; every record is validated with its line; all or nothing; a dry run changes
 * nothing; the same file twice changes nothing; only the region's own municipalities.
 */
let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
});
afterAll(() => app.close());

async function post(body: string, { token = admin as string | null, type = 'text/csv', query = '', kind = 'population' } = {}) {
  const res = await fetch(`${baseUrl(app)}/imports/${kind}${query}`, { method: 'POST', headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
  return { status: res.status, body: (await res.json()) as any };
}
const populations = async () =>
  (await app.owner.query(`SELECT m.number, p.year, p.aged_0_17 FROM municipality_population p JOIN municipality m ON m.id = p.municipality_id ORDER BY m.number, p.year`)).rows;
const imports = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM audit_record WHERE operation = 'import:population'`)).rows[0].n);

const FILE = 'kommunenummer,year,aged_0_17\n3429,2024,299\n3427,2025,1180\n3424,2026,321\n';

it('dry-runs, imports, and changes nothing the second time', async () => {
  const before = await populations();
  const dry = await post(FILE, { query: '?dryRun=true' });
  expect(dry.status).toBe(200);
  expect(dry.body).toMatchObject({ kind: 'population', dryRun: true, applied: false, records: 3, inserted: 2, updated: 1, unchanged: 0, problems: [] });
  expect(dry.body.changes).toEqual(expect.arrayContaining([expect.stringMatching(/^Folldal \(3429\) 2024: \d+ → 299$/), 'Rendalen (3424) 2026: new → 321']));
  expect(await populations()).toEqual(before);

  const done = await post(FILE);
  expect(done.body).toMatchObject({ dryRun: false, applied: true, inserted: 2, updated: 1 });
  const after = await populations();
  expect(after).toEqual(
    expect.arrayContaining([
      { number: '3429', year: 2024, aged_0_17: 299 },
      { number: '3424', year: 2026, aged_0_17: 321 },
    ]),
  );
  expect(after).toHaveLength(before.length + 2);
  expect(await imports()).toBe(1);

  const again = await post(FILE);
  expect(again.body).toMatchObject({ applied: false, inserted: 0, updated: 0, unchanged: 3 });
  expect(await populations()).toEqual(after);
  expect(await imports()).toBe(1);
});

it('reports every bad record with its line and field, and imports none of the file', async () => {
  const before = await populations();
  const file = ['kommunenummer;year;aged_0_17', '3429;2025;300', '301;2025;5', '3428;20x5;5', '3428;2024;-1', '3449;2024;500', '3429;2025;301', '3427;2024;1\u00002'].join('\n');
  const res = await post(`\ufeff${file}`);
  expect(res.status).toBe(422);
  expect(res.body.applied).toBe(false);
  expect(res.body.problems).toEqual([
    { line: 3, field: 'kommunenummer', key: 'imports.notKommunenummer', params: { value: '301' }, message: expect.stringContaining('four-digit kommunenummer') },
    { line: 4, field: 'year', key: 'imports.notWholeNumber', params: { value: '20x5' }, message: '"20x5" is not a whole number.' },
    { line: 5, field: 'aged_0_17', key: 'imports.outsideRange', params: { value: -1, min: 0, max: 10000000 }, message: expect.stringContaining('outside 0–10000000') },
    { line: 7, field: null, key: 'imports.duplicate', params: { first: 2, identity: '3429 2025' }, message: 'Duplicate of line 2 (3429 2025).' },
    { line: 8, field: 'aged_0_17', key: 'imports.nulByte', params: {}, message: 'Contains a NUL byte.' },
  ]);
  // Sør-Aurdal (3449) is a Valdres municipality: unknown here. Found only once every line reads well.
  const foreign = await post('kommunenummer,year,aged_0_17\n3429,2025,300\n3449,2024,500\n');
  expect(foreign.status).toBe(422);
  expect(foreign.body.problems).toEqual([{ line: 3, field: 'kommunenummer', key: 'imports.noSuchMunicipality', params: { number: '3449' }, message: 'No municipality 3449 in your region.' }]);
  expect(await populations()).toEqual(before);
});

it('reads JSON records, and says what is wrong with a file as a whole', async () => {
  const json = await post(JSON.stringify([{ kommunenummer: '3426', year: 2026, aged_0_17: 333 }]), { type: 'application/json', query: '?dryRun=1' });
  expect(json.body).toMatchObject({ records: 1, inserted: 1, problems: [] });
  const header = await post('kommune,year,aged_0_17\n3429,2025,1\n');
  expect(header.body.problems).toEqual([
    expect.objectContaining({ line: 1, field: null, key: 'imports.header', message: 'The header must name the columns kommunenummer, year, aged_0_17; missing: kommunenummer; unknown: kommune.' }),
  ]);
  expect((await post('', { query: '?dryRun=1' })).body.problems).toEqual([{ line: null, field: null, key: 'imports.noRecords', params: {}, message: 'The file has no records.' }]);
  expect((await post('{"rows": 5}', { type: 'application/json' })).body.problems[0].message).toContain('Expected an array of records');
  expect((await post('{not json', { type: 'application/json' })).body.problems[0].message).toContain('Not readable as JSON');
  expect((await post('a,"b\n', {})).status).toBe(422);
});

it('refuses the wrong caller before reading the file, and unknown kinds and formats', async () => {
  const before = await populations();
  const director = await post(FILE, { token: await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }) });
  expect([director.status, director.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  const anonymous = await post(FILE, { token: null });
  expect([anonymous.status, anonymous.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  expect((await post(FILE, { kind: 'nonsense' })).status).toBe(404);
  expect((await post(FILE, { type: 'application/xml' })).status).toBe(415);
  // Another region's administrator sees none of Nord-Østerdal's municipalities.
  const valdres = await post(FILE, { token: await app.token(Role.REGION_ADMIN, { region: 'valdres' }) });
  expect(valdres.body.problems.map((p: any) => p.message)).toEqual(['No municipality 3429 in your region.', 'No municipality 3427 in your region.', 'No municipality 3424 in your region.']);
  expect(await populations()).toEqual(before);
});

describe('npm run import (the same code path from the command line)', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await importCli(
      args,
      { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', LANG: 'en_GB.UTF-8' },
      { log: (l) => lines.push(l), error: (l) => lines.push(`! ${l}`) },
    );
    return { code, out: lines.join('\n') };
  };
  const file = (content: string) => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), 'population.csv');
    fs.writeFileSync(p, content);
    return p;
  };

  it('dry-runs and imports as the role named, and exits 1 on a bad file', async () => {
    const good = file('kommunenummer,year,aged_0_17\n3428,2026,456\n');
    const dry = await run(['population', good, '--dry-run', '--role', 'REGION_ADMIN']);
    expect(dry).toEqual({ code: 0, out: expect.stringContaining('population: 1 records; dry run, would be: 1 new, 0 changed, 0 removed, 0 unchanged\n  Alvdal (3428) 2026: new → 456') });
    expect(
      (await app.owner.query(`SELECT count(*)::int AS n FROM municipality_population p JOIN municipality m ON m.id = p.municipality_id WHERE m.number = '3428' AND p.year = 2026`)).rows[0].n,
    ).toBe(0);
    expect((await run(['population', good, '--role', 'REGION_ADMIN'])).code).toBe(0);
    expect((await app.owner.query(`SELECT p.aged_0_17 FROM municipality_population p JOIN municipality m ON m.id = p.municipality_id WHERE m.number = '3428' AND p.year = 2026`)).rows).toEqual([
      { aged_0_17: 456 },
    ]);
    const audit = (await app.owner.query(`SELECT actor, actor_role FROM audit_record WHERE operation = 'import:population' ORDER BY at DESC LIMIT 1`)).rows[0];
    expect(audit).toEqual({ actor: expect.stringMatching(/^cli-/), actor_role: 'REGION_ADMIN' });

    const bad = await run(['population', file('kommunenummer,year,aged_0_17\n3428,2026,x\n'), '--role', 'REGION_ADMIN']);
    expect(bad).toEqual({ code: 1, out: expect.stringContaining('line 2, aged_0_17: "x" is not a whole number.') });
  });

  it('refuses a role that may not import, an unknown scope and bad usage', async () => {
    const good = file('kommunenummer,year,aged_0_17\n3428,2026,456\n');
    expect(await run(['population', good, '--role', 'MUNICIPAL_DIRECTOR', '--municipality', '3429'])).toEqual({
      code: 2,
      out: expect.stringContaining('refused: Importing population figures needs one of the roles REGION_ADMIN'),
    });
    expect(await run(['population', good, '--role', 'REGION_ADMIN', '--region', 'nowhere'])).toEqual({ code: 2, out: expect.stringContaining('refused: unknown region') });
    expect((await run(['population', good, '--role', 'mayor'])).code).toBe(2);
    expect((await run(['nonsense', good, '--role', 'REGION_ADMIN'])).out).toContain('unknown kind "nonsense"');
    expect((await run(['population', '/no/such/file.csv', '--role', 'REGION_ADMIN'])).out).toContain('no such file');
  });

  it('answers --help with the usage on stdout (exit 0) and a wrong option with one line and the usage (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: npm run import/);
    const bogus = await run(['population', file('kommunenummer,year,aged_0_17\n3428,2026,456\n'), '--role', 'REGION_ADMIN', '--bogus']);
    expect(bogus.code).toBe(2);
    const [first, second] = bogus.out.split('\n');
    expect(first).toMatch(/^! Unknown option '--bogus'/);
    expect(second).toMatch(/^usage: npm run import/);
    expect(bogus.out).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
  });
});
