import type { ServedFeatures } from '../http/app';
import { costs } from './costs';
import { dashboards } from './dashboards';
import { dataModel, featureData, importers } from './data';
import type { Feature } from './feature';
import { fora } from './fora';
import { plans } from './plans';
import { reference } from './reference';
import { statistics } from './statistics';

export { database, dataModel, importers, tasks } from './data';

/**
 * Every feature, in the order of src/features/data.ts (which lists their data side for the
 * command-line tools, without resolvers). Only the composition roots (src/main.ts, scripts/, the
 * test app, bench/) read this; they hand each layer what it needs.
 */
export const features: Feature[] = [reference, fora, plans, statistics, costs, dashboards];

const names = (list: { name: string }[]) => list.map((f) => f.name).join(', ');
if (names(features) !== names(featureData))
  throw new Error(`src/features/index.ts lists ${names(features)}, src/features/data.ts ${names(featureData)}: the two lists must name the same features in the same order`);

/** What the HTTP server serves (src/http/app.ts `createAppServer`). */
export const served: ServedFeatures = {
  schema: {
    resolvers: features.flatMap((f) => f.resolvers),
    nodeTypes: features.flatMap((f) => f.nodeTypes),
    auditedTypes: Object.assign({}, ...features.map((f) => f.auditedTypes ?? {})),
  },
  importers,
  routes: features.flatMap((f) => (f.routes ? [f.routes] : [])),
  migrations: dataModel.migrations,
};
