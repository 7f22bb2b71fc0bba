import { CoreSchema1732400000000 } from './1732400000000-core-schema';

/** Every migration in order; listed explicitly so ts-jest and compiled builds load the same set. */
export const migrations = [CoreSchema1732400000000];
