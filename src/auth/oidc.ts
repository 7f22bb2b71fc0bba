import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, JWTPayload, jwtVerify } from 'jose';
import { isNationalIdNumber } from '../services/personal-data/national-id';
import { InvalidTokenError } from './jwt';
import { Message } from '../i18n';
import { badIdentityClaimName, FORBIDDEN_IDENTITY_CLAIMS, MAX_CLOCK_SKEW_SECONDS } from './oidc-settings';

export { badIdentityClaimName, FORBIDDEN_IDENTITY_CLAIMS, MAX_CLOCK_SKEW_SECONDS };

/**
 * Who a bearer token from the deployment's OpenID Connect provider says the caller is (issue 19).
 * It carries no rights: Samvirke's own grants for (issuer, subject) decide what the caller may do.
 * See docs/identity.md.
 */
export interface Identity {
  /** The provider's issuer URL, exactly as configured (OIDC_ISSUER) and as the token's `iss`. */
  issuer: string;
  /** The stable identifier of the caller at that issuer (OIDC_SUBJECT_CLAIM, default `sub`). */
  subject: string;
  /** The caller's e-mail address, only when the token says the provider verified it (`email_verified: true`). */
  email?: string;
  /** A display name (`name`), for showing only: never for matching. */
  name?: string;
  /** The OAuth client the token was issued to (`client_id`, else `azp`, else Entra v1's `appid`). */
  clientId?: string;
  /** SERVICE_ACCOUNT for a token issued to a machine client itself (client credentials), else PERSON. */
  kind: 'PERSON' | 'SERVICE_ACCOUNT';
  /** OIDC_MATCH_CLAIM and its (verified) value, for matching a pre-registered person on first sign-in. */
  match?: { claim: string; value: string };
  /** OIDC_MATCH_CLAIM when the token carries it but not verified (`email_verified` is not true): it matches no one, and the refusal says why. */
  unverifiedMatchClaim?: string;
  /** Expiry (seconds since epoch), as verified: whoever caches the identity caches it no longer than this. */
  expiresAt?: number;
}

/** Why a token was refused: a stable code for logs and for the transport's mapping (never a 500). */
export type IdentityTokenProblem =
  'MALFORMED' | 'UNSUPPORTED_ALGORITHM' | 'BAD_SIGNATURE' | 'UNKNOWN_KEY' | 'WRONG_ISSUER' | 'WRONG_AUDIENCE' | 'EXPIRED' | 'NOT_YET_VALID' | 'MISSING_CLAIM' | 'BAD_CLAIM' | 'PROVIDER_UNAVAILABLE';

/** A refused identity token. An InvalidTokenError, so every authenticator already answers it as unauthenticated. */
export class IdentityTokenError extends InvalidTokenError {
  constructor(
    readonly problem: IdentityTokenProblem,
    reason: Message,
  ) {
    super(reason);
    this.name = 'IdentityTokenError';
  }
}

export interface IdentityVerifier {
  /** The token's identity, or an IdentityTokenError. Never throws anything else. */
  verify(token: string): Promise<Identity>;
  /** Fetches the discovery document and the keys now (e.g. at start-up); never throws, false when the provider was not reachable. */
  warmUp(): Promise<boolean>;
}

/** What createIdentityVerifier reads from the configuration (OIDC_* in README "Configuration"). */
export interface OidcSettings {
  oidcIssuer?: string;
  oidcAudience?: string;
  /** Default 30. */
  oidcClockSkewSeconds?: number;
  /** Default `sub`. */
  oidcSubjectClaim?: string;
  oidcMatchClaim?: string;
}

/** Timings of the remote key set and the discovery; the defaults suit production, tests shorten them. */
export interface OidcTimings {
  /** How long fetched keys are used without asking the provider again (jose's cacheMaxAge); default 10 min. */
  jwksCacheMs?: number;
  /** After a key-set fetch, an unknown `kid` does not trigger another one for this long (jose's cooldownDuration); default 30 s. */
  jwksCooldownMs?: number;
  /** After a failed discovery, tokens are refused without asking again for this long; default 5 s. */
  discoveryRetryMs?: number;
  /** Timeout of one request to the provider; default 5 s. */
  requestTimeoutMs?: number;
}

