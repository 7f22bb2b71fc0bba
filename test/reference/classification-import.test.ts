import { KLASS_131_SAMPLE_CHANGES, KLASS_131_SAMPLE_VERSIONS } from '../../src/seed/reference/klass-131-sample';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCli } from '../../scripts/import';
import { TEST_ENV } from '../helpers/env';
import { Role } from '../../src/auth/roles';
import { osloToday } from '../../src/services/reference/municipality-history';
import { mutate, refused } from '../costs/fixtures';
import { baseUrl, tableFingerprint } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * `municipality-classification` import (POST /imports/…, `npm run import -- …`): SSB's KLASS 131
 * in the JSON KLASS's API returns, loaded by an OPERATOR; dry run, all or nothing, idempotent. The
 * test database holds the seed's excerpt (src/seed/reference/klass-131-sample.ts); the same
 * documents are posted again here.
 * The "newer version" below is hypothetical (Karlsøy renumbered 5534 → 5599 from the first day of
 * this month): it shows what loading a newer version does, not a fact about Norway.
 */
let app: TestApp;
let operator: string;
beforeAll(async () => {
  app = await startTestApp();
  operator = await app.token(Role.OPERATOR, { sub: 'operator-import' });
});
afterAll(() => app.close());

const DOCUMENTS: Record<string, unknown> = {
  'versions/2024.json': KLASS_131_SAMPLE_VERSIONS[2024],
  'versions/2019.json': KLASS_131_SAMPLE_VERSIONS[2019],
  'changes.json': KLASS_131_SAMPLE_CHANGES,
};
const bundled = (file: string) => JSON.stringify(DOCUMENTS[file]);
const itemsOf = (file: string) => DOCUMENTS[file] as { classificationItems?: unknown[]; codeChanges?: unknown[] };
const TABLES = ['municipality_classification_version', 'municipality_classification_item', 'municipality_code_change', 'deployment_audit_record'];

