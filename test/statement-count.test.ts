import { Role } from '../src/auth/roles';
import { regionId } from './helpers/fixtures';
import { ok, startTestApp, TestApp } from './helpers/test-app';

/**
 * N+1 guard: the number of SQL statements a request sends depends on the query's shape, never on
 * how many rows it returns. Measured with 5 municipalities, then again with 50.
 */
let app: TestApp;
let admin: string;
beforeAll(async () => {
  // Default limits on purpose: the brief's nested dashboard query must pass them as it is.
  app = await startTestApp();
  admin = await app.token(Role.REGION_ADMIN);
});
afterAll(() => app.close());

const QUERIES = {
  services: `{ sharedServices { name owners { number name units(first: 50) { nodes { name municipality { name } } } } ownershipPeriods { owners { number } } } }`,
  municipalities: `{ municipalities { populations { year } units { nodes { name } } region { name } } }`,
};

async function measure(query: string) {
  const res = await app.gql(query, {}, admin);
  const data = ok(res);
  expect(typeof res.extensions?.sqlStatements).toBe('number');
  return { statements: res.extensions!.sqlStatements!, data };
}

/** 45 more Nord-Østerdal municipalities, each with two units and a population, owning every service. */
async function growTo50() {
  const region = await regionId(app, 'nord-osterdal');
  await app.owner.query('BEGIN');
  try {
    for (let i = 0; i < 45; i++) {
      const number = String(5101 + i);
      const {
        rows: [m],
      } = await app.owner.query(`INSERT INTO municipality (region_id, number, name) VALUES ($1, $2, $3) RETURNING id`, [region, number, `Testkommune ${number}`]);
      await app.owner.query(`INSERT INTO municipality_population (region_id, municipality_id, year, aged_0_17) VALUES ($1, $2, 2024, 100)`, [region, m.id]);
      for (const kind of ['SCHOOL', 'KINDERGARTEN']) {
        await app.owner.query(`INSERT INTO unit (region_id, municipality_id, code, name, kind, size) VALUES ($1, $2, $3, $4, $5, 10)`, [
          region,
          m.id,
          `t${number}-${kind.toLowerCase()}`,
          `${kind} ${number}`,
          kind,
        ]);
      }
      await app.owner.query(
        `INSERT INTO ownership_period_owner (region_id, period_id, municipality_id)
         SELECT $1, p.id, $2 FROM ownership_period p JOIN shared_service s ON s.id = p.service_id WHERE s.region_id = $1 AND p.valid_to IS NULL`,
        [region, m.id],
      );
    }
    await app.owner.query('COMMIT');
  } catch (e) {
    await app.owner.query('ROLLBACK');
    throw e;
  }
}

it('uses the same number of statements for 5 and for 50 municipalities', async () => {
  const small = { services: await measure(QUERIES.services), municipalities: await measure(QUERIES.municipalities) };
  expect(small.services.data.sharedServices).toHaveLength(3);
  expect(small.services.data.sharedServices[0].owners).toHaveLength(5);
  expect(small.municipalities.data.municipalities).toHaveLength(5);

  await growTo50();

  const large = { services: await measure(QUERIES.services), municipalities: await measure(QUERIES.municipalities) };
  // The data really grew (so equal counts mean batching, not an empty result).
  for (const s of large.services.data.sharedServices) {
    expect(s.owners).toHaveLength(50);
    expect(s.ownershipPeriods[0].owners).toHaveLength(50);
    expect(s.owners.every((o: any) => o.units.nodes.every((u: any) => u.municipality.name === o.name))).toBe(true);
  }
  expect(large.municipalities.data.municipalities).toHaveLength(50);
  expect(large.municipalities.data.municipalities.filter((m: any) => m.populations.length === 1 && m.units.nodes.length === 2)).toHaveLength(45);

  expect(large.services.statements).toBe(small.services.statements);
  expect(large.municipalities.statements).toBe(small.municipalities.statements);
  // And the shape-dependent count stays small: one batched statement per relation level, plus the
  // transaction and tenant-context statements.
  expect(small.services.statements).toBeLessThanOrEqual(12);
  expect(small.municipalities.statements).toBeLessThanOrEqual(8);
});
