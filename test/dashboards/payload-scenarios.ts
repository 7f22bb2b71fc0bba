import { TestApp } from '../helpers/test-app';
import { barnevern, leaderToken, prepared } from './state-report-fixtures';

/** The dashboards' mutations are the state-of-service report's (test/payloads.test.ts). */
export function payloadScenarios(getApp: () => TestApp): Record<string, { token(): Promise<string>; input(): Promise<Record<string, unknown>> }> {
  const leader = () => leaderToken(getApp());
  return {
    prepareStateReport: { token: leader, input: async () => ({ serviceId: await barnevern(getApp()), municipalityNumber: '3428', year: 2023 }) },
    writeStateReportSection: { token: leader, input: async () => ({ reportId: (await prepared(getApp(), '3427', 2024)).id, key: 'SUMMARY', text: 'Sammendrag av året.' }) },
    publishStateReport: { token: leader, input: async () => ({ reportId: (await prepared(getApp(), '3426', 2024)).id }) },
  };
}
