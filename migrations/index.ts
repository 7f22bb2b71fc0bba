import { features } from '../src/features';

const timestamp = (m: Function) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? NaN);

/** Every migration of every feature, in timestamp order (class names end in their timestamp). */
export const migrations = features.flatMap((f) => f.migrations).sort((a, b) => timestamp(a) - timestamp(b));
