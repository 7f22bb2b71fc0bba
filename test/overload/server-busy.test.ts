import { Role } from '../../src/auth/roles';
import { baseUrl, toGlobalId, unitId } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Under more requests than the process works on at once (MAX_REQUESTS_IN_FLIGHT), one more waits
 * its bounded turn (REQUEST_QUEUE_WAIT_MS) behind a bounded line (REQUEST_QUEUE_MAX) and is then
 * refused: 503, Retry-After, code SERVER_BUSY, in bokmål unless English is asked for, on GraphQL
 * and on a feature route alike. A place is given back when its request ends. Here one place and
 * a line of one; the request at work is held by a lock on the table it reads.
 */

jest.setTimeout(60_000);

let app: TestApp;
let admin: string;
const MUNICIPALITIES = '{ municipalities { number } }';

beforeAll(async () => {
  app = await startTestApp({ requestsInFlight: 1, requestQueueMax: 1, requestQueueWaitMs: 1000, requestLagTargetMs: 0, defaultLocale: 'nb' });
  admin = await app.token(Role.REGION_ADMIN);
  // The principal is resolved once before the lock (a later request of the same token needs no table).
  expect((await app.gql(MUNICIPALITIES, {}, admin)).status).toBe(200);
});
afterAll(() => app?.close());

function post(query: string, headers: Record<string, string> = {}) {
  return fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...headers }, body: JSON.stringify({ query }) });
}

it('refuses what it cannot take in time with 503 SERVER_BUSY and Retry-After, and serves again once the place is free', async () => {
  let held: Promise<Response> | undefined;
  try {
    held = (await holdThePlace()).answer;

    const started = Date.now();
    const waiting = post(MUNICIPALITIES);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The line (one) is full: refused at once, in English when asked.
    const full = await post(MUNICIPALITIES, { 'accept-language': 'en' });
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('2');
    expect(await full.json()).toEqual({ errors: [{ message: 'The service is busy right now. Try again in 2 s.', extensions: { code: 'SERVER_BUSY', retryAfterSeconds: 2 } }] });
    expect(Date.now() - started).toBeLessThan(1000);

    // The one in line is refused when its wait is over, in bokmål (the deployment's default).
    const waited = await waiting;
    expect(waited.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(waited.headers.get('retry-after')).toBe('2');
    const body = (await waited.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => [e.message, e.extensions.code])).toEqual([['Tjenesten har for mye å gjøre akkurat nå. Prøv igjen om 2 s.', 'SERVER_BUSY']]);

    // A feature route takes its place in the same line: the CSV export is refused the same way.
    const csv = await fetch(`${baseUrl(app)}/statistics/activity.csv?serviceId=x&from=2021&to=2021`, { headers: { 'accept-language': 'en' } });
    expect(csv.status).toBe(503);
    expect(csv.headers.get('retry-after')).toBe('2');
    expect(((await csv.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('SERVER_BUSY');
  } finally {
    await app.owner.query('COMMIT');
  }
  // The held request is answered as usual, and its place is given back: the next ones are served.
  const answered = await held!;
  expect(answered.status).toBe(200);
  const numbers = ((await answered.json()) as { data: { municipalities: { number: string }[] } }).data.municipalities.map((m) => m.number);
  expect(numbers).toContain('3429');
  for (let i = 0; i < 3; i++) expect((await app.gql(MUNICIPALITIES, {}, admin)).status).toBe(200);
});

it('a request whose client left while it waited is never run: a mutation given up in line writes nothing', async () => {
  const school = await unitId(app, 'folldal-skole', 'nord-osterdal');
  const sizeBefore = (await app.owner.query('SELECT size FROM unit WHERE id = $1', [school])).rows[0].size;
  let held: Promise<Response> | undefined;
  try {
    held = (await holdThePlace()).answer;
    const gone = new AbortController();
    const givenUp = fetch(app.url, {
      method: 'POST',
      signal: gone.signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: `mutation($id: ID!) { updateUnit(input: { id: $id, size: 4242 }) { userErrors { code } } }`, variables: { id: toGlobalId('Unit', school) } }),
    }).catch(() => 'given up');
    await new Promise((resolve) => setTimeout(resolve, 100));
    gone.abort();
    expect(await givenUp).toBe('given up');
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    // The held request ends; its place would go to the mutation, whose client has gone.
    await app.owner.query('COMMIT');
  }
  expect((await held!).status).toBe(200);
  // Were it run, the mutation would have its turn now (the held request gave its place back).
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await app.owner.query('SELECT size FROM unit WHERE id = $1', [school])).rows[0].size).toBe(sizeBefore);
  expect((await app.gql(MUNICIPALITIES, {}, admin)).status).toBe(200);
});

/**
 * The one place taken by a request that waits for a lock inside PostgreSQL (the owner's
 * transaction holds it until the test's COMMIT); resolves once it waits there, to its answer.
 */
async function holdThePlace(): Promise<{ answer: Promise<Response> }> {
  await app.owner.query('BEGIN');
  await app.owner.query('LOCK TABLE municipality IN ACCESS EXCLUSIVE MODE');
  const answer = post(MUNICIPALITIES);
  await waitFor(async () => (await app.owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n === 1);
  return { answer };
}

async function waitFor(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
