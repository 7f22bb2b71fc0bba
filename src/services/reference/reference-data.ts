import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import { OwnershipPeriod, OwnershipPeriodOwner } from '../../entities/reference/ownership-period';
import { Region } from '../../entities/reference/region';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit, UnitKind } from '../../entities/reference/unit';
import { PageRequest, pageWindow, toConnection } from '../paging';
import { badInput } from '../../errors';
import { assertKommunenummer } from './kommunenummer';

/**
 * Reference data of a region: readable by every role in the region and by PUBLIC. Signed-in callers
 * see only their own region (RLS); PUBLIC may name a region by code.
 */
export async function findRegion(ctx: Context, code?: string | null): Promise<Region | null> {
  const em = await ctx.db.manager();
  if (code) return em.getRepository(Region).findOneBy({ code });
  if (!ctx.principal.regionId) throw badInput('code', 'required', 'is required when calling without a token');
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
  const em = await ctx.db.manager();
  return em.getRepository(Municipality).find({ where: regionId ? { regionId } : {}, order: { number: 'ASC' } });
}

export async function findMunicipality(ctx: Context, number: string): Promise<Municipality | null> {
  assertKommunenummer(number, 'number');
  const em = await ctx.db.manager();
  return em.getRepository(Municipality).findOneBy({ number });
}

export async function listSharedServices(ctx: Context, regionCode?: string | null): Promise<SharedService[]> {
  const regionId = await regionIdFilter(ctx, regionCode);
  if (regionId === null) return [];
  const em = await ctx.db.manager();
  return em.getRepository(SharedService).find({ where: regionId ? { regionId } : {}, order: { name: 'ASC' } });
}

export interface UnitFilter extends PageRequest {
  municipalityNumber?: string | null;
  kind?: UnitKind | null;
}

export async function listUnits(ctx: Context, filter: UnitFilter) {
  const { offset, limit } = pageWindow(filter);
  const em = await ctx.db.manager();
  const qb = em.getRepository(Unit).createQueryBuilder('u').innerJoin(Municipality, 'm', 'm.id = u.municipality_id');
  if (filter.municipalityNumber) {
    assertKommunenummer(filter.municipalityNumber, 'municipalityNumber');
    qb.andWhere('m.number = :number', { number: filter.municipalityNumber });
  }
  if (filter.kind) qb.andWhere('u.kind = :kind', { kind: filter.kind });
  qb.orderBy('m.number', 'ASC').addOrderBy('u.name', 'ASC').addOrderBy('u.id', 'ASC').offset(offset).limit(limit);
  const [rows, total] = await qb.getManyAndCount();
  return toConnection(rows, total, offset);
}

/** A municipality's units by name, one page (paged in SQL, batched over municipalities). */
export async function unitsOf(ctx: Context, municipality: Municipality, page: PageRequest) {
  const window = pageWindow(page);
  const { rows, total } = await ctx.loaders.pageBy(Unit, 'municipalityId', { name: 'ASC' }, window).load(municipality.id);
  return toConnection(rows, total, window.offset);
}

/** Owner municipalities of one service on one date (batched over services). */
export function ownersOn(ctx: Context, serviceId: string, date: string): Promise<Municipality[]> {
  return ctx.loaders
    .custom<string, Municipality[]>('ownersOn', async (keys) => {
      const em = await ctx.db.manager();
      const pairs = keys.map((k) => k.split('|'));
      const rows: { key: string; municipality_id: string }[] = await em.query(
        `SELECT k.service_id || '|' || k.on_date AS key, o.municipality_id
           FROM unnest($1::uuid[], $2::text[]) AS k(service_id, on_date)
           JOIN ownership_period p ON p.service_id = k.service_id
                AND p.valid_from <= k.on_date::date AND (p.valid_to IS NULL OR p.valid_to >= k.on_date::date)
           JOIN ownership_period_owner o ON o.period_id = p.id`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      const municipalities = await ctx.loaders.byId(Municipality).loadMany([...new Set(rows.map((r) => r.municipality_id))]);
      const byId = new Map(municipalities.filter((m): m is Municipality => m instanceof Municipality).map((m) => [m.id, m]));
      return keys.map((key) =>
        rows
          .filter((r) => r.key === key)
          .map((r) => byId.get(r.municipality_id))
          .filter((m): m is Municipality => !!m)
          .sort((a, b) => a.number.localeCompare(b.number)),
      );
    })
    .load(`${serviceId}|${date}`);
}

export async function periodOwners(ctx: Context, period: OwnershipPeriod): Promise<Municipality[]> {
  const owners = await ctx.loaders.manyBy(OwnershipPeriodOwner, 'periodId').load(period.id);
  const municipalities = await ctx.loaders.byId(Municipality).loadMany(owners.map((o) => o.municipalityId));
  return municipalities
    .filter((m): m is Municipality => m instanceof Municipality)
    .sort((a, b) => a.number.localeCompare(b.number));
}
