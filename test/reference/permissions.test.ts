import { Role } from '../../src/auth/roles';
import { checkMatrix, denied, ROLES } from '../helpers/permission-matrix';
import { municipalityId, regionId, scalar, serviceId, toGlobalId, unitId } from '../helpers/fixtures';
import { ok, TestApp } from '../helpers/test-app';

/** docs/permissions.md, "Reference data (feature `reference`)": every cell against the running API. */
let app: TestApp;
const ids: Record<string, string> = {};

checkMatrix('reference', async (started, tokens) => {
  app = started;
  ids.folldalSchool = await unitId(app, 'folldal-skole', 'nord-osterdal');
  ids.tynsetSchool = await unitId(app, 'tynset-barneskole', 'nord-osterdal');
  ids.folldalKindergarten = await unitId(app, 'folldal-barnehage', 'nord-osterdal');
  ids.nav = await serviceId(app, 'nav', 'nord-osterdal');
  // One audit record for a Folldal unit and one for a Tynset unit.
  for (const id of [ids.folldalSchool, ids.tynsetSchool]) {
    const res = ok(await app.gql(`mutation($id: ID!) { updateUnit(input: { id: $id, size: 200 }) { userErrors { code } } }`, { id: toGlobalId('Unit', id) }, tokens.get(Role.REGION_ADMIN)));
    expect(res.updateUnit.userErrors).toEqual([]);
  }
  return {
    async readReferenceData(role, token) {
      const res = await app.gql(`{ municipalities { number } sharedServices { code owners { number } } units(first: 100) { nodes { municipality { number } } } }`, {}, token);
      if (res.errors) return denied(res);
      if (role === Role.OPERATOR) {
        // Deployment level: every region's municipalities, and nothing else of them (RLS).
        expect(res.data.municipalities.length).toBe(await scalar<number>(app, `SELECT count(*)::int FROM municipality`));
        expect([res.data.sharedServices, res.data.units.nodes]).toEqual([[], []]);
        return { allow: true, scope: 'regions and municipalities of every region, nothing else' };
      }
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
      const res = await app.gql(
        `mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { code } userErrors { code } } }`,
        { input: { municipalityNumber: '3429', code, name: `Enhet ${role}`, kind: 'OTHER', size: 1 } },
        token,
      );
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
      const res = await app.gql(
        `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { size } userErrors { code } } }`,
        { input: { id: toGlobalId('Unit', ids.folldalKindergarten), size } },
        token,
      );
      const stored = await scalar<number>(app, `SELECT size FROM unit WHERE id = $1`, [ids.folldalKindergarten]);
      if (res.errors) {
        expect(stored).not.toBe(size);
        return denied(res);
      }
      expect(res.data.updateUnit).toEqual({ unit: { size }, userErrors: [] });
      expect(stored).toBe(size);
      return { allow: true, scope: 'own region' };
    },
    async importPopulation(_role, token) {
      const res = await fetch(app.url.replace(/\/graphql$/, '/imports/population?dryRun=true'), {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: 'kommunenummer,year,aged_0_17\n3429,2026,250\n',
      });
      const body: any = await res.json();
      if (body.errors) return { allow: false, code: body.errors[0].extensions.code };
      expect([res.status, body.inserted, body.problems]).toEqual([200, 1, []]);
      return { allow: true, scope: 'own region' };
    },
    async createSharedService(role, token) {
      const code = `perm-tjeneste-${role.toLowerCase().replace(/_/g, '-')}`;
      const res = await app.gql(
        `mutation($input: CreateSharedServiceInput!) { createSharedService(input: $input) { sharedService { code } userErrors { code } } }`,
        { input: { code, name: `Tjeneste ${role}`, kind: 'OTHER', hostMunicipalityNumber: '3427' } },
        token,
      );
      const stored = (await app.owner.query(`SELECT 1 FROM shared_service WHERE code = $1`, [code])).rows.length;
      if (res.errors) {
        expect(stored).toBe(0);
        return denied(res);
      }
      expect(res.data.createSharedService).toEqual({ sharedService: { code }, userErrors: [] });
      expect(stored).toBe(1);
      return { allow: true, scope: 'own region' };
    },
    async readRegions(_role, token) {
      const res = await app.gql(`{ regions { code municipalities { number } admins { subject } sharedServices { code } } }`, {}, token);
      if (res.errors) return denied(res);
      expect(res.data.regions.map((r: any) => r.code)).toEqual(expect.arrayContaining(['nord-osterdal', 'valdres']));
      expect(res.data.regions.length).toBe(await scalar<number>(app, `SELECT count(*)::int FROM region`));
      expect(res.data.regions.flatMap((r: any) => r.sharedServices)).toEqual([]);
      return { allow: true, scope: 'every region' };
    },
    async createRegion(role, token) {
      const code = `perm-${role.toLowerCase().replace(/_/g, '-')}`;
      const res = await app.gql(`mutation($input: CreateRegionInput!) { createRegion(input: $input) { region { code } userErrors { code } } }`, { input: { code, name: `Region ${role}` } }, token);
      const stored = (await app.owner.query(`SELECT 1 FROM region WHERE code = $1`, [code])).rows.length;
      if (res.errors) {
        expect(stored).toBe(0);
        return denied(res);
      }
      expect(res.data.createRegion).toEqual({ region: { code }, userErrors: [] });
      expect(stored).toBe(1);
      return { allow: true, scope: 'any code not taken' };
    },
    async addRegionMunicipality(_role, token) {
      const region = (await app.owner.query(`INSERT INTO region (code, name) VALUES ('perm-kommune-' || substr(md5(random()::text), 1, 8), 'X') RETURNING id`)).rows[0].id;
      const res = await app.gql(
        `mutation($input: AddRegionMunicipalityInput!) { addRegionMunicipality(input: $input) { municipality { number } userErrors { code } } }`,
        { input: { regionId: toGlobalId('Region', region), number: '5536' } },
        token,
      );
      const stored = (await app.owner.query(`SELECT 1 FROM municipality WHERE region_id = $1`, [region])).rows.length;
      await app.owner.query(`DELETE FROM audit_record WHERE region_id = $1`, [region]);
      await app.owner.query(`DELETE FROM municipality WHERE region_id = $1`, [region]);
      if (res.errors) {
        expect(stored).toBe(0);
        return denied(res);
      }
      expect(res.data.addRegionMunicipality).toEqual({ municipality: { number: '5536' }, userErrors: [] });
      expect(stored).toBe(1);
      return { allow: true, scope: 'any region' };
    },
    async grantRegionAdmin(role, token) {
      const region = await regionId(app, 'valdres');
      const subject = `perm-admin-${role.toLowerCase()}`;
      const res = await app.gql(
        `mutation($input: GrantRegionAdminInput!) { grantRegionAdmin(input: $input) { person { subject } userErrors { code } } }`,
        { input: { regionId: toGlobalId('Region', region), subject, displayName: 'Perm Admin' } },
        token,
      );
      const stored = (await app.owner.query(`SELECT 1 FROM person p JOIN role_assignment r ON r.person_id = p.id WHERE p.subject = $1 AND r.role = 'REGION_ADMIN'`, [subject])).rows.length;
      if (res.errors) {
        expect(stored).toBe(0);
        return denied(res);
      }
      expect(res.data.grantRegionAdmin).toEqual({ person: { subject }, userErrors: [] });
      expect(stored).toBe(1);
      return { allow: true, scope: 'any region' };
    },
    async importMunicipalityClassification(_role, token) {
      const body = JSON.stringify({ codeChanges: [{ oldCode: '0439', oldName: 'Folldal', newCode: '3429', newName: 'Folldal', changeOccurred: '2020-01-01' }] });
      const res = await fetch(app.url.replace(/\/graphql$/, '/imports/municipality-classification?dryRun=true'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
      const result: any = await res.json();
      if (result.errors) return { allow: false, code: result.errors[0].extensions.code };
      expect([res.status, result.unchanged, result.problems]).toEqual([200, 1, []]);
      return { allow: true, scope: 'deployment level' };
    },
    async setServiceOwnership(_role, token) {
      const periods = () => scalar<number>(app, `SELECT count(*)::int FROM ownership_period WHERE service_id = $1`, [ids.nav]);
      const before = await periods();
      const res = await app.gql(
        `mutation($input: SetServiceOwnershipInput!) { setServiceOwnership(input: $input) { ownershipPeriod { validFrom } userErrors { code } } }`,
        { input: { serviceId: toGlobalId('SharedService', ids.nav), validFrom: '2030-01-01', ownerMunicipalityNumbers: ['3424', '3426', '3427', '3428', '3429'] } },
        token,
      );
      if (res.errors) {
        expect(await periods()).toBe(before);
        return denied(res);
      }
      expect(res.data.setServiceOwnership).toEqual({ ownershipPeriod: { validFrom: '2030-01-01' }, userErrors: [] });
      expect(await periods()).toBe(before + 1);
      return { allow: true, scope: 'own region' };
    },
  };
});

describe('the same rules in row-level security alone', () => {
  it.each(ROLES.filter((r) => r !== Role.PUBLIC))('persons and the audit trail as %s', async (role) => {
    const region = await regionId(app, 'nord-osterdal');
    const folldal = await municipalityId(app, '3429');
    const runner = app.appDataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT set_config('app.role', $1, true), set_config('app.region_id', $2, true), set_config('app.municipality_id', $3, true)`, [
        role,
        region,
        ['MUNICIPAL_DIRECTOR', 'MUNICIPAL_FINANCE', 'AUDITOR'].includes(role) ? folldal : '',
      ]);
      const [{ persons, assignments, audit, foreignAudit }] = await runner.query(
        `SELECT
        (SELECT count(*)::int FROM person) AS persons, (SELECT count(*)::int FROM role_assignment) AS assignments,
        (SELECT count(*)::int FROM audit_record) AS audit,
        (SELECT count(*)::int FROM audit_record WHERE municipality_id IS DISTINCT FROM $1 AND NOT $1 = ANY (concerns)) AS "foreignAudit"`,
        [folldal],
      );
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