/** Asymmetric algorithms only: a key set never verifies an HS256 token signed with a public key as secret. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Header `typ` values of an access token: none, `JWT` (Entra ID, Keycloak, ID-porten) or RFC 9068's `at+jwt`. */
const ACCESS_TOKEN_TYPES = new Set(['jwt', 'at+jwt', 'application/at+jwt']);

/** A token longer than this is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 16 * 1024;
/** A discovery document longer than this is refused. */
const MAX_DISCOVERY_BYTES = 256 * 1024;

/** `${issuer}/.well-known/openid-configuration`, as OpenID Connect Discovery 1.0 §4 forms it (a trailing `/` removed first). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

function refused(problem: IdentityTokenProblem, reason: Message): IdentityTokenError {
  return new IdentityTokenError(problem, reason);
}

const unavailable = (why: Message) => refused('PROVIDER_UNAVAILABLE', { key: 'common.token.providerUnavailable', params: { why } });
/** A library's or the network's own text (English), as the reason's detail. */
const detail = (text: string): Message => ({ key: 'common.token.why.detail', params: { detail: text.slice(0, 200) } });

/** A JOSE library error (or a failed key-set fetch) as the typed refusal; no claim value ever goes into a message. */
function problemOf(e: unknown): IdentityTokenError {
  if (e instanceof IdentityTokenError) return e;
  if (e instanceof errors.JWTExpired) return refused('EXPIRED', { key: 'common.token.expired' });
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return refused('WRONG_ISSUER', { key: 'common.token.wrongIssuer' });
    if (e.claim === 'aud') return refused('WRONG_AUDIENCE', { key: 'common.token.wrongAudience' });
    if (e.claim === 'nbf' || e.claim === 'iat') return refused('NOT_YET_VALID', { key: 'common.token.notYetValid', params: { claim: e.claim } });
    if (e.reason === 'missing') return refused('MISSING_CLAIM', { key: 'common.token.missingClaim', params: { claim: e.claim } });
    return refused('BAD_CLAIM', { key: 'common.token.badClaim', params: { claim: e.claim } });
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return refused('BAD_SIGNATURE', { key: 'common.token.badSignature' });
  if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) {
    return refused('UNKNOWN_KEY', { key: 'common.token.unknownKey' });
  }
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported) return refused('UNSUPPORTED_ALGORITHM', { key: 'common.token.unsupportedAlgorithm' });
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return refused('MALFORMED', { key: 'common.token.malformed' });
  if (e instanceof errors.JWKSTimeout) return unavailable({ key: 'common.token.why.keySetTimeout' });
  if (e instanceof errors.JWKSInvalid || e instanceof errors.JWKInvalid) return unavailable({ key: 'common.token.why.keySetInvalid' });
  // A failed fetch of the key set: a network error, or jose's generic error for a non-200 / non-JSON answer.
  return unavailable(e instanceof Error ? detail(e.message) : { key: 'common.token.why.keySetFailed' });
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** A short string claim, or undefined when absent; anything else is BAD_CLAIM (without its value). */
function stringClaim(payload: JWTPayload, key: string, max: number): string | undefined {
  const v = payload[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > max || /[\x00-\x1f\x7f]/.test(v)) throw refused('BAD_CLAIM', { key: 'common.token.claimString', params: { claim: key, max } });
  return v;
}

/** A national identity number in an identifying claim is refused, never stored (docs/personal-data.md). */
function noNationalId(value: string, key: string): string {
  if (isNationalIdNumber(value.trim())) throw refused('BAD_CLAIM', { key: 'common.token.claimNationalId', params: { claim: key } });
  return value;
}

/** An informational claim (email, name, the match claim): a short string, else left out (it never refuses the token). */
function optionalString(payload: JWTPayload, key: string, max: number): string | undefined {
  const v = payload[key];
  return typeof v === 'string' && v.length > 0 && v.length <= max && !/[\x00-\x1f\x7f]/.test(v) ? v : undefined;
}

