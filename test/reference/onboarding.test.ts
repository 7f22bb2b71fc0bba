import { KLASS_131_SAMPLE_VERSIONS } from '../../src/seed/reference/klass-131-sample';
import { Role } from '../../src/auth/roles';
import { importLedger, ledgerCsv, mutate, refused } from '../costs/fixtures';
import { asApiRole, baseUrl, scalar, tableFingerprint } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * Issue 19, onboarding: a region created and run through the API alone. An OPERATOR (no region)
 * creates `tromso`, adds Tromsø (5501) and a neighbour by kommunenummer (validated against SSB's
 * KLASS 131 as of today), grants the region's first REGION_ADMIN; that admin sets up a service,
 * its owners, an agreement and units; the host's finance publishes the first cost report. Bad
 * input changes nothing; RLS alone keeps the OPERATOR out of tenant content.
 */
let app: TestApp;
let operator: string;
beforeAll(async () => {
  app = await startTestApp();
  operator = await app.token(Role.OPERATOR, { sub: 'operator-1' });
});
afterAll(() => app.close());

const REGION_FIELDS = 'region { id code name municipalities { number name } admins { subject displayName } }';
const ONBOARDING_TABLES = ['region', 'municipality', 'person', 'role_assignment', 'audit_record', 'shared_service'];

async function createRegion(code: string, name: string) {
  return (await mutate(app, operator, 'createRegion', { code, name }, REGION_FIELDS)).region;
}

