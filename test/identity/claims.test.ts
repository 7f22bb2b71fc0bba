import { identityOf, IdentityTokenError } from '../../src/auth/oidc';
import { loadConfig } from '../../src/config';
import { nationalIdNumber } from '../helpers/national-id';

// The claim rules of the identity verifier, on payloads shaped as the providers in docs/identity.md
// issue them (the signature and transport are tested against a real provider in oidc.test.ts).

const sub = { oidcSubjectClaim: 'sub', oidcMatchClaim: undefined };

function problemOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof IdentityTokenError) return e.problem;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('identity claims', () => {
  it('Entra ID, a person (v2.0 access token): subject from oid, client from azp, the unverified email left out', () => {
    const payload = {
      sub: 'HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ',
      oid: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
      tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      azp: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
      name: 'Abe Lincoln',
      email: 'abeli@example.com',
      scp: 'access_as_user',
      exp: 1_900_000_000,
    };
    expect(identityOf(payload, { oidcSubjectClaim: 'oid', oidcMatchClaim: 'email' })).toEqual({
      subject: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
      kind: 'PERSON',
      clientId: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
      name: 'Abe Lincoln',
      // Entra ID says nothing of verification (no email_verified): the email matches no one, and a refusal says why.
      unverifiedMatchClaim: 'email',
      expiresAt: 1_900_000_000,
    });
  });

  it('Entra ID, an app-only token (idtyp: app) is a service account', () => {
    const payload = { sub: 'a1b2', oid: 'a1b2', azp: 'c3d4', idtyp: 'app', roles: ['Import.Write'] };
    expect(identityOf(payload, { oidcSubjectClaim: 'oid', oidcMatchClaim: undefined })).toEqual({ subject: 'a1b2', kind: 'SERVICE_ACCOUNT', clientId: 'c3d4' });
  });

  it('RFC 9068 client credentials: sub is the client id, or absent and the client id names the caller', () => {
    expect(identityOf({ sub: 'export-job', client_id: 'export-job', scope: 'samvirke' }, sub)).toEqual({ subject: 'export-job', kind: 'SERVICE_ACCOUNT', clientId: 'export-job' });
    expect(identityOf({ client_id: 'export-job', scope: 'samvirke' }, sub)).toEqual({ subject: 'export-job', kind: 'SERVICE_ACCOUNT', clientId: 'export-job' });
    expect(problemOf(() => identityOf({ scope: 'samvirke' }, sub))).toBe('MISSING_CLAIM');
  });

  it('Keycloak: a person has sub and azp; a machine client marked with a hardcoded idtyp claim is a service account', () => {
    const person = { sub: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', azp: 'samvirke-web', preferred_username: 'kari', email: 'kari@tynset.kommune.no', email_verified: true };
    expect(identityOf(person, { oidcSubjectClaim: 'sub', oidcMatchClaim: 'email' })).toEqual({
      subject: person.sub,
      kind: 'PERSON',
      clientId: 'samvirke-web',
      email: 'kari@tynset.kommune.no',
      match: { claim: 'email', value: 'kari@tynset.kommune.no' },
    });
    const machine = { sub: '0d7bf7a6-6b5f-4b5e-9a51-5c1f3a2f0c11', azp: 'export-job', client_id: 'export-job', preferred_username: 'service-account-export-job', idtyp: 'app' };
    expect(identityOf(machine, sub)).toEqual({ subject: machine.sub, kind: 'SERVICE_ACCOUNT', clientId: 'export-job' });
  });

  it('ID-porten: the pairwise sub identifies the person; pid (a national identity number) is never part of the identity', () => {
    const pid = nationalIdNumber();
    const payload = { sub: 'qD-kwgr3FcGA9zy4M7O_4Dco95Uobipd0RJeHSWypG5BL0VrsSND4Pppa2ZInbDyTGfo0AncdvAbU74gfdQmVe7Uz_D0el0', pid, acr: 'idporten-loa-substantial', client_id: 'samvirke-web' };
    const identity = identityOf(payload, { oidcSubjectClaim: 'sub', oidcMatchClaim: 'email' });
    expect(identity).toEqual({ subject: payload.sub, kind: 'PERSON', clientId: 'samvirke-web' });
    expect(JSON.stringify(identity)).not.toContain(pid);
    // Configured (against the rules) to use pid as subject or match claim: refused, never returned.
    expect(problemOf(() => identityOf(payload, { oidcSubjectClaim: 'pid', oidcMatchClaim: undefined }))).toBe('BAD_CLAIM');
    expect(identityOf(payload, { oidcSubjectClaim: 'sub', oidcMatchClaim: 'pid' }).match).toBeUndefined();
  });

  it('informational claims of the wrong shape are left out; identifying claims of the wrong shape refuse the token', () => {
    expect(identityOf({ sub: 'kari', email: ['a@b'], email_verified: true, name: 'x'.repeat(500) }, { oidcSubjectClaim: 'sub', oidcMatchClaim: 'email' })).toEqual({ subject: 'kari', kind: 'PERSON' });
    expect(problemOf(() => identityOf({ sub: 42 } as never, sub))).toBe('BAD_CLAIM');
    expect(problemOf(() => identityOf({ sub: 'x'.repeat(256) }, sub))).toBe('BAD_CLAIM');
    expect(problemOf(() => identityOf({ sub: 'kari\u0000' }, sub))).toBe('BAD_CLAIM');
    expect(problemOf(() => identityOf({ sub: 'kari', client_id: { id: 1 } } as never, sub))).toBe('BAD_CLAIM');
    // An email as subject counts only when verified.
    expect(problemOf(() => identityOf({ sub: 'kari', email: 'k@x.no', email_verified: false }, { oidcSubjectClaim: 'email', oidcMatchClaim: undefined }))).toBe('BAD_CLAIM');
  });
});

describe('OIDC configuration', () => {
  const base = { NODE_ENV: 'test' };

  it('reads OIDC_* with their defaults', () => {
    const config = loadConfig({ ...base, OIDC_ISSUER: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', OIDC_AUDIENCE: '6e74172b-be56-4843-9ff4-e66a39bb12e3' });
    expect(config).toMatchObject({
      oidcIssuer: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      oidcAudience: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
      oidcClockSkewSeconds: 30,
      oidcSubjectClaim: 'sub',
    });
    expect(config.oidcMatchClaim).toBeUndefined();
    expect(loadConfig(base)).toMatchObject({ oidcIssuer: undefined, oidcAudience: undefined, oidcClockSkewSeconds: 30 });
    expect(loadConfig({ ...base, OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'api', OIDC_CLOCK_SKEW_SECONDS: '0', OIDC_SUBJECT_CLAIM: 'oid', OIDC_MATCH_CLAIM: 'email' })).toMatchObject({
      oidcClockSkewSeconds: 0,
      oidcSubjectClaim: 'oid',
      oidcMatchClaim: 'email',
    });
  });

  it.each([
    [{ OIDC_ISSUER: 'https://idp.test' }, /OIDC_ISSUER and OIDC_AUDIENCE/],
    [{ OIDC_AUDIENCE: 'api' }, /OIDC_ISSUER and OIDC_AUDIENCE/],
    [{ OIDC_ISSUER: 'not a url', OIDC_AUDIENCE: 'api' }, /OIDC_ISSUER must be the provider's issuer URL/],
    [{ OIDC_ISSUER: 'ftp://idp.test', OIDC_AUDIENCE: 'api' }, /OIDC_ISSUER must be an https URL/],
    [{ OIDC_ISSUER: 'https://idp.test/?tenant=x', OIDC_AUDIENCE: 'api' }, /no query/],
    [{ OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'api', OIDC_CLOCK_SKEW_SECONDS: '301' }, /from 0 to 300/],
    [{ OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'api', OIDC_CLOCK_SKEW_SECONDS: '-1' }, /from 0 to 300/],
    [{ OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'api', OIDC_CLOCK_SKEW_SECONDS: '2.5' }, /from 0 to 300/],
    [{ OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'api', OIDC_MATCH_CLAIM: 'pid' }, /national identity number/],
    [{ OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'api', OIDC_SUBJECT_CLAIM: 'pid' }, /national identity number/],
    [{ OIDC_ISSUER: 'https://idp.test', OIDC_AUDIENCE: 'api', OIDC_SUBJECT_CLAIM: 'a b' }, /not a claim name/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('allows an http issuer only outside production', () => {
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://keycloak:8080/realms/samvirke', OIDC_AUDIENCE: 'samvirke-api' }).oidcIssuer).toBe('http://keycloak:8080/realms/samvirke');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x', OIDC_ISSUER: 'http://keycloak:8080/realms/samvirke', OIDC_AUDIENCE: 'samvirke-api' })).toThrow(/https URL in production/);
  });
});
