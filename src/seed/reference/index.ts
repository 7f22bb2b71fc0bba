import { DEV_ISSUER } from '../../auth/jwt';
import type { RegionSeeder } from '../region-seeder';

/** The region's municipalities (with population), units, shared services with their owners, and people. */
export const seedReferenceData: RegionSeeder = async (em, region) => {
  const regionId = region.id;
  await em.query(`INSERT INTO region (id, code, name) VALUES ($1, $2, $3)`, [regionId, region.code, region.name]);
  const municipalityIds = new Map<string, string>();
  for (const m of region.municipalities) {
    const [{ id }] = await em.query(`INSERT INTO municipality (region_id, number, name) VALUES ($1, $2, $3) RETURNING id`, [regionId, m.number, m.name]);
    municipalityIds.set(m.number, id);
    for (const [year, count] of Object.entries(m.population0to17)) {
      await em.query(`INSERT INTO municipality_population (region_id, municipality_id, year, aged_0_17) VALUES ($1, $2, $3, $4)`, [regionId, id, Number(year), count]);
    }
    for (const u of m.units) {
      await em.query(`INSERT INTO unit (region_id, municipality_id, code, name, kind, size) VALUES ($1, $2, $3, $4, $5, $6)`, [regionId, id, u.code, u.name, u.kind, u.size]);
    }
  }
  const serviceIds = new Map<string, string>();
  for (const s of region.services) {
    const [{ id }] = await em.query(`INSERT INTO shared_service (region_id, code, name, kind, host_municipality_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      regionId,
      s.code,
      s.name,
      s.kind,
      municipalityIds.get(s.host),
    ]);
    serviceIds.set(s.code, id);
    const [{ id: periodId }] = await em.query(`INSERT INTO ownership_period (region_id, service_id, valid_from, note) VALUES ($1, $2, $3, $4) RETURNING id`, [
      regionId,
      id,
      s.from,
      'Samarbeidsavtale (illustrative)',
    ]);
    for (const owner of s.owners) {
      await em.query(`INSERT INTO ownership_period_owner (region_id, period_id, municipality_id) VALUES ($1, $2, $3)`, [regionId, periodId, municipalityIds.get(owner)]);
    }
  }
  for (const p of region.persons) {
    const [{ id }] = await em.query(`INSERT INTO person (region_id, issuer, subject, display_name) VALUES ($1, $2, $3, $4) RETURNING id`, [regionId, DEV_ISSUER, p.subject, p.displayName]);
    const scopes = p.units ? p.units.map((code) => ({ unit: code })) : [{ unit: undefined }];
    for (const { unit } of scopes) {
      await em.query(
        `INSERT INTO role_assignment (region_id, person_id, role, municipality_id, service_id, unit_id, granted_by)
         VALUES ($1, $2, $3, $4, $5, (SELECT id FROM unit WHERE region_id = $1 AND code = $6), 'seed')`,
        [regionId, id, p.role, p.municipality ? municipalityIds.get(p.municipality) : null, p.service ? serviceIds.get(p.service) : null, unit ?? null],
      );
    }
  }
};