/** For OIDC standard claims with a `<claim>_verified` companion (email, phone_number), only a verified value counts. */
function verified(payload: JWTPayload, claim: string, value: string | undefined): string | undefined {
  const companion = `${claim}_verified`;
  if (claim === 'email' || claim === 'phone_number' || companion in payload) return payload[companion] === true ? value : undefined;
  return value;
}

/** The identity a verified payload states. Exported for unit tests of the claim rules. */
export function identityOf(payload: JWTPayload, settings: Pick<OidcSettings, 'oidcSubjectClaim' | 'oidcMatchClaim'>): Omit<Identity, 'issuer'> {
  const clientId = stringClaim(payload, 'client_id', 255) ?? stringClaim(payload, 'azp', 255) ?? stringClaim(payload, 'appid', 255);
  const sub = stringClaim(payload, 'sub', 255);
  // RFC 9068 §2.2: a token no resource owner is involved in (client credentials) has the client's
  // identifier as `sub` (oidc-provider) or, in some providers, no `sub`; Entra ID marks an
  // app-only token with the optional claim `idtyp: app`.
  const service = clientId !== undefined && (sub === undefined || sub === clientId || payload.idtyp === 'app');
  const subjectClaim = settings.oidcSubjectClaim ?? 'sub';
  const claimed = stringClaim(payload, subjectClaim, 255);
  if (claimed !== undefined && verified(payload, subjectClaim, claimed) === undefined) throw refused('BAD_CLAIM', { key: 'common.token.claimNotVerified', params: { claim: subjectClaim } });
  const subject = claimed ?? (service && sub === undefined ? clientId : undefined);
  if (subject === undefined) throw refused('MISSING_CLAIM', { key: 'common.token.missingClaim', params: { claim: subjectClaim } });
  const identity: Omit<Identity, 'issuer'> = { subject: noNationalId(subject, subjectClaim), kind: service ? 'SERVICE_ACCOUNT' : 'PERSON' };
  if (clientId !== undefined) identity.clientId = clientId;
  const email = verified(payload, 'email', optionalString(payload, 'email', 254));
  if (email !== undefined) identity.email = email;
  const name = optionalString(payload, 'name', 200);
  if (name !== undefined) identity.name = name;
  if (settings.oidcMatchClaim) {
    const value = verified(payload, settings.oidcMatchClaim, optionalString(payload, settings.oidcMatchClaim, 254));
    if (value !== undefined && !isNationalIdNumber(value.trim())) identity.match = { claim: settings.oidcMatchClaim, value };
    else if (value === undefined && optionalString(payload, settings.oidcMatchClaim, 254) !== undefined) identity.unverifiedMatchClaim = settings.oidcMatchClaim;
  }
  if (typeof payload.exp === 'number') identity.expiresAt = payload.exp;
  return identity;
}

interface Discovered {
  keys: ReturnType<typeof createRemoteJWKSet>;
}

/**
 * The verifier for OIDC_ISSUER / OIDC_AUDIENCE. Discovery happens on the first token (or warmUp),
 * not at construction, so an unreachable provider never stops the process: until it answers,
 * tokens are refused with PROVIDER_UNAVAILABLE, and it is asked again after `discoveryRetryMs`.
 * Keys come from the discovered `jwks_uri` through jose's createRemoteJWKSet: cached for
 * `jwksCacheMs`, fetched again on an unknown `kid` (at most once per `jwksCooldownMs`).
 */
