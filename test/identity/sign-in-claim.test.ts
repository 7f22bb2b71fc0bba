import { Role } from '../../src/auth/roles';
import { ACCOUNTS, API_RESOURCE, TestOidcProvider } from '../helpers/oidc';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { nationalIdNumber } from '../helpers/national-id';

/**
 * Issue 19: a region administrator registers a person by the value of OIDC_MATCH_CLAIM (here their
 * verified e-mail) before they ever signed in — Entra ID's subject is pairwise, the admin cannot
 * know it. The first sign-in of an identity Samvirke does not know binds it (app_bind_sign_in_claim,
 * migration 1733705000000) and acts with the grants in that same request.
 */

/** `attempt()` again until `done`, for at most 2 s: a change reaches the principal cache by NOTIFY, a moment after its commit. */
async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await attempt();
  for (let i = 1; i < 40 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await attempt();
  }
  return value;
}

describe('a person registered by their verified e-mail, bound on first sign-in', () => {
  let app: TestApp;
  let provider: TestOidcProvider;
  let admin: string;

  beforeAll(async () => {
    provider = await TestOidcProvider.start();
    app = await startTestApp({ oidcIssuer: provider.issuer, oidcAudience: API_RESOURCE, oidcMatchClaim: 'email' });
    admin = await app.token(Role.REGION_ADMIN);
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { grant { id role } person { subject signInClaim displayName } userErrors { field message code } } }`;
  const REVOKE = `mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { userErrors { code } } }`;
  const unitGid = async (code: string) => Buffer.from(`Unit:${(await app.owner.query(`SELECT id FROM unit WHERE code = $1`, [code])).rows[0].id}`).toString('base64url');
  const post = async (query: string, token: string, headers: Record<string, string> = {}) => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query }) });
    return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
  };
  const people = async (claim: string) =>
    (await app.owner.query(`SELECT r.code AS region, p.subject FROM person p JOIN region r ON r.id = p.region_id WHERE lower(p.sign_in_claim) = lower($1) ORDER BY r.code`, [claim])).rows;
  const counts = async () => (await app.owner.query(`SELECT (SELECT count(*)::int FROM person) AS people, (SELECT count(*)::int FROM role_assignment) AS grants`)).rows[0];
  const preRegister = async (signInClaim: string, unit: string, token = admin, displayName = 'Forhåndsregistrert') =>
    ok(await app.gql(GRANT, { input: { signInClaim, displayName, role: 'TST_MEMBER', scopeId: await unitGid(unit) } }, token)).grantRole;

  it('pre-registers by the claim (in two regions); the first sign-in binds both, acts at once, and is audited without the value', async () => {
    const claim = 'ola.folldal@folldal.kommune.no';
    const here = await preRegister(claim, 'folldal-skole', admin, 'Ola Folldal');
    expect(here).toMatchObject({ grant: { role: 'TST_MEMBER' }, person: { subject: null, signInClaim: claim, displayName: 'Ola Folldal' }, userErrors: [] });
    const valdres = await preRegister(claim, 'etnedal-skule', await app.token(Role.REGION_ADMIN, { region: 'valdres' }), 'Ola Folldal');
    expect(valdres.userErrors).toEqual([]);
    expect(await people(claim)).toEqual([
      { region: 'nord-osterdal', subject: null },
      { region: 'valdres', subject: null },
    ]);

    // The provider says Ola.Folldal@… (another case), verified: the same address.
    const { access_token } = await provider.signIn('ola-folldal');
    const first = await post(`{ viewer { role subject displayName unit { code } } }`, access_token, { 'Samvirke-Region': 'nord-osterdal' });
    expect([first.status, first.data?.viewer]).toEqual([200, { role: 'TST_MEMBER', subject: 'ola-folldal', displayName: 'Ola Folldal', unit: { code: 'folldal-skole' } }]);
    expect(await people(claim)).toEqual([
      { region: 'nord-osterdal', subject: 'ola-folldal' },
      { region: 'valdres', subject: 'ola-folldal' },
    ]);
    const trail = (
      await app.owner.query(
        `SELECT r.code AS region, a.actor, a.operation, a.entity, a.after FROM audit_record a JOIN region r ON r.id = a.region_id WHERE a.operation = 'bindSignInClaim' ORDER BY r.code`,
      )
    ).rows;
    expect(trail).toEqual(
      ['nord-osterdal', 'valdres'].map((region) => ({
        region,
        actor: 'ola-folldal',
        operation: 'bindSignInClaim',
        entity: 'Person',
        after: { issuer: provider.issuer, subject: 'ola-folldal', matchedClaim: 'email' },
      })),
    );
    // Acting in the other region, with that region's grant.
    const other = await post(`{ viewer { unit { code } } }`, access_token, { 'Samvirke-Region': 'valdres' });
    expect(other.data?.viewer).toEqual({ unit: { code: 'etnedal-skule' } });

    // A second identity with the same verified address later: the people are bound already.
    const again = await post(`{ viewer { role } }`, (await provider.signIn('ola-folldal-again')).access_token);
    expect(again.status).toBe(401);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/no grant in Samvirke that is in force today/) });
    expect((await people(claim)).map((p: any) => p.subject)).toEqual(['ola-folldal', 'ola-folldal']);

    // The principal cache still hears of changes: the grant revoked counts from the next requests.
    const revoked = ok(await app.gql(REVOKE, { input: { grantId: here.grant.id } }, admin)).revokeRole;
    expect(revoked.userErrors).toEqual([]);
    const after = await eventually(
      () => post(`{ viewer { role } }`, access_token, { 'Samvirke-Region': 'nord-osterdal' }),
      (r) => r.status !== 200,
    );
    expect(after.status).toBe(401);
  });

  it('does not bind on an e-mail the provider has not verified, and says so', async () => {
    const claim = ACCOUNTS['ola-unverified'].email;
    expect((await preRegister(claim, 'tolga-skole')).userErrors).toEqual([]);
    const res = await post(`{ viewer { role } }`, (await provider.signIn('ola-unverified')).access_token);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/has not verified your email \(email_verified is not true\)/) });
    expect(await people(claim)).toEqual([{ region: 'nord-osterdal', subject: null }]);
  });

  it('gives an identity whose claim value was never registered the usual answer and binds nothing; registered later, its next request binds', async () => {
    const before = await counts();
    const token = (await provider.signIn('per-unregistered')).access_token;
    const res = await post(`{ viewer { role } }`, token);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].message).toBe('Invalid token: you hold no grant in Samvirke that is in force today; ask your region administrator.');
    expect(await counts()).toEqual(before);
    expect((await app.owner.query(`SELECT count(*)::int AS n FROM person WHERE subject = 'per-unregistered'`)).rows[0].n).toBe(0);
    // Registered afterwards: the same token's next request binds and acts (a refusal is never cached).
    expect((await preRegister(ACCOUNTS['per-unregistered'].email, 'alvdal-ungdomsskole', admin, 'Per Alvdal')).userErrors).toEqual([]);
    const later = await post(`{ viewer { role unit { code } } }`, token);
    expect([later.status, later.data?.viewer]).toEqual([200, { role: 'TST_MEMBER', unit: { code: 'alvdal-ungdomsskole' } }]);
  });

  it('binds a claim value to one identity only when two sign in at the same time', async () => {
    const claim = 'tvilling@tolga.kommune.no';
    expect((await preRegister(claim, 'tolga-skole')).userErrors).toEqual([]);
    const [a, b] = await Promise.all([provider.signIn('twin-a'), provider.signIn('twin-b')]);
    const answers = await Promise.all([post(`{ viewer { subject } }`, a.access_token), post(`{ viewer { subject } }`, b.access_token)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = answers.find((r) => r.status === 200)!.data!.viewer.subject;
    expect(await people(claim)).toEqual([{ region: 'nord-osterdal', subject: winner }]);
    expect((await app.owner.query(`SELECT count(*)::int AS n FROM audit_record WHERE operation = 'bindSignInClaim' AND actor IN ('twin-a', 'twin-b')`)).rows[0].n).toBe(1);
  });

  it('grantRole takes exactly one of subject and signInClaim, reuses a pre-registered person, and refuses a national identity number; nothing changed', async () => {
    const unit = await unitGid('alvdal-barneskole');
    const before = await counts();
    const bad: [Record<string, unknown>, string, string[]][] = [
      [{ subject: 'kari', signInClaim: 'kari@alvdal.kommune.no' }, 'INVALID', ['input', 'subject']],
      [{}, 'INVALID', ['input', 'subject']],
      [{ signInClaim: nationalIdNumber() }, 'PERSONAL_DATA', ['input', 'signInClaim']],
    ];
    for (const [who, code, field] of bad) {
      const res = ok(await app.gql(GRANT, { input: { ...who, displayName: 'Kari', role: 'TST_MEMBER', scopeId: unit } }, admin)).grantRole;
      expect(res.grant).toBeNull();
      expect(res.userErrors).toEqual([expect.objectContaining({ code, field })]);
    }
    expect(await counts()).toEqual(before);
    const first = await preRegister('Kari@Alvdal.kommune.no', 'alvdal-barneskole', admin, 'Kari Alvdal');
    const second = ok(await app.gql(GRANT, { input: { signInClaim: 'kari@alvdal.kommune.no', role: 'TST_LEADER', scopeId: unit } }, admin)).grantRole;
    expect(second).toMatchObject({ person: { signInClaim: first.person.signInClaim, displayName: 'Kari Alvdal' }, userErrors: [] });
    expect(await counts()).toEqual({ people: before.people + 1, grants: before.grants + 2 });
  });
});
