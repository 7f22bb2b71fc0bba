// Signing in through the municipality's OpenID Connect provider: authorization code with PKCE
// (RFC 7636) from the browser, a public client (PORTAL_OIDC_CLIENT_ID). The code verifier and state
// live in this tab's sessionStorage between the redirect and callback.html; the access token too.
import { ApiError, storeToken } from './graphql.js';

const PENDING = 'samvirke.oidc';

const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
const random = (n) => base64url(crypto.getRandomValues(new Uint8Array(n)));

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).catch(() => null);
  if (!response?.ok) throw new ApiError('Fikk ikke kontakt med kommunens innloggingstjeneste. Prøv igjen senere.', 'OIDC');
  return response.json();
}

/** Sends the browser to the provider's sign-in; comes back to callback.html. */
export async function startSignIn(oidc) {
  const meta = await discovery(oidc.issuer);
  const verifier = random(32);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = random(16);
  const redirectUri = `${location.origin}/portal/callback.html`;
  sessionStorage.setItem(
    PENDING,
    JSON.stringify({ verifier, state, redirectUri, tokenEndpoint: meta.token_endpoint, clientId: oidc.clientId, resource: oidc.resource, returnTo: location.pathname + location.search }),
  );
  const url = new URL(meta.authorization_endpoint);
  const params = { client_id: oidc.clientId, response_type: 'code', redirect_uri: redirectUri, scope: oidc.scope, state, code_challenge: challenge, code_challenge_method: 'S256' };
  if (oidc.resource) params.resource = oidc.resource;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  location.assign(url.href);
}

/** On callback.html: checks the state, exchanges the code for an access token, goes back to the page. */
export async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new ApiError(`Innloggingen ble ikke fullført (${params.get('error_description') ?? params.get('error')}).`, 'OIDC');
  if (!pending || !params.get('state') || params.get('state') !== pending.state) {
    throw new ApiError('Innloggingen kunne ikke bekreftes: svaret hører ikke til en innlogging startet her. Prøv igjen.', 'OIDC');
  }
  const form = { grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier };
  if (pending.resource) form.resource = pending.resource;
  const response = await fetch(pending.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) }).catch(() => null);
  const body = response ? await response.json().catch(() => ({})) : {};
  if (!response?.ok || !body.access_token) throw new ApiError('Innloggingstjenesten godtok ikke innloggingen. Prøv igjen.', 'OIDC');
  storeToken(body.access_token);
  location.replace(pending.returnTo || '/portal/');
}
