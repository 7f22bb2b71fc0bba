import { DataSource } from 'typeorm';
import { createVerifier, InvalidTokenError, TokenVerifier } from '../auth/jwt';
import { resolvePrincipal, UnknownScopeError } from '../auth/principal';
import { Principal, PUBLIC_PRINCIPAL } from '../auth/roles';
import { AppConfig } from '../config';
import { unauthenticated } from '../errors';
import { hasNul } from './input-guard';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 5_000;

/**
 * Bearer token → Principal. Verifies the signature, then resolves the token's natural keys to row
 * ids (cached for a minute per token, so a busy client costs no extra SQL per request).
 */
export class Authenticator {
  private readonly verifier: TokenVerifier;
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(config: AppConfig, private readonly ds: DataSource) {
    this.verifier = createVerifier(config);
  }

  async authenticate(header: string | undefined): Promise<Principal> {
    if (!header) return PUBLIC_PRINCIPAL;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthenticated('Authorization header must be "Bearer <token>".');
    const token = match[1];
    const cached = this.cache.get(token);
    if (cached && cached.until > Date.now()) return cached.principal;
    try {
      const claims = await this.verifier.verify(token);
      // Its keys are looked up in PostgreSQL, whose text cannot hold NUL (see input-guard.ts).
      if (hasNul(Object.values(claims))) throw unauthenticated('Invalid token: its claims must not contain the NUL character (U+0000).');
      const principal = await this.ds.transaction((em) => resolvePrincipal(em, claims));
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      // Never beyond the token's own expiry: an expired token must fail even if it was cached.
      const until = Math.min(Date.now() + CACHE_TTL_MS, claims.exp !== undefined ? claims.exp * 1000 : Infinity);
      this.cache.set(token, { principal, until });
      return principal;
    } catch (e) {
      if (e instanceof InvalidTokenError || e instanceof UnknownScopeError) throw unauthenticated(`Invalid token: ${e.message}.`);
      throw e;
    }
  }
}
