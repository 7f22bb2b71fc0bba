import { EntityManager } from 'typeorm';
import { SamvirkeClaims } from './jwt';
import { Principal, Role, ROLE_SCOPE } from './roles';
import { Message, render } from '../i18n';

/** A token's scope claims name nothing in the region; `reason` says why in the reader's language (message: English, for logs). */
export class UnknownScopeError extends Error {
  constructor(readonly reason: Message) {
    super(render('en', reason));
  }
}

interface ScopeRow {
  region_id: string | null;
  municipality_id: string | null;
  service_id: string | null;
  unit_id: string | null;
}

/**
 * Turns a token's natural keys (region code, kommunenummer, service code, unit code) into row ids,
 * checking they all belong to one region and that the role has the scope it needs. Runs with a
 * PUBLIC context: only public reference data is read.
 */
export async function resolvePrincipal(em: EntityManager, claims: SamvirkeClaims & { role: Role }): Promise<Principal> {
  const scope = ROLE_SCOPE[claims.role];
  // A deployment-level role (OPERATOR) has no region: nothing to resolve, scope claims are ignored.
  if (scope === 'NONE') return { role: claims.role as Role, subject: claims.sub, displayName: claims.name };
  const need = { MUNICIPALITY: claims.municipality, SERVICE: claims.service, UNIT: claims.unit, REGION: claims.region ?? claims.municipality, NONE: 'x' }[scope];
  if (!need) throw new UnknownScopeError({ key: 'common.token.roleNeedsScope', params: { role: claims.role, scope: { key: `common.scope.${scope}` } } });
  await em.query(`SELECT set_config('app.role', 'PUBLIC', true)`);
  const rows: ScopeRow[] = await em.query(
    `WITH m AS (SELECT id, region_id FROM municipality WHERE number = $2),
          r AS (SELECT id FROM region WHERE code = $1 OR ($1 IS NULL AND id = (SELECT region_id FROM m)))
     SELECT (SELECT id FROM r) AS region_id,
            (SELECT m.id FROM m WHERE m.region_id = (SELECT id FROM r)) AS municipality_id,
            (SELECT s.id FROM shared_service s WHERE s.code = $3 AND s.region_id = (SELECT id FROM r)) AS service_id,
            (SELECT u.id FROM unit u WHERE u.code = $4 AND u.region_id = (SELECT id FROM r)) AS unit_id`,
    [claims.region ?? null, claims.municipality ?? null, claims.service ?? null, claims.unit ?? null],
  );
  const row = rows[0];
  const missing = (claimed: string | undefined, id: string | null) => claimed !== undefined && !id;
  if (!row?.region_id) throw new UnknownScopeError({ key: 'common.token.unknownRegion' });
  if (missing(claims.municipality, row.municipality_id)) throw new UnknownScopeError({ key: 'common.token.unknownMunicipality' });
  if (missing(claims.service, row.service_id)) throw new UnknownScopeError({ key: 'common.token.unknownService' });
  if (missing(claims.unit, row.unit_id)) throw new UnknownScopeError({ key: 'common.token.unknownUnit' });
  return {
    role: claims.role as Role,
    subject: claims.sub,
    displayName: claims.name,
    regionId: row.region_id,
    // Only the scope the role is entitled to is kept: a REGION_ADMIN token with a municipality
    // claim does not become municipal, and a TST_MEMBER's unit decides its municipality.
    municipalityId: scope === 'MUNICIPALITY' ? (row.municipality_id ?? undefined) : undefined,
    serviceId: scope === 'SERVICE' ? (row.service_id ?? undefined) : undefined,
    unitId: scope === 'UNIT' ? (row.unit_id ?? undefined) : undefined,
  };
}
