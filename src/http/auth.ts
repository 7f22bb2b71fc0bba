import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { GrantChoice, GrantChoiceError, IdentityGrantRow, principalFromGrants, SignedInIdentity } from '../auth/grants';
import { createVerifier, DEV_ISSUER, InvalidTokenError, TokenVerifier } from '../auth/jwt';
import { createIdentityVerifier, IdentityVerifier } from '../auth/oidc';
import { resolvePrincipal, UnknownScopeError } from '../auth/principal';
import { Principal, PUBLIC_PRINCIPAL, Role } from '../auth/roles';
import { AppConfig } from '../config';
import { unauthenticated } from '../errors';
import { osloToday } from '../services/dates';
import { ChannelWatch } from './channel-watch';
import { hasNul } from './input-guard';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 5_000;

/** The channel a change to people, grants or units is announced on (migration 1733600000000). */
export const PRINCIPALS_CHANNEL = 'samvirke_principals';

/** Where the Authenticator hears of such changes (src/db/notifications.ts). */
export interface ChangeFeed {
  listen(channel: string): Promise<AsyncIterableIterator<string>>;
}

/**
 * Bearer token → Principal.
 * - A token from the deployment's OpenID Connect provider (OIDC_ISSUER) or a development identity
 *   token (`npm run token -- --person …`) says who the caller is; their grants in Samvirke, read
 *   with `app_identity_grants`, decide the region, the role and its scopes (src/auth/grants.ts),
 *   narrowed by the client's `Samvirke-Region` / `Samvirke-Role` / `Samvirke-Grant` headers.
 * - A development role token (a `role` claim with natural keys) is resolved as before.
 * Principals are cached for a minute per token and choice, never beyond the token's expiry, and
 * dropped at once when people, grants or units change (a NOTIFY on PRINCIPALS_CHANNEL; and in
 * this process by `forget()` before the changing request answers).
 */
export class Authenticator {
  /** Development and legacy tokens (HS256 / JWKS_URL); none in production with only OIDC_ISSUER. */
  private readonly verifier?: TokenVerifier;
  private readonly identities?: IdentityVerifier;
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private watching?: ChannelWatch;

  constructor(
    private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {
    const onlyOidc = config.env === 'production' && !config.jwtSecret && !config.jwksUrl;
    if (!onlyOidc) this.verifier = createVerifier(config);
    if (config.oidcIssuer) this.identities = createIdentityVerifier(config);
  }

  /**
   * Drops every cached principal when a change is announced (until `stop()`). While the
   * announcements cannot be heard (a lost connection, until it listens again) nothing is cached:
   * a revoked grant must not live on for a minute unheard.
   */
  async watch(feed: ChangeFeed, log: Logger): Promise<void> {
    this.watching = new ChannelWatch(feed, PRINCIPALS_CHANNEL, log, {
      started: () => this.forget(),
      changed: () => this.forget(),
      lost: () => this.forget(),
    });
    await this.watching.ready();
  }

  async stop(): Promise<void> {
    await this.watching?.stop();
  }

  /** Drops every cached principal: the next request of every caller reads its grants again. */
  forget(): void {
    this.cache.clear();
  }

  async authenticate(header: string | undefined, choice: GrantChoice = {}): Promise<Principal> {
    if (!header) return PUBLIC_PRINCIPAL;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthenticated({ key: 'common.errors.bearerFormat' });
    const token = match[1];
    const key = choice.region === undefined && choice.role === undefined && choice.grant === undefined ? token : `${token}\n${choice.region ?? ''}\n${choice.role ?? ''}\n${choice.grant ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now() && this.watching?.listening) return cached.principal;
    try {
      if (hasNul([choice.region, choice.role, choice.grant])) throw unauthenticated({ key: 'common.errors.nulInHeaders' });
      const { principal, exp } = await this.resolve(token, choice);
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      // Never beyond the token's own expiry: an expired token must fail even if it was cached.
      const until = Math.min(Date.now() + CACHE_TTL_MS, exp !== undefined ? exp * 1000 : Infinity);
      this.cache.set(key, { principal, until });
      return principal;
    } catch (e) {
      if (e instanceof InvalidTokenError || e instanceof UnknownScopeError || e instanceof GrantChoiceError) throw unauthenticated({ key: 'common.errors.invalidToken', params: { reason: e.reason } });
      throw e;
    }
  }

  private async resolve(token: string, choice: GrantChoice): Promise<{ principal: Principal; exp?: number }> {
    if (this.identities && issuerOf(token) === this.config.oidcIssuer) {
      const identity = await this.identities.verify(token);
      const signedIn: SignedInIdentity = { issuer: identity.issuer, subject: identity.subject, name: identity.name, match: identity.match, unverifiedMatchClaim: identity.unverifiedMatchClaim };
      return { principal: await this.fromGrants(signedIn, choice), exp: identity.expiresAt };
    }
    if (!this.verifier) throw new InvalidTokenError({ key: 'common.token.untrustedIssuer' });
    const claims = await this.verifier.verify(token);
    // Its keys are looked up in PostgreSQL, whose text cannot hold NUL (see input-guard.ts).
    if (hasNul(Object.values(claims))) throw unauthenticated({ key: 'common.errors.nulInClaims' });
    if (!claims.role) return { principal: await this.fromGrants({ issuer: claims.iss ?? DEV_ISSUER, subject: claims.sub, name: claims.name }, choice), exp: claims.exp };
    const role: Role = claims.role;
    return { principal: await this.ds.transaction((em) => resolvePrincipal(em, { ...claims, role })), exp: claims.exp };
  }

  private async fromGrants(identity: SignedInIdentity, choice: GrantChoice): Promise<Principal> {
    let rows = await this.grantsOf(identity);
    // The first sign-in of an identity Samvirke does not know yet: bind it to the people registered
    // by its (verified) match claim (migration 1733705000000), and act with their grants at once.
    if (!rows.length && identity.match) {
      const [{ bound }] = (await this.ds.query(`SELECT app_bind_sign_in_claim($1, $2, $3, $4) AS bound`, [identity.issuer, identity.subject, identity.match.claim, identity.match.value])) as {
        bound: number;
      }[];
      if (bound > 0) rows = await this.grantsOf(identity);
    }
    return principalFromGrants(identity, rows, choice, osloToday(this.config.clock()));
  }

  private grantsOf(identity: SignedInIdentity): Promise<IdentityGrantRow[]> {
    return this.ds.query(
      `SELECT region_id, region_code, person_id, display_name, grant_id, role, municipality_id, service_id, unit_id, valid_from::text AS valid_from, valid_to::text AS valid_to, operations
       FROM app_identity_grants($1, $2)`,
      [identity.issuer, identity.subject],
    );
  }
}

/** The unverified `iss` of a JWT, to route it to its verifier (which then checks everything). */
function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}
