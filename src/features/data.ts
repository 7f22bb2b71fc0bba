import { inTimestampOrder } from '../../migrations';
import type { DatabaseParts } from '../db/bootstrap';
import type { DataModel } from '../db/data-source';
import type { JobTask } from '../db/job-queue';
import { seedDemoData } from '../seed';
import { costsData } from './costs/data';
import { dashboardsData } from './dashboards/data';
import type { FeatureData } from './feature';
import { foraData } from './fora/data';
import { plansData } from './plans/data';
import { referenceData } from './reference/data';
import { statisticsData } from './statistics/data';

/**
 * The data side of every feature, in dependency order (a feature's seed may use what earlier ones
 * seeded). What a command-line tool loads: entities, migrations, demo seed, importers, job tasks,
 * and no resolver (src/features/index.ts lists the whole features, in the same order).
 */
export const featureData: FeatureData[] = [referenceData, foraData, plansData, statisticsData, costsData, dashboardsData];

/** The DataSource's entities and migrations (src/db/data-source.ts). */
export const dataModel: DataModel = {
  entities: featureData.flatMap((f) => f.entities),
  migrations: inTimestampOrder(featureData.flatMap((f) => f.migrations)),
};

/** Every feature's demo seeder, in feature order. */
const seeders = featureData.flatMap((f) => (f.seed ? [f.seed] : []));

/** What `openDatabase` / `openCliDatabase` need: the model and the demo seed (each feature's seeder, in feature order). */
export const database: DatabaseParts = { model: dataModel, seedDemo: (owner) => seedDemoData(owner, seeders) };

/** Every feature's file imports. */
export const importers = featureData.flatMap((f) => f.importers ?? []);

/** Every feature's background tasks (the job queue runs them), by task name. */
export const tasks: Record<string, JobTask> = Object.assign({}, ...featureData.map((f) => f.tasks ?? {}));
