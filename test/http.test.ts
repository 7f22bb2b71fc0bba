import http from 'node:http';
import { buildClientSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { GRAPHIQL_WELCOME } from '../src/http/graphiql-welcome';
import { Role } from '../src/auth/roles';
import { dataModel } from '../src/features/data';
import { APP_ROLE } from '../migrations/rls';
import { postGraphql, raw } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';

let app: TestApp;
/** Same server code with tight limits (its own database). */
let limited: TestApp;
let admin: string;
beforeAll(async () => {
  [app, limited] = await Promise.all([startTestApp(), startTestApp({ bodyLimit: '1kb', maxDepth: 3, maxComplexity: 50, introspection: false, graphiql: false })]);
  admin = await app.token(Role.REGION_ADMIN);
});
afterAll(() => Promise.all([app.close(), limited.close()]));

/** No stack trace, source path or SQL anywhere in a response body. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/stacktrace|node_modules|\.ts:\d+|\bat \w+ \(|SyntaxError|QueryFailedError|permission denied|SELECT |samvirke_app/i);
}

describe('health and readiness', () => {
  it('GET /healthz answers 200', async () => {
    const res = await raw(app, '/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', log: { droppedLines: 0 } });
  });

  it('GET /readyz answers 200 with the number of applied migrations', async () => {
    const res = await raw(app, '/readyz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ready', migrations: dataModel.migrations.length });
  });

  it('GET /readyz answers 503 naming a pending migration', async () => {
    const last = new dataModel.migrations[dataModel.migrations.length - 1]().name!;
    const { rows } = await app.owner.query(`DELETE FROM migrations WHERE name = $1 RETURNING id, timestamp, name`, [last]);
    expect(rows).toHaveLength(1);
    try {
      const res = await raw(app, '/readyz');
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ status: 'migrations pending', pending: [last] });
    } finally {
      await app.owner.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [rows[0].id, rows[0].timestamp, rows[0].name]);
    }
    expect((await raw(app, '/readyz')).status).toBe(200);
  });
});

describe('GraphiQL (Ruru) for browsers', () => {
  it('serves the IDE at GET /graphql for text/html with only local script and style URLs', async () => {
    const res = await raw(app, '/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/text\/html/);
    expect(res.text).toContain('ruru-root');
    const urls = [...res.text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]);
    const imports = [...res.text.matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((m) => m[1]);
    expect(urls.length + imports.length).toBeGreaterThanOrEqual(3);
    for (const url of [...urls, ...imports]) expect(url).toMatch(/^\/ruru-static\//);
    expect(res.text).not.toMatch(/https?:\/\//);
  });

  it('opens on Samvirke’s page: how to get a token, examples per user that all validate, subscriptions over WebSocket', async () => {
    const res = await raw(app, '/graphql', { headers: { accept: 'text/html' } });
    expect(res.text).toContain('npm run -s token -- --person kd-3429');
    expect(res.text).toContain(JSON.stringify(app.url.replace(/^http:/, 'ws:')).slice(1, -1));
    const document = parse(GRAPHIQL_WELCOME);
    const names = document.definitions.map((d: any) => d.name?.value);
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect(res.text).toContain(name);
    const introspection = await app.gql(getIntrospectionQuery());
    expect(validate(buildClientSchema(introspection.data), document).map((e) => e.message)).toEqual([]);
  });

  it('serves its assets from the installed package', async () => {
    const js = await raw(app, '/ruru-static/ruru.js');
    expect(js.status).toBe(200);
    expect(js.contentType).toMatch(/javascript/);
    expect(js.text.length).toBeGreaterThan(10_000);
    const css = await raw(app, '/ruru-static/ruru.css');
    expect(css.status).toBe(200);
    expect(css.contentType).toMatch(/css/);
    // Every file the page itself asks for (the editor workers included) is there.
    for (const file of ['jsonWorker.js', 'graphqlWorker.js', 'editorWorker.js']) expect((await raw(app, `/ruru-static/${file}`)).status).toBe(200);
    const traversal = await raw(app, '/ruru-static/%2e%2e/package.json');
    expect(traversal.status).toBeGreaterThanOrEqual(400);
    expect(traversal.text).not.toContain('"name": "ruru"');
  });

  it('is off when GRAPHIQL is off', async () => {
    const res = await raw(limited, '/graphql', { headers: { accept: 'text/html' } });
    expect(res.text).not.toContain('ruru-root');
    expect((await raw(limited, '/ruru-static/ruru.js')).status).toBe(404);
  });
});

describe('request protection', () => {
  it('answers a body over the limit with 413 JSON, not 500', async () => {
    const res = await postGraphql(limited, { query: `{ municipalities { name } }`, variables: { padding: 'x'.repeat(2000) } });
    expect(res.status).toBe(413);
    expect(res.contentType).toMatch(/json/);
    expect(res.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json.errors[0].message).toContain('1kb');
    expectNoInternals(res.text);
  });

  it('limits bodies to 100kb by default (BODY_LIMIT): under it is served, over it is 413', async () => {
    const query = '{ municipalities { name } }';
    const padding = (bytes: number) => 'x'.repeat(bytes - JSON.stringify({ query, variables: { padding: '' } }).length);
    const under = await postGraphql(app, { query, variables: { padding: padding(100 * 1024) } });
    expect(under.status).toBe(200);
    const over = await postGraphql(app, { query, variables: { padding: padding(100 * 1024 + 1) } });
    expect(over.status).toBe(413);
    expect(over.json.errors[0]).toEqual({ message: 'Request body exceeds the limit of 100kb (BODY_LIMIT).', extensions: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers malformed JSON with 400 JSON, without a stack', async () => {
    const res = await postGraphql(app, '{"query": "{ municipalities { name } }",', { authorization: `Bearer ${admin}` });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/json/);
    expect(res.json).toEqual({ errors: [{ message: 'Malformed request body.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('rejects a query deeper than maxDepth, also when hidden in fragments', async () => {
    ok(await limited.gql(`{ municipalities { region { name } } }`));
    for (const query of [
      `{ municipalities { region { municipalities { name } } } }`,
      `query { ...Q } fragment Q on Query { municipalities { ...M } } fragment M on Municipality { region { municipalities { name } } }`,
      `{ municipalities { ... on Municipality { region { ... on Region { municipalities { name } } } } } }`,
    ]) {
      const res = await limited.gql(query);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxDepth: 3 });
    }
  });

  it("lets GraphiQL's full introspection query through the default limits, but not deep data queries", async () => {
    const intro = ok(await app.gql(getIntrospectionQuery()));
    expect(intro.__schema.types.map((t: any) => t.name)).toEqual(expect.arrayContaining(['Municipality', 'StrategicPlan', 'Node']));
    // 13 levels of data: one over the default GRAPHQL_MAX_DEPTH of 12.
    const deep = `{ municipalities { region { municipalities { region { municipalities { region { municipalities { region { municipalities { region { municipalities { region { name } } } } } } } } } } } } }`;
    const res = await app.gql(deep);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', depth: 13, maxDepth: 12 });
  });

  it('rejects a query over the complexity limit, counting page sizes from variables too', async () => {
    ok(await limited.gql(`{ units(first: 2) { nodes { name } } }`));
    const literal = await limited.gql(`{ units(first: 100) { nodes { name } } }`);
    expect(literal.status).toBe(400);
    expect(literal.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const variable = await limited.gql(`query($n: Int) { units(first: $n) { nodes { name } } }`, { n: 100 });
    expect(variable.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(variable.data).toBeUndefined();
  });

  it('prices the same document again for other variables (the estimate is remembered per document and variables)', async () => {
    const query = `query($n: Int) { units(first: $n) { nodes { name } } }`;
    for (const [n, allowed] of [
      [2, true],
      [100, false],
      [2, true],
      [100, false],
    ] as const) {
      const res = await limited.gql(query, { n });
      if (allowed) ok(res);
      else expect([res.status, res.errors?.[0].extensions?.code]).toEqual([400, 'QUERY_TOO_COMPLEX']);
    }
  });

  it('prices pages inside pages by their sizes at the default limit: a dashboard passes, a page-in-page fan-out does not', async () => {
    ok(await app.gql(`{ sharedServices { owners { units(first: 100) { nodes { name municipality { name } } } } } }`, {}, admin));
    const fanOut = await app.gql(`{ sharedServices { owners { units(first: 100) { nodes { municipality { units(first: 100) { nodes { name } } } } } } } }`, {}, admin);
    expect(fanOut.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(fanOut.errors?.[0].message).toMatch(/Query complexity \d+ exceeds the limit of 20000/);
  });

  it('answers a variable of the wrong type with 400 BAD_USER_INPUT (not 500)', async () => {
    const res = await app.gql(`query($n: Int) { units(first: $n) { totalCount } }`, { n: 'abc' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain('$n');
  });

  it('disables introspection when configured, and allows it otherwise', async () => {
    for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "Unit") { name } }`]) {
      const res = await limited.gql(query);
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toMatch(/introspection/i);
    }
    expect(ok(await app.gql(`{ __type(name: "Unit") { name } }`)).__type).toEqual({ name: 'Unit' });
  });

  it('with introspection off, names GRAPHQL_INTROSPECTION and suggests nothing of the schema', async () => {
    const intro = await limited.gql(`{ __schema { queryType { name } } }`);
    expect(intro.errors?.[0].message).toBe('Introspection is turned off on this server (GRAPHQL_INTROSPECTION); the query asked for "__schema".');
    ok(await limited.gql(`{ __typename }`));
    const cases: [string, Record<string, unknown>?][] = [
      [`{ municipalitys { name } }`],
      [`{ municipalities(regionKode: "valdres") { name } }`],
      [`query($k: UnitKind) { units(kind: $k) { totalCount } }`, { k: 'SCHOL' }],
      [`{ units(kind: SCHOL) { totalCount } }`],
    ];
    for (const [query, variables] of cases) {
      const hidden = await limited.gql(query, variables);
      expect(hidden.errors?.length).toBeGreaterThan(0);
      for (const error of hidden.errors!) expect(error.message).not.toMatch(/Did you mean/);
      // The same mistakes with introspection on (development): suggestions help.
      const shown = await app.gql(query, variables, admin);
      expect(shown.errors?.[0].message).toMatch(/Did you mean/);
    }
  });

  it('validates page arguments: first above 100 or negative, and cursors it did not issue', async () => {
    for (const [query, rule] of [
      [`{ units(first: 101) { totalCount } }`, 'range'],
      [`{ units(first: -1) { totalCount } }`, 'range'],
      [`{ municipality(number: "3427") { units(first: 101) { totalCount } } }`, 'range'],
      [`{ units(after: "garbage") { totalCount } }`, 'cursor'],
      [`{ units(after: "${Buffer.from('offset:-3').toString('base64url')}") { totalCount } }`, 'cursor'],
      [`{ auditRecords(after: "b2Zmc2V0OmFiYw") { totalCount } }`, 'cursor'],
    ]) {
      const res = await app.gql(query, {}, admin);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
      expect(res.status).toBe(200);
    }
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const good = await fetch(app.url.replace('/graphql', '/healthz'), { headers: { 'x-request-id': 'abc-123' } });
    expect(good.headers.get('x-request-id')).toBe('abc-123');
    const bad = await fetch(app.url.replace('/graphql', '/healthz'), { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

/** A raw POST (optionally sent in two chunks without a Content-Length). */
function post(url: string, headers: Record<string, string>, body: string, chunked = false): Promise<{ status: number; type: string; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    if (chunked) {
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    } else req.end(body);
  });
}

