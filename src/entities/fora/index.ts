// Every entity of the fora feature, found by src/features/fora/data.ts (entitiesIn): a new file needs its line here.
export * from './enums';
export * from './forum';
export * from './kind';
export * from './meeting';
export * from './exchange-enums';
export * from './exchange';
