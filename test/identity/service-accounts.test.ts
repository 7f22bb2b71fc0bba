import { signToken } from '../../src/auth/jwt';
import { IdentityGrantRow, principalFromGrants } from '../../src/auth/grants';
import { facetsOf, Role } from '../../src/auth/roles';
import { API_RESOURCE, SERVICE_CLIENT, TestOidcProvider } from '../helpers/oidc';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { nationalIdNumber } from '../helpers/national-id';

/**
 * Issue 19: a machine client (the nightly fagsystem export of one service) signs in with the OAuth
 * client-credentials flow and acts through a grant limited to what it does
 * (`role_assignment.operations`): defineMutation and the import runner refuse everything else.
 */
const row = (over: Partial<IdentityGrantRow>): IdentityGrantRow => ({
  region_id: 'r1',
  region_code: 'nord-osterdal',
  person_id: 'p1',
  display_name: 'Eksportjobb',
  grant_id: 'g1',
  role: 'SERVICE_LEADER',
  municipality_id: null,
  service_id: 's1',
  unit_id: null,
  valid_from: null,
  valid_to: null,
  operations: null,
  ...over,
});
const me = { issuer: 'https://idp.example', subject: 'export-job' };

describe('the operations a facet may do (pure)', () => {
  it('carries the union of its grants’ limits, and none when one grant of the role is unlimited', () => {
    const limited = principalFromGrants(me, [row({ operations: ['import:statistics'] }), row({ grant_id: 'g2', service_id: 's2', operations: ['import:kostra-barnevern'] })], {}, '2026-06-01');
    expect(limited.operations).toEqual(['import:kostra-barnevern', 'import:statistics']);
    const mixed = principalFromGrants(me, [row({ operations: ['import:statistics'] }), row({ grant_id: 'g2', service_id: 's2' })], {}, '2026-06-01');
    expect(mixed.operations).toBeUndefined();
    // Another role's limits are its own: a director's unlimited grant lends nothing to the limited leader grant.
    const two = principalFromGrants(me, [row({ operations: [] }), row({ grant_id: 'g3', role: 'MUNICIPAL_DIRECTOR', service_id: null, municipality_id: 'm1' })], {}, '2026-06-01');
    expect(facetsOf(two).map((f) => [f.role, f.operations])).toEqual([
      [Role.SERVICE_LEADER, []],
      [Role.MUNICIPAL_DIRECTOR, undefined],
    ]);
  });
});

