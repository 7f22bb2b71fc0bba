import { isRole, HeldGrant, Principal, Role, ROLE_SCOPE, scopeIdOf } from './roles';
import { Message, render } from '../i18n';

/** A token that says who the caller is (issuer + subject), not what they may do. */
export interface SignedInIdentity {
  issuer: string;
  subject: string;
  name?: string;
  /** OIDC_MATCH_CLAIM and its verified value: binds a pre-registered person on the first sign-in (src/http/auth.ts). */
  match?: { claim: string; value: string };
  /** OIDC_MATCH_CLAIM when the token carries it unverified (then it matches no one). */
  unverifiedMatchClaim?: string;
}

/** What a client may ask of one request: a region, a role, or one grant (least privilege). Headers `Samvirke-Region`, `Samvirke-Role`, `Samvirke-Grant`. */
export interface GrantChoice {
  region?: string;
  role?: string;
  grant?: string;
}

/** A row of `app_identity_grants(issuer, subject)` (migration 1733600000000). */
export interface IdentityGrantRow {
  region_id: string;
  region_code: string;
  person_id: string;
  display_name: string;
  grant_id: string;
  role: string;
  municipality_id: string | null;
  service_id: string | null;
  unit_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  /** The operations the grant is limited to (migration 1733700000000); null: unrestricted. */
  operations: string[] | null;
}

/** The caller holds no grant that fits the request: answered as UNAUTHENTICATED with this message (no SQL runs). */
/** No grant fits the request's choice; `reason` says why in the reader's language (message: English, for logs). */
export class GrantChoiceError extends Error {
  constructor(readonly reason: Message) {
    super(render('en', reason));
  }
}

const inForce = (row: IdentityGrantRow, today: string) => (!row.valid_from || row.valid_from <= today) && (!row.valid_to || row.valid_to >= today);

function held(row: IdentityGrantRow): HeldGrant {
  return {
    id: row.grant_id,
    role: row.role as Role,
    regionId: row.region_id,
    regionCode: row.region_code,
    municipalityId: row.municipality_id ?? undefined,
    serviceId: row.service_id ?? undefined,
    unitId: row.unit_id ?? undefined,
    validFrom: row.valid_from ?? undefined,
    validTo: row.valid_to ?? undefined,
    operations: row.operations ?? undefined,
  };
}

/** The row id the grant applies to: its unit, municipality or service, or the region for region-wide roles. */
export function grantScope(g: HeldGrant): string {
  return scopeIdOf(g.role, g) ?? g.regionId;
}

/**
 * The principal of one request from the person's grants (every region's, as read by
 * `app_identity_grants`): those in force today (Europe/Oslo) in one region, with one role, at
 * every scope the person holds it — narrowed by the client's choice. Pure: the caller reads the rows.
 *
 * - Region: the one the person has grants in, or the one asked for (`Samvirke-Region: <code>`).
 *   A request never acts in two regions.
 * - Roles: every role the person holds there — the union of their grants, one facet per role
 *   (src/auth/roles.ts) — or the one asked for (`Samvirke-Role`), or the role of the one grant asked
 *   for (`Samvirke-Grant: <grant id>`), for least privilege.
 * - Scopes: every grant of each role in the region (all of a PPT advisor's TSTs), or the one asked for.
 */
export function principalFromGrants(identity: SignedInIdentity, rows: readonly IdentityGrantRow[], choice: GrantChoice, today: string): Principal {
  const valid = rows.filter((r) => inForce(r, today) && isRole(r.role) && r.role !== Role.PUBLIC).map(held);
  if (!valid.length && !rows.length && identity.unverifiedMatchClaim) throw new GrantChoiceError({ key: 'common.token.noGrantUnverified', params: { claim: identity.unverifiedMatchClaim } });
  if (!valid.length) throw new GrantChoiceError({ key: 'common.token.noGrant' });
  const regions = [...new Set(valid.map((g) => g.regionCode))];
  let regionCode: string;
  if (choice.region !== undefined) {
    if (!regions.includes(choice.region)) throw new GrantChoiceError({ key: 'common.token.noGrantInRegion', params: { region: choice.region.slice(0, 60), yours: regions.join(', ') } });
    regionCode = choice.region;
  } else if (regions.length === 1) {
    regionCode = regions[0];
  } else {
    throw new GrantChoiceError({ key: 'common.token.severalRegions', params: { regions: regions.join(', ') } });
  }
  let acting = valid.filter((g) => g.regionCode === regionCode);
  if (choice.grant !== undefined) {
    const one = acting.find((g) => g.id === choice.grant);
    if (!one) throw new GrantChoiceError({ key: 'common.token.noSuchGrant' });
    acting = [one];
  }
  if (choice.role !== undefined) {
    acting = acting.filter((g) => g.role === choice.role);
    if (!acting.length) throw new GrantChoiceError({ key: 'common.token.noGrantAsRole', params: { role: choice.role.slice(0, 40), region: regionCode } });
  }
  const roles = [...new Set(acting.map((g) => g.role))];
  const displayName = rows.find((r) => r.region_code === regionCode)?.display_name ?? identity.name;
  const facets = roles.map((role) =>
    facetOf(
      role,
      acting.filter((g) => g.role === role),
      identity,
      displayName,
      valid,
    ),
  );
  if (facets.length === 1) return facets[0];
  // Several roles at once: the union of their grants (RLS reads every key), each role judged by its own facet.
  return {
    ...facets[0],
    grantKeys: facets.flatMap((f) => f.grantKeys ?? [`${f.role}:${scopeIdOf(f.role, f) ?? ''}`]),
    activeGrantIds: acting.map((g) => g.id),
    facets,
  };
}

/** The principal of one role: every scope the person holds it at in the region. */
function facetOf(role: Role, grants: HeldGrant[], identity: SignedInIdentity, displayName: string | undefined, heldGrants: HeldGrant[]): Principal {
  const scopes = [...new Set(grants.map(grantScope))];
  const kind = ROLE_SCOPE[role];
  const single = scopes.length === 1 ? scopes[0] : undefined;
  // Limited to the union of its grants' operations; unlimited when one grant of the role is.
  const operations = grants.some((g) => !g.operations) ? undefined : [...new Set(grants.flatMap((g) => g.operations ?? []))].sort();
  return {
    role,
    subject: identity.subject,
    issuer: identity.issuer,
    displayName,
    regionId: grants[0].regionId,
    municipalityId: kind === 'MUNICIPALITY' ? single : undefined,
    serviceId: kind === 'SERVICE' ? single : undefined,
    unitId: kind === 'UNIT' ? single : undefined,
    grantKeys: scopes.length > 1 ? scopes.map((s) => `${role}:${s}`) : undefined,
    activeGrantIds: grants.map((g) => g.id),
    heldGrants,
    ...(operations ? { operations } : {}),
  };
}
