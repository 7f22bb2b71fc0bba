import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../src/auth/roles';
import { municipalityId, regionId, scalar, serviceId, toGlobalId, unitId } from './helpers/fixtures';
import { GqlResponse, ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * The permission matrix of docs/permissions.md ("Foundation operations"), checked cell by cell
 * against the running API for all nine roles. The document is the expectation: it cannot drift.
 */
const ROLES = [Role.REGION_ADMIN, Role.SERVICE_LEADER, Role.HOST_FINANCE, Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR, Role.TST_LEADER, Role.TST_MEMBER, Role.PUBLIC];
const SCOPES: Record<Role, Record<string, string> | null> = {
  REGION_ADMIN: {},
  SERVICE_LEADER: { service: 'barnevern' },
  HOST_FINANCE: { service: 'barnevern' },
  MUNICIPAL_DIRECTOR: { municipality: '3429' },
  MUNICIPAL_FINANCE: { municipality: '3429' },
  AUDITOR: { municipality: '3429' },
  TST_LEADER: { unit: 'folldal-skole' },
  TST_MEMBER: { unit: 'folldal-skole' },
  PUBLIC: null,
};

type Expected = { allow: true; scope: string } | { allow: false; code: string };

function readMatrix(): Map<string, Map<Role, Expected>> {
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'permissions.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Foundation operations'));
  if (!section) throw new Error('docs/permissions.md has no "## Foundation operations" section');
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  const header = cells(lines[0]).slice(1);
  expect(header).toEqual(ROLES);
  const matrix = new Map<string, Map<Role, Expected>>();
  for (const line of lines.slice(2)) {
    const [operation, ...row] = cells(line);
    const id = /\(`(\w+)`\)\s*$/.exec(operation)?.[1];
    if (!id) throw new Error(`no (\`id\`) at the end of "${operation}"`);
    matrix.set(id, new Map(row.map((cell, i) => {
      const allowed = /^✓(?:\s*\((.+)\))?$/.exec(cell);
      return [header[i] as Role, allowed ? { allow: true, scope: allowed[1] ?? '' } : { allow: false, code: cell }];
    })));
  }
  return matrix;
}

let app: TestApp;
const tokens = new Map<Role, string | undefined>();
const ids: Record<string, string> = {};
beforeAll(async () => {
  app = await startTestApp();
  for (const role of ROLES) tokens.set(role, SCOPES[role] ? await app.token(role, SCOPES[role]!) : undefined);
  ids.folldalSchool = await unitId(app, 'folldal-skole', 'nord-osterdal');
  ids.tynsetSchool = await unitId(app, 'tynset-barneskole', 'nord-osterdal');
  ids.folldalKindergarten = await unitId(app, 'folldal-barnehage', 'nord-osterdal');
  ids.nav = await serviceId(app, 'nav', 'nord-osterdal');
  // One audit record for a Folldal unit and one for a Tynset unit.
  for (const id of [ids.folldalSchool, ids.tynsetSchool]) {
    const res = ok(await app.gql(`mutation($id: ID!) { updateUnit(input: { id: $id, size: 200 }) { userErrors { code } } }`, { id: toGlobalId('Unit', id) }, tokens.get(Role.REGION_ADMIN)));
    expect(res.updateUnit.userErrors).toEqual([]);
  }
});
afterAll(() => app.close());

