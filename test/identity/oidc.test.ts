import { createServer } from 'node:net';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { createIdentityVerifier, IdentityTokenError, IdentityTokenProblem, IdentityVerifier, OidcSettings, OidcTimings } from '../../src/auth/oidc';
import { InvalidTokenError } from '../../src/auth/jwt';
import { ACCOUNTS, API_RESOURCE, OTHER_RESOURCE, PERSON_CLIENT, SERVICE_CLIENT, SHORT_LIVED_CLIENT, signingKey, TestOidcProvider } from '../helpers/oidc';
import { nationalIdNumber } from '../helpers/national-id';

// Tokens from a real OpenID Connect provider (oidc-provider, in its own process), verified over
// real HTTP (discovery, JWKS) by the real jose: nothing here is a hand-made key server.

const settings = (issuer: string, more: Partial<OidcSettings> = {}): OidcSettings => ({
  oidcIssuer: issuer,
  oidcAudience: API_RESOURCE,
  oidcClockSkewSeconds: 30,
  oidcSubjectClaim: 'sub',
  oidcMatchClaim: 'email',
  ...more,
});

/** The typed refusal of `verify`, or a failure when the token was accepted. */
async function refusal(verifier: IdentityVerifier, token: string): Promise<IdentityTokenError> {
  const outcome = await verifier.verify(token).then(
    (identity) => identity,
    (e: unknown) => e,
  );
  if (!(outcome instanceof IdentityTokenError)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  expect(outcome).toBeInstanceOf(InvalidTokenError);
  return outcome;
}

async function expectRefused(verifier: IdentityVerifier, token: string, problem: IdentityTokenProblem): Promise<void> {
  expect((await refusal(verifier, token)).problem).toBe(problem);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('identity tokens from a real OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let verifier: IdentityVerifier;
  beforeAll(async () => {
    provider = await TestOidcProvider.start();
    verifier = createIdentityVerifier(settings(provider.issuer));
  });
  afterAll(() => provider.stop());

  it("accepts a person's access token from authorization code + PKCE as issuer + subject, with the verified email for matching", async () => {
    const { access_token } = await provider.signIn('kari-nordmann');
    expect(decodeProtectedHeader(access_token).typ).toBe('at+jwt');
    const identity = await verifier.verify(access_token);
    expect(identity).toEqual({
      issuer: provider.issuer,
      subject: 'kari-nordmann',
      kind: 'PERSON',
      clientId: PERSON_CLIENT,
      email: ACCOUNTS['kari-nordmann'].email,
      name: 'Kari Nordmann',
      match: { claim: 'email', value: ACCOUNTS['kari-nordmann'].email },
      expiresAt: decodeJwt(access_token).exp,
    });
  });

  it('reports neither an unverified email nor a match on it', async () => {
    const { access_token } = await provider.signIn('ola-unverified');
    expect(decodeJwt(access_token)).toMatchObject({ email: ACCOUNTS['ola-unverified'].email, email_verified: false });
    const identity = await verifier.verify(access_token);
    // Only that the match claim is there unverified (its value is not kept), for the refusal to say why.
    expect(identity).toEqual({
      issuer: provider.issuer,
      subject: 'ola-unverified',
      kind: 'PERSON',
      clientId: PERSON_CLIENT,
      name: 'Ola Uverifisert',
      unverifiedMatchClaim: 'email',
      expiresAt: expect.any(Number),
    });
  });

  it('uses a configured subject claim, and refuses a token without it', async () => {
    const { access_token } = await provider.signIn('kari-nordmann');
    const byEmail = createIdentityVerifier(settings(provider.issuer, { oidcSubjectClaim: 'email', oidcMatchClaim: undefined }));
    expect(await byEmail.verify(access_token)).toMatchObject({ subject: ACCOUNTS['kari-nordmann'].email, kind: 'PERSON' });
    const byOid = createIdentityVerifier(settings(provider.issuer, { oidcSubjectClaim: 'oid' }));
    await expectRefused(byOid, access_token, 'MISSING_CLAIM');
  });

  it("refuses the person's ID token: it is meant for the client, not the API", async () => {
    const { id_token } = await provider.signIn('kari-nordmann');
    expect(decodeJwt(id_token)).toMatchObject({ sub: 'kari-nordmann', aud: PERSON_CLIENT });
    await expectRefused(verifier, id_token, 'WRONG_AUDIENCE');
  });

  it("accepts a service account's client-credentials token with its client id", async () => {
    const token = await provider.clientCredentials();
    expect(decodeJwt(token)).toMatchObject({ sub: SERVICE_CLIENT, client_id: SERVICE_CLIENT, aud: API_RESOURCE });
    expect(await verifier.verify(token)).toEqual({ issuer: provider.issuer, subject: SERVICE_CLIENT, clientId: SERVICE_CLIENT, kind: 'SERVICE_ACCOUNT', expiresAt: decodeJwt(token).exp });
  });

  it('refuses tokens the same provider issued for another API (aud)', async () => {
    await expectRefused(verifier, await provider.clientCredentials({ resource: OTHER_RESOURCE }), 'WRONG_AUDIENCE');
    await expectRefused(verifier, (await provider.signIn('kari-nordmann', { resource: OTHER_RESOURCE })).access_token, 'WRONG_AUDIENCE');
  });

  it('refuses a token of another issuer, although it is signed with the same keys', async () => {
    const other = await TestOidcProvider.start({ keys: provider.keys });
    try {
      const token = await other.clientCredentials();
      await expectRefused(verifier, token, 'WRONG_ISSUER');
      expect((await createIdentityVerifier(settings(other.issuer)).verify(token)).subject).toBe(SERVICE_CLIENT);
    } finally {
      await other.stop();
    }
  });

  it('refuses forged, altered, symmetric and malformed tokens with a typed error', async () => {
    const genuine = await provider.clientCredentials();
    const { kid } = decodeProtectedHeader(genuine);
    const claims = decodeJwt(genuine);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' }).sign(privateKey);
    await expectRefused(verifier, forged, 'BAD_SIGNATURE');
    // A kid the provider never published: the key set is fetched again (no cooldown here) and still has no such key.
    const refetching = createIdentityVerifier(settings(provider.issuer), { jwksCooldownMs: 0 });
    const unknownKid = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'never-published', typ: 'at+jwt' }).sign(privateKey);
    await expectRefused(refetching, unknownKid, 'UNKNOWN_KEY');
    expect((await refetching.verify(genuine)).subject).toBe(SERVICE_CLIENT);
    const [header, , signature] = genuine.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${signature}`;
    await expectRefused(verifier, altered, 'BAD_SIGNATURE');
    const hs256 = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    await expectRefused(verifier, hs256, 'UNSUPPORTED_ALGORITHM');
    const unsecured = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${genuine.split('.')[1]}.`;
    await expectRefused(verifier, unsecured, 'UNSUPPORTED_ALGORITHM');
    for (const garbage of ['', 'abc', 'a.b.c', 'x'.repeat(20000)]) await expectRefused(verifier, garbage, 'MALFORMED');
    await expectRefused(verifier, `${header}.e30.`, 'WRONG_ISSUER'); // a payload of {} names no issuer
    const idTokenTyped = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid, typ: 'logout+jwt' }).sign(privateKey);
    await expectRefused(verifier, idTokenTyped, 'MALFORMED');
    // After all that, the genuine token still verifies.
    expect((await verifier.verify(genuine)).subject).toBe(SERVICE_CLIENT);
  });

  it('refuses a subject that is a national identity number, without echoing it', async () => {
    const fnr = nationalIdNumber();
    const { access_token } = await provider.signIn(fnr);
    expect(decodeJwt(access_token).sub).toBe(fnr);
    const error = await refusal(verifier, access_token);
    expect(error.problem).toBe('BAD_CLAIM');
    expect(error.message).not.toContain(fnr);
  });

  it('refuses an expired token beyond the clock skew, accepts it within the (bounded) skew', async () => {
    const { access_token } = await provider.signIn('kari-nordmann', { clientId: SHORT_LIVED_CLIENT });
    const { exp } = decodeJwt(access_token);
    const strict = createIdentityVerifier(settings(provider.issuer, { oidcClockSkewSeconds: 0 }));
    const tolerant = createIdentityVerifier(settings(provider.issuer, { oidcClockSkewSeconds: 30 }));
    // Wait until the one-second token has expired on this clock (no speed is asserted).
    while (Date.now() / 1000 < exp! + 1) await sleep(200);
    await expectRefused(strict, access_token, 'EXPIRED');
    expect((await tolerant.verify(access_token)).subject).toBe('kari-nordmann');
    expect(() => createIdentityVerifier(settings(provider.issuer, { oidcClockSkewSeconds: 301 }))).toThrow(/OIDC_CLOCK_SKEW_SECONDS/);
  });
});