describe('POST /graphql bodies (served without express for JSON; the answers are what express gave)', () => {
  const query = JSON.stringify({ query: '{ viewer { role } }' });
  const big = JSON.stringify({ query: '{ viewer { role } }', variables: { padding: 'x'.repeat(3000) } });
  const json = { 'content-type': 'application/json' };
  it.each([
    ['JSON', json, query, false, 200, null],
    ['JSON with charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }, query, false, 200, null],
    ['JSON in chunks', json, query, true, 200, null],
    ['an empty body', { ...json, 'content-length': '0' }, '', false, 400, 'BAD_REQUEST'],
    ['a JSON string (not an object)', json, '"x"', false, 400, 'BAD_REQUEST'],
    ['a batch (array)', json, `[${query}]`, false, 400, 'BAD_REQUEST'],
    ['malformed JSON', json, '{"query":', false, 400, 'BAD_REQUEST'],
    ['a body over the limit', json, big, false, 413, 'PAYLOAD_TOO_LARGE'],
    ['a body over the limit in chunks', json, big, true, 413, 'PAYLOAD_TOO_LARGE'],
    ['another charset', { 'content-type': 'application/json; charset=latin1' }, query, false, 415, 'BAD_REQUEST'],
    ['text/plain (CSRF prevention)', { 'content-type': 'text/plain' }, query, false, 400, 'BAD_REQUEST'],
    ['a bad token', { ...json, authorization: 'Bearer x' }, query, false, 401, 'UNAUTHENTICATED'],
  ] as const)('%s', async (_name, headers, body, chunked, status, code) => {
    const res = await post(limited.url, headers, body, chunked);
    expect([res.status, res.type]).toEqual([status, 'application/json; charset=utf-8']);
    if (code) expect(res.json.errors?.[0]?.extensions?.code).toBe(code);
    else expect(res.json.data).toEqual({ viewer: { role: 'PUBLIC' } });
    expectNoInternals(JSON.stringify(res.json));
  });
});

describe('clients that disconnect', () => {
  it('keeps serving when clients abort mutations mid-flight, and the connection pool is not leaked', async () => {
    const mutation = `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { size } userErrors { code } } }`;
    const units = ok(await app.gql(`{ units(first: 5) { nodes { id size } } }`, {}, admin)).units.nodes;
    const aborted = Array.from({ length: 30 }, async (_, i) => {
      const controller = new AbortController();
      const unit = units[i % units.length];
      const request = fetch(app.url, {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: mutation, variables: { input: { id: unit.id, size: unit.size } } }),
      }).catch(() => undefined);
      setTimeout(() => controller.abort(), i % 4);
      return request;
    });
    await Promise.all(aborted);
    // More requests than the pool has connections (5 in tests): a leaked connection would hang these.
    const after = await Promise.all(Array.from({ length: 12 }, () => app.gql(`{ units(first: 1) { totalCount } }`, {}, admin)));
    for (const res of after) expect(ok(res).units.totalCount).toBeGreaterThan(0);
  });
});