export function createIdentityVerifier(settings: OidcSettings, timings: OidcTimings = {}): IdentityVerifier {
  const { oidcIssuer: issuer, oidcAudience: audience } = settings;
  if (!issuer || !audience) throw new Error('OIDC_ISSUER and OIDC_AUDIENCE must both be set');
  const skew = settings.oidcClockSkewSeconds ?? 30;
  if (!Number.isInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) {
    throw new Error(`OIDC_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}`);
  }
  const issuerUrl = new URL(issuer);
  const timeout = timings.requestTimeoutMs ?? 5000;
  const retryMs = timings.discoveryRetryMs ?? 5000;
  let discovered: Discovered | undefined;
  let pending: Promise<Discovered> | undefined;
  let failure: { at: number; error: IdentityTokenError } | undefined;

  async function discover(): Promise<Discovered> {
    let body: unknown;
    try {
      const res = await fetch(discoveryUrl(issuer!), { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(timeout) });
      if (res.status !== 200) throw unavailable({ key: 'common.token.why.discoveryStatus', params: { status: res.status } });
      const text = await res.text();
      if (text.length > MAX_DISCOVERY_BYTES) throw unavailable({ key: 'common.token.why.discoveryTooLarge' });
      body = JSON.parse(text);
    } catch (e) {
      if (e instanceof IdentityTokenError) throw e;
      throw unavailable(
        e instanceof SyntaxError
          ? { key: 'common.token.why.discoveryNotJson' }
          : { key: 'common.token.why.discoveryFailed', params: { detail: e instanceof Error ? detail(e.message) : { key: 'common.token.why.unknownError' } } },
      );
    }
    const doc = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be exactly the configured one.
    if (doc.issuer !== issuer) throw unavailable({ key: 'common.token.why.otherIssuer', params: { issuer: issuer ?? '' } });
    let jwksUri: URL;
    try {
      jwksUri = new URL(String(doc.jwks_uri));
    } catch {
      throw unavailable({ key: 'common.token.why.noJwksUri' });
    }
    if (jwksUri.protocol !== 'https:' && !(jwksUri.protocol === 'http:' && (issuerUrl.protocol === 'http:' || isLoopback(jwksUri)))) {
      throw unavailable({ key: 'common.token.why.jwksNotHttps' });
    }
    return { keys: createRemoteJWKSet(jwksUri, { cacheMaxAge: timings.jwksCacheMs ?? 600_000, cooldownDuration: timings.jwksCooldownMs ?? 30_000, timeoutDuration: timeout }) };
  }

  /** The discovered key set; concurrent callers share one discovery, a failure is remembered for retryMs. */
  async function keySet(): Promise<Discovered> {
    if (discovered) return discovered;
    if (failure && Date.now() - failure.at < retryMs) throw failure.error;
    pending ??= discover()
      .then((d) => {
        discovered = d;
        failure = undefined;
        return d;
      })
      .catch((e: unknown) => {
        failure = { at: Date.now(), error: problemOf(e) };
        throw failure.error;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  const options = { issuer, audience, algorithms: OIDC_ALGORITHMS, clockTolerance: skew, requiredClaims: ['exp'] };

  return {
    async verify(token) {
      try {
        if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw refused('MALFORMED', { key: 'common.token.malformed' });
        // Refuse what cannot be ours before any key is fetched: a token of another issuer or for
        // another audience never makes the verifier ask the provider (the final checks below are
        // on the verified payload; these read the unverified one only to refuse early).
        let header: ReturnType<typeof decodeProtectedHeader>;
        let claimed: JWTPayload;
        try {
          header = decodeProtectedHeader(token);
          claimed = decodeJwt(token);
        } catch {
          throw refused('MALFORMED', { key: 'common.token.malformed' });
        }
        if (header.typ !== undefined && !ACCESS_TOKEN_TYPES.has(String(header.typ).toLowerCase())) throw refused('MALFORMED', { key: 'common.token.notAccessToken' });
        if (claimed.iss !== issuer) throw refused('WRONG_ISSUER', { key: 'common.token.wrongIssuer' });
        const auds = Array.isArray(claimed.aud) ? claimed.aud : [claimed.aud];
        if (!auds.includes(audience)) throw refused('WRONG_AUDIENCE', { key: 'common.token.wrongAudience' });
        const { keys } = await keySet();
        const { payload } = await jwtVerify(token, keys, options);
        return { issuer, ...identityOf(payload, settings) };
      } catch (e) {
        throw problemOf(e);
      }
    },
    async warmUp() {
      try {
        const { keys } = await keySet();
        await keys.reload();
        return true;
      } catch {
        return false;
      }
    },
  };
}
