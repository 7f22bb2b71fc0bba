import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../helpers/browser';
import { API_RESOURCE, signingKey, TestOidcProvider } from '../helpers/oidc';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The portal signs a person in through the municipality's OpenID Connect provider — a real one
 * (oidc-provider) — with the authorization code flow and PKCE, from headless Chromium: the button,
 * the provider's login and consent, the callback's code exchange, and the dashboard read with the
 * provider's access token. A forged callback is refused and told to the user.
 */
jest.setTimeout(90_000);

const PORTAL_CLIENT = 'samvirke-portal';
let provider: TestOidcProvider;
let app: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const keys = [await signingKey('portal-k1')];
  // The provider's issuer goes into the API's configuration; the API's port into the client's
  // redirect URI: start the provider, the API, then the provider again on its port with the client.
  const first = await TestOidcProvider.start({ keys });
  app = await startTestApp({ oidcIssuer: first.issuer, oidcAudience: API_RESOURCE, portalOidcClientId: PORTAL_CLIENT, portalOidcScope: 'openid email profile samvirke' });
  base = app.url.replace(/\/graphql$/, '');
  await first.stop();
  provider = await TestOidcProvider.start({
    keys,
    port: first.port,
    clients: [{ client_id: PORTAL_CLIENT, token_endpoint_auth_method: 'none', redirect_uris: [`${base}/portal/callback.html`], grant_types: ['authorization_code'], response_types: ['code'] }],
  });
  browser = await launchChromium();
  // Kari Nordmann (the provider's account) is Tynset's kommunedirektør in Samvirke.
  const region = (await app.owner.query(`SELECT id FROM region WHERE code = 'nord-osterdal'`)).rows[0].id;
  const tynset = (await app.owner.query(`SELECT id FROM municipality WHERE number = '3427'`)).rows[0].id;
  const person = (await app.owner.query(`INSERT INTO person (region_id, issuer, subject, display_name) VALUES ($1, $2, 'kari-nordmann', 'Kari Nordmann') RETURNING id`, [region, provider.issuer]))
    .rows[0].id;
  await app.owner.query(`INSERT INTO role_assignment (region_id, person_id, role, municipality_id, granted_by) VALUES ($1, $2, 'MUNICIPAL_DIRECTOR', $3, 'test')`, [region, person, tynset]);
});
afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  await app?.close();
});

it('signs a person in with the provider (code + PKCE) and shows their municipality’s dashboard', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${base}/portal/kommune.html`);
  await page.getByRole('button', { name: 'Logg inn med kommunens ID-løsning' }).click();
  await page.getByLabel('Brukernavn').fill('kari-nordmann');
  await page.getByRole('button', { name: 'Fortsett' }).click();
  // Consent, when the provider asks for it.
  if (
    await page
      .getByRole('heading', { name: 'consent' })
      .isVisible({ timeout: 2000 })
      .catch(() => false)
  )
    await page.getByRole('button', { name: 'Fortsett' }).click();
  await page.locator('#dashboard section').first().waitFor();
  expect(new URL(page.url()).pathname).toBe('/portal/kommune.html');
  await expect(page.locator('h1').textContent()).resolves.toBe('Tynset: de delte tjenestene');
  // The token is the provider's access token for the API (a JWT whose issuer is the provider).
  const token = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('samvirke.token') as string);
  expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).iss).toBe(provider.issuer);
  // The test provider's own pages have no favicon: only our pages' errors count.
  expect(errors.filter((e) => !e.startsWith(provider.issuer))).toEqual([]);
});

it('refuses a callback it did not start (a forged or replayed code), and says so', async () => {
  const { page } = await openPage(browser);
  await page.goto(`${base}/portal/callback.html?code=forged&state=forged`);
  await page.locator('#error:not([hidden])').waitFor();
  await expect(page.locator('#error').textContent()).resolves.toContain('Innloggingen kunne ikke bekreftes');
  await expect(page.evaluate(() => (globalThis as any).sessionStorage.getItem('samvirke.token'))).resolves.toBeNull();
});

it('tells the page where to sign in, and lets the page reach the provider and nothing else', async () => {
  const res = await fetch(`${base}/portal/config.json`);
  expect(await res.json()).toEqual({ oidc: { issuer: provider.issuer, clientId: PORTAL_CLIENT, scope: 'openid email profile samvirke', resource: API_RESOURCE }, devTokens: true });
  expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(provider.issuer).origin}`);
});
