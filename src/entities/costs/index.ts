// Every entity of the costs feature, found by src/features/costs/data.ts (entitiesIn): a new file needs its line here.
export * from './agreement';
export * from './alerts';
export * from './budget';
export * from './category';
export * from './enums';
export * from './kostra-accounts';
export * from './ledger';
export * from './ledger-mapping';
export * from './report';
