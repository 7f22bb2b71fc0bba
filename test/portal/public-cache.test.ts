import fs from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { documentIdOf } from '../../scripts/trusted-documents';
import { portalDirectory } from '../../src/http/portal';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Public answers carry an ETag and `Cache-Control: public, no-cache`; a revalidation that matches is
 * answered 304 before any SQL, until a table a PUBLIC request can read commits a write.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const regionId = documentIdOf(fs.readFileSync(path.join(portalDirectory(), 'operations', 'Region.graphql'), 'utf8'));
const regionUrl = () => `${app.url}?${new URLSearchParams({ documentId: regionId, variables: JSON.stringify({ code: 'nord-osterdal' }) })}`;
const headers = { 'apollo-require-preflight': 'true' };

/** The first tagged answer (the server tags once it listens for changes, right after start). */
async function tagged(): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(regionUrl(), { headers });
    if (res.headers.get('etag')) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no ETag on a public answer');
}

/** Waits until the answer's tag is no longer `etag` (the change was heard), or gives up. */
async function retagged(etag: string): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(regionUrl(), { headers: { ...headers, 'if-none-match': etag } });
    if (res.status !== 304) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the tag never changed');
}

it('tags a public answer and answers a matching revalidation 304 without reading the database', async () => {
  const first = await tagged();
  const etag = first.headers.get('etag')!;
  expect(first.status).toBe(200);
  expect(first.headers.get('cache-control')).toBe('public, no-cache');
  expect(etag).toMatch(/^W\/"[\w-]{32}"$/);

  // The owner holds an exclusive lock on `region`: any request that reads it waits for the lock.
  await app.owner.query('BEGIN');
  await app.owner.query('LOCK TABLE region IN ACCESS EXCLUSIVE MODE');
  try {
    const again = await fetch(regionUrl(), { headers: { ...headers, 'if-none-match': etag }, signal: AbortSignal.timeout(10_000) });
    expect([again.status, again.headers.get('etag'), await again.text()]).toEqual([304, etag, '']);
  } finally {
    await app.owner.query('ROLLBACK');
  }
  // Another language is another answer.
  const english = await fetch(regionUrl(), { headers: { ...headers, 'if-none-match': etag, 'accept-language': 'en' } });
  expect(english.status).toBe(200);
});

it('a committed change to public data gives a new tag and the new content; a change elsewhere does not', async () => {
  const etag = (await tagged()).headers.get('etag')!;
  // Not public: a true statistics count (RLS keeps it from PUBLIC) changes no public answer.
  await app.owner.query(`UPDATE statistics_observation SET value = value WHERE id = (SELECT id FROM statistics_observation LIMIT 1)`);
  await new Promise((r) => setTimeout(r, 300));
  expect((await fetch(regionUrl(), { headers: { ...headers, 'if-none-match': etag } })).status).toBe(304);

  await app.owner.query(`UPDATE region SET name = 'Nord-Østerdal (endret)' WHERE code = 'nord-osterdal'`);
  const changed = await retagged(etag);
  expect(changed.status).toBe(200);
  expect(changed.headers.get('etag')).not.toBe(etag);
  expect(((await changed.json()) as any).data.region.name).toBe('Nord-Østerdal (endret)');
});

it('a signed-in answer is private and never tagged; an answer with errors is not cached', async () => {
  const token = await app.token(Role.REGION_ADMIN);
  const res = await fetch(regionUrl(), { headers: { ...headers, authorization: `Bearer ${token}` } });
  expect([res.status, res.headers.get('cache-control'), res.headers.get('etag')]).toEqual([200, 'private, no-store', null]);
  // A field that needs a sign-in: an error, whatever status it maps to, is never cached.
  const failing = await fetch(`${app.url}?${new URLSearchParams({ query: '{ costReports(first: 1) { totalCount } }' })}`, { headers });
  expect(((await failing.clone().json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect([failing.headers.get('cache-control'), failing.headers.get('etag')]).toEqual(['no-store', null]);
});

it('every table a PUBLIC request can read announces its changes (a new public table must add the trigger)', async () => {
  const { rows } = await app.owner.query(
    `SELECT DISTINCT p.tablename, EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                                          WHERE c.relname = p.tablename AND g.tgname = 'announce_public_change') AS announces
       FROM pg_policies p WHERE p.schemaname = 'public' AND p.cmd IN ('SELECT', 'ALL') AND p.qual LIKE '%app_is_public()%'`,
  );
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.filter((r) => !r.announces).map((r) => r.tablename)).toEqual([]);
});
