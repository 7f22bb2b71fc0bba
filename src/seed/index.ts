import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedMunicipalityClassification } from './reference/classification';
import { DEMO_REGIONS } from './reference/demo-data';
import type { RegionSeeder } from './region-seeder';

/**
 * Inserts the demo regions that are missing (idempotent: a region whose code exists is left alone),
 * each feature's seeder in feature order (`seeders`, from src/features/data.ts). Runs as the owner, but with the region's RLS context set,
 * so it also works on a non-superuser owner.
 */
export async function seedDemoData(ds: DataSource, seeders: RegionSeeder[]): Promise<boolean> {
  // Deployment-level reference data first: onboarding validates kommunenummer against it.
  let seeded = await seedMunicipalityClassification(ds);
  for (const region of DEMO_REGIONS) {
    await ds.transaction(async (em) => {
      // Region rows are public reference data, so a PUBLIC context can see whether it exists.
      await em.query(`SELECT set_config('app.role', 'PUBLIC', true)`);
      const exists = await em.query(`SELECT 1 FROM region WHERE code = $1`, [region.code]);
      if (exists.length) return;
      const id = randomUUID();
      await em.query(`SELECT set_config('app.role', 'REGION_ADMIN', true), set_config('app.region_id', $1, true)`, [id]);
      for (const seed of seeders) await seed(em, { ...region, id });
      seeded = true;
    });
  }
  return seeded;
}
