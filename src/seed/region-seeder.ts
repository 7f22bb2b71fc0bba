import { EntityManager } from 'typeorm';
import type { SeedRegion } from './reference/demo-data';

/** Demo data of one feature for one demo region, run in the region's seed transaction. */
export type RegionSeeder = (em: EntityManager, region: SeedRegion & { id: string }) => Promise<void>;
