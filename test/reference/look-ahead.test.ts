import { Role } from '../../src/auth/roles';
import { isoDate } from '../../src/services/dates';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * `sharedServices { owners { units } }` reads the services, their owners today and the owners'
 * units in one wave (src/schema/look-ahead.ts, listSharedServices): the same answer as the field
 * resolvers give one level at a time, in fewer statements.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const today = isoDate(new Date());
const shape = (owners: string, units: string) => `{ sharedServices { name host { name } ${owners} { number name ${units} { totalCount nodes { name kind size } } } } }`;

async function run(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await app.gql(query, variables, token);
  ok(res);
  return { data: res.data as any, statements: (res.extensions as any).sqlStatements as number };
}

it('answers owners and their units read ahead exactly as level by level, in one wave instead of three', async () => {
  for (const token of [undefined, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }), await app.token(Role.REGION_ADMIN, { region: 'valdres' })]) {
    const ahead = await run(shape('owners', 'units(first: 5)'), {}, token);
    // `owners(on: today)` names the date, so nothing is read ahead: the level-by-level answer.
    const levels = await run(shape(`owners(on: "${today}")`, 'units(first: 5)'), {}, token);
    expect(ahead.data).toEqual(levels.data);
    expect(ahead.data.sharedServices.length).toBeGreaterThan(0);
    expect(ahead.statements).toBe(levels.statements - 2);
  }
});

it('reads ahead the page the client asked for (first and after), and nothing under @include or @skip', async () => {
  const token = await app.token(Role.REGION_ADMIN);
  const first = await run(`{ sharedServices { owners { units(first: 2) { edges { cursor } } } } }`, {}, token);
  const after = first.data.sharedServices[0].owners[0].units.edges[1].cursor as string;
  const page = await run(`query($after: String) { sharedServices { owners { number units(first: 2, after: $after) { totalCount nodes { name } } } } }`, { after }, token);
  const levels = await run(`query($after: String) { sharedServices { owners(on: "${today}") { number units(first: 2, after: $after) { totalCount nodes { name } } } } }`, { after }, token);
  expect(page.data).toEqual(levels.data);
  expect(page.statements).toBe(levels.statements - 2);
  const conditional = await run(`query($with: Boolean!) { sharedServices { owners @include(if: $with) { number units(first: 2) { totalCount } } } }`, { with: true }, token);
  const plain = await run(`{ sharedServices { owners(on: "${today}") { number units(first: 2) { totalCount } } } }`, {}, token);
  expect(conditional.data).toEqual(plain.data);
  expect(conditional.statements).toBe(plain.statements);
});
