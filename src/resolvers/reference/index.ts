// Every resolver of the reference feature, found by src/features/reference/index.ts (resolversIn): a new file needs its line here.
export * from './audit-resolver';
export * from './municipality-resolver';
export * from './ownership-period-resolver';
export * from './person-resolver';
export * from './region-resolver';
export * from './shared-service-resolver';
export * from './unit-resolver';
export * from './viewer-resolver';
export * from './onboarding-resolver';
