import { serverAudits } from 'graphql-http';
import { Role } from '../src/auth/roles';
import { postGraphql, raw } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/** GraphQL over HTTP: how each kind of request is answered. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const getGraphql = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  raw(app, `/graphql?${new URLSearchParams(params)}`, { headers: { 'content-type': 'application/json', ...headers } });

describe('operationName', () => {
  it.each([
    ['an anonymous operation with a name', { query: '{ viewer { role } }', operationName: 'X' }, 'X'],
    ['an anonymous operation with an empty name', { query: '{ viewer { role } }', operationName: '' }, ''],
    ['a named operation with another name', { query: 'query Y { viewer { role } }', operationName: 'X' }, 'X'],
  ])('%s → the spec\'s "Unknown operation named" (400), not a 500', async (_what, body, name) => {
    for (const res of [await postGraphql(app, body), await getGraphql(body)]) {
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [{ message: `Unknown operation named "${name}".`, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }], extensions: expect.anything() });
    }
  });

  it('asks for a name when the document has several operations and none is given', async () => {
    const res = await postGraphql(app, { query: 'query A { viewer { role } } query B { viewer { subject } }' });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ message: 'Must provide operation name if query contains multiple operations.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }]);
  });

  it('runs and prices only the operation named', async () => {
    const doc = `query Small { units(first: 1) { totalCount } }
      query Big { units(first: 100) { nodes { municipality { units(first: 100) { nodes { municipality { units(first: 100) { totalCount } } } } } } } }`;
    const admin = await app.token(Role.REGION_ADMIN);
    const named = await postGraphql(app, { query: doc, operationName: 'Small' }, { authorization: `Bearer ${admin}` });
    expect(named.status).toBe(200);
    expect(named.json.data.units.totalCount).toBeGreaterThan(0);
    const big = await postGraphql(app, { query: doc, operationName: 'Big' }, { authorization: `Bearer ${admin}` });
    expect(big.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_COMPLEXITY' });
  });
});

describe('operation types not served over HTTP', () => {
  it('answers a subscription over POST with 400 OPERATION_NOT_SUPPORTED_OVER_HTTP, saying it needs a WebSocket', async () => {
    const res = await postGraphql(app, { query: 'subscription { costAlertRaised { id } }' });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      {
        message: 'Subscriptions are not served over HTTP: open a WebSocket (graphql-ws protocol) to /graphql on this server.',
        extensions: { code: 'OPERATION_NOT_SUPPORTED_OVER_HTTP', operation: 'subscription' },
      },
    ]);
  });

  it('answers one over GET like a mutation over GET: 405 BAD_REQUEST', async () => {
    for (const query of ['subscription { costAlertRaised { id } }', 'mutation { __typename }']) {
      const res = await getGraphql({ query });
      expect(res.status).toBe(405);
      expect(res.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
      expect(res.json.errors[0].message).toMatch(/^GET requests only support query operations/);
    }
  });
});

describe('automatic persisted queries are off', () => {
  it.each([
    ['a hash that does not match its query', { query: '{ viewer { role } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }],
    ['a hash alone', { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }],
    ['an unknown protocol version', { query: '{ viewer { role } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } }],
  ])('%s → PERSISTED_QUERY_NOT_SUPPORTED, nothing runs', async (_what, body) => {
    const res = await postGraphql(app, body);
    expect(res.json.errors).toEqual([{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }]);
    expect(res.json.data).toBeUndefined();
    // Apollo's APQ protocol: 200, so clients fall back to sending the full query.
    expect(res.status).toBe(200);
  });
});

describe('HTTP status codes', () => {
  const PLANS = '{ strategicPlans(regionCode: "nord-osterdal") { nodes { title progress { counts { status } } } } }';

  it('answers partial data with 200 and the error on the restricted field (an anonymous query asking for plan progress)', async () => {
    const res = await postGraphql(app, { query: PLANS });
    expect(res.status).toBe(200);
    expect(res.json.data.strategicPlans.nodes[0]).toEqual({ title: expect.any(String), progress: null });
    expect(res.json.errors).toEqual([expect.objectContaining({ path: ['strategicPlans', 'nodes', 0, 'progress'], extensions: { code: 'UNAUTHENTICATED' } })]);
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      expect((await postGraphql(app, { query: PLANS }, { accept })).status).toBe(200);
    }
  });

  it('keeps 401 when the operation is refused as a whole (no root field has data)', async () => {
    // auditRecords is non-null, so its UNAUTHENTICATED error nulls the whole data.
    const refused = await postGraphql(app, { query: '{ municipalities { name } auditRecords { totalCount } }' });
    expect(refused.status).toBe(401);
    expect(refused.json.data).toBeNull();
  });

  it('answers 401 when the whole request is refused (an invalid token)', async () => {
    const res = await postGraphql(app, { query: PLANS }, { authorization: 'Bearer not.a.token' });
    expect(res.status).toBe(401);
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers request errors with 400 for application/graphql-response+json and for */*, with 200 for application/json by name', async () => {
    const failures = [
      { query: '{' }, // parse
      { query: '{ noSuchField }' }, // validation
      { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: null } }, // variable coercion
      { query: `{ ${'__typename '.repeat(2001)}}` }, // a limit
      { query: '{ viewer { role } }', operationName: 'X' }, // unknown operation
    ];
    for (const body of failures) {
      const modern = await postGraphql(app, body, { accept: 'application/graphql-response+json' });
      expect(modern.status).toBe(400);
      expect(modern.contentType).toMatch(/^application\/graphql-response\+json/);
      expect((await postGraphql(app, body, { accept: '*/*' })).status).toBe(400);
      const legacy = await postGraphql(app, body, { accept: 'application/json' });
      expect(legacy.status).toBe(200);
      expect(legacy.contentType).toMatch(/^application\/json/);
      expect(legacy.json.data).toBeUndefined();
      expect(legacy.json.errors.length).toBeGreaterThan(0);
    }
  });

  it('keeps 4xx for what is not a GraphQL request error, also for application/json', async () => {
    const accept = 'application/json';
    expect((await postGraphql(app, '{"query": ', { accept })).status).toBe(400); // malformed JSON
    expect((await postGraphql(app, { query: 'subscription { costAlertRaised { id } }' }, { accept })).status).toBe(400);
    expect((await postGraphql(app, { query: '{ viewer { role } }' }, { accept, authorization: 'Bearer x' })).status).toBe(401);
    ok(await app.gql('{ viewer { role } }'));
  });
});

describe('graphql-http server audit (GraphQL over HTTP)', () => {
  it('passes every MUST and SHOULD; the MAYs it misses are the known ones', async () => {
    const results = await Promise.all(serverAudits({ url: app.url, fetchFn: fetch }).map((audit) => audit.fn()));
    const level = (name: string) => name.split(' ')[0];
    const failed = (lvl: string) => results.filter((r) => level(r.name) === lvl && r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failed('MUST')).toEqual([]);
    expect(failed('SHOULD')).toEqual([]);
    // GET without a content type or apollo-require-preflight header is refused by Apollo's CSRF
    // prevention, which stays on: form-encoded GETs and GETs with URL-encoded variables.
    expect(
      failed('MAY')
        .map((f) => f.slice(0, 4))
        .sort(),
    ).toEqual(['5A70', '6A70', 'D6D5']);
    const counts = Object.fromEntries(
      ['MUST', 'SHOULD', 'MAY'].map((lvl) => [lvl, `${results.filter((r) => level(r.name) === lvl && r.status === 'ok').length}/${results.filter((r) => level(r.name) === lvl).length}`]),
    );
    expect(counts).toEqual({ MUST: '13/13', SHOULD: '23/23', MAY: '22/25' });
  });
});
