import { Role } from '../src/auth/roles';
import { craftToken, postGraphql } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const VIEWER = `{ viewer { role subject region { code } municipality { number } sharedService { code } unit { code } } }`;
const now = () => Math.floor(Date.now() / 1000);

/** The whole response for an Authorization header; asserts the shape of a rejected request. */
async function expectRejected(authorization: string) {
  const res = await postGraphql(app, { query: `{ viewer { role } municipalities { number name } }` }, { authorization });
  expect(res.status).toBe(401);
  expect(res.json.data).toBeUndefined();
  expect(res.json.errors).toHaveLength(1);
  expect(res.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(res.text).not.toMatch(/stacktrace|at \w+ \(|\.ts:\d+/);
  return res.json.errors[0].message as string;
}

describe('authentication', () => {
  it('treats a request without a token as PUBLIC', async () => {
    const data = ok(await app.gql(VIEWER));
    expect(data.viewer).toEqual({ role: 'PUBLIC', subject: 'public', region: null, municipality: null, sharedService: null, unit: null });
  });

  const bad: [string, () => Promise<string>][] = [
    ['a garbage token', async () => 'Bearer not-a-jwt'],
    ['a token of three garbage parts', async () => 'Bearer aaa.bbb.ccc'],
    ['an empty Bearer header', async () => 'Bearer '],
    ['a Basic header', async () => 'Basic xyz'],
    ['an expired token', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'nord-osterdal' }, { exp: now() - 60 })}`],
    ['a token signed with the wrong secret', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'nord-osterdal' }, { secret: 'some-other-secret-of-enough-length' })}`],
    ['a token signed with HS512 instead of HS256', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'nord-osterdal' }, { alg: 'HS512' })}`],
    ['a token from another issuer', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'nord-osterdal' }, { issuer: 'evil' })}`],
    ['a token for another audience', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'nord-osterdal' }, { audience: 'other-api' })}`],
    ['a token without expiry', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'nord-osterdal' }, { exp: null })}`],
    ['a token without subject', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'nord-osterdal' }, { sub: null })}`],
    ['a token with an unknown role', async () => `Bearer ${await craftToken({ role: 'SUPERUSER', region: 'nord-osterdal' })}`],
    ['a token with role PUBLIC', async () => `Bearer ${await craftToken({ role: 'PUBLIC', region: 'nord-osterdal' })}`],
    ['a token whose role is an Object.prototype name', async () => `Bearer ${await craftToken({ role: 'toString', region: 'nord-osterdal' })}`],
    ['a token whose role is "constructor"', async () => `Bearer ${await craftToken({ role: 'constructor', region: 'nord-osterdal' })}`],
    ['a token with a non-string claim', async () => `Bearer ${await craftToken({ role: 'MUNICIPAL_DIRECTOR', municipality: 3429 })}`],
    ['a token whose municipality does not exist', async () => `Bearer ${await craftToken({ role: 'MUNICIPAL_DIRECTOR', municipality: '9999' })}`],
    ['a token whose region does not exist', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN', region: 'atlantis' })}`],
    ['a REGION_ADMIN token without any region', async () => `Bearer ${await craftToken({ role: 'REGION_ADMIN' })}`],
    ['a MUNICIPAL_DIRECTOR token without a municipality', async () => `Bearer ${await craftToken({ role: 'MUNICIPAL_DIRECTOR', region: 'nord-osterdal' })}`],
    ['a municipal token for a municipality of another region than claimed', async () => `Bearer ${await craftToken({ role: 'MUNICIPAL_DIRECTOR', region: 'valdres', municipality: '3429' })}`],
    ['a service token for a service code of another region', async () => `Bearer ${await craftToken({ role: 'SERVICE_LEADER', region: 'valdres', service: 'ppt' })}`],
    ['a unit token for a unit of another region', async () => `Bearer ${await craftToken({ role: 'TST_MEMBER', region: 'valdres', unit: 'folldal-skole' })}`],
    ['a TST token without a unit', async () => `Bearer ${await craftToken({ role: 'TST_LEADER', region: 'nord-osterdal' })}`],
  ];
  it.each(bad)('rejects %s with 401 UNAUTHENTICATED and no data', async (_name, header) => {
    await expectRejected(await header());
  });

  it('does not accept a cached token after it expires', async () => {
    const exp = now() + 2;
    const token = await craftToken({ role: 'MUNICIPAL_DIRECTOR', municipality: '3429' }, { exp });
    expect(ok(await app.gql(`{ viewer { role } }`, {}, token)).viewer.role).toBe('MUNICIPAL_DIRECTOR');
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    await expectRejected(`Bearer ${token}`);
  });
});

