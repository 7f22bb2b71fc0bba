import { DEV_ISSUER } from '../../auth/jwt';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { Context, todayOf } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { Person, RoleAssignment } from '../../entities/reference/person';
import { Region } from '../../entities/reference/region';
import { SharedService, SharedServiceKind } from '../../entities/reference/shared-service';
import { idOfType } from '../../global-id';
import { defineMutation } from '../mutation';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { municipalitiesByNumber } from './kommunenummer';
import { describeRefs, MunicipalityClassification, MunicipalityHistory } from './municipality-history';

/**
 * Onboarding a region through the API alone (issue 19): an OPERATOR (deployment level, no region)
 * creates the region, adds its municipalities by kommunenummer (valid today by SSB's
 * classification, KLASS 131) and grants its first REGION_ADMIN; the region admin then sets up
 * services (`createSharedService` below), owners, agreements and units. RLS gives the OPERATOR only
 * regions, municipalities and region admins (migrations/1733400000000-reference-onboarding.ts).
 */

export interface NewRegion {
  code: string;
  name: string;
}

export interface NewRegionMunicipality {
  regionId: string;
  number: string;
}

export interface NewRegionAdmin {
  regionId: string;
  subject: string;
  displayName: string;
  /** The identity provider that vouches for the subject; default the deployment's OIDC_ISSUER, else development tokens' issuer. */
  issuer?: string | null;
}

export interface NewSharedService {
  code: string;
  name: string;
  kind: SharedServiceKind;
  hostMunicipalityNumber: string;
}

export const OPERATORS = [Role.OPERATOR] as const;

const CLASSIFICATION_SQL = `SELECT json_build_object(
  'versions', (SELECT coalesce(json_agg(json_build_object('validFrom', v.valid_from, 'validTo', v.valid_to, 'name', v.name,
      'items', (SELECT coalesce(json_agg(json_build_object('code', i.code, 'name', i.name)), '[]') FROM municipality_classification_item i WHERE i.valid_from = v.valid_from))
      ORDER BY v.valid_from), '[]') FROM municipality_classification_version v),
  'changes', (SELECT coalesce(json_agg(json_build_object('oldCode', c.old_code, 'oldName', c.old_name, 'newCode', c.new_code, 'newName', c.new_name, 'changeOccurred', c.change_occurred)
      ORDER BY c.change_occurred, c.old_code, c.new_code), '[]') FROM municipality_code_change c))`;

/**
 * The classification of municipalities held in the database (public, deployment-level data),
 * read once per request through the read path, with today's date in Europe/Oslo. Importers of
 * files about a period call `history.resolve(number, periodDate)` (docs/municipality-history.md).
 */
export async function loadMunicipalityHistory(ctx: Context, today: string = todayOf(ctx)): Promise<MunicipalityHistory> {
  const classification = await ctx.loaders
    .custom<string, MunicipalityClassification>('municipalityClassification', async (keys) => {
      const value = await ctx.db.read<MunicipalityClassification>({ sql: CLASSIFICATION_SQL, params: [] });
      return keys.map(() => value);
    })
    .load('all');
  return new MunicipalityHistory(classification, today);
}

/** A region by global ID (an OPERATOR sees every region), or NOT_FOUND on `regionId`. */
async function regionById(tx: EntityManager, globalId: string): Promise<Region> {
  const id = idOfType(globalId, 'Region');
  const region = id ? await tx.getRepository(Region).findOneBy({ id }) : null;
  return region ?? reject(['input', 'regionId'], 'reference.suchRegion', {}, UserErrorCode.NOT_FOUND);
}

export const createRegion = defineMutation({
  name: 'createRegion',
  roles: OPERATORS,
  action: 'Creating a region',
  async run({ tx, audit }, input: NewRegion) {
    if (await tx.getRepository(Region).findOneBy({ code: input.code })) reject(['input', 'code'], 'reference.regionCodeAlreadyExists', { code: input.code }, UserErrorCode.CONFLICT);
    const region = tx.getRepository(Region).create({ code: input.code, name: input.name.trim() });
    await tx.getRepository(Region).save(region);
    await audit({ entity: 'Region', entityId: region.id, regionId: region.id, after: region });
    return { region };
  },
});