async function post(body: string, token: string | null = operator, query = '') {
  const res = await fetch(`${baseUrl(app)}/imports/municipality-classification${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const thisMonth = osloToday(new Date()).slice(0, 8) + '01';
function hypotheticalVersion() {
  const v2024 = JSON.parse(bundled('versions/2024.json'));
  return {
    ...v2024,
    name: 'Kommuneinndeling (hypothetical test version)',
    id: 999999,
    validFrom: thisMonth,
    classificationItems: v2024.classificationItems.map((i: any) => (i.code === '5534' ? { ...i, code: '5599' } : i)),
  };
}
const hypotheticalChanges = { codeChanges: [{ oldCode: '5534', oldName: 'Karlsøy', oldShortName: '', newCode: '5599', newName: 'Karlsøy', newShortName: '', changeOccurred: thisMonth }] };

describe('municipality-classification import', () => {
  it('loads the bundled files again without changing anything (idempotent)', async () => {
    const before = await tableFingerprint(app, TABLES);
    for (const file of ['versions/2024.json', 'versions/2019.json', 'changes.json']) {
      const res = await post(bundled(file));
      expect({ file, changes: res.body.changes }).toEqual({ file, changes: [] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ applied: false, problems: [], inserted: 0, updated: 0, deleted: 0 });
      // A version counts itself and each of its items; the changes count each change.
      const held = itemsOf(file);
      expect(res.body.unchanged).toBe(held.classificationItems ? held.classificationItems.length + 1 : held.codeChanges!.length);
    }
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('loads a newer version and its changes: dry run first, then applied, audited at deployment level; numbers follow it', async () => {
    const before = await tableFingerprint(app, TABLES);
    const dry = await post(JSON.stringify(hypotheticalVersion()), operator, '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, problems: [], deleted: 0 });
    expect(dry.body.changes).toEqual(expect.arrayContaining([`${KLASS_131_SAMPLE_VERSIONS[2024].name}: valid to ` + thisMonth + ' (was in force until further notice)']));
    expect(await tableFingerprint(app, TABLES)).toEqual(before);

    const version = await post(JSON.stringify(hypotheticalVersion()));
    // Every item of the new version, and the version itself; the 2024 version ends where it begins.
    expect(version.body).toMatchObject({ applied: true, problems: [], inserted: hypotheticalVersion().classificationItems.length + 1, updated: 1 });
    const changes = await post(JSON.stringify(hypotheticalChanges));
    expect(changes.body).toMatchObject({ applied: true, inserted: 1, changes: [`${thisMonth}: 5534 Karlsøy → 5599 Karlsøy`] });
    const audit = (await app.owner.query(`SELECT actor, actor_role, operation, entity FROM deployment_audit_record ORDER BY at`)).rows;
    expect(audit).toEqual([
      { actor: 'operator-import', actor_role: 'OPERATOR', operation: 'import:municipality-classification', entity: 'MunicipalityClassification' },
      { actor: 'operator-import', actor_role: 'OPERATOR', operation: 'import:municipality-classification', entity: 'MunicipalityClassification' },
    ]);
    // The same files again: nothing changes.
    expect((await post(JSON.stringify(hypotheticalVersion()))).body).toMatchObject({ applied: false, inserted: 0, updated: 0, deleted: 0 });

    // Onboarding validates against the version in force today: 5534 is no longer valid, 5599 is.
    const region = (await mutate(app, operator, 'createRegion', { code: 'klass-test', name: 'KLASS-test' }, 'region { id }')).region;
    const errors = await refused(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '5534' });
    expect(errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('Valid alternatives: 5599 Karlsøy.') })]);
    expect((await mutate(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '5599' }, 'municipality { number name }')).municipality).toEqual({ number: '5599', name: 'Karlsøy' });
  });

  it('refuses a file with problems, naming record and field, and changes nothing', async () => {
    const before = await tableFingerprint(app, TABLES);
    const broken = hypotheticalVersion();
    broken.validFrom = '2099-01-01';
    broken.classificationItems = [
      { code: '5501', name: 'Tromsø' },
      { code: '55X1', name: 'Feil' },
      { code: '5502', name: '' },
      { code: '5501', name: 'Igjen' },
    ];
    const res = await post(JSON.stringify(broken));
    expect(res.status).toBe(422);
    expect(res.body.applied).toBe(false);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ line: 2, field: 'code', message: '"55X1" must be a four-digit kommunenummer.' }),
      expect.objectContaining({ line: 3, field: 'name', message: 'must be 1–200 characters.' }),
      { line: 4, field: null, key: 'imports.duplicate', params: { first: 1, identity: 'item 2099-01-01 5501' }, message: 'Duplicate of line 1 (item 2099-01-01 5501).' },
    ]);
    // A version that overlaps a held one (not the one in force before it) is refused.
    const overlap = { ...hypotheticalVersion(), validFrom: '2019-06-01', validTo: '2020-06-01' };
    const refusedOverlap = await post(JSON.stringify(overlap));
    expect(refusedOverlap.body.problems[0].message).toMatch(/^The version 2019-06-01–2020-06-01 overlaps Kommuneinndeling 2019/);
    // Neither a version nor changes: the shapes it accepts are named.
    const other = await post(JSON.stringify({ hello: 'world' }));
    expect(other.body.problems[0].message).toMatch(/a KLASS version .* KLASS changes/);
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('is for the OPERATOR only', async () => {
    const before = await tableFingerprint(app, TABLES);
    const admin = await post(JSON.stringify(hypotheticalChanges), await app.token(Role.REGION_ADMIN));
    expect(admin.status).toBe(403);
    expect((await post(JSON.stringify(hypotheticalChanges), null)).status).toBe(401);
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('runs from the command line as `npm run import -- municipality-classification FILE` (as OPERATOR, no --role needed)', async () => {
    const lines: string[] = [];
    const run = (args: string[]) =>
      importCli(
        args,
        { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', LANG: 'en_GB.UTF-8' },
        { log: (l) => lines.push(l), error: (l) => lines.push(`! ${l}`) },
      );
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'klass-')), 'changes.json');
    fs.writeFileSync(file, bundled('changes.json'));
    expect(await run(['municipality-classification', file, '--dry-run'])).toBe(0);
    expect(lines.join('\n')).toMatch(/as OPERATOR/);
    expect(lines.join('\n')).toMatch(/municipality-classification: \d+ records; dry run/);
    const bad = path.join(path.dirname(file), 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ codeChanges: [{ oldCode: '12', oldName: 'X', newCode: '0301', newName: 'Oslo', changeOccurred: '2020-13-01' }] }));
    lines.length = 0;
    expect(await run(['municipality-classification', bad])).toBe(1);
    expect(lines.join('\n')).toContain('"12" must be a four-digit kommunenummer.');
    expect(lines.join('\n')).toContain('"2020-13-01" is not a date (YYYY-MM-DD).');
  });
});
