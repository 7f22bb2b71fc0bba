import { Role } from '../../src/auth/roles';
import { TestApp } from '../helpers/test-app';

/** The statistics mutations for test/payloads.test.ts (input() runs first, then token()). */
export function payloadScenarios(getApp: () => TestApp): Record<string, { token(): Promise<string>; input(): Promise<Record<string, unknown>> }> {
  return {
    defineStatisticsMetric: {
      token: () => getApp().token(Role.REGION_ADMIN),
      input: async () => ({ serviceKind: 'NAV', code: 'payload_metric', name: 'Nyttelast', unit: 'saker', aggregation: 'STOCK', finestPeriod: 'YEAR', description: 'Test' }),
    },
    setStatisticsSuppression: {
      token: () => getApp().token(Role.SERVICE_LEADER, { service: 'barnevern' }),
      input: async () => ({ min: 1, max: 3 }),
    },
  };
}
