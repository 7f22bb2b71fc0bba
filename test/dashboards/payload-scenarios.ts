import { TestApp } from '../helpers/test-app';

/** The dashboards feature only reads: it has no mutation for test/payloads.test.ts. */
export function payloadScenarios(_getApp: () => TestApp): Record<string, { token(): Promise<string>; input(): Promise<Record<string, unknown>> }> {
  return {};
}
