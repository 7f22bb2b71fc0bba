import { Role } from '../src/auth/roles';
import { craftToken, postGraphql, tableFingerprint } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * PostgreSQL text cannot hold NUL (error 22021). Every string input, in every operation, as a literal
 * or a variable, nested or not, is checked by one guard (src/http/input-guard.ts) before anything
 * runs: BAD_USER_INPUT naming the argument or variable path, never an internal error.
 */
let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
});
afterAll(() => app.close());

const NUL_RULE = { code: 'BAD_USER_INPUT', rule: 'noNul' };
/** `\\u0000` in a GraphQL string literal is the escape for NUL. */
const N = '\\u0000';

describe('NUL in a literal argument', () => {
  it.each([
    ['a query argument', 'regionCode', `{ strategicPlans(regionCode: "${N}") { totalCount } }`, undefined],
    ['another query argument', 'code', `{ region(code: "nord${N}osterdal") { name } }`, undefined],
    ['an argument of a signed-in query', 'entity', `{ auditRecords(entity: "Unit${N}") { totalCount } }`, 'admin'],
    ['a field argument deep in the selection', 'after', `{ units(first: 1) { nodes { municipality { units(after: "${N}") { totalCount } } } } }`, 'admin'],
    [
      'a nested mutation input field',
      'input.name',
      `mutation { createUnit(input: { municipalityNumber: "3429", code: "ok", name: "Ugyldig${N}navn", kind: OTHER, size: 1 }) { unit { id } } }`,
      'admin',
    ],
    [
      'an item of a list in a mutation input',
      'input.ownerMunicipalityNumbers[1]',
      `mutation { setServiceOwnership(input: { serviceId: "x", validFrom: "2030-01-01", ownerMunicipalityNumbers: ["3427", "34${N}29"] }) { userErrors { code } } }`,
      'admin',
    ],
    ['a variable default value', '$c', `query($c: String = "${N}") { region(code: $c) { name } }`, undefined],
    ['a fragment', 'code', `{ ...F } fragment F on Query { region(code: "${N}") { name } }`, undefined],
  ])('%s → BAD_USER_INPUT naming %s', async (_what, field, query, who) => {
    const res = await app.gql(query, {}, who ? admin : undefined);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toEqual({ ...NUL_RULE, field });
    expect(res.errors![0].message).toMatch(new RegExp(`^${field.replace(/[$.[\]]/g, '\\$&')}: must not contain the NUL character \\(U\\+0000\\)`));
  });
});

describe('NUL in a variable', () => {
  it.each([
    ['a scalar variable', '$c', 'query($c: String) { region(code: $c) { name } }', { c: 'nord\u0000' }],
    [
      'a field of an input object',
      '$input.name',
      'mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { id } } }',
      { input: { municipalityNumber: '3429', code: 'ok', name: 'Ugyldig\u0000navn', kind: 'OTHER', size: 1 } },
    ],
    [
      'an item of a list in an input object',
      '$input.ownerMunicipalityNumbers[1]',
      'mutation($input: SetServiceOwnershipInput!) { setServiceOwnership(input: $input) { userErrors { code } } }',
      { input: { serviceId: 'x', validFrom: '2030-01-01', ownerMunicipalityNumbers: ['3427', '\u00003429'] } },
    ],
  ])('%s → BAD_USER_INPUT naming %s, and nothing is written', async (_what, field, query, variables) => {
    const before = await tableFingerprint(app, ['unit', 'ownership_period', 'audit_record']);
    const res = await app.gql(query, variables, admin);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([{ message: `${field}: must not contain the NUL character (U+0000)`, extensions: { ...NUL_RULE, field } }]);
    expect(await tableFingerprint(app, ['unit', 'ownership_period', 'audit_record'])).toEqual(before);
  });

  it('finds a NUL in variables nested deeper than the call stack, without a stack overflow', async () => {
    const depth = 50_000;
    const body = `{"query":"query($c: String) { region(code: $c) { name } }","variables":{"c":"nord-osterdal","deep":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}}`;
    const res = await postGraphql(app, body);
    expect(res.status).toBe(400);
    // The path is shortened to 200 characters plus an ellipsis.
    expect(res.json.errors[0].extensions).toMatchObject({ ...NUL_RULE, field: `$deep${'[0]'.repeat(depth)}`.slice(0, 200) + '…' });
  });

  it('lets the same strings through without NUL', async () => {
    ok(await app.gql('query($c: String) { region(code: $c) { name } }', { c: 'nord-osterdal' }));
    ok(await app.gql(`{ strategicPlans(regionCode: "nord-osterdal") { totalCount } }`));
  });
});

describe('NUL in a token claim', () => {
  it('is an invalid token (401), not an internal error', async () => {
    const token = await craftToken({ role: Role.REGION_ADMIN, region: 'nord\u0000osterdal' });
    const res = await postGraphql(app, { query: '{ viewer { role } }' }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.json.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(res.json.errors[0].message).toMatch(/NUL/);
  });
});
