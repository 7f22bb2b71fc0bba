export * from './dashboard-resolver';
export * from './state-report-resolver';
