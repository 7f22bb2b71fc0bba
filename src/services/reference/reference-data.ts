import { ALL_ROLES, ReadRule } from '../access';
import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod, OwnershipPeriodOwner } from '../../entities/reference/ownership-period';
import { Region } from '../../entities/reference/region';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit, UnitKind } from '../../entities/reference/unit';
import { PageRequest, PageWindow, pageWindow, toConnection } from '../paging';
import { badInput } from '../../errors';
import { assertKommunenummer } from './kommunenummer';
import { aggregate, sqlOf } from '../../db/reads';

/**
 * Reference data of a region: readable by every role in the region and by PUBLIC. Signed-in callers
 * see only their own region (RLS); PUBLIC may name a region by code.
 */
export async function findRegion(ctx: Context, code?: string | null): Promise<Region | null> {
  if (code) return (await ctx.loaders.list(Region, { code }))[0] ?? null;
  if (!ctx.principal.regionId) throw badInput('code', 'required', { key: 'reference.errors.codeRequiredWithoutToken' });
  return ctx.loaders.byId(Region).load(ctx.principal.regionId);
}

async function regionIdFilter(ctx: Context, regionCode?: string | null): Promise<string | undefined | null> {
  if (!regionCode) return undefined;
  const region = await findRegion(ctx, regionCode);
  return region?.id ?? null; // null: asked for a region the caller cannot see
}

export async function listMunicipalities(ctx: Context, regionCode?: string | null): Promise<Municipality[]> {
  const regionId = await regionIdFilter(ctx, regionCode);
  if (regionId === null) return [];
  return ctx.loaders.list(Municipality, { regionId }, { number: 'ASC' });
}

export async function findMunicipality(ctx: Context, number: string): Promise<Municipality | null> {
  assertKommunenummer(number, 'number');
  return (await ctx.loaders.list(Municipality, { number }))[0] ?? null;
}

/** What the client will ask of the listed services next (the resolver's look-ahead), to be read in the same wave. */
export interface SharedServicesAhead {
  /** The owners on this date (`owners` without `on`: today). */
  ownersOn?: string;
  /** And each owner's units, this page (`owners { units(first: …) }`). */
  ownerUnits?: PageWindow;
}

/**
 * The region's shared services by name. With `ahead`, the owners of every listed service (and
 * their units' first page) are read in the same wave and primed into the loaders the field
 * resolvers use: one round trip instead of three for `sharedServices { owners { units } }`.
 */
export async function listSharedServices(ctx: Context, regionCode?: string | null, ahead: SharedServicesAhead = {}): Promise<SharedService[]> {
  const regionId = await regionIdFilter(ctx, regionCode);
  if (regionId === null) return [];
  const [services, owners] = await Promise.all([
    ctx.loaders.list(SharedService, { regionId }, { name: 'ASC' }),
    ahead.ownersOn ? ownersOfServices(ctx, regionId ?? null, ahead.ownersOn) : undefined,
    ahead.ownersOn && ahead.ownerUnits
      ? ctx.loaders.prefetchPageBy(Unit, 'municipalityId', { name: 'ASC' }, ahead.ownerUnits, {
          name: 'ownersOfServices',
          sql: `SELECT o.municipality_id FROM shared_service s JOIN ownership_period p ON p.service_id = s.id AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date)
                JOIN ownership_period_owner o ON o.period_id = p.id WHERE ($1::uuid IS NULL OR s.region_id = $1::uuid)`,
          params: [regionId ?? null, ahead.ownersOn],
        })
      : undefined,
  ]);
  if (owners && ahead.ownersOn) {
    const loader = ownersLoader(ctx);
    for (const s of services) loader.prime(`${s.id}|${ahead.ownersOn}`, owners.get(s.id) ?? []);
  }
  return services;
}

/** Owners on `date` of every shared service of the region (of every region: null), by service, as `ownersOn` answers: one read. */
async function ownersOfServices(ctx: Context, regionId: string | null, date: string): Promise<Map<string, Municipality[]>> {
  const rows = ctx.db.rows(Municipality);
  const sql = sqlOf(
    rows,
    'ownersOfServices',
    () => `SELECT ${aggregate(rows.json('m', ['s.id']), [])}
      FROM shared_service s
      JOIN ownership_period p ON p.service_id = s.id AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date)
      JOIN ownership_period_owner o ON o.period_id = p.id
      JOIN municipality m ON m.id = o.municipality_id
      WHERE ($1::uuid IS NULL OR s.region_id = $1::uuid)`,
  );
  const found = await ctx.loaders.readRows(Municipality, { sql, params: [regionId, date] });
  const byService = new Map<string, Municipality[]>();
  for (const { row, values } of found) {
    const service = values[rows.width] as string;
    const list = byService.get(service) ?? [];
    list.push(row);
    byService.set(service, list);
  }
  for (const list of byService.values()) list.sort((a, b) => a.number.localeCompare(b.number));
  return byService;
}