describe('a service account limited to one import, through the server', () => {
  let app: TestApp;
  let provider: TestOidcProvider;
  let admin: string;
  let barnevern: string;

  beforeAll(async () => {
    provider = await TestOidcProvider.start();
    app = await startTestApp({ oidcIssuer: provider.issuer, oidcAudience: API_RESOURCE });
    admin = await app.token(Role.REGION_ADMIN);
    const id = (await app.owner.query(`SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE s.code = 'barnevern' AND r.code = 'nord-osterdal'`)).rows[0].id;
    barnevern = Buffer.from(`SharedService:${id}`).toString('base64url');
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { grant { role operations } userErrors { field message code } } }`;
  const base = () => app.url.replace(/\/graphql$/, '');
  const importFile = async (kind: string, token: string, body: string, type: string, dryRun: boolean) => {
    const res = await fetch(`${base()}/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const counts = async () =>
    (
      await app.owner.query(
        `SELECT (SELECT count(*)::int FROM person) AS people, (SELECT count(*)::int FROM role_assignment) AS grants, (SELECT count(*)::int FROM audit_record) AS audits,
                (SELECT count(*)::int FROM statistics_observation) AS observations`,
      )
    ).rows[0];
  const suppression = async () => (await app.owner.query(`SELECT * FROM statistics_suppression_rule ORDER BY 1`)).rows;

  it('refuses a grant limited to an unknown operation, naming it; nothing changed', async () => {
    const before = await counts();
    const res = ok(
      await app.gql(
        GRANT,
        {
          input: {
            subject: SERVICE_CLIENT,
            issuer: provider.issuer,
            displayName: 'Fagsystem-eksport barnevern (maskinklient)',
            role: 'SERVICE_LEADER',
            scopeId: barnevern,
            operations: ['import:statistics', 'import:no-such-kind', 'dropEverything'],
          },
        },
        admin,
      ),
    ).grantRole;
    expect(res.grant).toBeNull();
    expect(res.userErrors).toEqual([
      { field: ['input', 'operations', '1'], code: 'INVALID', message: expect.stringContaining('Unknown operation "import:no-such-kind"') },
      { field: ['input', 'operations', '2'], code: 'INVALID', message: expect.stringContaining('Unknown operation "dropEverything"') },
    ]);
    expect(await counts()).toEqual(before);
    // A national identity number is refused by the personal-data guard, not echoed as an unknown operation.
    const fnr = nationalIdNumber();
    const guarded = await app.gql(GRANT, { input: { subject: SERVICE_CLIENT, issuer: provider.issuer, displayName: 'Eksport', role: 'SERVICE_LEADER', scopeId: barnevern, operations: [fnr] } }, admin);
    expect(ok(guarded).grantRole.userErrors).toEqual([expect.objectContaining({ code: 'PERSONAL_DATA', field: ['input', 'operations', '0'] })]);
    expect(JSON.stringify(guarded)).not.toContain(fnr);
    expect(await counts()).toEqual(before);
  });

  it('lets a client-credentials token limited to import:statistics import statistics for its service (dry run and real), shows the limit, and refuses anything else', async () => {
    const granted = ok(
      await app.gql(
        GRANT,
        {
          input: {
            subject: SERVICE_CLIENT,
            issuer: provider.issuer,
            displayName: 'Fagsystem-eksport barnevern (maskinklient)',
            role: 'SERVICE_LEADER',
            scopeId: barnevern,
            operations: ['import:statistics'],
          },
        },
        admin,
      ),
    ).grantRole;
    expect(granted).toEqual({ grant: { role: 'SERVICE_LEADER', operations: ['import:statistics'] }, userErrors: [] });

    const token = await provider.clientCredentials();
    const viewer = ok(await app.gql(`{ viewer { role subject grants { role operations active sharedService { code } } } }`, {}, token)).viewer;
    expect(viewer).toEqual({
      role: 'SERVICE_LEADER',
      subject: SERVICE_CLIENT,
      grants: [{ role: 'SERVICE_LEADER', operations: ['import:statistics'], active: true, sharedService: { code: 'barnevern' } }],
    });

    const csv = 'kommunenummer,period,metric,value\n3427,2023,children_care_measures,11\n3429,2023,children_care_measures,6\n';
    const dry = await importFile('statistics', token, csv, 'text/csv', true);
    expect([dry.status, dry.body]).toEqual([200, expect.objectContaining({ kind: 'statistics', dryRun: true, applied: false, inserted: 2, problems: [] })]);
    const before = await counts();
    const real = await importFile('statistics', token, csv, 'text/csv', false);
    expect([real.status, real.body]).toEqual([200, expect.objectContaining({ kind: 'statistics', applied: true, inserted: 2, problems: [] })]);
    const after = await counts();
    expect(after.observations).toBe(before.observations + 2);
    const audit = (await app.owner.query(`SELECT actor, actor_role FROM audit_record WHERE operation = 'import:statistics' ORDER BY at DESC LIMIT 1`)).rows[0];
    expect(audit).toEqual({ actor: SERVICE_CLIENT, actor_role: 'SERVICE_LEADER' });

    // Another import its role allows, and a mutation its role allows: not what the grant is for.
    const unchanged = await counts();
    const suppressed = await suppression();
    const kostra = await importFile('kostra-barnevern', token, '<?xml version="1.0"?><x/>', 'application/xml', false);
    expect(kostra.body.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/\(import:kostra-barnevern\) is not among the operations your grant is limited to: import:statistics/),
    });
    const mutation = await app.gql(`mutation { setStatisticsSuppression(input: { min: 1, max: 9 }) { suppression { min max } userErrors { code } } }`, {}, token);
    expect(mutation.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/^Setting the suppression range \(setStatisticsSuppression\) is not among the operations your grant is limited to: import:statistics\./),
    });
    expect(await counts()).toEqual(unchanged);
    expect(await suppression()).toEqual(suppressed);

    // Reads follow the role: the limited grant reads what a leader of barnevern reads.
    const read = ok(await app.gql(`query($s: ID!) { viewer { sharedService { code } } statisticsMetrics(serviceId: $s) { code } }`, { s: barnevern }, token));
    expect(read.viewer.sharedService).toEqual({ code: 'barnevern' });
    expect(read.statisticsMetrics.map((m: any) => m.code)).toContain('children_care_measures');
  });

  it('a grant limited to no operation reads only; an unlimited leader grant of the same service may do what the limited one may not', async () => {
    const grant = (subject: string, operations: string[] | null) =>
      app.gql(GRANT, { input: { subject, issuer: 'samvirke-dev', displayName: subject, role: 'SERVICE_LEADER', scopeId: barnevern, operations } }, admin);
    expect(ok(await grant('lesetilgang-barnevern', [])).grantRole).toEqual({ grant: { role: 'SERVICE_LEADER', operations: [] }, userErrors: [] });
    expect(ok(await grant('leder-barnevern', null)).grantRole).toEqual({ grant: { role: 'SERVICE_LEADER', operations: null }, userErrors: [] });
    const readOnly = await signToken(app.config, { sub: 'lesetilgang-barnevern' });
    expect(ok(await app.gql(`{ viewer { grants { operations } } }`, {}, readOnly)).viewer.grants).toEqual([{ operations: [] }]);
    const csv = 'kommunenummer,period,metric,value\n3428,2023,children_care_measures,4\n';
    const refused = await importFile('statistics', readOnly, csv, 'text/csv', true);
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('limited to: none (it reads only)') });
    const leader = await signToken(app.config, { sub: 'leder-barnevern' });
    const allowed = await importFile('statistics', leader, csv, 'text/csv', true);
    expect([allowed.status, allowed.body.problems]).toEqual([200, []]);
  });
});
