// Every resolver of the fora feature, found by src/features/fora/index.ts (resolversIn): a new file needs its line here.
export * from './forum-kind-resolver';
export * from './forum-membership-resolver';
export * from './forum-meeting-resolver';
export * from './forum-resolver';
export * from './forum-exchange-resolver';
export * from './forum-compliance-resolver';
