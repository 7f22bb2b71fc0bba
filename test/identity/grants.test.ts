import { signToken } from '../../src/auth/jwt';
import { GrantChoiceError, IdentityGrantRow, principalFromGrants } from '../../src/auth/grants';
import { holds, Role, rolesOf } from '../../src/auth/roles';
import { API_RESOURCE, SERVICE_CLIENT, TestOidcProvider } from '../helpers/oidc';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * Issue 19: a token says who the caller is; their grants in Samvirke (role_assignment, with
 * validity) decide the region, the role and every scope of it, in one request.
 */
const row = (over: Partial<IdentityGrantRow>): IdentityGrantRow => ({
  region_id: 'r1',
  region_code: 'nord-osterdal',
  person_id: 'p1',
  display_name: 'Kari',
  grant_id: 'g1',
  role: 'TST_MEMBER',
  municipality_id: null,
  service_id: null,
  unit_id: 'u1',
  valid_from: null,
  valid_to: null,
  operations: null,
  ...over,
});
const me = { issuer: 'https://idp.example', subject: 'kari' };

/**
 * `attempt()` again until `done` says so, for at most 2 s (40 × 50 ms): what a grant change does
 * reaches this process by NOTIFY, a moment after the changing transaction commits.
 */
async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await attempt();
  for (let i = 1; i < 40 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await attempt();
  }
  return value;
}

describe('the principal of a request, from the person’s grants (pure)', () => {
  it('takes every scope of the role: a PPT advisor in three TSTs acts in all three at once', () => {
    const p = principalFromGrants(me, [row({ grant_id: 'g1', unit_id: 'u1' }), row({ grant_id: 'g2', unit_id: 'u2' }), row({ grant_id: 'g3', unit_id: 'u3' })], {}, '2026-12-06');
    expect(p).toMatchObject({ role: Role.TST_MEMBER, regionId: 'r1', unitId: undefined, grantKeys: ['TST_MEMBER:u1', 'TST_MEMBER:u2', 'TST_MEMBER:u3'], activeGrantIds: ['g1', 'g2', 'g3'] });
  });

  it('with one scope, sets it as the single scope (no grant list)', () => {
    expect(principalFromGrants(me, [row({ role: 'MUNICIPAL_DIRECTOR', unit_id: null, municipality_id: 'm1' })], {}, '2026-12-06')).toMatchObject({
      role: Role.MUNICIPAL_DIRECTOR,
      municipalityId: 'm1',
      grantKeys: undefined,
    });
  });

  it('counts only grants in force on the day (validFrom and validTo inclusive)', () => {
    const rows = [
      row({ grant_id: 'old', unit_id: 'u1', valid_to: '2026-12-05' }),
      row({ grant_id: 'now', unit_id: 'u2', valid_from: '2026-12-06', valid_to: '2026-12-06' }),
      row({ grant_id: 'later', unit_id: 'u3', valid_from: '2026-12-07' }),
    ];
    expect(principalFromGrants(me, rows, {}, '2026-12-06')).toMatchObject({ unitId: 'u2', activeGrantIds: ['now'] });
    expect(principalFromGrants(me, rows, {}, '2027-01-01')).toMatchObject({ unitId: 'u3', activeGrantIds: ['later'] });
    expect(() => principalFromGrants(me, [rows[0]], {}, '2026-12-06')).toThrow(GrantChoiceError);
  });

  it('acts in one region at a time: the only one, or the one the client names', () => {
    const rows = [row({ grant_id: 'a', region_id: 'r1', region_code: 'nord-osterdal' }), row({ grant_id: 'b', region_id: 'r2', region_code: 'valdres', unit_id: 'v1' })];
    expect(() => principalFromGrants(me, rows, {}, '2026-12-06')).toThrow(/several regions \(nord-osterdal, valdres\).*Samvirke-Region/);
    expect(principalFromGrants(me, rows, { region: 'valdres' }, '2026-12-06')).toMatchObject({ regionId: 'r2', unitId: 'v1', activeGrantIds: ['b'] });
    expect(() => principalFromGrants(me, rows, { region: 'tromso' }, '2026-12-06')).toThrow(/no grant in region "tromso"/);
  });

  it('with several roles in the region, acts with all of them (one facet per role) unless the client names one role or grant; refuses a grant the person does not hold', () => {
    const rows = [
      row({ grant_id: 'lead', role: 'TST_LEADER', unit_id: 'u1' }),
      row({ grant_id: 'member', role: 'TST_MEMBER', unit_id: 'u2' }),
      row({ grant_id: 'member-3', role: 'TST_MEMBER', unit_id: 'u3' }),
    ];
    const all = principalFromGrants(me, rows, {}, '2026-12-06');
    expect(rolesOf(all)).toEqual([Role.TST_LEADER, Role.TST_MEMBER]);
    expect(all.facets).toMatchObject([
      { role: Role.TST_LEADER, unitId: 'u1', activeGrantIds: ['lead'] },
      { role: Role.TST_MEMBER, unitId: undefined, grantKeys: ['TST_MEMBER:u2', 'TST_MEMBER:u3'] },
    ]);
    // RLS reads every key; each role is judged at its own scopes only.
    expect(all.grantKeys).toEqual(['TST_LEADER:u1', 'TST_MEMBER:u2', 'TST_MEMBER:u3']);
    expect(all.activeGrantIds).toEqual(['lead', 'member', 'member-3']);
    expect([holds(all, Role.TST_LEADER, 'u1'), holds(all, Role.TST_LEADER, 'u2'), holds(all, Role.TST_MEMBER, 'u3'), holds(all, Role.TST_MEMBER, 'u1')]).toEqual([true, false, true, false]);
    const member = principalFromGrants(me, rows, { role: 'TST_MEMBER' }, '2026-12-06');
    expect(member).toMatchObject({ role: Role.TST_MEMBER, grantKeys: ['TST_MEMBER:u2', 'TST_MEMBER:u3'] });
    expect(rolesOf(member)).toEqual([Role.TST_MEMBER]);
    expect(principalFromGrants(me, rows, { grant: 'lead' }, '2026-12-06')).toMatchObject({ role: Role.TST_LEADER, unitId: 'u1', activeGrantIds: ['lead'] });
    expect(() => principalFromGrants(me, rows, { grant: 'someone-elses' }, '2026-12-06')).toThrow(/no grant with the id/);
    expect(() => principalFromGrants(me, rows, { role: 'REGION_ADMIN' }, '2026-12-06')).toThrow(/no grant as REGION_ADMIN/);
  });
});

