/**
 * The rules of the OIDC_* settings, shared by the configuration (src/config.ts, which checks them at
 * start-up) and the verifier (oidc.ts); no imports, so neither reaches up to the other.
 */

/** The most clock skew OIDC_CLOCK_SKEW_SECONDS may allow between the provider and this server. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Claim names OIDC_SUBJECT_CLAIM and OIDC_MATCH_CLAIM may not name: ID-porten's `pid` is a national identity number. */
export const FORBIDDEN_IDENTITY_CLAIMS = ['pid'];
const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/** Why a claim name is not acceptable as OIDC_SUBJECT_CLAIM / OIDC_MATCH_CLAIM, or undefined. */
export function badIdentityClaimName(name: string): string | undefined {
  if (!CLAIM_NAME.test(name)) return `"${name}" is not a claim name (letters, digits, _ . : -, at most 64 characters)`;
  if (FORBIDDEN_IDENTITY_CLAIMS.includes(name)) return `"${name}" carries a national identity number, which Samvirke must not store or match on; use sub`;
  return undefined;
}