describe('each role sees its own scope in viewer', () => {
  const cases: [Role, Record<string, string>, Record<string, unknown>][] = [
    [Role.REGION_ADMIN, {}, { region: { code: 'nord-osterdal' }, municipality: null, sharedService: null, unit: null }],
    [Role.SERVICE_LEADER, { service: 'barnevern' }, { region: { code: 'nord-osterdal' }, municipality: null, sharedService: { code: 'barnevern' }, unit: null }],
    [Role.HOST_FINANCE, { service: 'ppt' }, { region: { code: 'nord-osterdal' }, municipality: null, sharedService: { code: 'ppt' }, unit: null }],
    [Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }, { region: { code: 'nord-osterdal' }, municipality: { number: '3429' }, sharedService: null, unit: null }],
    [Role.MUNICIPAL_FINANCE, { municipality: '3426' }, { region: { code: 'nord-osterdal' }, municipality: { number: '3426' }, sharedService: null, unit: null }],
    [Role.AUDITOR, { municipality: '3449' }, { region: { code: 'valdres' }, municipality: { number: '3449' }, sharedService: null, unit: null }],
    [Role.TST_LEADER, { unit: 'folldal-skole' }, { region: { code: 'nord-osterdal' }, municipality: null, sharedService: null, unit: { code: 'folldal-skole' } }],
    [Role.TST_MEMBER, { region: 'valdres', unit: 'etnedal-skule' }, { region: { code: 'valdres' }, municipality: null, sharedService: null, unit: { code: 'etnedal-skule' } }],
  ];
  it.each(cases)('%s %j', async (role, scope, expected) => {
    const token = await app.token(role, scope);
    const data = ok(await app.gql(VIEWER, {}, token));
    expect(data.viewer).toEqual({ role, subject: `test-${role.toLowerCase()}`, ...expected });
  });

  it('keeps a REGION_ADMIN token with a municipality claim region-scoped', async () => {
    const token = await app.token(Role.REGION_ADMIN, { region: 'nord-osterdal', municipality: '3429' });
    const data = ok(await app.gql(`${VIEWER.slice(0, -1)} municipalities { number } auditRecords(first: 1) { totalCount } }`, {}, token));
    expect(data.viewer).toMatchObject({ role: 'REGION_ADMIN', region: { code: 'nord-osterdal' }, municipality: null });
    expect(data.municipalities).toHaveLength(5);
  });

  it('derives the region of a REGION_ADMIN token that names only a municipality, and stays region-scoped', async () => {
    const token = await craftToken({ role: 'REGION_ADMIN', municipality: '3449' });
    const data = ok(await app.gql(`${VIEWER.slice(0, -1)} municipalities { number } }`, {}, token));
    expect(data.viewer).toMatchObject({ role: 'REGION_ADMIN', region: { code: 'valdres' }, municipality: null });
    expect(data.municipalities.map((m: any) => m.number)).toEqual(['3449', '3450', '3451']);
  });

  it('keeps a service token from becoming municipal when it also names a municipality', async () => {
    const token = await app.token(Role.SERVICE_LEADER, { service: 'barnevern', municipality: '3429' });
    const data = ok(await app.gql(VIEWER, {}, token));
    expect(data.viewer).toMatchObject({ role: 'SERVICE_LEADER', municipality: null, sharedService: { code: 'barnevern' } });
  });
});
