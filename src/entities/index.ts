import { features } from '../features';

/** Every TypeORM entity, from the feature list. */
export const entities = features.flatMap((f) => f.entities);
