import { Role } from '../../src/auth/roles';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('reference data of a region', () => {
  it('lists the five Nord-Østerdal municipalities with their kommunenummer to a municipal director', async () => {
    const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
    const data = ok(await app.gql(`{ viewer { role municipality { name } } municipalities { number name } }`, {}, token));
    expect(data.viewer).toEqual({ role: 'MUNICIPAL_DIRECTOR', municipality: { name: 'Folldal' } });
    expect(data.municipalities).toEqual([
      { number: '3424', name: 'Rendalen' },
      { number: '3426', name: 'Tolga' },
      { number: '3427', name: 'Tynset' },
      { number: '3428', name: 'Alvdal' },
      { number: '3429', name: 'Folldal' },
    ]);
  });

  it('shows barnevern, PPT and NAV hosted by Tynset and owned by all five', async () => {
    const token = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
    const data = ok(await app.gql(`{ sharedServices { kind host { number } owners { number } ownershipPeriods { validFrom validTo } } }`, {}, token));
    expect(data.sharedServices.map((s: any) => s.kind).sort()).toEqual(['BARNEVERN', 'NAV', 'PPT']);
    for (const s of data.sharedServices) {
      expect(s.host.number).toBe('3427');
      expect(s.owners.map((o: any) => o.number)).toEqual(['3424', '3426', '3427', '3428', '3429']);
      expect(s.ownershipPeriods).toEqual([{ validFrom: '2022-01-01', validTo: null }]);
    }
  });

  it('pages units with first/after and a total count', async () => {
    const token = await app.token(Role.REGION_ADMIN);
    const first = ok(await app.gql(`{ units(municipalityNumber: "3427", first: 4) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`, {}, token));
    expect(first.units.totalCount).toBe(9);
    expect(first.units.nodes).toHaveLength(4);
    expect(first.units.pageInfo.hasNextPage).toBe(true);
    const rest = ok(
      await app.gql(
        `query($after: String) { units(municipalityNumber: "3427", first: 10, after: $after) { pageInfo { hasNextPage hasPreviousPage } nodes { name } } }`,
        { after: first.units.pageInfo.endCursor },
        token,
      ),
    );
    expect(rest.units.nodes).toHaveLength(5);
    expect(rest.units.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const names = [...first.units.nodes, ...rest.units.nodes].map((u: any) => u.name);
    expect(new Set(names).size).toBe(9);
  });

  it('sorts names the Norwegian way (Æ, Ø, Å after Z)', async () => {
    const data = ok(await app.gql(`{ municipality(number: "3424") { units { nodes { name } } } }`));
    expect(data.municipality.units.nodes.map((u: any) => u.name)).toEqual(['Øvre Rendal barnehage', 'Øvre Rendal skole', 'Åkrestrømmen barnehage', 'Åkrestrømmen skole']);
  });

  it('lets PUBLIC read reference data of a named region but not who is signed in', async () => {
    const data = ok(await app.gql(`{ viewer { role region { name } } region(code: "valdres") { name municipalities { number } } }`));
    expect(data.viewer).toEqual({ role: 'PUBLIC', region: null });
    expect(data.region).toEqual({ name: 'Valdres', municipalities: [{ number: '3449' }, { number: '3450' }, { number: '3451' }] });
  });

  it('keeps leading zeros in kommunenummer and rejects malformed numbers with a field and rule', async () => {
    const token = await app.token(Role.REGION_ADMIN);
    const res = await app.gql(`{ municipality(number: "301") { name } }`, {}, token);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number', rule: 'pattern' });
    expect(res.status).toBe(200);
  });
});
