import { CoreSchema1732400000000 } from './1732400000000-reference-schema';
import { NorwegianCollation1732450000000 } from './1732450000000-reference-norwegian-collation';
import { StrategicPlans1732500000000 } from './1732500000000-plans-schema';

/** Every migration in order; listed explicitly so ts-jest and compiled builds load the same set. */
export const migrations = [CoreSchema1732400000000, NorwegianCollation1732450000000, StrategicPlans1732500000000];
