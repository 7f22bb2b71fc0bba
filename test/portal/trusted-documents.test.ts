import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Role } from '../../src/auth/roles';
import { documentIdOf, trustedDocumentFiles } from '../../scripts/trusted-documents';
import { portalDirectory } from '../../src/http/portal';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Trusted documents: the portal's operations are a committed manifest (portal/operations/ →
 * portal/trusted-documents.json and portal/assets/documents.js); a client may send `documentId`
 * instead of the text (GET and POST), and TRUSTED_DOCUMENTS=anonymous refuses any other document
 * from a client without a token.
 */
let app: TestApp;
let strict: TestApp;
beforeAll(async () => {
  [app, strict] = await Promise.all([startTestApp(), startTestApp({ trustedDocuments: 'anonymous' })]);
});
afterAll(async () => {
  await app?.close();
  await strict?.close();
});

const manifest = (): Record<string, string> => JSON.parse(fs.readFileSync(path.join(portalDirectory(), 'trusted-documents.json'), 'utf8'));
const ids = () => Object.keys(manifest());
const regionId = () => documentIdOf(fs.readFileSync(path.join(portalDirectory(), 'operations', 'Region.graphql'), 'utf8'));

async function post(target: TestApp, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

async function get(target: TestApp, params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${target.url}?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: res.status, body: (await res.json()) as any };
}

it('the committed manifest and the pages’ ids are exactly what portal/operations/ makes', () => {
  const files = trustedDocumentFiles();
  expect(fs.readFileSync(path.join(portalDirectory(), 'trusted-documents.json'), 'utf8')).toBe(files.manifest);
  expect(fs.readFileSync(path.join(portalDirectory(), 'assets', 'documents.js'), 'utf8')).toBe(files.module);
  expect(ids()).toContain(regionId());
});

it('answers a documentId (GET and POST) as it answers the same text, and every trusted document runs for the public', async () => {
  const variables = { code: 'nord-osterdal' };
  const byText = await post(app, { query: manifest()[regionId()], variables });
  expect(byText.body.errors).toBeUndefined();
  const byIdPost = await post(app, { documentId: regionId(), variables });
  const byIdGet = await get(app, { documentId: regionId(), variables: JSON.stringify(variables) });
  expect([byIdPost.status, byIdGet.status]).toEqual([200, 200]);
  expect(byIdPost.body.data).toEqual(byText.body.data);
  expect(byIdGet.body.data).toEqual(byText.body.data);
  // A body the fast path leaves to express (gzip): the same.
  const gz = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify({ documentId: regionId(), variables })),
  });
  expect(((await gz.json()) as any).data).toEqual(byText.body.data);
});

it('refuses an unknown id, and an id with another text beside it, with a typed error', async () => {
  const unknown = await post(app, { documentId: `sha256:${'0'.repeat(64)}` });
  expect([unknown.status, unknown.body.errors[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  const unknownGet = await get(app, { documentId: 'nope' });
  expect([unknownGet.status, unknownGet.body.errors[0].extensions.code]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  const both = await post(app, { documentId: regionId(), query: '{ viewer { roles } }' });
  expect([both.status, both.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
});

it('TRUSTED_DOCUMENTS=anonymous: without a token only the manifest’s documents; with a token any', async () => {
  const own = '{ region(code: "nord-osterdal") { name } }';
  for (const refused of [await post(strict, { query: own }), await get(strict, { query: own })]) {
    expect([refused.status, refused.body.errors[0].extensions.code]).toEqual([400, 'TRUSTED_DOCUMENT_REQUIRED']);
  }
  const trusted = await post(strict, { documentId: regionId(), variables: { code: 'nord-osterdal' } });
  expect(trusted.body.data.region.name).toBe('Nord-Østerdal');
  // The manifest's text itself is a trusted document too.
  const text = await post(strict, { query: manifest()[regionId()], variables: { code: 'nord-osterdal' } });
  expect(text.body.data.region.name).toBe('Nord-Østerdal');
  const token = await strict.token(Role.REGION_ADMIN);
  const signedIn = await post(strict, { query: own }, { authorization: `Bearer ${token}` });
  expect(signedIn.body).toMatchObject({ data: { region: { name: 'Nord-Østerdal' } } });
  // The default deployment serves any document to anyone.
  expect((await post(app, { query: own })).body.data.region.name).toBe('Nord-Østerdal');
});
