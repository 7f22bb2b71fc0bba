import { Role } from '../../src/auth/roles';
import { serviceId, toGlobalId, unitId } from '../helpers/fixtures';
import { TestApp } from '../helpers/test-app';

/** The reference mutations for test/payloads.test.ts (input() runs first, then token()). */
export function payloadScenarios(getApp: () => TestApp): Record<string, { token(): Promise<string>; input(): Promise<Record<string, unknown>> }> {
  const adminToken = () => getApp().token(Role.REGION_ADMIN);
  return {
    createUnit: { token: adminToken, input: async () => ({ municipalityNumber: '3429', code: 'nyttelast-enhet', name: 'Nyttelast', kind: 'OTHER', size: 3 }) },
    updateUnit: { token: adminToken, input: async () => ({ id: toGlobalId('Unit', await unitId(getApp(), 'folldal-skole', 'nord-osterdal')), size: 77 }) },
    setServiceOwnership: {
      token: adminToken,
      input: async () => ({
        serviceId: toGlobalId('SharedService', await serviceId(getApp(), 'nav', 'nord-osterdal')),
        validFrom: '2030-01-01',
        ownerMunicipalityNumbers: ['3424', '3426', '3427', '3428', '3429'],
      }),
    },
  };
}
