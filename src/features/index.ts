import { Feature } from './feature';
import { fora } from './fora';
import { plans } from './plans';
import { reference } from './reference';
import { statistics } from './statistics';

/** Every feature, in dependency order (a feature's seed may use what earlier ones seeded). Adding a feature is one line here. */
export const features: Feature[] = [reference, fora, plans, statistics];

/** Every feature's file imports, by kind. */
export const importers = features.flatMap((f) => f.importers ?? []);