describe('grants through the server', () => {
  let app: TestApp;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await TestOidcProvider.start();
    app = await startTestApp({ oidcIssuer: provider.issuer, oidcAudience: API_RESOURCE });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  const personToken = (subject: string) => signToken(app.config, { sub: subject });
  const post = async (query: string, token: string, headers: Record<string, string> = {}) => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query }) });
    return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
  };

  it('shows a person their grants; a director token acts as the director of their municipality', async () => {
    const data = ok(await app.gql(`{ viewer { role subject municipality { number } grants { role regionCode active municipality { number } } } }`, {}, await personToken('kd-3429')));
    expect(data.viewer).toEqual({
      role: 'MUNICIPAL_DIRECTOR',
      subject: 'kd-3429',
      municipality: { number: '3429' },
      grants: [{ role: 'MUNICIPAL_DIRECTOR', regionCode: 'nord-osterdal', active: true, municipality: { number: '3429' } }],
    });
  });

  it('gives the PPT advisor all five TSTs in one request (the grants as app.grants for RLS)', async () => {
    const data = ok(await app.gql(`{ viewer { role unit { code } grants { active unit { code } } } }`, {}, await personToken('ppt-tynset')));
    expect(data.viewer.role).toBe('TST_MEMBER');
    expect(data.viewer.unit).toBeNull();
    expect(data.viewer.grants.map((g: any) => g.unit.code).sort()).toEqual(['tynset-barneskole', 'tynset-faaset-skole', 'tynset-kvikne-skole', 'tynset-tylldalen-skole', 'tynset-ungdomsskole']);
    expect(data.viewer.grants.every((g: any) => g.active)).toBe(true);
  });

  it('shows the PPT advisor the fora of all five TSTs in one request and no other unit’s, and RLS alone their meetings (app.grants)', async () => {
    const query = `{ forums(first: 100) { totalCount nodes { unit { code } } } }`;
    const all = ok(await app.gql(query, {}, await personToken('ppt-tynset'))).forums;
    const units = [...new Set(all.nodes.map((f: any) => f.unit?.code))].sort();
    expect(units).toEqual(['tynset-barneskole', 'tynset-faaset-skole', 'tynset-kvikne-skole', 'tynset-tylldalen-skole', 'tynset-ungdomsskole']);
    // The same through RLS alone: the grants as the request sets them, no service check in between.
    const { rows } = await app.owner.query(`SELECT id FROM unit WHERE code LIKE 'tynset-%skole' ORDER BY code`);
    const keys = rows.map((r: any) => `TST_MEMBER:${r.id}`).join(',');
    const client = app.appDataSource.createQueryRunner();
    try {
      await client.startTransaction();
      await client.query(`SELECT set_config('app.role', 'TST_MEMBER', true), set_config('app.region_id', $2, true), set_config('app.grants', $1, true)`, [
        keys,
        (await app.owner.query(`SELECT region_id FROM unit WHERE code = 'tynset-barneskole'`)).rows[0].region_id,
      ]);
      // Meetings are unit-scoped in RLS itself (fora are readable region-wide; the service narrows them).
      const seen = await client.query(`SELECT DISTINCT f.unit_id FROM forum_meeting m JOIN forum f ON f.id = m.forum_id`);
      const expected = (await app.owner.query(`SELECT DISTINCT f.unit_id FROM forum_meeting m JOIN forum f ON f.id = m.forum_id JOIN unit u ON u.id = f.unit_id WHERE u.code LIKE 'tynset-%skole'`))
        .rows;
      expect(expected.length).toBeGreaterThan(0);
      expect(seen.map((r: any) => r.unit_id).sort()).toEqual(expected.map((r: any) => r.unit_id).sort());
    } finally {
      await client.rollbackTransaction();
      await client.release();
    }
  });

  it('narrows a request to one grant (least privilege) and refuses a grant the person does not hold', async () => {
    const token = await personToken('ppt-tynset');
    const all = ok(await app.gql(`{ viewer { grants { id unit { code } } } }`, {}, token)).viewer.grants;
    const kvikne = all.find((g: any) => g.unit.code === 'tynset-kvikne-skole');
    const one = await post(`{ viewer { unit { code } grants { active } } }`, token, { 'Samvirke-Grant': kvikne.id });
    expect(one.data.viewer.unit).toEqual({ code: 'tynset-kvikne-skole' });
    expect(one.data.viewer.grants.filter((g: any) => g.active)).toHaveLength(1);
    const directorGrant = ok(await app.gql(`{ viewer { grants { id } } }`, {}, await personToken('kd-3429'))).viewer.grants[0].id;
    const refused = await post(`{ viewer { role } }`, token, { 'Samvirke-Grant': directorGrant });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0].message).toMatch(/no grant with the id/);
  });

  it('refuses a person without grants, and a region the person has no grant in', async () => {
    const nobody = await post(`{ viewer { role } }`, await personToken('nobody-at-all'));
    expect(nobody.status).toBe(401);
    expect(nobody.errors?.[0].message).toMatch(/no grant in Samvirke that is in force today/);
    const elsewhere = await post(`{ viewer { role } }`, await personToken('kd-3429'), { 'Samvirke-Region': 'valdres' });
    expect(elsewhere.errors?.[0].message).toMatch(/no grant in region "valdres"/);
  });

  it('makes a revoked grant count on the next requests, not after the cache minute (NOTIFY on commit)', async () => {
    const token = await personToken('kd-3426');
    expect(ok(await app.gql(`{ viewer { role } }`, {}, token)).viewer.role).toBe('MUNICIPAL_DIRECTOR');
    const { rows } = await app.owner.query(`DELETE FROM role_assignment WHERE person_id = (SELECT id FROM person WHERE subject = 'kd-3426') RETURNING *`);
    try {
      const { status } = await eventually(
        () => post(`{ viewer { role } }`, token),
        (r) => r.status !== 200,
      );
      expect(status).toBe(401);
    } finally {
      for (const r of rows) {
        await app.owner.query(
          `INSERT INTO role_assignment (id, region_id, person_id, role, municipality_id, service_id, unit_id, valid_from, valid_to, granted_by, granted_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [r.id, r.region_id, r.person_id, r.role, r.municipality_id, r.service_id, r.unit_id, r.valid_from, r.valid_to, r.granted_by, r.granted_at],
        );
      }
    }
  });

  it('still counts a revocation at once after the connection that hears them is lost, and listens again', async () => {
    const token = await personToken('kd-3428');
    expect(ok(await app.gql(`{ viewer { role } }`, {}, token)).viewer.role).toBe('MUNICIPAL_DIRECTOR');
    const listeners = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'samvirke-listen'`;
    const before = (await app.owner.query(listeners)).rows.map((r) => r.pid as number);
    expect(before.length).toBeGreaterThan(0);
    await app.owner.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
    // Revoked while nobody listens: the NOTIFY is lost, so the principal must not come from the cache.
    const { rows } = await app.owner.query(`DELETE FROM role_assignment WHERE person_id = (SELECT id FROM person WHERE subject = 'kd-3428') RETURNING *`);
    try {
      const { status } = await eventually(
        () => post(`{ viewer { role } }`, token),
        (r) => r.status !== 200,
      );
      expect(status).toBe(401);
      // And the server listens again on a new connection.
      const again = await eventually(
        async () => (await app.owner.query(listeners)).rows.map((r) => r.pid as number),
        (pids) => pids.some((pid) => !before.includes(pid)),
      );
      expect(again.some((pid) => !before.includes(pid))).toBe(true);
    } finally {
      for (const r of rows) {
        await app.owner.query(
          `INSERT INTO role_assignment (id, region_id, person_id, role, municipality_id, service_id, unit_id, valid_from, valid_to, granted_by, granted_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [r.id, r.region_id, r.person_id, r.role, r.municipality_id, r.service_id, r.unit_id, r.valid_from, r.valid_to, r.granted_by, r.granted_at],
        );
      }
    }
  });

  it('accepts an access token from a real OpenID Connect provider for a person registered with its issuer and subject', async () => {
    const { access_token } = await provider.signIn('kari-nordmann');
    const before = await post(`{ viewer { role } }`, access_token);
    expect(before.status).toBe(401);
    expect(before.errors?.[0].message).toMatch(/no grant in Samvirke/);
    const region = (await app.owner.query(`SELECT id FROM region WHERE code = 'nord-osterdal'`)).rows[0].id;
    const tynset = (await app.owner.query(`SELECT id FROM municipality WHERE number = '3427'`)).rows[0].id;
    const person = (await app.owner.query(`INSERT INTO person (region_id, issuer, subject, display_name) VALUES ($1, $2, 'kari-nordmann', 'Kari Nordmann') RETURNING id`, [region, provider.issuer]))
      .rows[0].id;
    await app.owner.query(`INSERT INTO role_assignment (region_id, person_id, role, municipality_id, granted_by) VALUES ($1, $2, 'MUNICIPAL_FINANCE', $3, 'test')`, [region, person, tynset]);
    const { data } = await eventually(
      () => post(`{ viewer { role subject municipality { number } } }`, access_token),
      (r) => !!r.data?.viewer,
    );
    expect(data.viewer).toEqual({ role: 'MUNICIPAL_FINANCE', subject: 'kari-nordmann', municipality: { number: '3427' } });
    // A development role token keeps its own path; an identity token of another issuer with the same subject is no one.
    expect((await post(`{ viewer { role } }`, await personToken('kari-nordmann'))).status).toBe(401);
  });

  it('lets a machine client (client credentials) import for the one service its grant names, as a service account', async () => {
    const token = await provider.clientCredentials();
    const csv = 'kommunenummer,period,metric,value\n3429,2016,children_support_measures,5\n';
    const importDry = () =>
      fetch(`${app.url.replace(/\/graphql$/, '')}/imports/statistics?dryRun=true`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body: csv });
    expect((await importDry()).status).toBe(401);
    const admin = await app.token(Role.REGION_ADMIN);
    const barnevern = Buffer.from(
      `SharedService:${(await app.owner.query(`SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE s.code = 'barnevern' AND r.code = 'nord-osterdal'`)).rows[0].id}`,
    ).toString('base64url');
    const granted = ok(
      await app.gql(
        `mutation($input: GrantRoleInput!) { grantRole(input: $input) { userErrors { message } } }`,
        { input: { subject: SERVICE_CLIENT, issuer: provider.issuer, displayName: 'Fagsystem-eksport barnevern (maskinklient)', role: 'SERVICE_LEADER', scopeId: barnevern } },
        admin,
      ),
    ).grantRole;
    expect(granted.userErrors).toEqual([]);
    const res = await eventually(importDry, (r) => r.status !== 401);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'statistics', dryRun: true, applied: false, problems: [] });
  });

  describe('grantRole and revokeRole (REGION_ADMIN)', () => {
    const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { grant { id role validFrom validTo unit { code } } person { subject } userErrors { field message code } } }`;
    const REVOKE = `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { revokedGrantId userErrors { field message code } } }`;
    const unitGid = async (code: string) => Buffer.from(`Unit:${(await app.owner.query(`SELECT id FROM unit WHERE code = $1`, [code])).rows[0].id}`).toString('base64url');
    const count = async () => (await app.owner.query(`SELECT count(*)::int AS n FROM role_assignment`)).rows[0].n as number;

    it('grants a new person a TST role at a unit; the person signs in with it; overlapping duplicates, bad periods and other regions’ units are refused, nothing changed', async () => {
      const admin = await app.token(Role.REGION_ADMIN);
      // This deployment trusts an OIDC provider (the default issuer); these people use development tokens.
      const input = {
        subject: 'helsesykepleier-folldal',
        issuer: 'samvirke-dev',
        displayName: 'Helsesykepleier Folldal',
        role: 'TST_MEMBER',
        scopeId: await unitGid('folldal-skole'),
        validFrom: '2026-08-01',
      };
      const granted = ok(await app.gql(GRANT, { input }, admin)).grantRole;
      expect(granted.userErrors).toEqual([]);
      expect(granted.grant).toMatchObject({ role: 'TST_MEMBER', validFrom: '2026-08-01', validTo: null, unit: { code: 'folldal-skole' } });
      expect(ok(await app.gql(`{ viewer { role unit { code } } }`, {}, await personToken('helsesykepleier-folldal'))).viewer).toEqual({ role: 'TST_MEMBER', unit: { code: 'folldal-skole' } });
      const before = await count();
      const cases: [Record<string, unknown>, string][] = [
        [{ ...input, validFrom: '2026-09-01' }, 'CONFLICT'],
        [{ ...input, validFrom: '2027-02-01', validTo: '2027-01-01' }, 'INVALID'],
        [{ ...input, scopeId: await unitGid('etnedal-skule') }, 'NOT_FOUND'],
        [{ ...input, role: 'MUNICIPAL_DIRECTOR' }, 'INVALID'],
        [{ ...input, role: 'REGION_ADMIN' }, 'INVALID'],
        [{ ...input, subject: 'someone-new', displayName: null }, 'INVALID'],
      ];
      for (const [bad, code] of cases) {
        const res = ok(await app.gql(GRANT, { input: bad }, admin)).grantRole;
        expect(res.grant).toBeNull();
        expect(res.userErrors.map((e: any) => e.code)).toContain(code);
      }
      const operatorRole = await app.gql(GRANT, { input: { ...input, role: 'OPERATOR', scopeId: null } }, admin);
      expect(operatorRole.errors?.[0]?.extensions?.code ?? operatorRole.data?.grantRole?.userErrors?.[0]?.code).toBeTruthy();
      expect(await count()).toBe(before);
      const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
      expect((await app.gql(GRANT, { input }, director)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('revokes a grant: refused from the next requests on, audited; the last region admin cannot be revoked', async () => {
      const admin = await app.token(Role.REGION_ADMIN);
      const granted = ok(
        await app.gql(GRANT, { input: { subject: 'vikar-tolga', issuer: 'samvirke-dev', displayName: 'Vikar Tolga', role: 'TST_LEADER', scopeId: await unitGid('tolga-skole') } }, admin),
      ).grantRole;
      const token = await personToken('vikar-tolga');
      expect(ok(await app.gql(`{ viewer { role } }`, {}, token)).viewer.role).toBe('TST_LEADER');
      const revoked = ok(await app.gql(REVOKE, { input: { grantId: granted.grant.id } }, admin)).revokeRole;
      expect(revoked).toEqual({ revokedGrantId: granted.grant.id, userErrors: [] });
      const { status } = await eventually(
        () => post(`{ viewer { role } }`, token),
        (r) => r.status !== 200,
      );
      expect(status).toBe(401);
      const trail = (
        await app.owner.query(`SELECT operation FROM audit_record WHERE entity = 'RoleAssignment' AND entity_id = $1 ORDER BY at`, [
          Buffer.from(granted.grant.id, 'base64url').toString().split(':')[1],
        ])
      ).rows;
      expect(trail.map((r: any) => r.operation)).toEqual(['grantRole', 'revokeRole']);
      expect(ok(await app.gql(REVOKE, { input: { grantId: granted.grant.id } }, admin)).revokeRole.userErrors[0].code).toBe('NOT_FOUND');
      const only = ok(await app.gql(GRANT, { input: { subject: 'eneste-admin', issuer: 'samvirke-dev', displayName: 'Eneste admin', role: 'REGION_ADMIN' } }, admin)).grantRole;
      expect(only.userErrors).toEqual([]);
      const last = ok(await app.gql(REVOKE, { input: { grantId: only.grant.id } }, admin)).revokeRole;
      expect(last.userErrors[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/last administrator/) });
      expect(ok(await app.gql(`{ viewer { role } }`, {}, await personToken('eneste-admin'))).viewer.role).toBe('REGION_ADMIN');
    });
  });
});
