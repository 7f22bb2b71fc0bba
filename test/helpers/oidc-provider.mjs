// A real OpenID Connect provider for the identity tests (issue 19): `oidc-provider` (OpenID
// Certified), run in its own process because the library is ESM-only. test/helpers/oidc.ts starts
// it with its configuration as JSON in the environment variable OIDC_TEST_PROVIDER:
//   { port: 0 | number, keys: [private JWKs, the first signs], resource: 'https://…',
//     otherResource: 'https://…', accounts: { id: { email, email_verified, name } },
//     clients: [client metadata…], shortLivedClients: [client ids whose access tokens live 1 s] }
// and reads one line from stdout: {"ready":true,"port":…,"issuer":"http://127.0.0.1:…"}.
//
// Everything it does goes through the provider's documented configuration and helpers:
// `features.clientCredentials`, `features.resourceIndicators` (JWT access tokens for the API's
// resource), `findAccount`, `extraTokenClaims`, `interactions.url`, `interactionDetails`,
// `interactionFinished`, `Grant`, `provider.callback()`. The login/consent "interaction" below is a
// minimal one for the tests: POST /interaction/<uid> with `login=<account id>` signs that account in
// (any password-less login is good enough for a test provider) and grants what the client asked for.
import http from 'node:http';
import { Provider, errors } from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}');
const accounts = config.accounts ?? {};
const shortLived = new Set(config.shortLivedClients ?? []);
const resources = new Set([config.resource, config.otherResource].filter(Boolean));

const server = http.createServer();
await new Promise((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
const port = server.address().port;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: config.clients ?? [],
  jwks: { keys: config.keys },
  cookies: { keys: ['samvirke-test-provider-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => config.resource,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator, client) => {
        if (!resources.has(indicator)) throw new errors.InvalidTarget();
        return { scope: 'samvirke', accessTokenFormat: 'jwt', accessTokenTTL: shortLived.has(client.clientId) ? 1 : 300, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  async findAccount(_ctx, id) {
    return { accountId: id, claims: async () => ({ sub: id, ...(accounts[id] ?? {}) }) };
  },
  // A person's access token says who they are beyond `sub` (as Entra ID and Keycloak can be configured to).
  async extraTokenClaims(_ctx, token) {
    return token.accountId ? (accounts[token.accountId] ?? undefined) : undefined;
  },
  interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
});

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** GET /interaction/<uid>: what the provider asks for, as JSON. POST: sign in and/or consent. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  // A browser (the portal's tests in Chromium) gets a form that posts the same answer.
  if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    const login = details.prompt.name === 'login' ? '<label for="login">Brukernavn</label><input id="login" name="login">' : '';
    res.end(`<!doctype html><html lang="nb"><title>Test provider</title><form method="post"><h1>${details.prompt.name}</h1>${login}<button type="submit">Fortsett</button></form></html>`);
    return;
  }
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ uid: details.uid, prompt: details.prompt.name, clientId: details.params.client_id }));
    return;
  }
  const form = await readForm(req);
  const result = {};
  const accountId = details.prompt.name === 'login' ? form.get('login') : details.session?.accountId;
  if (!accountId) throw new Error('no account to sign in');
  if (details.prompt.name === 'login') result.login = { accountId };
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (details.prompt.name === 'consent') {
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    if (!details.grantId) result.consent = { grantId };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: details.prompt.name !== 'login' });
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error?.message ?? error) }));
    });
    return;
  }
  callback(req, res);
});

process.on('SIGTERM', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ ready: true, port, issuer })}\n`);
