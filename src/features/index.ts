import type { JobTask } from '../db/job-queue';
import { costs } from './costs';
import { Feature } from './feature';
import { fora } from './fora';
import { plans } from './plans';
import { reference } from './reference';
import { statistics } from './statistics';

/** Every feature, in dependency order (a feature's seed may use what earlier ones seeded). Adding a feature is one line here. */
export const features: Feature[] = [reference, fora, plans, statistics, costs];

/** Every feature's file imports, by kind. */
export const importers = features.flatMap((f) => f.importers ?? []);

/** Every feature's background tasks (the job queue runs them), by task name. */
export const tasks: Record<string, JobTask> = Object.assign({}, ...features.map((f) => f.tasks ?? {}));
