import { StatisticsMetric } from './metric';
import { StatisticsImport, StatisticsObservation, StatisticsSuppressionRule } from './records';

export * from './enums';
export * from './metric';
export * from './records';

/** Every entity of the statistics feature (published cells are read and written with SQL: see services/statistics/publish.ts). */
export const statisticsEntities = [StatisticsMetric, StatisticsImport, StatisticsObservation, StatisticsSuppressionRule];
