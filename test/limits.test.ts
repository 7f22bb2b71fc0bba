import { HOSTILE_DOCUMENTS, hostileDocument } from './fixtures/hostile';
import { postGraphql } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * Operation limits (src/http/limits.ts) against hostile documents: each is rejected before anything
 * runs, with QUERY_TOO_COMPLEX naming the limit, and the time to rejection does not grow with the
 * document's hidden size (bench/results.md has the exact figures).
 */
let app: TestApp;
/** Small limits, to test each at its edge. */
let edge: TestApp;
beforeAll(async () => {
  [app, edge] = await Promise.all([startTestApp(), startTestApp({ maxDepth: 4, maxAliases: 3, maxTokens: 50 })]);
});
afterAll(() => Promise.all([app.close(), edge.close()]));

async function timed(query: string) {
  const started = performance.now();
  const res = await postGraphql(app, { query });
  return { res, ms: performance.now() - started };
}

/** Far above what a linear check needs, far below what the exponential walk took (9 s at n = 22). */
const FAST_MS = 1500;

describe('hostile documents are rejected fast with a clear code', () => {
  const expected: Record<string, string> = {
    'fragment fan-out': 'GRAPHQL_MAX_COMPLEXITY',
    aliases: 'GRAPHQL_MAX_ALIASES',
    tokens: 'GRAPHQL_MAX_TOKENS',
    'deep nesting': 'GRAPHQL_MAX_DEPTH',
  };
  const cases = HOSTILE_DOCUMENTS.flatMap((doc) => doc.sizes.map((n) => [doc.kind, n] as const));

  it.each(cases)('%s, n = %i', async (kind, n) => {
    const { res, ms } = await timed(hostileDocument(kind, n));
    expect(res.status).toBe(400);
    expect(res.json.data).toBeUndefined();
    const error = res.json.errors[0];
    expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
    // Large documents reach the token limit before anything else; smaller ones the limit of their kind.
    expect([expected[kind], 'GRAPHQL_MAX_TOKENS']).toContain(error.extensions.limit);
    expect(error.message).toMatch(/^Query .+ exceeds the limit of \d+ \(GRAPHQL_MAX_[A-Z]+\)\./);
    expect(ms).toBeLessThan(FAST_MS);
  });

  it("rejects the issue's 916-byte document (n = 22) at once, and n = 30 just as fast", async () => {
    for (const n of [22, 30]) {
      const { res, ms } = await timed(hostileDocument('fragment fan-out', n));
      expect(res.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_COMPLEXITY', max: 20000 });
      expect(res.json.errors[0].message).toMatch(/^Query field count \(fragments expanded\) \d+ exceeds the limit of 20000 \(GRAPHQL_MAX_COMPLEXITY\)\.$/);
      expect(ms).toBeLessThan(FAST_MS);
    }
  });

  it("has no hidden node limit with another code: 12,287 selections (over graphql-query-complexity's own 10,000) are priced and run", async () => {
    // Before: "variables: Query exceeds the maximum allowed number of nodes." with BAD_USER_INPUT.
    const res = await app.gql(hostileDocument('fragment fan-out', 12));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ __typename: 'Query' });
    const over = await app.gql(hostileDocument('fragment fan-out', 13)); // 24,575 selections
    expect(over.errors).toEqual([
      expect.objectContaining({
        message: 'Query field count (fragments expanded) 24575 exceeds the limit of 20000 (GRAPHQL_MAX_COMPLEXITY).',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_COMPLEXITY', max: 20000, found: 24575 },
      }),
    ]);
  });

  it('counts a fan-out that stays under the limits correctly, and runs it', async () => {
    // 2^8 = 256 spreads of one field: fine. The executor merges them into one __typename.
    const data = ok(await app.gql(hostileDocument('fragment fan-out', 8)));
    expect(data).toEqual({ __typename: 'Query' });
  });
});

describe('each limit at its edge', () => {
  it('allows as many aliases as GRAPHQL_MAX_ALIASES and no more, counting those inside fragments at each spread', async () => {
    ok(await edge.gql(`{ a: __typename b: __typename c: __typename }`));
    const over = await edge.gql(`{ a: __typename b: __typename ...F ...F } fragment F on Query { x: __typename }`);
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      {
        message: 'Query alias count 4 exceeds the limit of 3 (GRAPHQL_MAX_ALIASES).',
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_ALIASES', max: 3, found: 4 },
      },
    ]);
  });

  it('parses GRAPHQL_MAX_TOKENS tokens and stops at one more', async () => {
    const tokens = (n: number) => `{ ${'__typename '.repeat(n - 2)}}`; // n tokens
    ok(await edge.gql(tokens(50)));
    const over = await edge.gql(tokens(51));
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([
      {
        message: 'Query token count exceeds the limit of 50 (GRAPHQL_MAX_TOKENS).',
        locations: [{ line: 1, column: 542 }], // the 51st token
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_TOKENS', max: 50 },
      },
    ]);
  });

  it('measures depth through a fragment spread at several depths', async () => {
    // R is 2 deep wherever it is spread (its depth is measured once and reused).
    const R = 'fragment R on Region { municipalities { name } }';
    ok(await edge.gql(`{ region(code: "nord-osterdal") { ...R } municipalities { region { ...R } } } ${R}`)); // 4
    const res = await edge.gql(`{ region(code: "nord-osterdal") { ...R } municipalities { region { municipalities { region { ...R } } } } } ${R}`); // 6
    expect(res.errors?.[0]).toMatchObject({
      message: 'Query depth 6 exceeds the limit of 4 (GRAPHQL_MAX_DEPTH).',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'GRAPHQL_MAX_DEPTH', depth: 6, maxDepth: 4 },
    });
  });
});