export interface UnitFilter extends PageRequest {
  municipalityNumber?: string | null;
  kind?: UnitKind | null;
}

/** Units, by municipality number and name; optionally of one municipality and of one kind. One read: page and total. */
export async function listUnits(ctx: Context, filter: UnitFilter) {
  const window = pageWindow(filter);
  if (filter.municipalityNumber) assertKommunenummer(filter.municipalityNumber, 'municipalityNumber');
  const rows = ctx.db.rows(Unit);
  const sql = sqlOf(rows, 'listUnits', () => {
    const from = `FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE ($1::text IS NULL OR m.number = $1) AND ($2::text IS NULL OR u.kind = $2)`;
    return `SELECT json_build_array((SELECT count(*) ${from}),
      (SELECT ${aggregate(rows.json('p'), ['p.__number', 'p.name', 'p.id'])} FROM (SELECT u.*, m.number AS __number ${from} ORDER BY m.number, u.name, u.id OFFSET $3 LIMIT $4) p))`;
  });
  const page = await ctx.loaders.readPage(Unit, { sql, params: [filter.municipalityNumber ?? null, filter.kind ?? null, window.offset, window.limit] });
  return toConnection(page.rows, page.total, window.offset);
}

/** A municipality's units by name, one page (paged in SQL, batched over municipalities). */
export async function unitsOf(ctx: Context, municipality: Municipality, page: PageRequest) {
  const window = pageWindow(page);
  const { rows, total } = await ctx.loaders.pageBy(Unit, 'municipalityId', { name: 'ASC' }, window).load(municipality.id);
  return toConnection(rows, total, window.offset);
}

/** Owner municipalities of one service on one date (batched over services; one read, municipalities included). */
export function ownersOn(ctx: Context, serviceId: string, date: string): Promise<Municipality[]> {
  return ownersLoader(ctx).load(`${serviceId}|${date}`);
}

/** The loader behind `ownersOn`, keyed `serviceId|date`. */
function ownersLoader(ctx: Context) {
  return ctx.loaders.custom<string, Municipality[]>('ownersOn', async (keys) => {
    const pairs = keys.map((k) => k.split('|'));
    const rows = ctx.db.rows(Municipality);
    const sql = sqlOf(
      rows,
      'ownersOn',
      () => `SELECT ${aggregate(rows.json('m', ['k.i']), [])}
          FROM unnest($1::uuid[], $2::date[]) WITH ORDINALITY AS k(service_id, on_date, i)
          JOIN ownership_period p ON p.service_id = k.service_id AND p.valid_from <= k.on_date AND (p.valid_to IS NULL OR p.valid_to >= k.on_date)
          JOIN ownership_period_owner o ON o.period_id = p.id
          JOIN municipality m ON m.id = o.municipality_id`,
    );
    const found = await ctx.loaders.readRows(Municipality, { sql, params: [pairs.map((p) => p[0]), pairs.map((p) => p[1])] });
    const owners: Municipality[][] = keys.map(() => []);
    for (const { row, values } of found) owners[(values[rows.width] as number) - 1].push(row);
    return owners.map((list) => list.sort((a, b) => a.number.localeCompare(b.number)));
  });
}

export async function periodOwners(ctx: Context, period: OwnershipPeriod): Promise<Municipality[]> {
  const owners = await ctx.loaders.manyBy(OwnershipPeriodOwner, 'periodId').load(period.id);
  const municipalities = await ctx.loaders.byId(Municipality).loadMany(owners.map((o) => o.municipalityId));
  return municipalities.filter((m): m is Municipality => m instanceof Municipality).sort((a, b) => a.number.localeCompare(b.number));
}

/** Reference data (regions, municipalities, populations, services, ownership, units) is public: every role, RLS decides the region (readReferenceData). */
export const READ_REFERENCE_DATA: ReadRule = { action: 'Reading reference data', roles: ALL_ROLES };
