import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { exportJWK, generateKeyPair, JWK } from 'jose';

/**
 * A real OpenID Connect provider (`oidc-provider`, OpenID Certified) in a child process
 * (test/helpers/oidc-provider.mjs), and real tokens from it: authorization code with PKCE for a
 * person (its login and consent driven over HTTP), client credentials for a service account.
 */

/** The API's resource indicator (RFC 8707): the `aud` of the access tokens the provider issues for Samvirke. */
export const API_RESOURCE = 'https://samvirke.test/api';
/** Another API of the same provider: its tokens must not be accepted by Samvirke. */
export const OTHER_RESOURCE = 'https://other-api.test/';

export const PERSON_CLIENT = 'samvirke-web';
/** A person's client whose access tokens live one second (for expiry and clock skew). */
export const SHORT_LIVED_CLIENT = 'samvirke-web-short';
export const SERVICE_CLIENT = 'fagsystem-export-barnevern';
export const SERVICE_SECRET = 'fagsystem-export-secret-for-tests-only-0123456789';
const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export const ACCOUNTS = {
  'kari-nordmann': { email: 'kari.nordmann@tynset.kommune.no', email_verified: true, name: 'Kari Nordmann' },
  'ola-unverified': { email: 'ola@example.test', email_verified: false, name: 'Ola Uverifisert' },
  // test/identity/sign-in-claim.test.ts: people registered by e-mail before their first sign-in.
  'ola-folldal': { email: 'Ola.Folldal@folldal.kommune.no', email_verified: true, name: 'Ola Folldal' },
  'ola-folldal-again': { email: 'ola.folldal@folldal.kommune.no', email_verified: true, name: 'Ola Folldal (another account)' },
  'per-unregistered': { email: 'per@alvdal.kommune.no', email_verified: true, name: 'Per Uregistrert' },
  'twin-a': { email: 'tvilling@tolga.kommune.no', email_verified: true, name: 'Tvilling A' },
  'twin-b': { email: 'tvilling@tolga.kommune.no', email_verified: true, name: 'Tvilling B' },
};

const CLIENTS = [
  { client_id: PERSON_CLIENT, token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] },
  { client_id: SHORT_LIVED_CLIENT, token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'] },
  { client_id: SERVICE_CLIENT, client_secret: SERVICE_SECRET, grant_types: ['client_credentials'], response_types: [], redirect_uris: [] },
];

/** A private RS256 signing key (JWK) with its kid, as the provider's `jwks` configuration takes it. */
export async function signingKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

export interface ProviderStart {
  /** Private keys; the first one signs. Default: one new key. */
  keys?: JWK[];
  /** Port to listen on (a restart keeps the issuer); default: a free one. */
  port?: number;
  /** More clients (e.g. the portal's, with a redirect URI on the test app). */
  clients?: Record<string, unknown>[];
}

/** Cookies by name, as a browser would keep them for the provider's origin (the last one set wins). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()) || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export class TestOidcProvider {
  private constructor(
    private child: ChildProcess,
    readonly issuer: string,
    readonly port: number,
    readonly keys: JWK[],
  ) {}

  static async start(options: ProviderStart = {}): Promise<TestOidcProvider> {
    const keys = options.keys ?? [await signingKey(`k-${randomBytes(4).toString('hex')}`)];
    const config = {
      port: options.port ?? 0,
      keys,
      resource: API_RESOURCE,
      otherResource: OTHER_RESOURCE,
      accounts: ACCOUNTS,
      clients: [...CLIENTS, ...(options.clients ?? [])],
      shortLivedClients: [SHORT_LIVED_CLIENT],
    };
    const child = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
      env: { ...process.env, NODE_ENV: 'test', OIDC_TEST_PROVIDER: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const ready = await new Promise<{ port: number; issuer: string }>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line && out.includes('\n')) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`the test OIDC provider exited (${code}) before it was ready: ${stderr}`)));
    });
    return new TestOidcProvider(child, ready.issuer, ready.port, keys);
  }

  /** Stops the process and waits until it is gone (its port closed). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async discovery(): Promise<{ token_endpoint: string; authorization_endpoint: string }> {
    return (await fetch(`${this.issuer}/.well-known/openid-configuration`)).json() as Promise<{ token_endpoint: string; authorization_endpoint: string }>;
  }

  private async tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Record<string, any>> {
    const { token_endpoint } = await this.discovery();
    const res = await fetch(token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
    const body = (await res.json()) as Record<string, any>;
    if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${JSON.stringify(body)}`);
    return body;
  }

  /**
   * A person's sign-in as a browser does it: the authorization request with a PKCE challenge, the
   * provider's login and consent interactions (POST /interaction/<uid>), the redirect with the code,
   * then the code exchanged with the code_verifier. Returns the token endpoint's answer
   * (`access_token`: a JWT for `resource`; `id_token`: for the client).
   */
  async signIn(accountId: string, options: { clientId?: string; resource?: string } = {}): Promise<{ access_token: string; id_token: string }> {
    const clientId = options.clientId ?? PERSON_CLIENT;
    const resource = options.resource ?? API_RESOURCE;
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(8).toString('hex');
    const { authorization_endpoint } = await this.discovery();
    const authorize = new URL(authorization_endpoint);
    for (const [k, v] of Object.entries({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile samvirke',
      resource,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(k, v);
    }
    const jar = new CookieJar();
    let next: { url: string; method: 'GET' | 'POST' } = { url: authorize.href, method: 'GET' };
    for (let step = 0; step < 12; step++) {
      const res = await fetch(next.url, {
        method: next.method,
        redirect: 'manual',
        headers: { cookie: jar.header(), ...(next.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: next.method === 'POST' ? new URLSearchParams({ login: accountId }) : undefined,
      });
      jar.take(res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const url = new URL(location, next.url);
        if (url.href.startsWith(REDIRECT_URI)) {
          if (url.searchParams.get('state') !== state) throw new Error('state mismatch');
          const code = url.searchParams.get('code');
          if (!code) throw new Error(`authorization failed: ${url.searchParams.get('error')} ${url.searchParams.get('error_description')}`);
          const tokens = await this.tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId, code_verifier: verifier, resource });
          return tokens as { access_token: string; id_token: string };
        }
        next = { url: url.href, method: 'GET' };
      } else if (res.status === 200 && new URL(next.url).pathname.startsWith('/interaction/') && next.method === 'GET') {
        await res.json(); // { uid, prompt } — the interaction the provider asks for; answered by the POST
        next = { url: next.url, method: 'POST' };
      } else {
        throw new Error(`unexpected answer ${res.status} from ${next.url}: ${await res.text()}`);
      }
    }
    throw new Error('sign-in did not finish');
  }

  /** A service account's access token (client credentials, client_secret_basic), for `resource`. */
  async clientCredentials(options: { resource?: string } = {}): Promise<string> {
    const basic = Buffer.from(`${encodeURIComponent(SERVICE_CLIENT)}:${encodeURIComponent(SERVICE_SECRET)}`).toString('base64');
    const tokens = await this.tokenRequest({ grant_type: 'client_credentials', resource: options.resource ?? API_RESOURCE, scope: 'samvirke' }, { authorization: `Basic ${basic}` });
    return tokens.access_token as string;
  }
}
