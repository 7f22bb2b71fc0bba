// Every entity of the statistics feature, found by src/features/statistics/data.ts (entitiesIn): a new file needs its line here.
export * from './enums';
export * from './metric';
export * from './records';
