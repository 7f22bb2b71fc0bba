// Every entity of the reference feature, found by src/features/reference/data.ts (entitiesIn): a new file needs its line here.
export * from './audit-record';
export * from './municipality';
export * from './municipality-population';
export * from './ownership-period';
export * from './person';
export * from './region';
export * from './shared-service';
export * from './unit';