describe('onboarding a region through the API alone', () => {
  it('creates tromso with Tromsø and a neighbour, grants its admin, and that admin gets to a first published cost report', async () => {
    // OPERATOR: the region, its municipalities (names from the classification), its first admin.
    const region = await createRegion('tromso', 'Tromsø-regionen');
    expect(region).toMatchObject({ code: 'tromso', name: 'Tromsø-regionen', municipalities: [], admins: [] });
    const tromso = await mutate(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '5501' }, 'municipality { number name } region { code }');
    expect(tromso).toMatchObject({ municipality: { number: '5501', name: 'Tromsø' }, region: { code: 'tromso' } });
    await mutate(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '5534' }, 'municipality { number }');
    // The same request twice: the second is a CONFLICT, nothing added.
    expect(await refused(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '5501' })).toEqual([
      { field: ['input', 'number'], code: 'CONFLICT', message: '5501 Tromsø is already in the region Tromsø-regionen.' },
    ]);
    const granted = await mutate(
      app,
      operator,
      'grantRegionAdmin',
      { regionId: region.id, subject: 'tromso-admin', displayName: 'Regionadmin Tromsø' },
      `person { subject displayName } ${REGION_FIELDS}`,
    );
    expect(granted.person).toEqual({ subject: 'tromso-admin', displayName: 'Regionadmin Tromsø' });
    expect(granted.region.municipalities).toEqual([
      { number: '5501', name: 'Tromsø' },
      { number: '5534', name: 'Karlsøy' },
    ]);
    expect(granted.region.admins).toEqual([{ subject: 'tromso-admin', displayName: 'Regionadmin Tromsø' }]);
    // The operator's view: the region, its municipalities and admins, nothing else of it.
    const view = ok(await app.gql(`{ regions { code municipalities { number } admins { subject } sharedServices { code } } }`, {}, operator));
    expect(view.regions.find((r: any) => r.code === 'tromso')).toEqual({
      code: 'tromso',
      municipalities: [{ number: '5501' }, { number: '5534' }],
      admins: [{ subject: 'tromso-admin' }],
      sharedServices: [],
    });
    expect(view.regions.find((r: any) => r.code === 'nord-osterdal').sharedServices).toEqual([]);
    // Every step is in the region's audit trail, by the operator.
    const trail = (await app.owner.query(`SELECT operation, actor, actor_role FROM audit_record WHERE region_id = (SELECT id FROM region WHERE code = 'tromso') ORDER BY at, operation`)).rows;
    expect(trail).toEqual(
      expect.arrayContaining([
        { operation: 'createRegion', actor: 'operator-1', actor_role: 'OPERATOR' },
        { operation: 'addRegionMunicipality', actor: 'operator-1', actor_role: 'OPERATOR' },
        { operation: 'grantRegionAdmin', actor: 'operator-1', actor_role: 'OPERATOR' },
      ]),
    );

    // REGION_ADMIN of tromso (the person just granted): service, owners, units, population, categories.
    const admin = await app.token(Role.REGION_ADMIN, { sub: 'tromso-admin', region: 'tromso' });
    const service = (
      await mutate(
        app,
        admin,
        'createSharedService',
        { code: 'barnevern', name: 'Barnevernet i Tromsø og Karlsøy', kind: 'BARNEVERN', hostMunicipalityNumber: '5501' },
        'sharedService { id code host { number } }',
      )
    ).sharedService;
    expect(service).toMatchObject({ code: 'barnevern', host: { number: '5501' } });
    await mutate(
      app,
      admin,
      'setServiceOwnership',
      { serviceId: service.id, validFrom: '2024-01-01', ownerMunicipalityNumbers: ['5501', '5534'], note: 'Samarbeidsavtale', correctionReason: 'Avtalen gjelder fra 2024' },
      'ownershipPeriod { id }',
    );
    const school = await mutate(
      app,
      admin,
      'createUnit',
      { municipalityNumber: '5534', code: 'karlsoy-skole', name: 'Karlsøy skole', kind: 'SCHOOL', size: 120 },
      'unit { code municipality { number } }',
    );
    expect(school.unit).toEqual({ code: 'karlsoy-skole', municipality: { number: '5534' } });
    await mutate(app, admin, 'createUnit', { municipalityNumber: '5501', code: 'tromsdalen-skole', name: 'Tromsdalen skole', kind: 'SCHOOL', size: 400 }, 'unit { code }');
    // Residents aged 0–17 (illustrative figures) for the population part of the key.
    const population = await fetch(`${baseUrl(app)}/imports/population`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}` },
      body: 'kommunenummer,year,aged_0_17\n5501,2024,15000\n5534,2024,400\n',
    });
    expect([population.status, ((await population.json()) as any).inserted]).toEqual([200, 2]);
    const category = async (code: string, funksjon: string, position: number) =>
      (await mutate(app, admin, 'createCostCategory', { code, name: `Kategori ${code}`, position, accounts: [{ funksjon, artFrom: '010', artTo: '899' }] }, 'category { id }')).category.id;
    const shared = await category('felles', '244', 1);
    const direct = await category('tiltak', '252', 2);

    // HOST_FINANCE of the service: the agreement, the ledger, the first report, published.
    const finance = await app.token(Role.HOST_FINANCE, { sub: 'tromso-okonomi', region: 'tromso', service: 'barnevern' });
    await mutate(
      app,
      finance,
      'setCostAgreement',
      { serviceId: service.id, validFrom: '2024-01-01', equalShareBp: 4000, populationShareBp: 6000, directCategoryIds: [direct], correctionReason: 'Avtalen gjelder fra 2024' },
      'agreement { id }',
    );
    await mutate(app, finance, 'setCostBudget', { serviceId: service.id, categoryId: shared, year: 2024, amountOre: '120000000' }, 'budget { id }');
    const ledger = await importLedger(
      app,
      finance,
      ledgerCsv([
        { voucher: 'T-1', date: '2024-01-10', funksjon: '244', ore: 500_000_00 },
        { voucher: 'T-2', date: '2024-01-20', funksjon: '252', ore: 40_000_00, kommunenummer: '5534' },
      ]),
    );
    expect([ledger.status, ledger.body.inserted]).toEqual([200, 2]);
    const prepared = await mutate(app, finance, 'prepareCostReport', { serviceId: service.id, period: '2024-01' }, 'report { id status }');
    expect(prepared.report.status).toBe('DRAFT');
    const published = await mutate(
      app,
      finance,
      'publishCostReport',
      { reportId: prepared.report.id },
      'report { id status lines { municipality { number } category { code } actualYtdOre } }',
      'CostReportIdInput',
    );
    expect(published.report.status).toBe('PUBLISHED');
    const total = published.report.lines.find((l: any) => l.municipality === null && l.category === null);
    expect(BigInt(total.actualYtdOre)).toBe(540_000_00n);
    const karlsoyDirect = published.report.lines.find((l: any) => l.municipality?.number === '5534' && l.category?.code === 'tiltak');
    expect(BigInt(karlsoyDirect.actualYtdOre)).toBe(40_000_00n);

    // The new region is its own tenant: Nord-Østerdal's admin sees none of it.
    const other = ok(await app.gql(`{ municipalities { number } }`, {}, await app.token(Role.REGION_ADMIN)));
    expect(other.municipalities.map((m: any) => m.number)).not.toContain('5501');
  });

  it('refuses a number that is not valid today, naming the valid alternatives, and changes nothing', async () => {
    const region = await createRegion('onb-numbers', 'Nummertest');
    const before = await tableFingerprint(app, ONBOARDING_TABLES);
    // 5401 was Tromsø 2020–2023; 1902 before 2020: neither is valid today.
    for (const number of ['5401', '1902']) {
      const errors = await refused(app, operator, 'addRegionMunicipality', { regionId: region.id, number });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ field: ['input', 'number'], code: 'NOT_FOUND' });
      expect(errors[0].message).toContain(`${number} is not a kommunenummer valid today`);
      expect(errors[0].message).toContain('5501 Tromsø');
    }
    const unknown = await refused(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '0000' });
    expect(unknown).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'number'] })]);
    expect(unknown[0].message).not.toContain('alternatives');
    // 9999 "Uoppgitt" is in KLASS but is not a municipality.
    expect(await refused(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '9999' })).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    // Not four digits: a top-level BAD_USER_INPUT before anything runs.
    const shape = await app.gql(`mutation { addRegionMunicipality(input: { regionId: "${region.id}", number: "54O1" }) { userErrors { code } } }`, {}, operator);
    expect(shape.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await tableFingerprint(app, ONBOARDING_TABLES)).toEqual(before);
  });

  it('refuses a municipality already in a region, a duplicate region code, a second grant of the same admin, an unknown region', async () => {
    const region = await createRegion('onb-dupes', 'Duplikattest');
    const before = await tableFingerprint(app, ONBOARDING_TABLES);
    const taken = await refused(app, operator, 'addRegionMunicipality', { regionId: region.id, number: '3429' });
    expect(taken).toEqual([{ field: ['input', 'number'], code: 'CONFLICT', message: '3429 Folldal is already in the region Nord-Østerdal.' }]);
    expect(await refused(app, operator, 'createRegion', { code: 'nord-osterdal', name: 'Another' })).toEqual([
      { field: ['input', 'code'], code: 'CONFLICT', message: 'A region with code "nord-osterdal" already exists.' },
    ]);
    const ghost = Buffer.from('Region:00000000-0000-4000-8000-000000000000').toString('base64url');
    expect(await refused(app, operator, 'addRegionMunicipality', { regionId: ghost, number: '5536' })).toEqual([{ field: ['input', 'regionId'], code: 'NOT_FOUND', message: 'No such region.' }]);
    expect(await refused(app, operator, 'grantRegionAdmin', { regionId: ghost, subject: 'x', displayName: 'X' })).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect(await tableFingerprint(app, ONBOARDING_TABLES)).toEqual(before);

    await mutate(app, operator, 'grantRegionAdmin', { regionId: region.id, subject: 'dupe-admin', displayName: 'Første' }, 'person { subject }');
    const after = await tableFingerprint(app, ONBOARDING_TABLES);
    expect(await refused(app, operator, 'grantRegionAdmin', { regionId: region.id, subject: 'dupe-admin', displayName: 'Igjen' })).toEqual([
      expect.objectContaining({ field: ['input', 'subject'], code: 'CONFLICT' }),
    ]);
    // A person of the region with other roles (invisible to the operator) is not taken over.
    const nord = await scalar(app, `SELECT id FROM region WHERE code = 'nord-osterdal'`);
    const someone = await scalar(
      app,
      `SELECT p.subject FROM person p WHERE p.region_id = $1 AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id AND r.role = 'REGION_ADMIN') LIMIT 1`,
      [nord],
    );
    const nordGid = Buffer.from(`Region:${nord}`).toString('base64url');
    expect(await refused(app, operator, 'grantRegionAdmin', { regionId: nordGid, subject: someone, displayName: 'Overtatt' })).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect(await tableFingerprint(app, ONBOARDING_TABLES)).toEqual(after);
  });

  it('lets no other role onboard: FORBIDDEN before anything is written', async () => {
    const before = await tableFingerprint(app, ONBOARDING_TABLES);
    const admin = await app.token(Role.REGION_ADMIN);
    const nord = Buffer.from(`Region:${await scalar(app, `SELECT id FROM region WHERE code = 'nord-osterdal'`)}`).toString('base64url');
    for (const token of [admin, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' })]) {
      for (const [name, input] of [
        ['createRegion', { code: 'sneaky', name: 'Sneaky' }],
        ['addRegionMunicipality', { regionId: nord, number: '5536' }],
        ['grantRegionAdmin', { regionId: nord, subject: 'sneaky', displayName: 'Sneaky' }],
      ] as const) {
        const res = await app.gql(`mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { userErrors { code } } }`, { input }, token);
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
    const anonymous = await app.gql(`mutation { createRegion(input: { code: "anon", name: "Anon" }) { userErrors { code } } }`, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(`{ regions { code } }`, {}, admin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An operator creates no service: that is the region admin's.
    const op = await app.gql(`mutation { createSharedService(input: { code: "x-x", name: "X", kind: OTHER, hostMunicipalityNumber: "3429" }) { userErrors { code } } }`, {}, operator);
    expect(op.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await tableFingerprint(app, ONBOARDING_TABLES)).toEqual(before);
  });
});

describe('RLS alone keeps the OPERATOR to regions, municipalities and region admins', () => {
  const OPERATOR_CONTEXT = { role: 'OPERATOR', region_id: '', municipality_id: '', service_id: '', unit_id: '' };

  it('shows no service, ownership, unit, plan, forum, cost or statistics row, and no person who is not a region admin', async () => {
    const tables = [
      'shared_service',
      'ownership_period',
      'ownership_period_owner',
      'unit',
      'municipality_population',
      'strategic_plan',
      'plan_version',
      'forum',
      'forum_kind',
      'forum_meeting',
      'cost_category',
      'cost_agreement',
      'cost_report',
      'ledger_entry',
      'statistics_metric',
      'audit_record',
    ];
    const existing = (await app.owner.query(`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname = ANY ($1)`, [tables])).rows.map(
      (r: any) => r.relname,
    );
    expect(existing.length).toBeGreaterThanOrEqual(10);
    for (const table of existing) {
      const owned = Number(await scalar(app, `SELECT count(*) FROM ${table}`));
      const seen = await asApiRole(app, OPERATOR_CONTEXT, async (q) => Number((await q(`SELECT count(*) AS n FROM ${table}`))[0].n));
      expect({ table, seen, some: owned > 0 || table === 'audit_record' }).toEqual({ table, seen: 0, some: true });
    }
    const region = await createRegion('onb-rls', 'RLS-test');
    await mutate(app, operator, 'grantRegionAdmin', { regionId: region.id, subject: 'rls-admin', displayName: 'RLS Admin' }, 'person { subject }');
    const admins = Number(await scalar(app, `SELECT count(DISTINCT person_id) FROM role_assignment WHERE role = 'REGION_ADMIN'`));
    expect(admins).toBeGreaterThan(0);
    const people = Number(await scalar(app, `SELECT count(*) FROM person`));
    expect(people).toBeGreaterThan(admins);
    await asApiRole(app, OPERATOR_CONTEXT, async (q) => {
      expect(Number((await q(`SELECT count(*) AS n FROM person`))[0].n)).toBe(admins);
      expect((await q(`SELECT DISTINCT role FROM role_assignment`)).map((r: any) => r.role)).toEqual(['REGION_ADMIN']);
      expect(Number((await q(`SELECT count(*) AS n FROM region`))[0].n)).toBe(Number(await scalar(app, `SELECT count(*) FROM region`)));
      expect(Number((await q(`SELECT count(*) AS n FROM municipality`))[0].n)).toBe(Number(await scalar(app, `SELECT count(*) FROM municipality`)));
    });
  });

  it('lets the OPERATOR write no tenant row and grant no role but REGION_ADMIN; lets no other role write a region or the classification', async () => {
    const nord = await scalar(app, `SELECT id FROM region WHERE code = 'nord-osterdal'`);
    const folldal = await scalar(app, `SELECT id FROM municipality WHERE number = '3429'`);
    const attempt = (settings: Record<string, string>, sql: string, params: unknown[] = []) =>
      asApiRole(app, settings, async (q) => {
        try {
          await q(sql, params);
          return 'written';
        } catch (error) {
          return (error as Error).message.includes('row-level security') || (error as Error).message.includes('permission denied') ? 'refused' : (error as Error).message;
        }
      });
    expect(await attempt(OPERATOR_CONTEXT, `INSERT INTO shared_service (region_id, code, name, kind, host_municipality_id) VALUES ($1, 'op-x', 'X', 'OTHER', $2)`, [nord, folldal])).toBe('refused');
    expect(await attempt(OPERATOR_CONTEXT, `UPDATE municipality SET name = 'Renamed' WHERE number = '3429'`)).toBe('written'); // no UPDATE policy: zero rows, nothing changed
    expect(await scalar(app, `SELECT name FROM municipality WHERE number = '3429'`)).toBe('Folldal');
    const someone = await scalar(app, `SELECT id FROM person WHERE region_id = $1 LIMIT 1`, [nord]);
    expect(await attempt(OPERATOR_CONTEXT, `INSERT INTO role_assignment (region_id, person_id, role, municipality_id) VALUES ($1, $2, 'MUNICIPAL_DIRECTOR', $3)`, [nord, someone, folldal])).toBe(
      'refused',
    );
    expect(await attempt(OPERATOR_CONTEXT, `INSERT INTO municipality_classification_item (valid_from, code, name) VALUES ('2024-01-01', '0001', 'Ny')`)).toBe('written');
    const admin = { role: 'REGION_ADMIN', region_id: nord, municipality_id: '', service_id: '', unit_id: '' };
    expect(await attempt(admin, `INSERT INTO region (code, name) VALUES ('admin-made', 'X')`)).toBe('refused');
    expect(await attempt(admin, `INSERT INTO municipality_classification_item (valid_from, code, name) VALUES ('2024-01-01', '0001', 'Ny')`)).toBe('refused');
    // Every request reads the classification (public data), PUBLIC included; no context, no rows.
    const count = (settings: Record<string, string>) =>
      asApiRole(app, settings, async (q) => Number((await q(`SELECT count(*) AS n FROM municipality_classification_item WHERE valid_from = '2024-01-01'`))[0].n));
    const held = KLASS_131_SAMPLE_VERSIONS[2024].classificationItems.length;
    expect(await count({ role: 'PUBLIC' })).toBe(held);
    expect(await count({ role: 'TST_MEMBER' })).toBe(held);
    expect(await count({})).toBe(0);
  });
});
