export * from './enums';
export * from './state-report';
