import path from 'node:path';
import { createRemoteJWKSet, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../config';
import { readOrCreateSecret } from '../db/secrets';
import { isRole, Role } from './roles';
import { Message, render } from '../i18n';

/** The claims Samvirke reads from a bearer token. Scopes are natural keys, resolved per region. */
export interface SamvirkeClaims {
  sub: string;
  /**
   * A development or legacy token's role (with its scope claims below). Absent: the token only
   * says who the caller is (issuer + subject), and their grants in Samvirke decide (src/auth/grants.ts).
   */
  role?: Role;
  /** The token's issuer, as verified. */
  iss?: string;
  /** Region code, e.g. "nord-osterdal" (optional when a narrower scope implies it). */
  region?: string;
  /** Kommunenummer for municipality-scoped roles. */
  municipality?: string;
  /** Shared-service code for service-scoped roles, e.g. "barnevern". */
  service?: string;
  /** Unit code for unit-scoped roles, e.g. "tynset-ungdomsskole". */
  unit?: string;
  name?: string;
  /** Expiry (seconds since epoch), as verified; the authenticator caches no longer than this. */
  exp?: number;
}

/** A refused token; `reason` says why in the reader's language (message: English, for logs). */
export class InvalidTokenError extends Error {
  constructor(readonly reason: Message) {
    super(render('en', reason));
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<SamvirkeClaims>;
}

export const DEV_ISSUER = 'samvirke-dev';
export const DEV_AUDIENCE = 'samvirke-api';

/** The HS256 secret: JWT_SECRET, or one generated once into the data folder (shared with `npm run token`). */
export function hmacSecret(config: AppConfig): Uint8Array {
  const secret = config.jwtSecret ?? readOrCreateSecret(path.join(config.dataDir, 'jwt-secret'), 32);
  return new TextEncoder().encode(secret);
}

function toClaims(payload: JWTPayload): SamvirkeClaims {
  const str = (key: string) => {
    const v = payload[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.length > 100) throw new InvalidTokenError({ key: 'common.token.claimShortString', params: { claim: key } });
    return v;
  };
  if (!payload.sub) throw new InvalidTokenError({ key: 'common.token.noSubject' });
  if (payload.sub.length > 255) throw new InvalidTokenError({ key: 'common.token.subjectTooLong' });
  const role = payload.role;
  if (role !== undefined && (!isRole(role) || role === Role.PUBLIC)) throw new InvalidTokenError({ key: 'common.token.noValidRole' });
  return { sub: payload.sub, role, iss: payload.iss, region: str('region'), municipality: str('municipality'), service: str('service'), unit: str('unit'), name: str('name'), exp: payload.exp };
}

/** Verifies signature, issuer, audience and expiry; any failure is an InvalidTokenError (never a 500). */
function verifierFor(verify: (token: string) => Promise<{ payload: JWTPayload }>): TokenVerifier {
  return {
    async verify(token) {
      try {
        return toClaims((await verify(token)).payload);
      } catch (e) {
        throw e instanceof InvalidTokenError ? e : new InvalidTokenError({ key: 'common.token.rejected' });
      }
    },
  };
}

export function createVerifier(config: AppConfig): TokenVerifier {
  if (config.jwksUrl) {
    if (!config.jwtIssuer || !config.jwtAudience) throw new Error('JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE');
    const jwks = createRemoteJWKSet(new URL(config.jwksUrl));
    const options = { issuer: config.jwtIssuer, audience: config.jwtAudience, requiredClaims: ['exp'] };
    return verifierFor((token) => jwtVerify(token, jwks, options));
  }
  const secret = hmacSecret(config);
  const options = { issuer: config.jwtIssuer ?? DEV_ISSUER, audience: config.jwtAudience ?? DEV_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'] };
  return verifierFor((token) => jwtVerify(token, secret, options));
}

/** Signs an HS256 token the server accepts (used by `npm run token`, the tests and the benchmark). */
export async function signToken(config: AppConfig, claims: SamvirkeClaims, expiresIn = '8h'): Promise<string> {
  const { sub, ...rest } = claims;
  const body = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(config.jwtIssuer ?? DEV_ISSUER)
    .setAudience(config.jwtAudience ?? DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(hmacSecret(config));
}
