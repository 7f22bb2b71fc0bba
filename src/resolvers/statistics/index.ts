// Every resolver of the statistics feature, found by src/features/statistics/index.ts (resolversIn): a new file needs its line here.
export * from './activity-statistics-resolver';
