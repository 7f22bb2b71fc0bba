// Every resolver of the costs feature, found by src/features/costs/index.ts (resolversIn): a new file needs its line here.
export * from './alert-resolvers';
export * from './config-resolvers';
export * from './report-resolvers';
export * from './kostra-resolvers';