describe('the provider rotates its keys, goes away and comes back', () => {
  const timings: OidcTimings = { jwksCooldownMs: 0, discoveryRetryMs: 0 };
  let port: number;
  let oldKey: Awaited<ReturnType<typeof signingKey>>;
  let newKey: Awaited<ReturnType<typeof signingKey>>;
  let provider: TestOidcProvider | undefined;
  beforeAll(async () => {
    port = await freePort();
    oldKey = await signingKey('old-key');
    newKey = await signingKey('new-key');
  });
  afterEach(async () => {
    await provider?.stop();
    provider = undefined;
  });
  // Nothing a verifier does while the provider is away may escape as an unhandled rejection (which would stop a server).
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('accepts tokens of a new key after re-fetching the key set on its unknown kid, and tokens of the old key still', async () => {
    provider = await TestOidcProvider.start({ port, keys: [oldKey] });
    const issuer = provider.issuer;
    const oldToken = await provider.clientCredentials();
    expect(decodeProtectedHeader(oldToken).kid).toBe('old-key');
    const verifier = createIdentityVerifier(settings(issuer), timings);
    // A verifier that fetched the key set a moment ago does not fetch it again for an unknown kid within its cooldown.
    const cooling = createIdentityVerifier(settings(issuer), { ...timings, jwksCooldownMs: 60_000 });
    expect((await verifier.verify(oldToken)).subject).toBe(SERVICE_CLIENT);
    expect((await cooling.verify(oldToken)).subject).toBe(SERVICE_CLIENT);

    // Rotation: the provider restarts with the new key first (it signs) and the old one still published.
    await provider.stop();
    provider = await TestOidcProvider.start({ port, keys: [newKey, oldKey] });
    expect(provider.issuer).toBe(issuer);
    const newToken = (await provider.signIn('kari-nordmann')).access_token;
    expect(decodeProtectedHeader(newToken).kid).toBe('new-key');
    expect(await verifier.verify(newToken)).toMatchObject({ issuer, subject: 'kari-nordmann', kind: 'PERSON' });
    expect((await verifier.verify(oldToken)).subject).toBe(SERVICE_CLIENT);
    await expectRefused(cooling, newToken, 'UNKNOWN_KEY');
  });

  it('keeps verifying with cached keys while the provider is down, for the cache lifetime; an unknown kid then is refused, and the process carries on', async () => {
    provider = await TestOidcProvider.start({ port, keys: [oldKey] });
    const issuer = provider.issuer;
    const person = (await provider.signIn('kari-nordmann')).access_token;
    const service = await provider.clientCredentials();
    const cached = createIdentityVerifier(settings(issuer), timings); // keys cached for jose's default 10 minutes
    const shortCache = createIdentityVerifier(settings(issuer), { ...timings, jwksCacheMs: 1000 });
    expect((await cached.verify(person)).subject).toBe('kari-nordmann');
    expect((await shortCache.verify(person)).subject).toBe('kari-nordmann');

    // The provider rotates once more, issues a token with its new key, and goes away.
    await provider.stop();
    provider = await TestOidcProvider.start({ port, keys: [newKey, oldKey] });
    const rotated = await provider.clientCredentials();
    await provider.stop();

    expect((await cached.verify(person)).subject).toBe('kari-nordmann');
    expect((await cached.verify(service)).kind).toBe('SERVICE_ACCOUNT');
    // The new kid is unknown and the key set cannot be fetched again: refused, typed, nothing thrown past verify.
    await expectRefused(cached, rotated, 'PROVIDER_UNAVAILABLE');
    expect((await cached.verify(person)).subject).toBe('kari-nordmann');

    // Past the cache lifetime the keys are not used without the provider.
    await sleep(1100);
    await expectRefused(shortCache, person, 'PROVIDER_UNAVAILABLE');

    // The provider is back: the unknown kid is fetched and accepted, and the expired cache refilled.
    provider = await TestOidcProvider.start({ port, keys: [newKey, oldKey] });
    expect((await cached.verify(rotated)).subject).toBe(SERVICE_CLIENT);
    expect((await shortCache.verify(person)).subject).toBe('kari-nordmann');
  });

  it('starts without the provider: tokens are refused as PROVIDER_UNAVAILABLE until discovery succeeds', async () => {
    provider = await TestOidcProvider.start({ port, keys: [oldKey] });
    const issuer = provider.issuer;
    const token = await provider.clientCredentials();
    await provider.stop();

    const verifier = createIdentityVerifier(settings(issuer), timings);
    expect(await verifier.warmUp()).toBe(false);
    const error = await refusal(verifier, token);
    expect(error.problem).toBe('PROVIDER_UNAVAILABLE');
    expect(error.message).toMatch(/not reachable.*try again later/);

    provider = await TestOidcProvider.start({ port, keys: [oldKey] });
    expect(await verifier.warmUp()).toBe(true);
    expect((await verifier.verify(token)).subject).toBe(SERVICE_CLIENT);
  });

  it('waits before asking an unreachable provider again', async () => {
    provider = await TestOidcProvider.start({ port, keys: [oldKey] });
    const issuer = provider.issuer;
    const token = await provider.clientCredentials();
    await provider.stop();
    const verifier = createIdentityVerifier(settings(issuer), { ...timings, discoveryRetryMs: 60_000 });
    await expectRefused(verifier, token, 'PROVIDER_UNAVAILABLE');
    provider = await TestOidcProvider.start({ port, keys: [oldKey] });
    // Within the retry interval the remembered failure answers; a fresh verifier already succeeds.
    await expectRefused(verifier, token, 'PROVIDER_UNAVAILABLE');
    expect((await createIdentityVerifier(settings(issuer), timings).verify(token)).subject).toBe(SERVICE_CLIENT);
  });
});
