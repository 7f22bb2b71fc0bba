import type { Router } from 'express';
import { getMetadataStorage } from 'type-graphql';
import { getMetadataArgsStorage, MigrationInterface } from 'typeorm';
import type { JobTask } from '../db/job-queue';
import type { RouteDeps } from '../http/request-context';
import type { NodeType } from '../schema/node-registry';
import type { RegionSeeder } from '../seed/region-seeder';
import type { ReadRule } from '../services/access';
import type { Importer } from '../services/imports/importer';

/**
 * What a feature gives the database side: what a command-line tool (an import, a token check)
 * loads, without a resolver or an HTTP route. A feature is one name: its code lives in a folder of
 * that name in every layer (src/entities/<name>/, src/schema/<name>/, src/resolvers/<name>/,
 * src/services/<name>/, src/seed/<name>/, src/features/<name>/, test/<name>/), its migrations are
 * migrations/<timestamp>-<name>-<what>.ts and its design notes docs/<name>.md. The lists in
 * src/features/data.ts and src/features/index.ts name each feature once; the composition roots
 * (src/main.ts, scripts/, the test app) hand each layer what it needs from them. See
 * docs/CONVENTIONS-for-contributors.md.
 */
export interface FeatureData {
  name: string;
  /** TypeORM entities: `entitiesIn(<the feature's src/entities/<name>/ module>)`. */
  entities: Function[];
  /** TypeORM migration classes; all features' migrations run in timestamp order. */
  migrations: (new () => MigrationInterface)[];
  /** Demo data (runs after the seeders of the features listed before this one). */
  seed?: RegionSeeder;
  /** File imports (`npm run import -- <kind>` and `POST /imports/<kind>`). */
  importers?: Importer<any>[];
  /** Background tasks of the durable job queue, by task name (src/db/job-queue.ts). */
  tasks?: Record<string, JobTask>;
}

/** A whole feature: its data part and what the API serves of it (schema, node types, HTTP routes). */
export interface Feature extends FeatureData {
  /** type-graphql resolver classes: `resolversIn(<the feature's src/resolvers/<name>/ module>)`. */
  resolvers: Function[];
  /**
   * Object types reachable through `node(id:)`; the entity's class name is the GraphQL type name.
   * Each declares the read rule its list query applies (`read`): `node(id:)` and the audit trail
   * apply the same one.
   */
  nodeTypes: NodeType<any>[];
  /** Entity types of audit records that are not node types, with the read rule of what shows them; a type without a rule is in nobody's audit trail. */
  auditedTypes?: Record<string, ReadRule>;
  /** HTTP routes outside GraphQL (src/http/<name>/, e.g. a calendar feed), mounted on the app before /graphql. */
  routes?: (router: Router, deps: RouteDeps) => void;
}

/** The TypeORM entities a module exports (a feature's `src/entities/<name>/index.ts`): no list of them to keep by hand. */
export function entitiesIn(module: object): Function[] {
  const tables = new Set(getMetadataArgsStorage().tables.map((t) => t.target));
  return Object.values(module).filter((v): v is Function => typeof v === 'function' && tables.has(v));
}

/** The type-graphql resolver classes a module exports (a feature's `src/resolvers/<name>/index.ts`). */
export function resolversIn(module: object): Function[] {
  const resolvers = new Set(getMetadataStorage().resolverClasses.map((r) => r.target));
  return Object.values(module).filter((v): v is Function => typeof v === 'function' && resolvers.has(v));
}
