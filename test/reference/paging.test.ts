import { Role } from '../../src/auth/roles';
import { regionId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * Municipality.units pages in SQL per municipality (a window per parent): every municipality of a
 * response gets its own page and total, cursors continue where they left off, and the statement
 * count does not depend on how many units there are.
 */
let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
  // Folldal gets 250 more units (names sort after the seeded ones: "Ø…").
  const region = await regionId(app, 'nord-osterdal');
  await app.owner.query(
    `INSERT INTO unit (region_id, municipality_id, code, name, kind, size)
     SELECT $1, m.id, 'ekstra-' || i, 'Øvre enhet ' || lpad(i::text, 3, '0'), 'OTHER', i FROM municipality m, generate_series(1, 250) i WHERE m.number = '3429'`,
    [region],
  );
});
afterAll(() => app.close());

const PAGE = `query($after: String) { municipalities { number units(first: 3, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { name } } } }`;
const expected = async (number: string) =>
  (await app.owner.query(`SELECT u.name FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE m.number = $1 ORDER BY u.name COLLATE "nb-NO-x-icu", u.id`, [number])).rows.map(
    (r) => r.name,
  );

it('gives each municipality its own page, total and cursor', async () => {
  const first = await app.gql(PAGE, {}, admin);
  const byNumber = new Map<string, any>(ok(first).municipalities.map((m: any) => [m.number, m.units]));
  for (const number of ['3424', '3426', '3427', '3428', '3429']) {
    const all = await expected(number);
    const units = byNumber.get(number);
    expect([number, units.totalCount, units.nodes.map((n: any) => n.name)]).toEqual([number, all.length, all.slice(0, 3)]);
    expect(units.pageInfo).toMatchObject({ hasNextPage: all.length > 3, hasPreviousPage: false });
  }
  // The same cursor (offset 2) applied to every municipality: the next three of each, or none.
  const next = await app.gql(PAGE, { after: byNumber.get('3429').pageInfo.endCursor }, admin);
  for (const m of ok(next).municipalities) {
    const all = await expected(m.number);
    expect([m.number, m.units.nodes.map((n: any) => n.name), m.units.totalCount]).toEqual([m.number, all.slice(3, 6), all.length]);
  }
  expect(next.extensions?.sqlStatements).toBe(first.extensions?.sqlStatements);
});

it('returns the total for a page past the end, and pages deep into a long list', async () => {
  const all = await expected('3429');
  const cursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
  const deep = ok(await app.gql(`query($after: String) { municipality(number: "3429") { units(first: 5, after: $after) { totalCount nodes { name } } } }`, { after: cursor(199) }, admin));
  expect(deep.municipality.units).toEqual({ totalCount: all.length, nodes: all.slice(200, 205).map((name: string) => ({ name })) });
  const past = ok(
    await app.gql(`query($after: String) { municipality(number: "3429") { units(first: 5, after: $after) { totalCount nodes { name } pageInfo { hasNextPage } } } }`, { after: cursor(5000) }, admin),
  );
  expect(past.municipality.units).toEqual({ totalCount: all.length, nodes: [], pageInfo: { hasNextPage: false } });
});
