import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { Role } from '../src/auth/roles';
import { ok, startTestApp, TestApp } from './helpers/test-app';

describe('people and role assignments', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('lists the seeded steering group with their scopes to a REGION_ADMIN', async () => {
    const token = await app.token(Role.REGION_ADMIN);
    const data = ok(await app.gql(`{ people(first: 50) { totalCount nodes { subject displayName roleAssignments { role municipality { number } sharedService { code } } } } }`, {}, token));
    // The five directors, the barnevern leader, and the PPT advisor in five TSTs (seed 001).
    expect(data.people.totalCount).toBe(7);
    const ppt = data.people.nodes.find((p: any) => p.subject === 'ppt-tynset');
    expect(ppt.roleAssignments.map((a: any) => a.role)).toEqual(Array(5).fill('TST_MEMBER'));
    const folldal = data.people.nodes.find((p: any) => p.subject === 'kd-3429');
    expect(folldal).toEqual({ subject: 'kd-3429', displayName: 'Torill Tjeldnes', roleAssignments: [{ role: 'MUNICIPAL_DIRECTOR', municipality: { number: '3429' }, sharedService: null }] });
    const leader = data.people.nodes.find((p: any) => p.subject === 'bvleder-nord-osterdal');
    expect(leader.roleAssignments).toEqual([{ role: 'SERVICE_LEADER', municipality: null, sharedService: { code: 'barnevern' } }]);
  });

  it('keeps people (personal data) from every other role and from other regions', async () => {
    const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    expect((await app.gql(`{ people { totalCount } }`, {}, director)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(`{ people { totalCount } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const valdresAdmin = await app.token(Role.REGION_ADMIN, { region: 'valdres' });
    expect(ok(await app.gql(`{ people { totalCount } }`, {}, valdresAdmin)).people.totalCount).toBe(0);
  });
});

describe('production identity: tokens verified against a JWKS with issuer and audience', () => {
  let app: TestApp;
  let jwks: http.Server;
  let privateKey: KeyLike;
  const issuer = 'https://idp.example.test/';
  const audience = 'samvirke';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    app = await startTestApp({ jwksUrl, jwtIssuer: issuer, jwtAudience: audience });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const sign = (claims: Record<string, unknown>, iss = issuer, aud = audience) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('idp-user-1').setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime('5m').sign(privateKey);

  it('accepts a token signed by the identity provider', async () => {
    const token = await sign({ role: 'AUDITOR', municipality: '3428' });
    expect(ok(await app.gql(`{ viewer { role subject municipality { name } } }`, {}, token)).viewer).toEqual({ role: 'AUDITOR', subject: 'idp-user-1', municipality: { name: 'Alvdal' } });
  });

  it('rejects a wrong issuer, a wrong audience and a development HS256 token', async () => {
    for (const token of [
      await sign({ role: 'AUDITOR', municipality: '3428' }, 'https://evil.example.test/'),
      await sign({ role: 'AUDITOR', municipality: '3428' }, issuer, 'someone-else'),
      await app.token(Role.AUDITOR, { municipality: '3428' }),
    ]) {
      const res = await app.gql(`{ viewer { role } }`, {}, token);
      expect(res.data?.viewer).toBeUndefined();
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
