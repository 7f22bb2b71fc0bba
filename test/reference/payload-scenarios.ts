import { Role } from '../../src/auth/roles';
import { serviceId, toGlobalId, unitId } from '../helpers/fixtures';
import { TestApp } from '../helpers/test-app';

/** The reference mutations for test/payloads.test.ts (input() runs first, then token()). */
export function payloadScenarios(getApp: () => TestApp): Record<string, { token(): Promise<string>; input(): Promise<Record<string, unknown>> }> {
  const adminToken = () => getApp().token(Role.REGION_ADMIN);
  const operatorToken = () => getApp().token(Role.OPERATOR);
  /** A region of its own for a scenario (written as the owner: only the payload is under test here). */
  const newRegion = async (code: string) => toGlobalId('Region', (await getApp().owner.query(`INSERT INTO region (code, name) VALUES ($1, $1) RETURNING id`, [code])).rows[0].id);
  return {
    createRegion: { token: operatorToken, input: async () => ({ code: 'nyttelast-region', name: 'Nyttelast' }) },
    addRegionMunicipality: { token: operatorToken, input: async () => ({ regionId: await newRegion('nyttelast-kommune'), number: '5536' }) },
    grantRegionAdmin: { token: operatorToken, input: async () => ({ regionId: await newRegion('nyttelast-admin'), subject: 'nyttelast-admin', displayName: 'Nyttelast Admin' }) },
    grantRole: {
      token: adminToken,
      input: async () => ({
        subject: 'nyttelast-tst',
        displayName: 'Nyttelast TST',
        role: 'TST_MEMBER',
        scopeId: toGlobalId('Unit', await unitId(getApp(), 'folldal-skole', 'nord-osterdal')),
        validFrom: '2026-01-01',
      }),
    },
    revokeRole: {
      token: adminToken,
      input: async () => ({
        grantId: toGlobalId(
          'RoleAssignment',
          (await getApp().owner.query(`SELECT a.id FROM role_assignment a JOIN person p ON p.id = a.person_id WHERE p.subject = 'bvleder-nord-osterdal'`)).rows[0].id,
        ),
      }),
    },
    createSharedService: { token: adminToken, input: async () => ({ code: 'nyttelast-tjeneste', name: 'Nyttelast', kind: 'OTHER', hostMunicipalityNumber: '3429' }) },
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