describe('internal errors are masked', () => {
  it('answers a database failure with "Internal server error" and nothing of the cause', async () => {
    await app.owner.query(`REVOKE SELECT ON unit FROM ${APP_ROLE}`);
    try {
      const res = await postGraphql(app, { query: `{ units { totalCount } municipalities { number } }` }, { authorization: `Bearer ${admin}` });
      // Both fields' reads travel in one statement, which fails as a whole: one masked error, on the field that reports it first.
      expect(res.json.errors).toEqual([
        { message: 'Internal server error', path: [expect.stringMatching(/^(units|municipalities)$/)], locations: expect.any(Array), extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(res.json.data).toBeNull();
      expectNoInternals(res.text);
    } finally {
      await app.owner.query(`GRANT SELECT ON unit TO ${APP_ROLE}`);
    }
    ok(await app.gql(`{ units { totalCount } }`, {}, admin));
  });

  it('rolls back the whole mutation when its audit record cannot be written', async () => {
    await app.owner.query(`REVOKE INSERT ON audit_record FROM ${APP_ROLE}`);
    try {
      const res = await postGraphql(
        app,
        {
          query: `mutation { createUnit(input: { municipalityNumber: "3429", code: "uten-revisjonsspor", name: "Uten spor", kind: OTHER, size: 1 }) { unit { id } userErrors { code } } }`,
        },
        { authorization: `Bearer ${admin}` },
      );
      expect(res.json.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(res.json.data).toBeNull();
      expectNoInternals(res.text);
    } finally {
      await app.owner.query(`GRANT INSERT ON audit_record TO ${APP_ROLE}`);
    }
    const { rows } = await app.owner.query(`SELECT 1 FROM unit WHERE code = 'uten-revisjonsspor'`);
    expect(rows).toEqual([]);
  });
});
