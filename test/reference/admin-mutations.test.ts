import { Role } from '../../src/auth/roles';
import { serviceId, tableFingerprint, toGlobalId, unitId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
});
afterAll(() => app.close());

const TABLES = ['unit', 'ownership_period', 'ownership_period_owner', 'audit_record'];
const CREATE = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { unit { id code name kind size municipality { number } } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { unit { id code name kind size } userErrors { field message code } } }`;
const SET_OWNERS = `mutation($input: SetServiceOwnershipInput!) { setServiceOwnership(input: $input) {
  sharedService { code } ownershipPeriod { id validFrom validTo note owners { number } } userErrors { field message code } } }`;
const AUDIT = `query($entity: String) { auditRecords(entity: $entity, first: 100) { totalCount nodes { actor actorRole operation entity entityId before after requestId } } }`;

const newUnit = (over: Record<string, unknown> = {}) => ({ municipalityNumber: '3429', code: 'folldal-nye-barnehage', name: '  Nye barnehage  ', kind: 'KINDERGARTEN', size: 30, ...over });

describe('createUnit and updateUnit', () => {
  /** Creates a unit of its own for one test (codes are unique per test). */
  async function createdUnit(code: string, over: Record<string, unknown> = {}) {
    const res = await app.gql(CREATE, { input: newUnit({ code, ...over }) }, admin);
    const payload = ok(res).createUnit;
    expect(payload.userErrors).toEqual([]);
    return { unit: payload.unit, requestId: res.extensions?.requestId };
  }
  const auditOf = async (entityId: string, token = admin) => ok(await app.gql(AUDIT, { entity: 'Unit' }, token)).auditRecords.nodes.filter((n: any) => n.entityId === entityId);

  it('lets a REGION_ADMIN create a unit and records it in the audit trail', async () => {
    const { unit, requestId } = await createdUnit('folldal-nye-barnehage');
    expect(unit).toMatchObject({ code: 'folldal-nye-barnehage', name: 'Nye barnehage', kind: 'KINDERGARTEN', size: 30, municipality: { number: '3429' } });
    const { rows } = await app.owner.query(`SELECT u.name, m.number FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE u.code = 'folldal-nye-barnehage'`);
    expect(rows).toEqual([{ name: 'Nye barnehage', number: '3429' }]);

    const audit = await auditOf(unit.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'test-region_admin',
      actorRole: 'REGION_ADMIN',
      operation: 'createUnit',
      entity: 'Unit',
      entityId: unit.id,
      before: null,
      after: expect.objectContaining({ code: 'folldal-nye-barnehage', name: 'Nye barnehage', size: 30 }),
      requestId,
    });
  });

  it('lets a REGION_ADMIN update a unit: omitted fields stay, the audit keeps before and after', async () => {
    const { unit } = await createdUnit('folldal-oppdateres');
    const payload = ok(await app.gql(UPDATE, { input: { id: unit.id, size: 41, name: 'Nye Folldal barnehage' } }, admin)).updateUnit;
    expect(payload).toEqual({ userErrors: [], unit: { id: unit.id, code: 'folldal-oppdateres', name: 'Nye Folldal barnehage', kind: 'KINDERGARTEN', size: 41 } });
    const audit = await auditOf(unit.id);
    expect(audit.map((n: any) => n.operation).sort()).toEqual(['createUnit', 'updateUnit']);
    const update = audit.find((n: any) => n.operation === 'updateUnit');
    expect(update.before).toMatchObject({ name: 'Nye barnehage', size: 30, kind: 'KINDERGARTEN' });
    expect(update.after).toMatchObject({ name: 'Nye Folldal barnehage', size: 41, kind: 'KINDERGARTEN' });
  });

  it("shows the unit's audit records to the AUDITOR of its municipality only", async () => {
    const { unit } = await createdUnit('folldal-revidert');
    ok(await app.gql(UPDATE, { input: { id: unit.id, size: 12 } }, admin));
    const own = await auditOf(unit.id, await app.token(Role.AUDITOR, { municipality: '3429' }));
    expect(own.map((n: any) => n.operation).sort()).toEqual(['createUnit', 'updateUnit']);
    const other = ok(await app.gql(AUDIT, { entity: 'Unit' }, await app.token(Role.AUDITOR, { municipality: '3427' }))).auditRecords;
    expect(other.nodes.filter((n: any) => n.entityId === unit.id)).toEqual([]);
    expect(other.nodes.every((n: any) => n.after?.municipalityId === undefined || n.after.municipalityId !== unit.municipalityId)).toBe(true);
  });

  it('refuses the audit trail to a MUNICIPAL_DIRECTOR (FORBIDDEN) and to PUBLIC (401 UNAUTHENTICATED)', async () => {
    const director = await app.gql(AUDIT, {}, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }));
    expect(director.data).toBeNull();
    expect(director.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(AUDIT, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([Role.SERVICE_LEADER, Role.HOST_FINANCE, Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR, Role.TST_LEADER, Role.TST_MEMBER])(
    'refuses unit mutations to %s (FORBIDDEN) and writes nothing',
    async (role) => {
      const scope = { SERVICE_LEADER: { service: 'barnevern' }, HOST_FINANCE: { service: 'barnevern' }, TST_LEADER: { unit: 'folldal-skole' }, TST_MEMBER: { unit: 'folldal-skole' } }[
        role as string
      ] ?? { municipality: '3429' };
      const token = await app.token(role, scope);
      const before = await tableFingerprint(app, TABLES);
      for (const [query, input] of [
        [CREATE, newUnit({ code: `forbidden-${role.toLowerCase().replace(/_/g, '-')}` })],
        [UPDATE, { id: toGlobalId('Unit', await unitId(app, 'folldal-barnehage', 'nord-osterdal')), size: 1 }],
      ] as const) {
        const res = await app.gql(query, { input }, token);
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      expect(await tableFingerprint(app, TABLES)).toEqual(before);
    },
  );

  it('reports a duplicate code as CONFLICT and writes nothing', async () => {
    const before = await tableFingerprint(app, TABLES);
    const payload = ok(await app.gql(CREATE, { input: newUnit({ code: 'tynset-barneskole', municipalityNumber: '3427' }) }, admin)).createUnit;
    expect(payload.unit).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'code'], message: expect.stringContaining('tynset-barneskole'), code: 'CONFLICT' }]);
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('keeps each mutation of a multi-mutation operation atomic on its own: the response tells the truth', async () => {
    const before = await tableFingerprint(app, TABLES);
    const res = await app.gql(
      `mutation($a: CreateUnitInput!, $b: CreateUnitInput!) {
        a: createUnit(input: $a) { unit { code } userErrors { code } }
        b: createUnit(input: $b) { unit { code } userErrors { code } }
      }`,
      { a: newUnit({ code: 'folldal-multi-a' }), b: newUnit({ code: 'tynset-barneskole', municipalityNumber: '3427' }) },
      admin,
    );
    const data = ok(res);
    expect(data.a).toEqual({ unit: { code: 'folldal-multi-a' }, userErrors: [] });
    expect(data.b).toEqual({ unit: null, userErrors: [{ code: 'CONFLICT' }] });
    // What the response reports as done is saved; what it reports as rejected is not.
    expect((await app.owner.query(`SELECT code FROM unit WHERE code IN ('folldal-multi-a', 'tynset-barneskole') ORDER BY code`)).rows).toEqual([
      { code: 'folldal-multi-a' },
      { code: 'tynset-barneskole' },
    ]);
    const audit = await app.owner.query(`SELECT count(*)::int AS n FROM audit_record WHERE after->>'code' = 'folldal-multi-a'`);
    expect(audit.rows[0].n).toBe(1);
    expect(await tableFingerprint(app, TABLES)).not.toEqual(before);
  });

  it('reports a code taken by a request committing at the same moment as CONFLICT, not a 500', async () => {
    // The owner inserts the same code without committing: the API's rule check cannot see the row,
    // its INSERT waits on the unique index, and fails once the owner commits.
    const mid = (await app.owner.query(`SELECT id, region_id FROM municipality WHERE number = '3429'`)).rows[0];
    await app.owner.query('BEGIN');
    await app.owner.query(`INSERT INTO unit (region_id, municipality_id, code, name, kind, size) VALUES ($1, $2, 'folldal-kapplop', 'Kappløp', 'OTHER', 1)`, [mid.region_id, mid.id]);
    const pending = app.gql(CREATE, { input: newUnit({ code: 'folldal-kapplop' }) }, admin);
    for (let i = 0; i < 200; i++) {
      const rows = await app.appDataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await app.owner.query('COMMIT');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(ok(res).createUnit).toEqual({ unit: null, userErrors: [expect.objectContaining({ code: 'CONFLICT' })] });
    const { rows } = await app.owner.query(`SELECT name FROM unit WHERE code = 'folldal-kapplop'`);
    expect(rows).toEqual([{ name: 'Kappløp' }]);
  });

  it.each([
    ['size -1', { size: -1 }, 'input.size', 'min'],
    ['size above 100000', { size: 100001 }, 'input.size', 'max'],
    ['an empty name', { name: '' }, 'input.name', 'isLength'],
    ['a blank name', { name: '   ' }, 'input.name', 'matches'],
    ['a code with spaces and capitals', { code: 'Bad Code' }, 'input.code', 'matches'],
    ['a three-digit kommunenummer', { municipalityNumber: '301' }, 'input.municipalityNumber', 'matches'],
  ])('rejects %s with BAD_USER_INPUT naming field and rule, writing nothing', async (_name, over, field, rule) => {
    const before = await tableFingerprint(app, TABLES);
    const res = await app.gql(CREATE, { input: newUnit({ code: 'folldal-validering', ...over }) }, admin);
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    const error = res.errors![0];
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.validationErrors).toContainEqual(expect.objectContaining({ field, rule }));
    expect(error.message).toContain(field);
    expect(error.message).toContain(`(${rule})`);
    expect(JSON.stringify(res)).not.toMatch(/stacktrace/);
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });

  it('validates updateUnit input too, and NOT_FOUND for an ID that is not a unit', async () => {
    const bad = await app.gql(UPDATE, { input: { id: toGlobalId('Unit', await unitId(app, 'folldal-skole', 'nord-osterdal')), size: -5, name: ' ' } }, admin);
    expect(bad.errors?.[0].extensions?.validationErrors.map((v: any) => `${v.field}:${v.rule}`).sort()).toEqual(['input.name:matches', 'input.size:min']);
    const wrongType = ok(await app.gql(UPDATE, { input: { id: toGlobalId('Municipality', await unitId(app, 'folldal-skole', 'nord-osterdal')), size: 5 } }, admin)).updateUnit;
    expect(wrongType.userErrors).toEqual([{ field: ['input', 'id'], message: expect.any(String), code: 'NOT_FOUND' }]);
  });
});

describe('setServiceOwnership', () => {
  let barnevern: string;
  let ppt: string;
  beforeAll(async () => {
    barnevern = toGlobalId('SharedService', await serviceId(app, 'barnevern', 'nord-osterdal'));
    ppt = toGlobalId('SharedService', await serviceId(app, 'ppt', 'nord-osterdal'));
  });
  const ownersOn = async (service: string, on: string) =>
    ok(await app.gql(`query($id: ID!, $on: Date) { sharedService(id: $id) { owners(on: $on) { number } } }`, { id: service, on }, admin)).sharedService.owners.map((o: any) => o.number);

  it('starts a new period and closes the open one the day before; owners(on:) answers by date', async () => {
    const auditBefore = ok(await app.gql(AUDIT, { entity: 'OwnershipPeriod' }, admin)).auditRecords.totalCount;
    const payload = ok(
      await app.gql(
        SET_OWNERS,
        {
          input: {
            serviceId: barnevern,
            validFrom: '2025-01-01',
            ownerMunicipalityNumbers: ['3429', '3427', '3428'],
            note: 'Rendalen og Tolga går ut',
            correctionReason: 'Registreres etterskuddsvis: vedtak i kommunestyrene desember 2024',
          },
        },
        admin,
      ),
    ).setServiceOwnership;
    expect(payload.userErrors).toEqual([]);
    expect(payload.sharedService).toEqual({ code: 'barnevern' });
    expect(payload.ownershipPeriod).toMatchObject({ validFrom: '2025-01-01', validTo: null, note: 'Rendalen og Tolga går ut', owners: [{ number: '3427' }, { number: '3428' }, { number: '3429' }] });

    const history = ok(await app.gql(`query($id: ID!) { sharedService(id: $id) { ownershipPeriods { validFrom validTo owners { number } } } }`, { id: barnevern }, admin)).sharedService
      .ownershipPeriods;
    expect(history.map((p: any) => [p.validFrom, p.validTo, p.owners.length])).toEqual([
      ['2025-01-01', null, 3],
      ['2022-01-01', '2024-12-31', 5],
    ]);
    expect(await ownersOn(barnevern, '2021-12-31')).toEqual([]);
    expect(await ownersOn(barnevern, '2024-12-31')).toEqual(['3424', '3426', '3427', '3428', '3429']);
    expect(await ownersOn(barnevern, '2025-01-01')).toEqual(['3427', '3428', '3429']);
    expect(await ownersOn(barnevern, '2031-06-30')).toEqual(['3427', '3428', '3429']);

    const audit = ok(await app.gql(AUDIT, { entity: 'OwnershipPeriod' }, admin)).auditRecords;
    expect(audit.totalCount).toBe(auditBefore + 2);
    const closed = audit.nodes.find((n: any) => n.before);
    expect(closed.before).toMatchObject({ validFrom: '2022-01-01', validTo: null });
    const correction = { reason: 'Registreres etterskuddsvis: vedtak i kommunestyrene desember 2024', rewritesFrom: '2025-01-01' };
    expect(closed.after).toMatchObject({ validFrom: '2022-01-01', validTo: '2024-12-31', correction });
    const opened = audit.nodes.find((n: any) => !n.before);
    expect(opened.entityId).toBe(payload.ownershipPeriod.id);
    expect(opened.after).toMatchObject({ validFrom: '2025-01-01', owners: ['3427', '3428', '3429'], correction });
  });

  const failures: [string, Record<string, unknown>, { field: string[]; code: string }[]][] = [
    ['the host missing from the owners', { validFrom: '2027-01-01', ownerMunicipalityNumbers: ['3428', '3429'] }, [{ field: ['input', 'ownerMunicipalityNumbers'], code: 'INVALID' }]],
    ['an owner listed twice', { validFrom: '2027-01-01', ownerMunicipalityNumbers: ['3427', '3429', '3427'] }, [{ field: ['input', 'ownerMunicipalityNumbers'], code: 'INVALID' }]],
    ["validFrom on the open period's first day", { validFrom: '2025-01-01', ownerMunicipalityNumbers: ['3427'], correctionReason: 'Feil' }, [{ field: ['input', 'validFrom'], code: 'CONFLICT' }]],
    ['validFrom before the latest period', { validFrom: '2023-06-01', ownerMunicipalityNumbers: ['3427'], correctionReason: 'Feil' }, [{ field: ['input', 'validFrom'], code: 'CONFLICT' }]],
    ['a change back in time without a reason', { validFrom: '2026-02-01', ownerMunicipalityNumbers: ['3427', '3429'] }, [{ field: ['input', 'correctionReason'], code: 'INVALID' }]],
    ['an unknown municipality', { validFrom: '2027-01-01', ownerMunicipalityNumbers: ['3427', '9999', '3429'] }, [{ field: ['input', 'ownerMunicipalityNumbers', '1'], code: 'NOT_FOUND' }]],
    [
      'several problems at once',
      { validFrom: '2020-01-01', ownerMunicipalityNumbers: ['3429', '9998', '3429'] },
      [
        { field: ['input', 'ownerMunicipalityNumbers'], code: 'INVALID' },
        { field: ['input', 'ownerMunicipalityNumbers', '1'], code: 'NOT_FOUND' },
        { field: ['input', 'ownerMunicipalityNumbers'], code: 'INVALID' },
        { field: ['input', 'validFrom'], code: 'CONFLICT' },
        { field: ['input', 'correctionReason'], code: 'INVALID' },
      ],
    ],
  ];
  describe('rules, on a service whose owners changed on 2025-01-01 (PPT, host Tynset)', () => {
    beforeAll(async () => {
      const set = ok(
        await app.gql(SET_OWNERS, { input: { serviceId: ppt, validFrom: '2025-01-01', ownerMunicipalityNumbers: ['3427', '3428', '3429'], correctionReason: 'Etterregistrert' } }, admin),
      ).setServiceOwnership;
      expect(set.userErrors).toEqual([]);
    });
    it.each(failures)('rejects %s and changes nothing', async (_name, input, expected) => {
      const before = await tableFingerprint(app, TABLES);
      const payload = ok(await app.gql(SET_OWNERS, { input: { serviceId: ppt, ...input } }, admin)).setServiceOwnership;
      expect(payload.ownershipPeriod).toBeNull();
      expect(payload.userErrors.map(({ field, code }: any) => ({ field, code }))).toEqual(expected);
      expect(await tableFingerprint(app, TABLES)).toEqual(before);
      expect(await ownersOn(ppt, '2026-06-01')).toEqual(['3427', '3428', '3429']);
    });
  });

  it('takes a future change without a reason, and shows an ownership change to the auditor of every municipality it concerns', async () => {
    const nav = toGlobalId('SharedService', await serviceId(app, 'nav', 'nord-osterdal'));
    // Folldal leaves NAV from 2027: it concerns Folldal (it owned NAV before) and the others.
    const payload = ok(
      await app.gql(SET_OWNERS, { input: { serviceId: nav, validFrom: '2027-01-01', ownerMunicipalityNumbers: ['3424', '3426', '3427', '3428'], note: 'Folldal går ut av NAV' } }, admin),
    ).setServiceOwnership;
    expect(payload.userErrors).toEqual([]);
    const seen = async (municipality: string) =>
      ok(await app.gql(AUDIT, { entity: 'OwnershipPeriod' }, await app.token(Role.AUDITOR, { municipality }))).auditRecords.nodes.filter((n: any) => n.entityId === payload.ownershipPeriod.id);
    expect(await seen('3429')).toEqual([expect.objectContaining({ operation: 'setServiceOwnership', after: expect.objectContaining({ note: 'Folldal går ut av NAV' }) })]);
    expect(await seen('3424')).toHaveLength(1);
    // Valdres's auditor sees nothing of it.
    expect(await seen('3449')).toEqual([]);
    // The same in row-level security alone, as the API role with an auditor's context.
    const periodId = Buffer.from(payload.ownershipPeriod.id, 'base64url').toString('utf8').split(':')[1];
    const visibleTo = async (number: string) => {
      const m = (await app.owner.query(`SELECT id, region_id FROM municipality WHERE number = $1`, [number])).rows[0];
      return app.appDataSource.transaction(async (em) => {
        await em.query(`SELECT set_config('app.role', 'AUDITOR', true), set_config('app.region_id', $1, true), set_config('app.municipality_id', $2, true)`, [m.region_id, m.id]);
        return (await em.query(`SELECT count(*)::int AS n FROM audit_record WHERE entity_id = $1`, [periodId]))[0].n;
      });
    };
    expect([await visibleTo('3429'), await visibleTo('3449')]).toEqual([1, 0]);
  });

  it('rejects malformed owner lists with BAD_USER_INPUT', async () => {
    for (const [numbers, rule] of [
      [[], 'arrayMinSize'],
      [['12'], 'matches'],
    ] as const) {
      const res = await app.gql(SET_OWNERS, { input: { serviceId: barnevern, validFrom: '2026-01-01', ownerMunicipalityNumbers: numbers } }, admin);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', validationErrors: [expect.objectContaining({ field: 'input.ownerMunicipalityNumbers', rule })] });
    }
  });

  it('refuses ownership changes to every role but REGION_ADMIN', async () => {
    const before = await tableFingerprint(app, TABLES);
    for (const [role, scope] of [
      [Role.SERVICE_LEADER, { service: 'barnevern' }],
      [Role.HOST_FINANCE, { service: 'barnevern' }],
      [Role.MUNICIPAL_DIRECTOR, { municipality: '3427' }],
      [Role.AUDITOR, { municipality: '3427' }],
    ] as const) {
      const res = await app.gql(SET_OWNERS, { input: { serviceId: barnevern, validFrom: '2027-01-01', ownerMunicipalityNumbers: ['3427'] } }, await app.token(role, scope));
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await app.gql(SET_OWNERS, { input: { serviceId: barnevern, validFrom: '2027-01-01', ownerMunicipalityNumbers: ['3427'] } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await tableFingerprint(app, TABLES)).toEqual(before);
  });
});
