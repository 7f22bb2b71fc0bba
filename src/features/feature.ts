import type { Router } from 'express';
import { EntityManager, MigrationInterface } from 'typeorm';
import type { JobTask } from '../db/job-queue';
import type { RouteDeps } from '../http/request-context';
import type { Importer } from '../services/imports/importer';
import type { NodeType } from '../schema/node-registry';
import type { ReadRule } from '../services/access';
import type { SeedRegion } from '../seed/reference/demo-data';

/** Demo data of one feature for one demo region, run in the region's seed transaction. */
export type RegionSeeder = (em: EntityManager, region: SeedRegion & { id: string }) => Promise<void>;

/**
 * What a feature contributes. A feature is one name: its code lives in a folder of that name in
 * every layer (src/entities/<name>/, src/schema/<name>/, src/resolvers/<name>/,
 * src/services/<name>/, src/seed/<name>/, test/<name>/), its migrations are
 * migrations/<timestamp>-<name>-<what>.ts and its design notes docs/<name>.md. The registries
 * (entities, resolvers, node types, migrations, demo seed) are assembled from the list in
 * src/features/index.ts: adding a feature is one line there. See docs/CONVENTIONS-for-contributors.md.
 */
export interface Feature {
  name: string;
  /** TypeORM entities. */
  entities: Function[];
  /** type-graphql resolver classes. */
  resolvers: Function[];
  /**
   * Object types reachable through `node(id:)`; the entity's class name is the GraphQL type name.
   * Each declares the read rule its list query applies (`read`): `node(id:)` and the audit trail
   * apply the same one.
   */
  nodeTypes: NodeType<any>[];
  /** Entity types of audit records that are not node types, with the read rule of what shows them; a type without a rule is in nobody's audit trail. */
  auditedTypes?: Record<string, ReadRule>;
  /** TypeORM migration classes; all features' migrations run in timestamp order. */
  migrations: (new () => MigrationInterface)[];
  /** Demo data (runs after the seeders of the features listed before this one). */
  seed?: RegionSeeder;
  /** File imports (`npm run import -- <kind>` and `POST /imports/<kind>`). */
  importers?: Importer<any>[];
  /** HTTP routes outside GraphQL (e.g. a calendar feed), mounted on the app before /graphql. */
  routes?: (router: Router, deps: RouteDeps) => void;
  /** Background tasks of the durable job queue, by task name (src/db/job-queue.ts). */
  tasks?: Record<string, JobTask>;
}