export const addRegionMunicipality = defineMutation({
  name: 'addRegionMunicipality',
  roles: OPERATORS,
  action: 'Adding a municipality to a region',
  async run({ tx, ctx, audit }, input: NewRegionMunicipality) {
    const region = await regionById(tx, input.regionId);
    const history = await loadMunicipalityHistory(ctx);
    const valid = history.validOn(input.number, history.today);
    if (!valid) {
      const r = history.resolve(input.number, history.today);
      const params = { number: input.number, today: history.today };
      if (r.alternatives.length) reject(['input', 'number'], 'reference.kommunenummerNotValidTodayAlternatives', { ...params, alternatives: describeRefs(r.alternatives) }, UserErrorCode.NOT_FOUND);
      reject(['input', 'number'], 'reference.kommunenummerNotValidToday', params, UserErrorCode.NOT_FOUND);
    }
    const existing = await tx.getRepository(Municipality).findOneBy({ number: input.number });
    if (existing) {
      const owner = existing.regionId === region.id ? region : await tx.getRepository(Region).findOneBy({ id: existing.regionId });
      reject(
        ['input', 'number'],
        owner ? 'reference.municipalityInOtherRegion' : 'reference.municipalityInOtherTenant',
        { number: valid.number, name: valid.name, ...(owner ? { region: owner.name } : {}) },
        UserErrorCode.CONFLICT,
      );
    }
    const municipality = tx.getRepository(Municipality).create({ regionId: region.id, number: valid.number, name: valid.name });
    await tx.getRepository(Municipality).save(municipality);
    await audit({ entity: 'Municipality', entityId: municipality.id, regionId: region.id, municipalityId: municipality.id, after: municipality });
    return { municipality, region };
  },
});

export const grantRegionAdmin = defineMutation({
  name: 'grantRegionAdmin',
  roles: OPERATORS,
  action: "Granting a region's administrator",
  async run({ tx, ctx, audit }, input: NewRegionAdmin) {
    const region = await regionById(tx, input.regionId);
    const issuer = input.issuer ?? ctx.config.oidcIssuer ?? DEV_ISSUER;
    // RLS shows an operator the persons who hold REGION_ADMIN, nobody else.
    const admin = await tx.getRepository(Person).findOneBy({ regionId: region.id, subject: input.subject });
    if (admin) reject(['input', 'subject'], 'reference.alreadyAdministrator', { subject: input.subject, name: region.name }, UserErrorCode.CONFLICT);
    const id = randomUUID();
    // No RETURNING and no ON CONFLICT (both would need the new row to pass the operator's read
    // policy, which shows only region admins): a subject the region already knows with other roles
    // fails the unique key, which defineMutation reports as a CONFLICT userError, nothing changed.
    await tx.query(`INSERT INTO person (id, region_id, issuer, subject, display_name) VALUES ($1, $2, $3, $4, $5)`, [id, region.id, issuer, input.subject, input.displayName.trim()]);
    const assignment = tx
      .getRepository(RoleAssignment)
      .create({ regionId: region.id, personId: id, role: Role.REGION_ADMIN, municipalityId: null, serviceId: null, unitId: null, validFrom: null, validTo: null });
    await tx.getRepository(RoleAssignment).save(assignment);
    const person = await tx.getRepository(Person).findOneByOrFail({ id });
    await audit({ entity: 'Person', entityId: person.id, regionId: region.id, after: { ...person, roles: [Role.REGION_ADMIN] } });
    return { person, region };
  },
});

export const createSharedService = defineMutation({
  name: 'createSharedService',
  roles: [Role.REGION_ADMIN],
  action: 'Creating a shared service',
  async run({ tx, ctx, audit }, input: NewSharedService) {
    const rules = new RuleCheck();
    const [host] = await municipalitiesByNumber(tx, [input.hostMunicipalityNumber], rules, () => ['input', 'hostMunicipalityNumber']);
    if (await tx.getRepository(SharedService).findOneBy({ code: input.code }))
      rules.add(userError(['input', 'code'], 'reference.sharedServiceCodeAlready', { code: input.code }, UserErrorCode.CONFLICT));
    rules.throwIfAny();
    const service = tx.getRepository(SharedService).create({ regionId: ctx.principal.regionId, code: input.code, name: input.name.trim(), kind: input.kind, hostMunicipalityId: host.id });
    await tx.getRepository(SharedService).save(service);
    await audit({ entity: 'SharedService', entityId: service.id, municipalityId: host.id, after: service });
    return { sharedService: service };
  },
});

/** The operator's list of regions (RLS: every region for an OPERATOR). */
export async function listRegions(ctx: Context): Promise<Region[]> {
  return ctx.loaders.list(Region, {}, { code: 'ASC' });
}

/** The persons who hold REGION_ADMIN in a region (REGION_ADMIN of the region, or an OPERATOR). */
export async function regionAdmins(ctx: Context, region: Region): Promise<Person[]> {
  const assignments = (await ctx.loaders.manyBy(RoleAssignment, 'regionId', { personId: 'ASC' }).load(region.id)).filter((a) => a.role === Role.REGION_ADMIN);
  const people = await Promise.all([...new Set(assignments.map((a) => a.personId))].map((id) => ctx.loaders.byId(Person).load(id)));
  return people.filter((p): p is Person => !!p).sort((a, b) => a.displayName.localeCompare(b.displayName, 'nb'));
}
