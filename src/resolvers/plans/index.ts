// Every resolver of the plans feature, found by src/features/plans/index.ts (resolversIn): a new file needs its line here.
export * from './plan-content-resolver';
export * from './plan-element-resolver';
export * from './plan-texts-resolver';
export * from './plan-tracking-resolver';
export * from './plan-version-resolver';
export * from './strategic-plan-resolver';
