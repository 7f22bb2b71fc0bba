export * from './dashboard-resolver';
