// Every entity of the plans feature, found by src/features/plans/data.ts (entitiesIn): a new file needs its line here.
export * from './content';
export * from './elements';
export * from './enums';
export * from './strategic-plan';
export * from './tracking';