type Outcome = { allow: true; scope: string } | { allow: false; code: string };
const denied = (res: GqlResponse): Outcome => {
  const code = res.errors?.[0]?.extensions?.code as string;
  if (code === 'UNAUTHENTICATED') expect(res.status).toBe(401);
  expect(res.data === null || Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
  return { allow: false, code };
};

/** Runs one operation as one role and says what happened, in the matrix's own words. */
const OPERATIONS: Record<string, (role: Role, token: string | undefined) => Promise<Outcome>> = {
  async readReferenceData(_role, token) {
    const res = await app.gql(`{ municipalities { number } sharedServices { code owners { number } } units(first: 100) { nodes { municipality { number } } } }`, {}, token);
    if (res.errors) return denied(res);
    const numbers = new Set([...res.data.municipalities.map((m: any) => m.number), ...res.data.units.nodes.map((u: any) => u.municipality.number)]);
    const all = await scalar<number>(app, `SELECT count(*)::int FROM municipality`);
    const nord = await scalar<number>(app, `SELECT count(*)::int FROM municipality WHERE region_id = $1`, [await regionId(app, 'nord-osterdal')]);
    if (numbers.size === all) return { allow: true, scope: 'every region' };
    expect(numbers.size).toBe(nord);
    expect(numbers.has('3449')).toBe(false);
    return { allow: true, scope: 'own region' };
  },
  async readPersons(_role, token) {
    const res = await app.gql(`{ people(first: 100) { totalCount nodes { subject } } }`, {}, token);
    if (res.errors) return denied(res);
    const nord = await scalar<number>(app, `SELECT count(*)::int FROM person WHERE region_id = $1`, [await regionId(app, 'nord-osterdal')]);
    expect(res.data.people.totalCount).toBe(nord);
    return { allow: true, scope: 'own region' };
  },
  async readAudit(_role, token) {
    const res = await app.gql(`{ auditRecords(entity: "Unit", first: 100) { nodes { entityId } } }`, {}, token);
    if (res.errors) return denied(res);
    const seen = new Set(res.data.auditRecords.nodes.map((n: any) => n.entityId));
    expect(seen.has(toGlobalId('Unit', ids.folldalSchool))).toBe(true);
    return { allow: true, scope: seen.has(toGlobalId('Unit', ids.tynsetSchool)) ? 'own region' : 'own municipality' };
  },
  async createUnit(role, token) {
    const code = `perm-${role.toLowerCase().replace(/_/g, '-')}`;
    const res = await app.gql(`mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { code } userErrors { code } } }`,
      { input: { municipalityNumber: '3429', code, name: `Enhet ${role}`, kind: 'OTHER', size: 1 } }, token);
    const stored = (await app.owner.query(`SELECT 1 FROM unit WHERE code = $1`, [code])).rows.length;
    if (res.errors) {
      expect(stored).toBe(0);
      return denied(res);
    }
    expect(res.data.createUnit).toEqual({ unit: { code }, userErrors: [] });
    expect(stored).toBe(1);
    return { allow: true, scope: 'own region' };
  },
  async updateUnit(role, token) {
    const size = 1000 + ROLES.indexOf(role);
    const res = await app.gql(`mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { size } userErrors { code } } }`,
      { input: { id: toGlobalId('Unit', ids.folldalKindergarten), size } }, token);
    const stored = await scalar<number>(app, `SELECT size FROM unit WHERE id = $1`, [ids.folldalKindergarten]);
    if (res.errors) {
      expect(stored).not.toBe(size);
      return denied(res);
    }
    expect(res.data.updateUnit).toEqual({ unit: { size }, userErrors: [] });
    expect(stored).toBe(size);
    return { allow: true, scope: 'own region' };
  },
  async setServiceOwnership(_role, token) {
    const periods = () => scalar<number>(app, `SELECT count(*)::int FROM ownership_period WHERE service_id = $1`, [ids.nav]);
    const before = await periods();
    const res = await app.gql(`mutation($input: SetServiceOwnershipInput!) { setServiceOwnership(input: $input) { ownershipPeriod { validFrom } userErrors { code } } }`,
      { input: { serviceId: toGlobalId('SharedService', ids.nav), validFrom: '2030-01-01', ownerMunicipalityNumbers: ['3424', '3426', '3427', '3428', '3429'] } }, token);
    if (res.errors) {
      expect(await periods()).toBe(before);
      return denied(res);
    }
    expect(res.data.setServiceOwnership).toEqual({ ownershipPeriod: { validFrom: '2030-01-01' }, userErrors: [] });
    expect(await periods()).toBe(before + 1);
    return { allow: true, scope: 'own region' };
  },
};

const matrix = readMatrix();

describe('docs/permissions.md matrix', () => {
  it('lists exactly the foundation operations this test knows how to run', () => {
    expect([...matrix.keys()].sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  const cases = [...matrix].flatMap(([operation, row]) => ROLES.map((role) => [operation, role, row.get(role)!] as const));
  it.each(cases)('%s as %s', async (operation, role, expected) => {
    expect(await OPERATIONS[operation](role, tokens.get(role))).toEqual(expected);
  });
});

describe('the same rules in row-level security alone', () => {
  it.each(ROLES.filter((r) => r !== Role.PUBLIC))('persons and the audit trail as %s', async (role) => {
    const region = await regionId(app, 'nord-osterdal');
    const folldal = await municipalityId(app, '3429');
    const runner = app.appDataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT set_config('app.role', $1, true), set_config('app.region_id', $2, true), set_config('app.municipality_id', $3, true)`,
        [role, region, ['MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR'].includes(role) ? folldal : '']);
      const [{ persons, assignments, audit, foreignAudit }] = await runner.query(`SELECT
        (SELECT count(*)::int FROM person) AS persons, (SELECT count(*)::int FROM role_assignment) AS assignments,
        (SELECT count(*)::int FROM audit_record) AS audit,
        (SELECT count(*)::int FROM audit_record WHERE municipality_id IS DISTINCT FROM $1) AS "foreignAudit"`, [folldal]);
      const admin = role === Role.REGION_ADMIN;
      expect(persons > 0).toBe(admin);
      expect(assignments > 0).toBe(admin);
      expect(audit > 0).toBe(admin || role === Role.AUDITOR);
      expect(foreignAudit > 0).toBe(admin);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
