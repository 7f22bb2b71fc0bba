import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../../src/auth/roles';
import { portalDirectory } from '../../src/http/portal';
import { translate } from '../../src/i18n';
import { baseUrl } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The HTTP layer's refusals outside `httpErrorBody`, through the real server with the deployment's
 * default (bokmål): trusted documents (on every path that resolves a documentId: the fast POST, GET
 * and the express POST of an encoded body) and a query over the WebSocket. Codes and statuses stay.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ defaultLocale: 'nb', trustedDocuments: 'anonymous' });
});
afterAll(() => app.close());

const url = () => `${baseUrl(app)}/graphql`;
const regionId = () => Object.keys(JSON.parse(fs.readFileSync(path.join(portalDirectory(), 'trusted-documents.json'), 'utf8')) as Record<string, string>)[0];
const language = (acceptLanguage?: string): Record<string, string> => (acceptLanguage ? { 'accept-language': acceptLanguage } : {});

async function answer(res: Response) {
  return { status: res.status, body: (await res.json()) as unknown };
}
const post = async (body: unknown, acceptLanguage?: string) =>
  answer(await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', ...language(acceptLanguage) }, body: JSON.stringify(body) }));
const postGzip = async (body: unknown, acceptLanguage?: string) =>
  answer(
    await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...language(acceptLanguage) },
      body: gzipSync(JSON.stringify(body)),
    }),
  );
const get = async (params: Record<string, string>, acceptLanguage?: string) =>
  answer(await fetch(`${url()}?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true', ...language(acceptLanguage) } }));

const refusal = (message: string, code: string) => ({ status: 400, body: { errors: [{ message, extensions: { code } }] } });

describe('trusted documents', () => {
  const unknownId = { documentId: `sha256:${'0'.repeat(64)}` };
  const own = { query: '{ region(code: "nord-osterdal") { name } }' };

  it('PERSISTED_QUERY_NOT_FOUND: in bokmål by default, in English on request, on POST, GET and an encoded POST', async () => {
    const nb = refusal('Ingen betrodd spørring har denne documentId.', 'PERSISTED_QUERY_NOT_FOUND');
    const en = refusal('No trusted document has this documentId.', 'PERSISTED_QUERY_NOT_FOUND');
    expect([await post(unknownId), await get(unknownId), await postGzip(unknownId)]).toEqual([nb, nb, nb]);
    expect([await post(unknownId, 'en'), await get(unknownId, 'en-GB'), await postGzip(unknownId, 'nb;q=0.5, en')]).toEqual([en, en, en]);
    expect(nb.body.errors[0].message).toBe(translate('nb', 'common.errors.unknownDocumentId'));
  });

  it('BAD_REQUEST for a documentId with another query beside it, in both languages', async () => {
    const both = { documentId: regionId(), query: '{ viewer { roles } }' };
    expect(await post(both)).toEqual(refusal('Send enten documentId eller query, ikke begge.', 'BAD_REQUEST'));
    expect(await post(both, 'en')).toEqual(refusal('Send either documentId or query, not both.', 'BAD_REQUEST'));
  });

  it('TRUSTED_DOCUMENT_REQUIRED (TRUSTED_DOCUMENTS=anonymous, no token), in both languages', async () => {
    const nb = refusal(translate('nb', 'common.errors.trustedDocumentRequired'), 'TRUSTED_DOCUMENT_REQUIRED');
    expect(nb.body.errors[0].message).toMatch(/^Uten token svarer denne tjenesten bare på sine betrodde spørringer/);
    expect([await post(own), await get(own), await postGzip(own, 'de')]).toEqual([nb, nb, nb]);
    expect(await post(own, 'en')).toEqual(
      refusal('Without a token this service answers only its trusted documents: send the documentId of one (TRUSTED_DOCUMENTS=anonymous).', 'TRUSTED_DOCUMENT_REQUIRED'),
    );
  });
});

describe('a query over the WebSocket', () => {
  const refusedQuery = async (connectionParams: Record<string, unknown>) => {
    const client = createClient({ url: url().replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    try {
      return await new Promise<any[]>((resolve) =>
        client.subscribe({ query: '{ costCategories { code } }' }, { next: () => resolve([]), error: (e) => resolve(Array.isArray(e) ? e : [e]), complete: () => resolve([]) }),
      );
    } finally {
      await client.dispose();
    }
  };

  it('is refused with BAD_REQUEST in the connection’s language: bokmål by default, English with acceptLanguage', async () => {
    const authorization = `Bearer ${await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' })}`;
    const nb = await refusedQuery({ authorization });
    const en = await refusedQuery({ authorization, acceptLanguage: 'en' });
    expect(nb).toEqual([{ message: 'Over WebSocket svarer tjenesten bare på abonnementer (subscriptions); send spørringer og mutasjoner som POST /graphql.', extensions: { code: 'BAD_REQUEST' } }]);
    expect(en).toEqual([{ message: 'Only subscriptions are served over WebSocket; send queries and mutations as POST /graphql.', extensions: { code: 'BAD_REQUEST' } }]);
  });
});
